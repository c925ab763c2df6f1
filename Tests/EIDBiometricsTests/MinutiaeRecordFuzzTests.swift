import EIDBiometrics
import Testing

/// Randomly damaged records must never trap: decoding returns a template or throws. Whatever decodes
/// must also re-encode, and an ISO record must re-encode to exactly its declared bytes.
@Suite struct MinutiaeRecordFuzzTests {
    static let seeds: [[UInt8]] = [
        Fixtures.isoOneView, Fixtures.isoTwoViewsExtended, Fixtures.isoOneViewPadded, Fixtures.ansiOneView,
    ]

    @Test func mutatedRecordsNeverTrap() throws {
        var random = SplitMix64(seed: 0x5EED_F1A9)
        let decoder = MinutiaeRecordDecoder()
        var decoded = 0
        var refused = 0
        for iteration in 0 ..< 30_000 {
            var bytes = Self.seeds[iteration % Self.seeds.count]
            for _ in 0 ..< Int.random(in: 1 ... 4, using: &random) {
                mutate(&bytes, using: &random)
            }
            do {
                let template = try decoder.decode(bytes)
                decoded += 1
                #expect(MinutiaeRecordDecoder.detectFormat(bytes) == template.format)
                let iso = try template.isoRecord()
                if template.format == .iso19794_2_2005 {
                    #expect(Array(bytes.prefix(iso.count)) == iso)
                    #expect(bytes.dropFirst(iso.count).allSatisfy { $0 == 0 })
                }
                #expect(try MinutiaeTemplate(decoding: iso).views.count == template.views.count)
            } catch {
                refused += 1
                #expect(!error.description.isEmpty)
            }
            // Forcing either format must not trap either.
            _ = try? decoder.decode(bytes, as: .iso19794_2_2005)
            _ = try? decoder.decode(bytes, as: .ansi378_2004)
        }
        // Both outcomes must actually occur, or the mutations are too weak or too strong.
        #expect(decoded > 500)
        #expect(refused > 10_000)
    }

    private func mutate(_ bytes: inout [UInt8], using random: inout SplitMix64) {
        switch Int.random(in: 0 ..< 7, using: &random) {
        case 0 where !bytes.isEmpty:  // change one byte
            bytes[Int.random(in: 0 ..< bytes.count, using: &random)] = UInt8.random(in: 0 ... 255, using: &random)
        case 1 where !bytes.isEmpty:  // flip one bit
            bytes[Int.random(in: 0 ..< bytes.count, using: &random)] ^= 1 << UInt8.random(in: 0 ..< 8, using: &random)
        case 2:  // truncate
            bytes.removeLast(Int.random(in: 0 ... bytes.count, using: &random))
        case 3:  // append zeros or random bytes
            let extra = Int.random(in: 1 ... 8, using: &random)
            let zero = Bool.random(using: &random)
            bytes += (0 ..< extra).map { _ in zero ? 0 : UInt8.random(in: 0 ... 255, using: &random) }
        case 4 where !bytes.isEmpty:  // insert or delete a byte
            let index = Int.random(in: 0 ..< bytes.count, using: &random)
            if Bool.random(using: &random) { bytes.remove(at: index) } else { bytes.insert(0, at: index) }
        case 5 where bytes.count > 27:  // change a count field (views or minutiae)
            let index = [22, 24, 27][Int.random(in: 0 ..< 3, using: &random)]
            bytes[index] = UInt8.random(in: 0 ... 255, using: &random)
        case 6 where bytes.count > 12:  // rewrite the length field
            for index in 8 ..< 12 { bytes[index] = Bool.random(using: &random) ? 0 : UInt8.random(in: 0 ... 255, using: &random) }
        default:
            break
        }
    }

    @Test func everyTruncationOfEveryFixtureIsRefusedPrecisely() {
        for fixture in [Fixtures.isoOneView, Fixtures.isoTwoViewsExtended, Fixtures.ansiOneView] {
            for length in 0 ..< fixture.count {
                #expect(throws: MinutiaeRecordError.self) { try MinutiaeTemplate(decoding: fixture.prefix(length)) }
            }
        }
    }
}
