internal import Foundation

/// What the biometrics say about whether two captures are of one person: each modality's score, its
/// evidence (−log10 FMR, from the calibrations), and the evidence combined (see `FusionPolicy`).
public struct ComparisonEvidence: Sendable, Hashable, Codable {
    /// Face cosine similarity, when both sides have a face.
    public var faceSimilarity: Double?
    /// −log10 FMR of the face similarity.
    public var faceEvidence: Double?
    /// Scores of the fingers both sides have.
    public var fingers: [FingerScore]
    /// −log10 FMR of each finger's score (same order as `fingers`).
    public var fingerEvidence: [Double]
    /// −log10 of the false-match rate of the fingers together.
    public var fingerprintEvidence: Double
    /// −log10 of the false-match rate of every modality together: the decision statistic.
    public var fusedEvidence: Double

    /// The false-match rate the fused evidence stands for: the chance that two different people's
    /// captures give evidence at least this strong.
    public var fusedFalseMatchRate: Double { pow(10, -fusedEvidence) }

    /// Number of independent comparisons combined.
    public var termCount: Int { fingers.count + (faceEvidence == nil ? 0 : 1) }

    /// Fisher's combination of independent evidence (log10 units): if each term is −log10 of a
    /// false-match rate that is uniform on (0, 1] for impostors, the sum S of k terms is, for impostors,
    /// Gamma(k)-distributed in natural-log units, so P(sum ≥ S) = e^(−t) · Σ_{j<k} t^j / j! with t = S·ln 10.
    /// Returns −log10 of that probability (0 for no terms). It is the product rule for independent
    /// modalities made exact: k weak terms do not add up to a strong match by accident.
    public static func combined(_ terms: [Double]) -> Double {
        guard !terms.isEmpty else { return 0 }
        let t = terms.reduce(0) { $0 + max(0, $1) } * M_LN10
        var sum = 0.0, term = 1.0
        for j in 0 ..< terms.count {
            if j > 0 { term *= t / Double(j) }
            sum += term
        }
        return max(0, (t - log(sum)) / M_LN10)
    }
}
