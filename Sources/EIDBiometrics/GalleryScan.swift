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
    let rareExtraWeight: Int

    func top(_ k: Int, rows: Range<Int>) -> [FingerprintGalleryCandidate] {
        var best = TopCandidates(capacity: k)
        let wordCount = FingerprintPrefilterCode.wordCount, tableSize = FingerprintPrefilterCode.bitCount + 1
        guard let galleryBase = words.baseAddress, let probeBase = probeWords.baseAddress,
              let rareBase = rareWords.baseAddress, let offsetBase = offsets.baseAddress,
              let scaleBase = scales.baseAddress else { return [] }
        let slots = self.slots, slotsPerPerson = self.slotsPerPerson, extra = rareExtraWeight
        for row in rows {
            var score: Float = 0
            var compared = false
            for index in 0 ..< slots.count {
                let cell = row * slotsPerPerson + slots[index]
                let bits = Int(bitCounts[cell])
                guard bits > 0 else { continue }
                let gallery = galleryBase + cell * wordCount
                let probe = probeBase + index * wordCount, rare = rareBase + index * wordCount
                var shared = 0, sharedRare = 0
                for word in 0 ..< 16 {
                    shared &+= (probe[word] & gallery[word]).nonzeroBitCount
                    sharedRare &+= (rare[word] & gallery[word]).nonzeroBitCount
                }
                let table = index * tableSize + bits
                score += (Float(shared + extra * sharedRare) - offsetBase[table]) * scaleBase[table]
                compared = true
            }
            if compared { best.offer(Double(score), row: row) }
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
