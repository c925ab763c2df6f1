import Dispatch
import Foundation

/// The fingerprint pre-filter's gallery: every enrolled person's `FingerprintPrefilterCode`s in one
/// contiguous block of 64-bit words, scanned with AND and popcount on several threads to return the
/// persons most likely to share fingers with a probe. Candidates are then verified with
/// `FingerprintMatcher`; the pre-filter only decides who is worth verifying.
///
/// Each person has one slot per finger position in `positions` (a finger not captured is an empty
/// slot). A person's score is the sum over fingers present in both probe and person of
/// (shared bits − expected) / √expected, where expected is what an unrelated finger with as many
/// bits set would share: the probe's bits weighted by how often each bit is set across this
/// gallery's codes of that finger. Frequent bits (shapes common to many fingers) thus count for
/// less than the raw AND would give them; the frequencies follow the gallery as it grows.
public struct FingerprintGallery: Sendable {
    /// The finger slots every person has, in storage order.
    public let positions: [FingerPosition]
    private var words: ContiguousArray<UInt64> = []
    /// Bits set per (person, slot); 0 for an empty slot.
    private var bitCounts: ContiguousArray<UInt16> = []
    /// How many present codes set each bit, per slot (`positions.count` × bitCount).
    private var bitFrequency: [UInt32]
    private var presentCodes: [Int]
    private var totalBits: [Int]

    /// Persons enrolled.
    public private(set) var count = 0

    /// An empty gallery with one slot per finger position (duplicates removed, order kept).
    public init(positions: [FingerPosition]) {
        var seen = Set<FingerPosition>()
        self.positions = positions.filter { seen.insert($0).inserted }
        bitFrequency = [UInt32](repeating: 0, count: self.positions.count * FingerprintPrefilterCode.bitCount)
        presentCodes = [Int](repeating: 0, count: self.positions.count)
        totalBits = [Int](repeating: 0, count: self.positions.count)
    }

    /// Bytes of code storage per person.
    public var bytesPerPerson: Int { positions.count * (FingerprintPrefilterCode.wordCount * 8 + 2) }

    /// Reserves room for `capacity` persons.
    public mutating func reserveCapacity(_ capacity: Int) {
        words.reserveCapacity(capacity * positions.count * FingerprintPrefilterCode.wordCount)
        bitCounts.reserveCapacity(capacity * positions.count)
    }

    /// Adds a person and returns their row (0, 1, 2, ... in order of adding). Codes for positions
    /// that are not among `positions` are ignored; missing fingers leave an empty slot.
    @discardableResult
    public mutating func append(_ codes: [FingerprintPrefilterCode]) -> Int {
        for (slot, position) in positions.enumerated() {
            if let code = codes.first(where: { $0.position == position }) {
                words.append(contentsOf: code.words)
                let bits = code.bitsSet
                bitCounts.append(UInt16(bits))
                presentCodes[slot] += 1
                totalBits[slot] += bits
                let base = slot * FingerprintPrefilterCode.bitCount
                for (index, word) in code.words.enumerated() {
                    var remaining = word
                    while remaining != 0 {
                        bitFrequency[base + index * 64 + remaining.trailingZeroBitCount] += 1
                        remaining &= remaining - 1
                    }
                }
            } else {
                words.append(contentsOf: repeatElement(0, count: FingerprintPrefilterCode.wordCount))
                bitCounts.append(0)
            }
        }
        count += 1
        return count - 1
    }

    /// The `topK` persons scoring highest against the probe's fingers, best first (ties by row).
    /// Scans on `threads` threads (default: one per core).
    public func search(_ probe: [FingerprintPrefilterCode], topK: Int, threads: Int? = nil) -> [FingerprintGalleryCandidate] {
        guard topK > 0, count > 0 else { return [] }
        let threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let plan = ProbePlan(probe: probe, gallery: self)
        guard !plan.slots.isEmpty else { return [] }
        let chunks = max(1, min(threads * 4, count / 4096 + 1))
        let results = IndexedResults<[FingerprintGalleryCandidate]>(count: chunks)
        let rowsPerChunk = (count + chunks - 1) / chunks
        words.withUnsafeBufferPointer { words in
            bitCounts.withUnsafeBufferPointer { bitCounts in
                plan.probeWords.withUnsafeBufferPointer { probeWords in
                    let scan = GalleryScan(words: words, bitCounts: bitCounts, probeWords: probeWords,
                                           slots: plan.slots, expectedPerBit: plan.expectedPerBit,
                                           slotsPerPerson: positions.count)
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let start = chunk * rowsPerChunk, end = min(count, start + rowsPerChunk)
                        results.set(chunk, start < end ? scan.top(topK, rows: start ..< end) : [])
                    }
                }
            }
        }
        var merged = TopCandidates(capacity: topK)
        for chunk in results.values() { for candidate in chunk { merged.offer(candidate.score, row: candidate.row) } }
        return merged.sorted()
    }

    /// Per probe finger: its slot, words and the expected shared bits per gallery bit.
    private struct ProbePlan {
        var slots: [Int] = []
        var probeWords: ContiguousArray<UInt64> = []
        var expectedPerBit: [Double] = []

        init(probe: [FingerprintPrefilterCode], gallery: FingerprintGallery) {
            for (slot, position) in gallery.positions.enumerated() {
                guard let code = probe.first(where: { $0.position == position }), gallery.presentCodes[slot] > 0 else { continue }
                // Smoothed frequency of each probe bit among this slot's codes (a prior of the
                // average density weighted as 50 codes keeps small galleries sensible).
                let present = Double(gallery.presentCodes[slot])
                let meanBits = Double(gallery.totalBits[slot]) / present
                let prior = meanBits / Double(FingerprintPrefilterCode.bitCount), priorWeight = 50.0
                var expected = 0.0
                let base = slot * FingerprintPrefilterCode.bitCount
                for (index, word) in code.words.enumerated() {
                    var remaining = word
                    while remaining != 0 {
                        let frequency = Double(gallery.bitFrequency[base + index * 64 + remaining.trailingZeroBitCount])
                        expected += (frequency + prior * priorWeight) / (present + priorWeight)
                        remaining &= remaining - 1
                    }
                }
                slots.append(slot)
                probeWords.append(contentsOf: code.words)
                // Expected shared bits with a code of b bits ≈ expected × b / mean bits.
                expectedPerBit.append(expected / max(1, meanBits))
            }
        }
    }
}

/// One pre-filter result: the gallery row and its score (higher is more alike).
public struct FingerprintGalleryCandidate: Sendable, Hashable {
    public var row: Int
    public var score: Double

    public init(row: Int, score: Double) {
        self.row = row
        self.score = score
    }
}

