@testable import EIDBiometrics
import Testing

/// The scan's bit counting (byte counts of two words at once) against the standard library's.
@Suite struct GalleryScanCountTests {
    @Test func weightedCountsEqualTwoPopcounts() {
        var random = SplitMix64(seed: 0xC0DE)
        for round in 0 ..< 2000 {
            var bytes: UInt64 = 0, expected = 0
            for _ in 0 ..< 8 {
                // Mix of sparse, dense and all-ones words.
                let all = round % 50 == 0 ? ~0 : random.next() & (round % 2 == 0 ? random.next() : ~0)
                let extra = all & (round % 3 == 0 ? ~0 : random.next())
                bytes &+= GalleryScan.weightedByteCounts(all, extra)
                expected += all.nonzeroBitCount + extra.nonzeroBitCount
            }
            #expect(GalleryScan.sumOfBytes(bytes) == expected)
        }
    }
}
