import EIDBiometrics
import Testing

/// Builds an ISO record for one finger with `count` minutiae spread over a 400 x 500 image.
func fingerprintRecord(_ position: FingerPosition, minutiae count: Int, minutiaQuality: UInt8 = 60,
                       fingerQuality: UInt8 = 70) -> [UInt8]
{
    var minutiae: [Minutia] = []
    for index in 0 ..< count {
        let x = UInt16(20 + (index * 37) % 360)
        let y = UInt16(20 + (index * 53) % 460)
        let type: MinutiaType = index.isMultiple(of: 2) ? .ridgeEnding : .bifurcation
        let angle = MinutiaAngle(isoUnits: UInt8(index * 29 % 256))
        minutiae.append(Minutia(type: type, x: x, y: y, angle: angle, quality: minutiaQuality))
    }
    let template = MinutiaeTemplate(imageWidth: 400, imageHeight: 500,
                                    views: [FingerView(position: position, fingerQuality: fingerQuality, minutiae: minutiae)])
    return try! template.isoRecord()
}

/// A unit-norm embedding of `length` values in the binary encoding.
func unitEmbedding(length: Int = 512) -> [UInt8] {
    FaceEmbedding(values: (0 ..< length).map { index in Float(index.isMultiple(of: 2) ? 1 : -1) / Float(length).squareRoot() })
        .float32LittleEndianBytes()
}

@Suite struct BiometricQualityGateTests {
    let gate = BiometricQualityGate()

    private func goodCapture() -> BiometricCapture {
        BiometricCapture(fingerprintTemplates: [fingerprintRecord(.rightIndex, minutiae: 30),
                                                fingerprintRecord(.leftIndex, minutiae: 25)],
                         portrait: PortraitFixtures.baselineJPEG, faceEmbedding: unitEmbedding())
    }

    @Test func acceptsAGoodCapture() throws {
        let assessment = gate.assess(goodCapture())
        #expect(assessment.issues.isEmpty)
        let accepted = try assessment.get()
        #expect(accepted.fingerprints.map { $0.views[0].position } == [.rightIndex, .leftIndex])
        #expect(accepted.portrait.format == .jpeg(.baseline))
        #expect(accepted.faceEmbedding.values.count == 512)
    }

    @Test func reportsEveryReasonAtOnce() {
        let capture = BiometricCapture(
            fingerprintTemplates: [fingerprintRecord(.leftIndex, minutiae: 7),
                                   fingerprintRecord(.rightThumb, minutiae: 30, fingerQuality: 30)],
            portrait: PortraitFixtures.narrowPNG,
            faceEmbedding: FaceEmbedding(values: [Float.nan] + Array(repeating: 0.05, count: 510)).float32LittleEndianBytes())
        let assessment = gate.assess(capture)
        #expect(!assessment.isAccepted)
        #expect(assessment.refusals.map(\.message) == [
            "left index finger: only 7 minutiae (need 12): recapture",
            "left index finger: only 7 minutiae of quality 40 or more (need 8): clean the finger and the sensor, then recapture",
            "right thumb: finger quality 30 (need 40): recapture with the finger pressed flat and centred",
            "fingerprints: no usable finger with a known position (need 2): capture another finger",
            "portrait: 479x640 pixels (need at least 480x640, width x height): retake the photo at a higher resolution, in portrait orientation",
            "face embedding: 511 values (need 512): re-run face capture with the face SDK model configured for this system",
            "face embedding: 1 value is not a finite number (first at index 0): re-run face capture",
        ])
        #expect(throws: QualityRefusal.self) { try assessment.get() }
        do {
            _ = try assessment.get()
        } catch {
            #expect(error.description.split(separator: "\n").count == 7)
        }
    }

    @Test func unreadableTemplateIsNamedByNumber() {
        let assessment = gate.assessFingerprints([fingerprintRecord(.rightIndex, minutiae: 20), Array("not a template".utf8)])
        #expect(assessment.refusals.map(\.reason) == [
            .unreadableTemplate(.badFormatIdentifier(Array("not ".utf8))),
            .tooFewDistinctFingers(usable: [.rightIndex], required: 2),
        ])
        #expect(assessment.refusals[0].message.hasPrefix("fingerprint 2: not a valid ISO/IEC 19794-2 or ANSI/INCITS 378 minutiae template (bad format identifier at offset 0"))
        #expect(assessment.refusals[1].message
            == "fingerprints: only 1 usable different finger (right index finger) (need 2): capture another finger")
    }

    @Test func sameFingerTwiceIsOneDistinctFinger() {
        let assessment = gate.assessFingerprints([fingerprintRecord(.rightIndex, minutiae: 20), fingerprintRecord(.rightIndex, minutiae: 40)])
        #expect(assessment.refusals.map(\.reason) == [.tooFewDistinctFingers(usable: [.rightIndex], required: 2)])
    }

    @Test func unknownPositionDoesNotCountAsADistinctFinger() {
        let assessment = gate.assessFingerprints([fingerprintRecord(.unknown, minutiae: 20), fingerprintRecord(.leftThumb, minutiae: 40)])
        #expect(assessment.refusals.map(\.reason) == [.tooFewDistinctFingers(usable: [.leftThumb], required: 2)])
    }

    @Test func noTemplatesAtAll() {
        let assessment = gate.assessFingerprints([[UInt8]]())
        #expect(assessment.refusals.map(\.message) == ["fingerprints: none submitted (need 2 different fingers): capture fingerprints"])
    }

    @Test func oneTemplateWithTwoFingersIsEnough() throws {
        let views = [FingerPosition.leftThumb, .rightThumb].map { position in
            FingerView(position: position, fingerQuality: 80, minutiae: (0 ..< 15).map {
                Minutia(type: .ridgeEnding, x: UInt16(10 * $0), y: UInt16(20 * $0), angle: MinutiaAngle(isoUnits: 3), quality: 90)
            })
        }
        let record = try MinutiaeTemplate(imageWidth: 400, imageHeight: 500, views: views).isoRecord()
        #expect(gate.assessFingerprints([record]).isAccepted)
        // A weak second impression is named by impression number.
        var weak = views
        weak[1].minutiae.removeLast(5)
        let weakRecord = try MinutiaeTemplate(imageWidth: 400, imageHeight: 500, views: weak).isoRecord()
        #expect(gate.assessFingerprints([weakRecord]).refusals.first?.message
            == "right thumb (impression 2 of 2): only 10 minutiae (need 12): recapture")
    }

    @Test func goodMinutiaeCountUsesTheQualityThreshold() {
        let lowQuality = fingerprintRecord(.rightIndex, minutiae: 30, minutiaQuality: 39)
        let assessment = gate.assessFingerprints([lowQuality, fingerprintRecord(.leftIndex, minutiae: 30)])
        #expect(assessment.refusals.first?.reason == .tooFewGoodMinutiae(count: 0, required: 8, minimumQuality: 40))
        let relaxed = BiometricQualityGate(policy: QualityPolicy(minimumGoodMinutiae: 0))
        #expect(relaxed.assessFingerprints([lowQuality, fingerprintRecord(.leftIndex, minutiae: 30)]).isAccepted)
    }

    @Test func portraitRules() {
        #expect(gate.assessPortrait(PortraitFixtures.png).isAccepted)
        #expect(gate.assessPortrait(PortraitFixtures.progressiveJPEG).isAccepted)

        let small = BiometricQualityGate(policy: QualityPolicy(maximumPortraitBytes: 40))
        #expect(small.assessPortrait(PortraitFixtures.baselineJPEG).refusals.map(\.reason) == [
            .portraitTooLarge(bytes: PortraitFixtures.baselineJPEG.count, maximum: 40),
        ])

        let cut = gate.assessPortrait(PortraitFixtures.baselineJPEG.dropLast(2))
        #expect(cut.refusals.map(\.message) == [
            "portrait: the JPEG (baseline) file ends without its end marker, so it was probably cut short: send the file again",
        ])

        let gif = gate.assessPortrait(Array("GIF89a".utf8) + [0, 0])
        #expect(gif.refusals.map(\.message) == ["portrait: the file is a GIF image, not JPEG or PNG: export the photo as JPEG or PNG and send it again"])
    }

    @Test func embeddingEncodings() throws {
        let binary = unitEmbedding(length: 4)
        let fromBinary = try FaceEmbedding(decoding: binary, encoding: .float32LittleEndian)
        #expect(fromBinary.values == [0.5, -0.5, 0.5, -0.5])
        #expect(binary == [0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x00, 0xBF, 0x00, 0x00, 0x00, 0x3F, 0x00, 0x00, 0x00, 0xBF])
        let fromJSON = try FaceEmbedding(decoding: Array(" [0.5, -0.5, 5e-1, -5E-1]\n".utf8), encoding: .jsonArray)
        #expect(fromJSON == fromBinary)

        #expect(throws: FaceEmbeddingError.byteCountNotMultipleOfFour(7)) {
            try FaceEmbedding(decoding: [UInt8](repeating: 0, count: 7), encoding: .float32LittleEndian)
        }
        #expect(throws: FaceEmbeddingError.empty) { try FaceEmbedding(decoding: [UInt8](), encoding: .float32LittleEndian) }
        #expect(throws: FaceEmbeddingError.empty) { try FaceEmbedding(decoding: Array("[]".utf8), encoding: .jsonArray) }
        #expect(throws: FaceEmbeddingError.invalidJSON("element [1] is not a number")) {
            try FaceEmbedding(decoding: Array("[1, \"x\"]".utf8), encoding: .jsonArray)
        }
        #expect(throws: FaceEmbeddingError.self) { try FaceEmbedding(decoding: Array("{\"a\": 1}".utf8), encoding: .jsonArray) }
    }

    @Test func embeddingRules() throws {
        let unit = try gate.assessFaceEmbedding(unitEmbedding(), encoding: .float32LittleEndian).get()
        #expect(abs(unit.l2Norm - 1) < 1e-6)

        // Infinity (and a float32 overflow from JSON) are not finite.
        var values = [Float](repeating: 0.04, count: 512)
        values[3] = .infinity
        values[9] = -.nan
        let nonFinite = gate.assess(FaceEmbedding(values: values))
        #expect(nonFinite.refusals.map(\.reason) == [.embeddingNotFinite(count: 2, firstIndex: 3)])
        let overflow = gate.assessFaceEmbedding(Array("[1e39]".utf8), encoding: .jsonArray)
        #expect(overflow.refusals.map(\.reason) == [.embeddingWrongLength(count: 1, expected: 512), .embeddingNotFinite(count: 1, firstIndex: 0)])

        let zero = gate.assess(FaceEmbedding(values: Array(repeating: 0, count: 512)))
        #expect(zero.refusals.map(\.message) == ["face embedding: all values are zero: re-run face capture"])

        // Norm 2: normalised and flagged by default, refused under the strict policy.
        let doubled = FaceEmbedding(values: try FaceEmbedding(decoding: unitEmbedding(), encoding: .float32LittleEndian).values.map { $0 * 2 })
        let flagged = gate.assess(doubled)
        #expect(flagged.isAccepted)
        #expect(flagged.warnings.map(\.message) == ["face embedding: L2 norm 2 was scaled to 1 (flagged; no action needed)"])
        #expect(abs(try flagged.get().l2Norm - 1) < 1e-6)
        let strict = BiometricQualityGate(policy: QualityPolicy(embeddingNormalisation: .refuse))
        #expect(strict.assess(doubled).refusals.map(\.message) == ["face embedding: L2 norm 2 (need 1 ± 0.01): re-run face capture"])

        // Within tolerance: accepted unchanged.
        let nearlyUnit = FaceEmbedding(values: doubled.values.map { $0 * 0.5025 })
        let near = gate.assess(nearlyUnit)
        #expect(near.issues.isEmpty)
        #expect(try near.get() == nearlyUnit)

        let unreadable = gate.assessFaceEmbedding([1, 2, 3], encoding: .float32LittleEndian)
        #expect(unreadable.refusals.map(\.message) == [
            "face embedding: the binary embedding has 3 bytes, not a whole number of 4-byte float32 values: re-run face capture",
        ])
    }

    @Test func configurableEmbeddingLength() {
        let gate128 = BiometricQualityGate(policy: QualityPolicy(embeddingLength: 128))
        #expect(gate128.assessFaceEmbedding(unitEmbedding(length: 128), encoding: .float32LittleEndian).isAccepted)
        #expect(!gate128.assessFaceEmbedding(unitEmbedding(length: 512), encoding: .float32LittleEndian).isAccepted)
    }
}
