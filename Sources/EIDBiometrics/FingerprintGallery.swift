import Dispatch
import Foundation

/// The fingerprint pre-filter's gallery: every enrolled person's `FingerprintPrefilterCode`s in one
/// contiguous array of 64-bit words, scanned with AND and popcount on several threads to return the
/// persons most likely to share fingers with a probe. Candidates are then verified with
/// `FingerprintMatcher`; the pre-filter only decides who is worth verifying.
///
/// Storage: blocks of `blockRows` persons, and inside a block all persons' codes of slot 0, then of
/// slot 1, and so on, so that a probe with fewer fingers than the gallery streams only those
/// fingers' bytes. (A cascade that scanned two lead fingers, or half of every code, first and
/// rescored a shortlist was tried and dropped: it lost mates whose lead fingers were poor captures,
/// and the half-code scan saved little; docs/biometrics.md has the measurements.)
///
/// Each person has one slot per finger position in `positions` (a finger not captured, or a code
/// with no bits set, is an empty slot). A person's score is the sum over fingers present in both
/// probe and person of (weighted shared bits − expected) / standard deviation, where expected is
/// what an unrelated finger with as many bits set would share: each probe bit counts with the
/// frequency at which it is set across this gallery's codes of that finger, and the rarer half of
/// the probe's bits counts twice. Frequent bits (shapes common to many fingers) thus count for less
/// than the raw AND would give them; the frequencies follow the gallery as it grows.
public struct FingerprintGallery: Sendable {
    /// Weight of the rarer half of a probe finger's bits (the others weigh 1): a two-level
    /// approximation of weighting each bit by how little it is expected. Measured at 100,000
    /// persons (2 fingers): mates in the top 10 rise from 87 % to 92 %, for one more popcount per word.
    static let rareWeight = 2  // GalleryScan counts shared rare bits once more: weight 2 is built in
    /// Persons per storage block (a power of two).
    static let blockShift = 12
    static let blockRows = 1 << blockShift

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
        let rows = (capacity + Self.blockRows - 1) / Self.blockRows * Self.blockRows
        words.reserveCapacity(rows * positions.count * FingerprintPrefilterCode.wordCount)
        bitCounts.reserveCapacity(rows * positions.count)
    }

    private func cellIndex(row: Int, slot: Int) -> Int {
        GalleryScan.cellIndex(row: row, slot: slot, slotsPerPerson: positions.count)
    }

    /// Adds a person and returns their row (0, 1, 2, ... in order of adding). Codes for positions
    /// that are not among `positions` are ignored; missing fingers leave an empty slot.
    @discardableResult
    public mutating func append(_ codes: [FingerprintPrefilterCode]) -> Int {
        let row = count, wordCount = FingerprintPrefilterCode.wordCount
        if row % Self.blockRows == 0 {
            // A new block, empty slots until written.
            words.append(contentsOf: repeatElement(0, count: Self.blockRows * positions.count * wordCount))
            bitCounts.append(contentsOf: repeatElement(0, count: Self.blockRows * positions.count))
        }
        for (slot, position) in positions.enumerated() {
            if let code = codes.first(where: { $0.position == position }) {
                let cell = cellIndex(row: row, slot: slot)
                for (index, word) in code.words.enumerated() { words[cell * wordCount + index] = word }
                let bits = code.bitsSet
                bitCounts[cell] = UInt16(bits)
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
            }
        }
        count += 1
        return count - 1
    }

    /// The codes stored for a row (empty slots left out).
    public func codes(ofRow row: Int) -> [FingerprintPrefilterCode] {
        precondition(row >= 0 && row < count, "row \(row) is not in the gallery")
        return positions.indices.compactMap { slot in
            let cell = cellIndex(row: row, slot: slot)
            guard bitCounts[cell] > 0 else { return nil }
            let start = cell * FingerprintPrefilterCode.wordCount
            return FingerprintPrefilterCode(words: Array(words[start ..< start + FingerprintPrefilterCode.wordCount]),
                                            position: positions[slot])
        }
    }

    /// The `topK` persons scoring highest against the probe's fingers, best first (ties by row).
    /// Scans on `threads` threads (default: one per core).
    public func search(_ probe: [FingerprintPrefilterCode], topK: Int, threads: Int? = nil) -> [FingerprintGalleryCandidate] {
        guard topK > 0, count > 0 else { return [] }
        let threads = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let plan = ProbePlan(probe: probe, gallery: self)
        guard !plan.slots.isEmpty else { return [] }
        // One contiguous range of rows per thread (small galleries are not worth splitting).
        let chunks = max(1, min(threads, count / 4096 + 1))
        let results = IndexedResults<[FingerprintGalleryCandidate]>(count: chunks)
        let rowsPerChunk = (count + chunks - 1) / chunks
        words.withUnsafeBufferPointer { words in
            bitCounts.withUnsafeBufferPointer { bitCounts in
                plan.probeWords.withUnsafeBufferPointer { probeWords in
                    plan.rareWords.withUnsafeBufferPointer { rareWords in
                        plan.offsets.withUnsafeBufferPointer { offsets in
                            plan.scales.withUnsafeBufferPointer { scales in
                                let scan = GalleryScan(words: words, bitCounts: bitCounts, probeWords: probeWords,
                                                       rareWords: rareWords, offsets: offsets, scales: scales,
                                                       slots: plan.slots, slotsPerPerson: positions.count)
                                let work: @Sendable (Int) -> Void = { chunk in
                                    let start = chunk * rowsPerChunk, end = min(count, start + rowsPerChunk)
                                    results.set(chunk, start < end ? scan.top(topK, rows: start ..< end) : [])
                                }
                                if chunks == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: chunks, execute: work) }
                            }
                        }
                    }
                }
            }
        }
        var merged = TopCandidates(capacity: topK)
        for chunk in results.values() { for candidate in chunk { merged.offer(candidate.score, row: candidate.row) } }
        return merged.sorted()
    }

    /// Per probe finger: its slot, its bits, its rarer bits (counted twice), and per gallery bit
    /// count b the expected weighted overlap with an unrelated code and 1 / its standard deviation.
    private struct ProbePlan {
        var slots: [Int] = []
        var probeWords: ContiguousArray<UInt64> = []
        var rareWords: ContiguousArray<UInt64> = []
        var offsets: ContiguousArray<Float> = []
        var scales: ContiguousArray<Float> = []

        init(probe: [FingerprintPrefilterCode], gallery: FingerprintGallery) {
            let bitCount = FingerprintPrefilterCode.bitCount
            for (slot, position) in gallery.positions.enumerated() {
                guard let code = probe.first(where: { $0.position == position }), gallery.presentCodes[slot] > 0 else { continue }
                // Smoothed frequency of each probe bit among this slot's codes (a prior of the
                // average density weighted as 50 codes keeps small galleries sensible).
                let present = Double(gallery.presentCodes[slot])
                let meanBits = Double(gallery.totalBits[slot]) / present
                let prior = meanBits / Double(bitCount), priorWeight = 50.0
                let base = slot * bitCount
                var bits: [(index: Int, frequency: Double)] = []
                for (index, word) in code.words.enumerated() {
                    var remaining = word
                    while remaining != 0 {
                        let bit = index * 64 + remaining.trailingZeroBitCount
                        bits.append((bit, (Double(gallery.bitFrequency[base + bit]) + prior * priorWeight) / (present + priorWeight)))
                        remaining &= remaining - 1
                    }
                }
                // A code with no bits can say nothing.
                guard !bits.isEmpty else { continue }
                // The rarer half of the probe's bits (below their median frequency) weigh double.
                let median = bits.map(\.frequency).sorted()[bits.count / 2]
                var rare = [UInt64](repeating: 0, count: FingerprintPrefilterCode.wordCount)
                var mean = 0.0, variance = 0.0
                for bit in bits {
                    let weight = bit.frequency < median ? Double(FingerprintGallery.rareWeight) : 1
                    if weight > 1 { rare[bit.index >> 6] |= 1 << UInt64(bit.index & 63) }
                    mean += weight * bit.frequency
                    variance += weight * weight * bit.frequency
                }
                slots.append(slot)
                probeWords.append(contentsOf: code.words)
                rareWords.append(contentsOf: rare)
                // An unrelated code with b bits shares each probe bit with probability about
                // frequency × b / mean bits.
                for galleryBits in 0 ... bitCount {
                    let scale = Double(galleryBits) / max(1, meanBits)
                    offsets.append(Float(mean * scale))
                    scales.append(variance * scale > 0 ? Float(1 / (variance * scale).squareRoot()) : 0)
                }
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

