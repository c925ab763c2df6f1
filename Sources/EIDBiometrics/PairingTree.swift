/// One comparison's working state: the two templates' tables and the scratch memory, as raw
/// buffers so that the inner loops run without bounds checks, reference counting or allocation.
///
/// The algorithm is SourceAFIS's (Robert Važan), written here from its published description:
/// 1. Root pairs: candidate edges are looked up in the probe's edge hash (longest neighbour edges
///    first); every probe edge of the same shape within tolerance gives a root pair (probe minutia,
///    candidate minutia).
/// 2. From each root, a pairing tree grows: the edge tables of the last pair added are matched
///    (both sorted by length, so a sliding window finds edges of similar length, then both relative
///    angles are checked); each matching edge pair proposes pairing the two neighbours. Proposals
///    wait in a queue ordered by length error, and the best one whose minutiae are both unpaired is
///    added next. A proposal whose minutiae are already paired with each other is a supporting edge.
/// 3. The tree is scored (`MatchScoring`); the best tree over all roots is the comparison's score.
///    A root already paired the same way in the best tree so far is skipped (it would grow the
///    same tree again).
struct PairingTree {
    let probeMinutiae: UnsafeBufferPointer<MatchMinutia>
    let probeEdges: UnsafeBufferPointer<NeighborEdge>
    let probeCounts: UnsafeBufferPointer<UInt8>
    let candidateMinutiae: UnsafeBufferPointer<MatchMinutia>
    let candidateEdges: UnsafeBufferPointer<NeighborEdge>
    let candidateCounts: UnsafeBufferPointer<UInt8>
    let hashStarts: UnsafeBufferPointer<Int32>
    let hashEntries: UnsafeBufferPointer<ProbeEdgeHash.Entry>
    let hash: ProbeEdgeHash
    let parameters: MatchParameters

    let slotByProbe: UnsafeMutablePointer<Int16>
    let slotByCandidate: UnsafeMutablePointer<Int16>
    let treeProbe: UnsafeMutablePointer<UInt8>
    let treeCandidate: UnsafeMutablePointer<UInt8>
    let treeSupport: UnsafeMutablePointer<Int16>
    let bestCandidateByProbe: UnsafeMutablePointer<Int16>
    let bestHasCandidate: UnsafeMutablePointer<Bool>
    let bestProbes: UnsafeMutablePointer<UInt8>
    let bestCandidates: UnsafeMutablePointer<UInt8>
    let queueEntries: UnsafeMutablePointer<UInt64>
    let queueNext: UnsafeMutablePointer<Int32>
    let bucketHeads: UnsafeMutablePointer<Int32>
    let roots: UnsafeMutablePointer<UInt16>
    let rootSeen: UnsafeMutablePointer<UInt64>

    var treeCount = 0
    var bestCount = 0
    var queueCount = 0
    var lowestBucket: Int
    var rootCount = 0
    /// Error sums over the current tree's edges (each already floored at the inner radius).
    var distanceErrorSum = 0
    var angleErrorSum = 0

    static let neighbors = FingerprintTemplate.neighborsPerMinutia
    /// Pairs in a best tree from which on roots touching it are no longer tried.
    static let settledTreeSize = 12

    init(probe: UnsafeBufferPointer<MatchMinutia>, probeEdges: UnsafeBufferPointer<NeighborEdge>,
         probeCounts: UnsafeBufferPointer<UInt8>, candidate: UnsafeBufferPointer<MatchMinutia>,
         candidateEdges: UnsafeBufferPointer<NeighborEdge>, candidateCounts: UnsafeBufferPointer<UInt8>,
         hash: ProbeEdgeHash, hashStarts: UnsafeBufferPointer<Int32>,
         hashEntries: UnsafeBufferPointer<ProbeEdgeHash.Entry>, scratch: PairingScratch, parameters: MatchParameters)
    {
        probeMinutiae = probe
        self.probeEdges = probeEdges
        self.probeCounts = probeCounts
        candidateMinutiae = candidate
        self.candidateEdges = candidateEdges
        self.candidateCounts = candidateCounts
        self.hash = hash
        self.hashStarts = hashStarts
        self.hashEntries = hashEntries
        self.parameters = parameters
        slotByProbe = scratch.slotByProbe
        slotByCandidate = scratch.slotByCandidate
        treeProbe = scratch.treeProbe
        treeCandidate = scratch.treeCandidate
        treeSupport = scratch.treeSupport
        bestCandidateByProbe = scratch.bestCandidateByProbe
        bestHasCandidate = scratch.bestHasCandidate
        bestProbes = scratch.bestProbes
        bestCandidates = scratch.bestCandidates
        queueEntries = scratch.queueEntries
        queueNext = scratch.queueNext
        bucketHeads = scratch.bucketHeads
        roots = scratch.roots
        rootSeen = scratch.rootSeen
        lowestBucket = parameters.maximumDistanceError + 1
    }

    /// The best raw score over all tried roots (0 when nothing pairs).
    mutating func bestRawScore() -> Double {
        guard probeMinutiae.count >= 2, candidateMinutiae.count >= 2 else { return 0 }
        findRoots()
        var best = 0.0
        for index in 0 ..< rootCount {
            let root = roots[index]
            let probe = Int(root >> 8), candidate = Int(root & 0xFF)
            // A root inside the best tree would grow it again. Once the best tree is large (a
            // consistent pairing no impostor reaches), a root sharing a minutia with it contradicts
            // that pairing and is skipped too.
            if bestCandidateByProbe[probe] == Int16(candidate) { continue }
            if bestCount >= Self.settledTreeSize, bestCandidateByProbe[probe] >= 0 || bestHasCandidate[candidate] { continue }
            let score = grow(probe: probe, candidate: candidate)
            if score > best {
                best = score
                keepAsBest()
            }
            clearTree()
        }
        clearBest()
        return best
    }

    // MARK: Roots

    /// Looks candidate edges up in the probe's hash, longest neighbour edges first and candidate
    /// minutiae in a scattered order (so roots come from all over the impression, not one corner);
    /// each lookup contributes its `rootsPerLookup` closest-shaped probe edges as roots.
    private mutating func findRoots() {
        let maximumDistance = parameters.maximumDistanceError, maximumAngle = parameters.maximumAngleError
        let angleShift = UInt8(maximumAngle), angleWindow = UInt8(2 * maximumAngle)
        let count = candidateMinutiae.count
        let step = Self.scatteringStep(count)
        var lookups = 0
        rootCount = 0
        search: for slot in stride(from: Self.neighbors - 1, through: 0, by: -1) {
            var candidate = 0
            for _ in 0 ..< count {
                candidate += step
                if candidate >= count { candidate -= count }
                guard slot < Int(candidateCounts[candidate]) else { continue }
                let edge = candidateEdges[candidate * Self.neighbors + slot]
                guard let cell = hash.cell(length: Int(edge.length), referenceAngle: edge.referenceAngle,
                                           neighborAngle: edge.neighborAngle) else { continue }
                lookups += 1
                // The closest few matches (error, probe minutia), best first.
                var kept = (Int.max, 0, Int.max, 0, Int.max, 0)
                let length = Int(edge.length)
                for entryIndex in Int(hashStarts[cell]) ..< Int(hashStarts[cell + 1]) {
                    let entry = hashEntries[entryIndex]
                    let distanceError = abs(Int(entry.length) &- length)
                    guard distanceError <= maximumDistance,
                          entry.referenceAngle &- edge.referenceAngle &+ angleShift <= angleWindow,
                          entry.neighborAngle &- edge.neighborAngle &+ angleShift <= angleWindow else { continue }
                    let referenceError = MatchGeometry.angleDistance(entry.referenceAngle, edge.referenceAngle)
                    let neighborError = MatchGeometry.angleDistance(entry.neighborAngle, edge.neighborAngle)
                    let error = distanceError * maximumAngle + (referenceError + neighborError) * maximumDistance / 2
                    let probe = Int(entry.reference)
                    if error < kept.0 {
                        kept = (error, probe, kept.0, kept.1, kept.2, kept.3)
                    } else if error < kept.2 {
                        kept = (kept.0, kept.1, error, probe, kept.2, kept.3)
                    } else if error < kept.4 {
                        kept.4 = error
                        kept.5 = probe
                    }
                }
                for (error, probe) in [(kept.0, kept.1), (kept.2, kept.3), (kept.4, kept.5)] where error != Int.max {
                    let key = probe * PairingScratch.capacity + candidate
                    let bit = UInt64(1) << UInt64(key & 63)
                    if rootSeen[key >> 6] & bit != 0 { continue }
                    rootSeen[key >> 6] |= bit
                    roots[rootCount] = UInt16(probe) << 8 | UInt16(candidate)
                    rootCount += 1
                    if rootCount >= parameters.maximumRoots { break search }
                }
                if lookups >= parameters.maximumRootLookups { break search }
            }
        }
        for index in 0 ..< rootCount {
            let root = roots[index]
            let key = Int(root >> 8) * PairingScratch.capacity + Int(root & 0xFF)
            rootSeen[key >> 6] = 0
        }
    }

    /// A step coprime with `count`, near 0.618 × count, so that stepping through indices visits all
    /// of them in a well-spread order.
    static func scatteringStep(_ count: Int) -> Int {
        guard count > 2 else { return 1 }
        var step = max(1, Int(Double(count) * 0.618))
        while gcd(step, count) != 1 { step += 1 }
        return step
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    // MARK: Tree growth

    private mutating func grow(probe: Int, candidate: Int) -> Double {
        distanceErrorSum = 0
        angleErrorSum = 0
        addPair(probe: probe, candidate: candidate)
        let innerDistance = MatchScoring.innerDistanceRadius(parameters)
        let innerAngle = MatchScoring.innerAngleRadius(parameters)
        while true {
            collectEdges(probe: Int(treeProbe[treeCount - 1]), candidate: Int(treeCandidate[treeCount - 1]))
            var added = false
            while let entry = popQueue() {
                let probeNeighbor = Int(entry & 0xFF), candidateNeighbor = Int((entry >> 8) & 0xFF)
                if slotByProbe[probeNeighbor] >= 0 || slotByCandidate[candidateNeighbor] >= 0 {
                    support(probeNeighbor, candidateNeighbor, probeReference: Int((entry >> 16) & 0xFF))
                    continue
                }
                addPair(probe: probeNeighbor, candidate: candidateNeighbor)
                distanceErrorSum += max(innerDistance, Int((entry >> 32) & 0xFF))
                angleErrorSum += max(innerAngle, Int((entry >> 40) & 0xFF)) + max(innerAngle, Int((entry >> 48) & 0xFF))
                added = true
                break
            }
            if !added { break }
        }
        queueCount = 0
        return MatchScoring.rawScore(of: self)
    }

    private mutating func addPair(probe: Int, candidate: Int) {
        slotByProbe[probe] = Int16(treeCount)
        slotByCandidate[candidate] = Int16(treeCount)
        treeProbe[treeCount] = UInt8(probe)
        treeCandidate[treeCount] = UInt8(candidate)
        treeSupport[treeCount] = 0
        treeCount += 1
    }

    /// A proposal between minutiae already paired: if paired with each other, the edge supports both ends.
    @inline(__always)
    private func support(_ probeNeighbor: Int, _ candidateNeighbor: Int, probeReference: Int) {
        let slot = Int(slotByProbe[probeNeighbor])
        guard slot >= 0, Int(treeCandidate[slot]) == candidateNeighbor else { return }
        treeSupport[slot] += 1
        treeSupport[Int(slotByProbe[probeReference])] += 1
    }

    /// Matches the edge tables of a newly paired (probe, candidate) and queues or counts what they propose.
    private mutating func collectEdges(probe: Int, candidate: Int) {
        let maximumDistance = parameters.maximumDistanceError
        // |a − b| ≤ m on the circle of 256 units ⟺ (a − b + m) mod 256 ≤ 2m.
        let angleShift = UInt8(parameters.maximumAngleError), angleWindow = UInt8(2 * parameters.maximumAngleError)
        guard let probeBase = probeEdges.baseAddress, let candidateBase = candidateEdges.baseAddress else { return }
        let probeStar = probeBase + probe &* Self.neighbors, probeCount = Int(probeCounts[probe])
        let candidateStar = candidateBase + candidate &* Self.neighbors, candidateCount = Int(candidateCounts[candidate])
        var start = 0, end = 0
        for candidateSlot in 0 ..< candidateCount {
            let candidateEdge = candidateStar[candidateSlot]
            let length = Int(candidateEdge.length)
            let shortest = length &- maximumDistance, longest = length &+ maximumDistance
            while start < probeCount, Int(probeStar[start].length) < shortest { start &+= 1 }
            if end < start { end = start }
            while end < probeCount, Int(probeStar[end].length) <= longest { end &+= 1 }
            var probeSlot = start
            while probeSlot < end {
                let probeEdge = probeStar[probeSlot]
                probeSlot &+= 1
                guard probeEdge.referenceAngle &- candidateEdge.referenceAngle &+ angleShift <= angleWindow,
                      probeEdge.neighborAngle &- candidateEdge.neighborAngle &+ angleShift <= angleWindow else { continue }
                let probeNeighbor = Int(probeEdge.neighbor), candidateNeighbor = Int(candidateEdge.neighbor)
                if slotByProbe[probeNeighbor] < 0 && slotByCandidate[candidateNeighbor] < 0 {
                    let distanceError = abs(Int(probeEdge.length) &- length)
                    let referenceError = MatchGeometry.angleDistance(probeEdge.referenceAngle, candidateEdge.referenceAngle)
                    let neighborError = MatchGeometry.angleDistance(probeEdge.neighborAngle, candidateEdge.neighborAngle)
                    pushQueue(UInt64(probeNeighbor) | UInt64(candidateNeighbor) << 8 | UInt64(probe) << 16
                        | UInt64(candidate) << 24 | UInt64(distanceError) << 32 | UInt64(referenceError) << 40
                        | UInt64(neighborError) << 48, bucket: distanceError)
                } else {
                    support(probeNeighbor, candidateNeighbor, probeReference: probe)
                }
            }
        }
    }

    @inline(__always)
    private mutating func pushQueue(_ entry: UInt64, bucket: Int) {
        let index = queueCount
        queueCount += 1
        queueEntries[index] = entry
        queueNext[index] = bucketHeads[bucket]
        bucketHeads[bucket] = Int32(index)
        if bucket < lowestBucket { lowestBucket = bucket }
    }

    @inline(__always)
    private mutating func popQueue() -> UInt64? {
        while lowestBucket <= parameters.maximumDistanceError {
            let head = Int(bucketHeads[lowestBucket])
            if head >= 0 {
                bucketHeads[lowestBucket] = queueNext[head]
                return queueEntries[head]
            }
            lowestBucket += 1
        }
        return nil
    }

    private mutating func keepAsBest() {
        clearBest()
        for index in 0 ..< treeCount {
            bestCandidateByProbe[Int(treeProbe[index])] = Int16(treeCandidate[index])
            bestHasCandidate[Int(treeCandidate[index])] = true
            bestProbes[index] = treeProbe[index]
            bestCandidates[index] = treeCandidate[index]
        }
        bestCount = treeCount
    }

    private mutating func clearBest() {
        for index in 0 ..< bestCount {
            bestCandidateByProbe[Int(bestProbes[index])] = -1
            bestHasCandidate[Int(bestCandidates[index])] = false
        }
        bestCount = 0
    }

    private mutating func clearTree() {
        for index in 0 ..< treeCount {
            slotByProbe[Int(treeProbe[index])] = -1
            slotByCandidate[Int(treeCandidate[index])] = -1
        }
        treeCount = 0
    }
}
