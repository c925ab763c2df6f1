/// Working memory of one matcher: allocated once, reused by every comparison, so the hot path
/// allocates nothing. Sized for `FingerprintTemplate.maximumMinutiae`; one per thread (not Sendable).
final class PairingScratch {
    static let capacity = 128
    /// Most queue entries one tree can produce: every paired minutia matches at most
    /// neighbours × neighbours edge pairs.
    static let queueCapacity = capacity * FingerprintTemplate.neighborsPerMinutia * FingerprintTemplate.neighborsPerMinutia

    /// Tree slot of each probe minutia in the current tree, or -1.
    let slotByProbe: UnsafeMutablePointer<Int16>
    /// Tree slot of each candidate minutia in the current tree, or -1.
    let slotByCandidate: UnsafeMutablePointer<Int16>
    /// The current tree, in the order pairs were added.
    let treeProbe: UnsafeMutablePointer<UInt8>
    let treeCandidate: UnsafeMutablePointer<UInt8>
    /// Supporting edges (edges closing a cycle consistently) seen at each pair.
    let treeSupport: UnsafeMutablePointer<Int16>
    var treeCount = 0

    /// The best tree so far: candidate minutia paired with each probe minutia, or -1.
    let bestCandidateByProbe: UnsafeMutablePointer<Int16>
    /// The best tree so far: whether each candidate minutia is in it.
    let bestHasCandidate: UnsafeMutablePointer<Bool>
    let bestProbes: UnsafeMutablePointer<UInt8>
    let bestCandidates: UnsafeMutablePointer<UInt8>
    var bestCount = 0

    /// Bucket queue keyed by edge length error (0 ... maximumDistanceError), LIFO within a bucket.
    let queueEntries: UnsafeMutablePointer<UInt64>
    let queueNext: UnsafeMutablePointer<Int32>
    let bucketHeads: UnsafeMutablePointer<Int32>
    static let bucketCount = 32
    var queueCount = 0

    /// Root pairs of the current comparison (probe << 8 | candidate) and a bit set against repeats.
    let roots: UnsafeMutablePointer<UInt16>
    var rootCount = 0
    let rootSeen: UnsafeMutablePointer<UInt64>
    static let rootSeenWords = capacity * capacity / 64

    init() {
        let capacity = Self.capacity
        slotByProbe = .allocate(capacity: capacity)
        slotByProbe.initialize(repeating: -1, count: capacity)
        slotByCandidate = .allocate(capacity: capacity)
        slotByCandidate.initialize(repeating: -1, count: capacity)
        treeProbe = .allocate(capacity: capacity)
        treeProbe.initialize(repeating: 0, count: capacity)
        treeCandidate = .allocate(capacity: capacity)
        treeCandidate.initialize(repeating: 0, count: capacity)
        treeSupport = .allocate(capacity: capacity)
        treeSupport.initialize(repeating: 0, count: capacity)
        bestCandidateByProbe = .allocate(capacity: capacity)
        bestCandidateByProbe.initialize(repeating: -1, count: capacity)
        bestHasCandidate = .allocate(capacity: capacity)
        bestHasCandidate.initialize(repeating: false, count: capacity)
        bestProbes = .allocate(capacity: capacity)
        bestProbes.initialize(repeating: 0, count: capacity)
        bestCandidates = .allocate(capacity: capacity)
        bestCandidates.initialize(repeating: 0, count: capacity)
        queueEntries = .allocate(capacity: Self.queueCapacity)
        queueEntries.initialize(repeating: 0, count: Self.queueCapacity)
        queueNext = .allocate(capacity: Self.queueCapacity)
        queueNext.initialize(repeating: -1, count: Self.queueCapacity)
        bucketHeads = .allocate(capacity: Self.bucketCount)
        bucketHeads.initialize(repeating: -1, count: Self.bucketCount)
        roots = .allocate(capacity: 1024)
        roots.initialize(repeating: 0, count: 1024)
        rootSeen = .allocate(capacity: Self.rootSeenWords)
        rootSeen.initialize(repeating: 0, count: Self.rootSeenWords)
    }

    deinit {
        slotByProbe.deallocate()
        slotByCandidate.deallocate()
        treeProbe.deallocate()
        treeCandidate.deallocate()
        treeSupport.deallocate()
        bestCandidateByProbe.deallocate()
        bestHasCandidate.deallocate()
        bestProbes.deallocate()
        bestCandidates.deallocate()
        queueEntries.deallocate()
        queueNext.deallocate()
        bucketHeads.deallocate()
        roots.deallocate()
        rootSeen.deallocate()
    }
}
