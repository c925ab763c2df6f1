/// The outcome of searching one applicant against every enrolled person.
public struct DeduplicationResult: Sendable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Nobody enrolled matches: the applicant is not already registered.
        case clear
        /// At least one candidate lies in the review band: an officer compares them.
        case review
        /// At least one candidate matches beyond the duplicate threshold.
        case duplicate
    }

    /// Which search stage proposed a candidate.
    public struct Sources: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let face = Sources(rawValue: 1)
        public static let fingerprintPrefilter = Sources(rawValue: 2)
    }

    /// One enrolled person compared in full.
    public struct Candidate: Sendable {
        /// Gallery position.
        public var person: Int
        public var sources: Sources
        public var evidence: ComparisonEvidence
    }

    public var outcome: Outcome
    /// Every candidate compared in full, strongest fused evidence first.
    public var candidates: [Candidate]
    /// The fused-evidence thresholds used (from the gallery size, see `FusionPolicy`).
    public var duplicateThreshold: Double
    public var reviewThreshold: Double

    /// Candidates at or above the review threshold (the duplicates first).
    public var matches: [Candidate] { candidates.filter { $0.evidence.fusedEvidence >= reviewThreshold } }
}
