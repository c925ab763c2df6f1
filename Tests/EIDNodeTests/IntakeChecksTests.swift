import Foundation
import Testing
import EIDCore
import EIDBiometrics
import EIDNode
import EIDSynthetic

/// The node's intake: every eligibility and biometric problem is reported at once.
@Suite struct IntakeChecksTests {
    let checks = IntakeChecks()

    /// The package of a synthetic applicant, as read from disk.
    func package(_ applicant: SyntheticApplicant, _ fixture: NodeFixture, name: String = "a") throws -> ApplicationPackage {
        try ApplicationPackage(folder: try fixture.write(applicant, as: name))
    }

    /// The reasons an application is refused for (fails the test if it is accepted).
    func refusal(_ package: ApplicationPackage) -> (codes: [String], biometrics: [String], text: String) {
        do {
            let accepted = try checks.check(package)
            Issue.record("accepted \(accepted.passportNumber), expected a refusal")
        } catch {
            if case .refused(let violations, let biometrics) = error {
                return (violations.map(\.code.rawValue), biometrics, error.description)
            }
            return ([], [], error.description)
        }
        return ([], [], "")
    }

    @Test func aSyntheticApplicantPassesAndKeepsItsLookupFields() throws {
        let fixture = try NodeFixture("intake-ok")
        defer { fixture.remove() }
        let (_, applicant) = fixture.adult()
        let checked = try checks.check(try package(applicant, fixture))
        #expect(checked.passportNumber == applicant.application.passport.number)
        #expect(checked.fullName == applicant.application.applicant.name.fullName)
        #expect(checked.level == 2)
        #expect(checked.payload.fingerprintTemplates == applicant.fingerprintTemplates.map(\.bytes))
        #expect(checked.payload.portrait == applicant.portraitPNG)
        #expect(checked.payload.portraitFormat == .png)
        #expect(checked.payload.faceEmbedding == applicant.faceEmbedding)
        #expect(checked.warnings.isEmpty)
    }

    @Test func everyFailedRuleIsReported() throws {
        let fixture = try NodeFixture("intake-rules")
        defer { fixture.remove() }
        let applicant = fixture.adult().applicant.with { application in
            application.passport.dateOfExpiry = try! CivilDate(iso: "2026-06-30")
            application.email = "not-an-email"
            application.applicant.nationality = "VNM"
            application.mobileNumber = "+1 555 0100"
            application.residenceCard.number = "bad-number"
        }
        let refused = refusal(try package(applicant, fixture))
        for code in ["passport.expired", "email.invalid", "nationality.vietnamese", "mobile.not_vietnamese",
                     "residence_card.number_invalid"] {
            #expect(refused.codes.contains(code), "missing \(code) in \(refused.codes)")
        }
        #expect(refused.biometrics.isEmpty)
        #expect(refused.text.contains("5 eligibility rule(s) failed"))
        #expect(refused.text.contains("expired on 2026-06-30"))
    }

    @Test func aChildNeedsAGuardianWhoseNumberIsRegistered() throws {
        let fixture = try NodeFixture("intake-guardian")
        defer { fixture.remove() }
        let adult = fixture.adult().applicant
        let child = adult.with { application in
            application.applicant.dateOfBirth = try! CivilDate(iso: "2016-03-01")
            application.guardian = nil
        }
        #expect(refusal(try package(child, fixture, name: "child")).codes == ["guardian.missing"])

        let guardianMobile = "0987654321"
        let withGuardian = child.with { application in
            application.guardian = Guardian(fullName: "KIM PARENT", relationship: .mother, documentNumber: "M99887766",
                                            mobileNumber: guardianMobile)
            application.mobileNumber = "+84 987 654 321"
        }
        let checked = try checks.check(try package(withGuardian, fixture, name: "child-ok"))
        // The guardian's identity and number travel sealed with the application.
        let sealedApplication = try Application.decode(json: checked.payload.applicationJSON)
        #expect(sealedApplication.guardian?.documentNumber == "M99887766")
        #expect(sealedApplication.guardian?.mobileNumber == guardianMobile)

        let otherNumber = withGuardian.with { $0.mobileNumber = "0912345678" }
        #expect(refusal(try package(otherNumber, fixture, name: "child-other")).codes == ["guardian.mobile_not_registered"])
        // From the 14th birthday on no guardian is needed.
        let fourteen = child.with { $0.applicant.dateOfBirth = try! CivilDate(iso: "2012-07-01") }
        _ = try checks.check(try package(fourteen, fixture, name: "fourteen"))
    }

    @Test func aTruncatedTemplateIsRefusedWithTheFingerNamed() throws {
        let fixture = try NodeFixture("intake-truncated")
        defer { fixture.remove() }
        var applicant = fixture.adult().applicant
        let template = applicant.fingerprintTemplates[0].bytes
        applicant.fingerprintTemplates[0].bytes = Array(template.prefix(template.count - 7))
        let refused = refusal(try package(applicant, fixture))
        #expect(refused.codes.isEmpty)
        #expect(refused.biometrics.count == 1)
        let reason = try #require(refused.biometrics.first)
        #expect(reason.hasPrefix("fingerprint 1: not a valid ISO/IEC 19794-2"), "\(reason)")
        #expect(reason.contains("recapture"))
    }

    @Test func corruptTemplatesAreRefusedWithTheReason() throws {
        let fixture = try NodeFixture("intake-corrupt")
        defer { fixture.remove() }
        let base = fixture.adult().applicant
        // ISO/IEC 19794-2:2005: 24-byte record header, 4-byte view header, then 6 bytes per minutia.
        let firstMinutia = 28
        let corruptions: [(String, (inout [UInt8]) -> Void, String)] = [
            ("reserved minutia type", { $0[firstMinutia] |= 0xC0 }, "minutia[0] at offset 28 has type bits 11 (invalid)"),
            ("minutia quality above 100", { $0[firstMinutia + 5] = 200 }, "minutia[0] quality 200 at offset 33 exceeds 100"),
            ("record length disagrees", { $0[11] &+= 1 }, "declared record length"),
            ("not an ISO record", { $0[0] = UInt8(ascii: "X") }, "bad format identifier at offset 0"),
        ]
        for (index, (label, corrupt, expected)) in corruptions.enumerated() {
            var applicant = base
            corrupt(&applicant.fingerprintTemplates[1].bytes)
            let refused = refusal(try package(applicant, fixture, name: "corrupt-\(index)"))
            #expect(refused.biometrics.count == 1, "\(label): \(refused.biometrics)")
            let reason = refused.biometrics.first ?? ""
            #expect(reason.hasPrefix("fingerprint 2: not a valid ISO/IEC 19794-2"), "\(label): \(reason)")
            #expect(reason.contains(expected), "\(label): \(reason)")
        }
    }

    @Test func twoCapturesOfOneFingerAreNotEnough() throws {
        let fixture = try NodeFixture("intake-fingers")
        defer { fixture.remove() }
        var applicant = fixture.adult().applicant
        applicant.fingerprintTemplates = [applicant.fingerprintTemplates[0],
                                          (name: "2-copy.iso", bytes: applicant.fingerprintTemplates[0].bytes)]
        let refused = refusal(try package(applicant, fixture))
        #expect(refused.biometrics.count == 1)
        #expect(refused.biometrics.first?.hasPrefix("fingerprints: only 1 usable different finger") == true,
                "\(refused.biometrics)")
    }

    @Test func aTooSmallPortraitIsRefusedWithItsSize() throws {
        let fixture = try NodeFixture("intake-portrait")
        defer { fixture.remove() }
        var applicant = fixture.adult().applicant
        applicant.portraitPNG = PNGWriter.grayscale1Bit(width: 240, height: 320,
                                                        rows: Array(repeating: [UInt8](repeating: 0x5A, count: 30), count: 320))
        let refused = refusal(try package(applicant, fixture))
        #expect(refused.biometrics == ["portrait: 240x320 pixels (need at least 480x640, width x height): retake the photo at a higher resolution, in portrait orientation"])
    }

    @Test func aPortraitThatIsNotAnImageOrIsMisnamedIsRefused() throws {
        let fixture = try NodeFixture("intake-portrait-kind")
        defer { fixture.remove() }
        var applicant = fixture.adult().applicant
        applicant.portraitPNG = Array("GIF89a, not really".utf8)
        let refused = refusal(try package(applicant, fixture))
        #expect(refused.biometrics.count == 1)
        #expect(refused.biometrics.first?.hasPrefix("portrait: ") == true)

        // A PNG saved as portrait.jpg.
        let good = fixture.adult().applicant
        let folder = try fixture.write(good, as: "misnamed")
        try FileManager.default.moveItem(atPath: folder + "/portrait.png", toPath: folder + "/portrait.jpg")
        let misnamed = refusal(try ApplicationPackage(folder: folder))
        #expect(misnamed.biometrics == ["portrait: the file is a PNG image but is named as a JPEG"])
    }

    @Test func aWrongLengthOrNonFiniteEmbeddingIsRefused() throws {
        let fixture = try NodeFixture("intake-embedding")
        defer { fixture.remove() }
        var short = fixture.adult().applicant
        short.faceEmbedding = Array(short.faceEmbedding.prefix(511 * 4))
        #expect(refusal(try package(short, fixture, name: "short")).biometrics
                == ["face embedding: 511 values (need 512): re-run face capture with the face SDK model configured for this system"])

        var ragged = fixture.adult().applicant
        ragged.faceEmbedding.removeLast()
        let raggedReason = refusal(try package(ragged, fixture, name: "ragged")).biometrics
        #expect(raggedReason.count == 1 && raggedReason[0].hasPrefix("face embedding: "), "\(raggedReason)")

        var notFinite = fixture.adult().applicant
        let nan = Float.nan.bitPattern
        notFinite.faceEmbedding.replaceSubrange(40..<44, with: [UInt8(nan & 0xFF), UInt8(nan >> 8 & 0xFF),
                                                                UInt8(nan >> 16 & 0xFF), UInt8(nan >> 24)])
        #expect(refusal(try package(notFinite, fixture, name: "nan")).biometrics
                == ["face embedding: 1 value is not a finite number (first at index 10): re-run face capture"])
    }

    @Test func rulesAndCapturesAreReportedTogether() throws {
        let fixture = try NodeFixture("intake-all")
        defer { fixture.remove() }
        var applicant = fixture.adult().applicant.with { $0.email = "nobody" }
        applicant.faceEmbedding = Array(applicant.faceEmbedding.prefix(100 * 4))
        applicant.fingerprintTemplates[0].bytes = Array(applicant.fingerprintTemplates[0].bytes.prefix(30))
        let refused = refusal(try package(applicant, fixture))
        #expect(refused.codes == ["email.invalid"])
        #expect(refused.biometrics.count == 2, "\(refused.biometrics)")
        #expect(refused.text.contains("1 eligibility rule(s) failed"))
        #expect(refused.text.contains("2 biometric capture problem(s), recapture"))
    }

    @Test func aJSONEmbeddingIsAcceptedAndSealedAsFloat32() throws {
        let fixture = try NodeFixture("intake-json")
        defer { fixture.remove() }
        let applicant = fixture.adult().applicant
        let folder = try fixture.write(applicant, as: "json")
        let values = try FaceEmbedding(decoding: applicant.faceEmbedding, encoding: .float32LittleEndian).values
        let json = "[" + values.map { "\($0)" }.joined(separator: ", ") + "]"
        try FileManager.default.removeItem(atPath: folder + "/face.f32")
        try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/face.json"))
        let checked = try checks.check(try ApplicationPackage(folder: folder))
        #expect(checked.payload.faceEmbedding == applicant.faceEmbedding)
    }

    @Test func undecodableApplicationJSONNamesTheField() throws {
        let fixture = try NodeFixture("intake-json-bad")
        defer { fixture.remove() }
        let folder = try fixture.write(fixture.adult().applicant, as: "bad")
        let text = try String(contentsOfFile: folder + "/application.json", encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\"email\"", with: "\"e_mail\"").utf8)
            .write(to: URL(fileURLWithPath: folder + "/application.json"))
        #expect(throws: NodeError.self) { try checks.check(try ApplicationPackage(folder: folder)) }
        do { _ = try checks.check(try ApplicationPackage(folder: folder)) } catch {
            #expect(error.description.contains("e_mail"), "\(error)")
        }
    }
}
