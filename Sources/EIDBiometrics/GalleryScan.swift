/// The inner loop of a gallery search over one range of rows: AND and popcount of the probe's
/// fingers against each person's codes, scored and kept in a bounded best-first list.
///
/// The gallery is stored in blocks of `FingerprintGallery.blockRows` persons, slot-major inside a
/// block (`cellIndex`), so a scan that reads only some fingers streams only their bytes.
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

    /// Index of (row, slot) in the bit counts; times `wordCount`, of its first word.
    @inline(__always)
    static func cellIndex(row: Int, slot: Int, slotsPerPerson: Int) -> Int {
        let shift = FingerprintGallery.blockShift
        return ((row >> shift) &* slotsPerPerson &+ slot) << shift | (row & (FingerprintGallery.blockRows - 1))
    }

    /// The best `k` rows of `rows`, best first. A row is scored over the probe fingers the person
    /// also has: the sum of (weighted shared bits − expected) × 1/deviation; a person sharing no
    /// finger with the probe is not a candidate.
    func top(_ k: Int, rows: Range<Int>) -> [FingerprintGalleryCandidate] {
        var best = TopCandidates(capacity: k)
        let wordCount = FingerprintPrefilterCode.wordCount, tableSize = FingerprintPrefilterCode.bitCount + 1
        guard let galleryBase = words.baseAddress, let probeBase = probeWords.baseAddress,
              let rareBase = rareWords.baseAddress, let offsetBase = offsets.baseAddress,
              let scaleBase = scales.baseAddress, let countBase = bitCounts.baseAddress else { return [] }
        let slots = self.slots, slotsPerPerson = self.slotsPerPerson
        // Scores at or below the worst kept one cannot enter once the list is full.
        var floor = -Float.infinity
        for row in rows {
            var score: Float = 0
            var compared = false
            for index in 0 ..< slots.count {
                let cell = Self.cellIndex(row: row, slot: slots[index], slotsPerPerson: slotsPerPerson)
                let bits = Int(countBase[cell])
                if bits == 0 { continue }
                let gallery = galleryBase + cell &* wordCount
                let probe = probeBase + index &* wordCount, rare = rareBase + index &* wordCount
                // Weighted shared bits: every shared bit once, shared rare bits once more. In tuned
                // release builds (Package.swift) `nonzeroBitCount` is one POPCNT instruction.
                var weighted = 0
                for word in 0 ..< wordCount {
                    let both = probe[word] & gallery[word]
                    weighted &+= both.nonzeroBitCount &+ (both & rare[word]).nonzeroBitCount
                }
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
