/// The outcome of a 1:1 comparison of an applicant with a record, with the evidence behind it.
public struct VerificationDecision: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        case accept, review, reject
    }

    /// Why the outcome is what it is.
    public enum Reason: String, Sendable, Hashable, Codable, CustomStringConvertible {
        /// The fused evidence passes the accept threshold and the fingerprints support it.
        case match
        /// The fused evidence passes the accept threshold but the fingerprints alone do not.
        case fingerprintsInconclusive
        /// Only the face could be compared (a face alone never accepts).
        case noFingerprints
        /// The fused evidence lies in the review band.
        case betweenThresholds
        /// The fused evidence is below the reject threshold.
        case noMatch
        /// Neither side has a biometric in common.
        case nothingToCompare

        public var description: String {
            switch self {
            case .match: "face and fingerprints match"
            case .fingerprintsInconclusive: "strong overall match but the fingerprints alone are inconclusive"
            case .noFingerprints: "no fingerprints to compare; a face alone is not enough to accept"
            case .betweenThresholds: "evidence between the accept and reject thresholds"
            case .noMatch: "the biometrics do not match"
            case .nothingToCompare: "no biometrics in common to compare"
            }
        }
    }

    public var outcome: Outcome
    public var reason: Reason
    public var evidence: ComparisonEvidence
}
