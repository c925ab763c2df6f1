/// The `capacity` best candidates seen so far: a binary min-heap whose root is the worst one kept,
/// so a candidate that cannot enter costs one comparison.
struct TopFaceCandidates {
    let capacity: Int
    private(set) var heap: [FaceCandidate] = []

    init(capacity: Int) {
        precondition(capacity > 0)
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    /// The similarity a new candidate must beat to enter (−∞ until full).
    var threshold: Float { heap.count < capacity ? -.infinity : heap[0].similarity }

    mutating func insert(_ candidate: FaceCandidate) {
        if heap.count < capacity {
            heap.append(candidate)
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.worse(heap[child], than: heap[parent]) else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        } else if Self.worse(heap[0], than: candidate) {
            heap[0] = candidate
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var worst = parent
                if left < heap.count, Self.worse(heap[left], than: heap[worst]) { worst = left }
                if right < heap.count, Self.worse(heap[right], than: heap[worst]) { worst = right }
                if worst == parent { break }
                heap.swapAt(parent, worst)
                parent = worst
            }
        }
    }

    /// The kept candidates, best first.
    func sorted() -> [FaceCandidate] {
        heap.sorted(by: FaceCandidate.ranksBefore)
    }

    private static func worse(_ a: FaceCandidate, than b: FaceCandidate) -> Bool {
        FaceCandidate.ranksBefore(b, a)
    }
}
