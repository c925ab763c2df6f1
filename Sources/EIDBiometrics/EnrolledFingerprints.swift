/// Every enrolled person's fingerprints for 1:N de-duplication, by gallery position (the same
/// positions as the `FaceGallery`): the pre-filter codes in a `FingerprintGallery`, scanned in full for
/// every applicant, and each finger's stored template in one contiguous byte store, turned back into a
/// match-ready template (edge table rebuilt, a few microseconds) only for the candidates compared in full.
/// Memory per person: the pre-filter codes (130 bytes per finger) plus the stored templates
/// (12 + 6 bytes per minutia, ≈ 300 bytes per finger).
public struct EnrolledFingerprints: DeduplicationFingerprints {
    /// Finger positions kept per person, in storage order.
    public var positions: [FingerPosition] { prefilter.positions }
    /// The pre-filter over every enrolled person.
    public private(set) var prefilter: FingerprintGallery
    /// Threads a pre-filter scan or a batch of full comparisons uses.
    public var threads: Int
    private var bytes: [UInt8] = []
    /// Start and end in `bytes` of each (person, slot) template; equal for a finger not enrolled.
    private var bounds: [UInt32] = [0]

    public init(positions: [FingerPosition], threads: Int = 2) {
        prefilter = FingerprintGallery(positions: positions)
        self.threads = max(1, threads)
    }

    /// Number of people enrolled.
    public var count: Int { prefilter.count }

    /// Bytes held per person on average (pre-filter codes and stored templates).
    public var bytesPerPerson: Double {
        Double(prefilter.bytesPerPerson) + (count == 0 ? 0 : Double(bytes.count + 4 * bounds.count) / Double(count))
    }

    public mutating func reserveCapacity(_ people: Int, templateBytesPerPerson: Int = 1_200) {
        prefilter.reserveCapacity(people)
        bytes.reserveCapacity(people * templateBytesPerPerson)
        bounds.reserveCapacity(people * positions.count + 1)
    }

    /// Enrolls a person; returns their position (0, 1, 2, … in order).
    @discardableResult
    public mutating func append(_ person: FingerprintEnrollment) -> Int {
        for position in positions {
            if let stored = person.storedTemplates[position] { bytes += stored }
            bounds.append(UInt32(bytes.count))
        }
        return prefilter.append(person.prefilterCodes)
    }

    /// The stored template of `person`'s finger at `slot`, if enrolled.
    func template(person: Int, slot: Int) -> FingerprintTemplate? {
        let cell = person * positions.count + slot
        let start = Int(bounds[cell]), end = Int(bounds[cell + 1])
        guard end > start else { return nil }
        // The bytes were written by `serialized()`, so reading them back cannot fail.
        return try? FingerprintTemplate(serialized: bytes[start ..< end])
    }

    public func prefilterCandidates(_ probe: FingerprintSearchProbe, limit: Int) -> [Int] {
        prefilter.search(probe.prefilterCodes, topK: limit, threads: threads).map(\.row)
    }

    /// Full comparison, finger by finger (same positions), on `threads` threads with one matcher per
    /// probe finger per thread.
    public func fingerScores(_ probe: FingerprintSearchProbe, people: [Int]) -> [[FingerScore]] {
        guard !people.isEmpty else { return [] }
        let slots = probe.templates.map { template in positions.firstIndex(of: template.position) }
        let ranges = ParallelWork.ranges(count: people.count, parts: min(threads, people.count))
        return ParallelWork.map(parts: ranges.count) { part in
            let matchers = probe.templates.map { FingerprintMatcher(probe: $0) }
            return ranges[part].map { index in
                var scores: [FingerScore] = []
                for (number, slot) in slots.enumerated() {
                    guard let slot, let enrolled = template(person: people[index], slot: slot) else { continue }
                    scores.append(FingerScore(position: probe.templates[number].position, score: matchers[number].match(enrolled)))
                }
                return scores
            }
        }.flatMap { $0 }
    }
}
