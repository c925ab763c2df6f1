import EIDBiometrics
import Testing

@Suite struct FingerprintTemplateTests {
    let record = SyntheticFingerprint(seed: 11).template(seed: 5)

    @Test func serializationRoundTrips() throws {
        let template = FingerprintTemplate.templates(of: record)[0]
        let bytes = template.serialized()
        #expect(bytes.count == 12 + 6 * template.minutiaCount)
        #expect(Array(bytes.prefix(5)) == [0x45, 0x46, 0x54, 0x00, 1])
        let read = try FingerprintTemplate(serialized: bytes)
        #expect(read == template)
        #expect(read.serialized() == bytes)
        #expect(read.position == record.views[0].position)
        // The rebuilt edge table matches the same way.
        #expect(FingerprintMatcher(probe: read).match(template) == FingerprintMatcher(probe: template).match(template))
    }

    @Test func minutiaOrderDoesNotMatter() {
        var view = record.views[0]
        let original = FingerprintTemplate(view: view)
        view.minutiae.reverse()
        #expect(FingerprintTemplate(view: view) == original)
        #expect(FingerprintTemplate(view: view).serialized() == original.serialized())
    }

    @Test func positionsAreScaledTo500DPI() {
        let view = FingerView(position: .leftThumb, fingerQuality: 80, minutiae: [
            Minutia(type: .ridgeEnding, x: 100, y: 50, angle: MinutiaAngle(isoUnits: 10), quality: 60),
        ])
        let template = FingerprintTemplate(view: view, horizontalResolution: 394, verticalResolution: 394)  // 1000 dpi
        #expect(template.normalisedMinutiae.map(\.x) == [50])
        #expect(template.normalisedMinutiae.map(\.y) == [25])
        #expect(template.normalisedMinutiae.map(\.angle) == [MinutiaAngle(isoUnits: 10)])
    }

    @Test func keepsTheBestHundredMinutiae() {
        let minutiae = (0 ..< 150).map { (index: Int) -> Minutia in
            let y = UInt16(index % 7) * 20
            return Minutia(type: .bifurcation, x: UInt16(index * 3), y: y, angle: MinutiaAngle(isoUnits: 0),
                           quality: UInt8(index % 100))
        }
        let template = FingerprintTemplate(view: FingerView(position: .rightIndex, fingerQuality: 50, minutiae: minutiae))
        #expect(template.minutiaCount == FingerprintTemplate.maximumMinutiae)
        let kept = Set(template.normalisedMinutiae.map { (minutia: Minutia) in minutia.x })
        // Qualities 50...99 occur once, 0...49 twice (i and i + 100): the 50 lowest (0...24) go.
        let dropped = minutiae.filter { !kept.contains($0.x) }
        #expect(dropped.count == 50)
        #expect(dropped.allSatisfy { $0.quality <= 25 })
    }

    @Test func malformedBytesAreRefused() throws {
        let good = FingerprintTemplate.templates(of: record)[0].serialized()
        func refused(_ bytes: [UInt8]) -> FingerprintTemplateError? {
            do {
                _ = try FingerprintTemplate(serialized: bytes)
                return nil
            } catch { return error }
        }
        #expect(refused(Array(good.prefix(10))) == .truncated(needed: 12, available: 10))
        #expect(refused(Array(good.dropLast())) == .truncated(needed: good.count, available: good.count - 1))
        #expect(refused(good + [0]) == .trailingBytes(expected: good.count, available: good.count + 1))
        var bytes = good
        bytes[0] = 0x46
        #expect(refused(bytes) == .badMagic([0x46, 0x46, 0x54, 0x00]))
        bytes = good
        bytes[4] = 2
        #expect(refused(bytes) == .unsupportedVersion(2))
        bytes = good
        bytes[5] = 11
        #expect(refused(bytes) == .invalidFingerPosition(11))
        bytes = good
        bytes[7] = 1
        #expect(refused(bytes) == .reservedByteNotZero(1))
        bytes = good
        bytes[6] = 101
        #expect(refused(bytes) == .tooManyMinutiae(101))
        bytes = good
        bytes[8 + 4] ^= 0x01  // a direction bit: only the checksum can tell
        guard case .checksumMismatch = refused(bytes) else {
            Issue.record("damaged direction not detected")
            return
        }
        // Content errors behind a correct checksum (as a buggy writer would produce).
        #expect(refused(resealed(good) { $0[8 + 5] = 3 }) == .invalidMinutia(index: 0))
        #expect(refused(resealed(good) { $0[8] = 0x80 }) == .invalidMinutia(index: 0))
        #expect(refused(resealed(good) { bytes in
            for offset in 0 ..< 6 { bytes.swapAt(8 + offset, 14 + offset) }
        }) == .notCanonical(index: 1))
        #expect(refused(resealed(good) { bytes in
            for offset in 0 ..< 6 { bytes[14 + offset] = bytes[8 + offset] }
        }) == .notCanonical(index: 1))
    }

    @Test func errorsExplainThemselves() {
        #expect(FingerprintTemplateError.checksumMismatch(stored: 0xAB, computed: 0xCD).description.contains("damaged"))
        #expect(FingerprintTemplateError.truncated(needed: 20, available: 3).description
            == "fingerprint template truncated: needs 20 bytes, has 3")
    }

    /// `bytes` changed by `change` with its CRC-32 recomputed.
    private func resealed(_ bytes: [UInt8], _ change: (inout [UInt8]) -> Void) -> [UInt8] {
        var body = Array(bytes.dropLast(4))
        change(&body)
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body {
            crc ^= UInt32(byte)
            for _ in 0 ..< 8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        return body + [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
    }
}
