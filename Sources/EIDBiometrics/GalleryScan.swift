/// The inner loop of a gallery search over one range of rows: AND and popcount of the probe's
/// fingers against each person's codes, scored and kept in a bounded best-first list.
///
/// `@unchecked Sendable`: it only reads buffers that `FingerprintGallery.search` keeps alive and
/// unchanged until every scanning thread has returned.
struct GalleryScan: @unchecked Sendable {
    let words: UnsafeBufferPointer<UInt64>
    let bitCounts: UnsafeBufferPointer<UInt16>
    let probeWords: UnsafeBufferPointer<UInt64>
    let rareWords: UnsafeBufferPointer<UInt64>
    /// Per probe finger, 1025 entries indexed by the gallery code's bit count.
    let offsets: UnsafeBufferPointer<Float>
    let scales: UnsafeBufferPointer<Float>
    /// Gallery slot of each probe finger.
    let slots: [Int]
    let slotsPerPerson: Int

    func top(_ k: Int, rows: Range<Int>) -> [FingerprintGalleryCandidate] {
        var best = TopCandidates(capacity: k)
        let wordCount = FingerprintPrefilterCode.wordCount, tableSize = FingerprintPrefilterCode.bitCount + 1
        guard let galleryBase = words.baseAddress, let probeBase = probeWords.baseAddress,
              let rareBase = rareWords.baseAddress, let offsetBase = offsets.baseAddress,
              let scaleBase = scales.baseAddress, let countBase = bitCounts.baseAddress else { return [] }
        let fingers = slots.count, slotsPerPerson = self.slotsPerPerson
        // Gallery cell offset of each probe finger within a person's row.
        let slotOffsets = UnsafeMutablePointer<Int>.allocate(capacity: fingers)
        defer { slotOffsets.deallocate() }
        for index in 0 ..< fingers { slotOffsets[index] = slots[index] }
        // Scores at or below the worst kept one cannot enter once the list is full.
        var floor = -Float.infinity
        for row in rows {
            var score: Float = 0
            var compared = false
            let rowCell = row &* slotsPerPerson
            for index in 0 ..< fingers {
                let cell = rowCell &+ slotOffsets[index]
                let bits = Int(countBase[cell])
                if bits == 0 { continue }
                let gallery = galleryBase + cell &* wordCount
                let probe = probeBase + index &* wordCount, rare = rareBase + index &* wordCount
                // Weighted shared bits: every shared bit once, shared rare bits once more.
                var low: UInt64 = 0, high: UInt64 = 0
                for word in 0 ..< 8 {
                    let both = probe[word] & gallery[word]
                    low &+= Self.weightedByteCounts(both, both & rare[word])
                }
                for word in 8 ..< 16 {
                    let both = probe[word] & gallery[word]
                    high &+= Self.weightedByteCounts(both, both & rare[word])
                }
                let weighted = Self.sumOfBytes(low) &+ Self.sumOfBytes(high)
                let table = index &* tableSize &+ bits
                score += (Float(weighted) - offsetBase[table]) * scaleBase[table]
                compared = true
            }
            if compared, score >= floor {
                best.offer(Double(score), row: row)
                if best.isFull { floor = Float(best.worstScore) }
            }
        }
        return best.sorted()
    }

    // A popcount of two words at once, kept as byte counts so that the expensive horizontal sum is
    // done once per 8 words: baseline x86-64 has no popcount instruction, and this does the bit
    // counting steps of both words together (SWAR, as in Hacker's Delight 5-1).

    /// Per byte: bits of `all` plus bits of `extra`, each byte ≤ 16.
    @inline(__always)
    static func weightedByteCounts(_ all: UInt64, _ extra: UInt64) -> UInt64 {
        let nibbles = nibbleCounts(all) &+ nibbleCounts(extra)  // each nibble ≤ 8
        return (nibbles & 0x0F0F_0F0F_0F0F_0F0F) &+ ((nibbles >> 4) & 0x0F0F_0F0F_0F0F_0F0F)
    }

    /// Bits set in each 4-bit group of `value`.
    @inline(__always)
    static func nibbleCounts(_ value: UInt64) -> UInt64 {
        let pairs = value &- ((value >> 1) & 0x5555_5555_5555_5555)
        return (pairs & 0x3333_3333_3333_3333) &+ ((pairs >> 2) & 0x3333_3333_3333_3333)
    }

    /// The sum of the 8 bytes of `bytes` (each at most 128, as after 8 words of byte counts).
    @inline(__always)
    static func sumOfBytes(_ bytes: UInt64) -> Int {
        let halves = (bytes & 0x00FF_00FF_00FF_00FF) &+ ((bytes >> 8) & 0x00FF_00FF_00FF_00FF)
        return Int((halves &* 0x0001_0001_0001_0001) >> 48)
    }
}

/// The best `capacity` (score, row) pairs seen so far: a binary min-heap whose root is the worst
/// kept; higher score is better, and between equal scores the lower row.
struct TopCandidates {
    let capacity: Int
    private var heap: [FingerprintGalleryCandidate] = []

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    var isFull: Bool { heap.count == capacity }
    /// The lowest score kept (only meaningful when not empty).
    var worstScore: Double { heap[0].score }

    @inline(__always)
    private static func worse(_ a: FingerprintGalleryCandidate, _ b: FingerprintGalleryCandidate) -> Bool {
        a.score != b.score ? a.score < b.score : a.row > b.row
    }

    @inline(__always)
    mutating func offer(_ score: Double, row: Int) {
        let candidate = FingerprintGalleryCandidate(row: row, score: score)
        if heap.count < capacity {
            heap.append(candidate)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.worse(heap[child], heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        } else if Self.worse(heap[0], candidate) {
            heap[0] = candidate
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var worst = parent
                if left < heap.count, Self.worse(heap[left], heap[worst]) { worst = left }
                if right < heap.count, Self.worse(heap[right], heap[worst]) { worst = right }
                if worst == parent { break }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
    }

    /// Best first.
    func sorted() -> [FingerprintGalleryCandidate] {
        heap.sorted { Self.worse($1, $0) }
    }
}
