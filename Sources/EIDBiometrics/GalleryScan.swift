/// The inner loop of a gallery search over one range of rows: AND and popcount of the probe's
/// fingers against each person's codes, scored and kept in a bounded best-first list.
///
/// `@unchecked Sendable`: it only reads buffers that `FingerprintGallery.search` keeps alive and
/// unchanged until every scanning thread has returned.
struct GalleryScan: @unchecked Sendable {
    let words: UnsafeBufferPointer<UInt64>
    let bitCounts: UnsafeBufferPointer<UInt16>
    let probeWords: UnsafeBufferPointer<UInt64>
    /// Gallery slot of each probe finger.
    let slots: [Int]
    let expectedPerBit: [Double]
    let slotsPerPerson: Int

    func top(_ k: Int, rows: Range<Int>) -> [FingerprintGalleryCandidate] {
        var best = TopCandidates(capacity: k)
        let wordCount = FingerprintPrefilterCode.wordCount
        guard let galleryBase = words.baseAddress, let probeBase = probeWords.baseAddress else { return [] }
        for row in rows {
            var score = 0.0
            var compared = false
            for (index, slot) in slots.enumerated() {
                let cell = row * slotsPerPerson + slot
                let bits = Int(bitCounts[cell])
                guard bits > 0 else { continue }
                let gallery = galleryBase + cell * wordCount, probe = probeBase + index * wordCount
                var shared = 0
                for word in 0 ..< 16 { shared &+= (probe[word] & gallery[word]).nonzeroBitCount }
                let expected = expectedPerBit[index] * Double(bits)
                score += (Double(shared) - expected) / expected.squareRoot()
                compared = true
            }
            if compared { best.offer(score, row: row) }
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
