internal import Foundation

/// Maps a comparison score (higher = more alike) to *evidence*: −log10 of the false-match rate, the
/// share of impostor comparisons that score at least as high. Evidence 4 means one impostor in 10,000
/// reaches that score. Scores of different matchers become comparable, and independent comparisons
/// can be combined (`FusionPolicy`).
///
/// A measured calibration (`measured(impostorScores:)`) holds knots at the impostor quantiles for
/// evidence 0, 0.1, 0.2, … (linear in between) up to where too few impostors remain to measure
/// (`minimumTailCount`); beyond, an exponential tail extends it, up to `maximumEvidence`: evidence
/// grows by 1/(β·ln 10) per unit of score, β the mean excess of the highest `tailFitShare` of the
/// impostor scores over their lowest (peaks over threshold with a zero shape: P(X > u + y) = p·e^(−y/β)).
/// The slope is fitted over the top 1 % rather than only the last few points because the mean excess of a
/// hundred points varies by ±10 %, which compounds over the decades extrapolated. For a tail that falls
/// faster than exponential (cosine similarity of face embeddings is Gaussian-like) the mean excess shrinks
/// further out, so a slope fitted lower down under-credits the far tail rather than over-crediting it.
public struct ScoreCalibration: Sendable, Hashable, Codable {
    /// One point of the mapping.
    public struct Knot: Sendable, Hashable, Codable {
        public var score: Double
        public var evidence: Double

        public init(score: Double, evidence: Double) {
            self.score = score
            self.evidence = evidence
        }
    }

    /// Score increasing, evidence non-decreasing; the first knot has evidence 0.
    public let knots: [Knot]
    /// Evidence gained per unit of score beyond the last knot.
    public let tailSlope: Double
    /// Evidence never exceeds this (how far the extrapolated tail is trusted).
    public let maximumEvidence: Double

    /// A calibration from explicit knots (scores strictly increasing, evidence non-decreasing from 0).
    public init(knots: [Knot], tailSlope: Double, maximumEvidence: Double) {
        precondition(!knots.isEmpty && knots[0].evidence == 0, "a calibration starts at evidence 0")
        precondition(zip(knots, knots.dropFirst()).allSatisfy { $0.score < $1.score && $0.evidence <= $1.evidence },
                     "calibration knots must increase")
        precondition(tailSlope >= 0 && maximumEvidence > 0)
        self.knots = knots
        self.tailSlope = tailSlope
        self.maximumEvidence = maximumEvidence
    }

    /// A matcher whose score is already `scorePerDecade` · (−log10 FMR), like the fingerprint matcher's
    /// (10 per decade: score 40 ↔ FMR 10⁻⁴).
    public static func linear(scorePerDecade: Double, maximumEvidence: Double) -> ScoreCalibration {
        precondition(scorePerDecade > 0)
        return ScoreCalibration(knots: [Knot(score: 0, evidence: 0)], tailSlope: 1 / scorePerDecade,
                                maximumEvidence: maximumEvidence)
    }

    /// Measures the calibration from impostor scores (at least `minimumTailCount` · 2 of them).
    /// - Parameters:
    ///   - step: evidence between knots (0.1 = ten knots per decade).
    ///   - minimumTailCount: knots stop where fewer impostor scores than this lie above; the highest
    ///     ones, from there, fit the exponential tail.
    ///   - tailFitShare: share of the highest impostor scores the tail slope is fitted on (at least
    ///     `minimumTailCount` scores).
    ///   - maximumEvidence: cap on the evidence.
    public static func measured(impostorScores: [Double], step: Double = 0.1, minimumTailCount: Int = 100,
                                tailFitShare: Double = 0.01, maximumEvidence: Double) -> ScoreCalibration
    {
        let sorted = impostorScores.filter(\.isFinite).sorted()
        let count = sorted.count
        precondition(count >= 2 * minimumTailCount && minimumTailCount > 0 && step > 0, "too few impostor scores to calibrate")
        /// The lowest score reached by at most `share` of the impostors, and the share that reach it.
        func level(_ share: Double) -> (score: Double, evidence: Double) {
            let index = min(count - 1, max(0, count - Int((share * Double(count)).rounded(.down))))
            let score = sorted[index]
            // Ties: the evidence at a score is what its own share says (≤ the level asked for).
            let reaching = count - lowerBound(sorted, score)
            return (score, -log10(Double(reaching) / Double(count)))
        }
        let lastEvidence = -log10(Double(minimumTailCount) / Double(count))
        var knots = [Knot(score: sorted[0], evidence: 0)]
        var evidence = step
        while evidence <= lastEvidence + 1e-9 {
            let point = level(pow(10, -evidence))
            if point.score > knots[knots.count - 1].score {
                knots.append(Knot(score: point.score, evidence: max(knots[knots.count - 1].evidence, point.evidence)))
            }
            evidence += step
        }
        // Exponential tail: the mean excess of the top `tailFitShare` over their lowest score.
        let fitted = max(minimumTailCount, Int(tailFitShare * Double(count)))
        let threshold = sorted[count - fitted]
        let excess = sorted[upperBound(sorted, threshold)...].map { $0 - threshold }
        let meanExcess = excess.isEmpty ? 0 : excess.reduce(0, +) / Double(excess.count)
        let slope = meanExcess > 0 ? 1 / (meanExcess * M_LN10) : 0
        return ScoreCalibration(knots: knots, tailSlope: slope, maximumEvidence: maximumEvidence)
    }

    /// −log10 FMR of `score` (0 at or below the lowest knot, at most `maximumEvidence`).
    public func evidence(_ score: Double) -> Double {
        guard score.isFinite else { return score > 0 ? maximumEvidence : 0 }
        guard score > knots[0].score else { return 0 }
        let last = knots[knots.count - 1]
        if score >= last.score {
            return min(maximumEvidence, last.evidence + (score - last.score) * tailSlope)
        }
        var low = 0, high = knots.count - 1  // knots[low].score < score < knots[high].score
        while high - low > 1 {
            let middle = (low + high) / 2
            if knots[middle].score <= score { low = middle } else { high = middle }
        }
        let a = knots[low], b = knots[high]
        return min(maximumEvidence, a.evidence + (score - a.score) / (b.score - a.score) * (b.evidence - a.evidence))
    }

    /// The false-match rate a score stands for, 10^−evidence.
    public func falseMatchRate(_ score: Double) -> Double {
        pow(10, -evidence(score))
    }

    /// The lowest score with at least `evidence` (a decision threshold), or +∞ if the cap is below it.
    public func score(forEvidence evidence: Double) -> Double {
        guard evidence > 0 else { return knots[0].score }
        guard evidence <= maximumEvidence else { return .infinity }
        let last = knots[knots.count - 1]
        if evidence > last.evidence {
            return tailSlope > 0 ? last.score + (evidence - last.evidence) / tailSlope : .infinity
        }
        for (a, b) in zip(knots, knots.dropFirst()) where b.evidence >= evidence {
            return b.evidence == a.evidence ? a.score : a.score + (evidence - a.evidence) / (b.evidence - a.evidence) * (b.score - a.score)
        }
        return last.score
    }
}

/// First index whose value is ≥ `value` (sorted ascending).
func lowerBound(_ sorted: [Double], _ value: Double) -> Int {
    var low = 0, high = sorted.count
    while low < high {
        let middle = (low + high) / 2
        if sorted[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
}

/// First index whose value is > `value` (sorted ascending).
func upperBound(_ sorted: [Double], _ value: Double) -> Int {
    var low = 0, high = sorted.count
    while low < high {
        let middle = (low + high) / 2
        if sorted[middle] <= value { low = middle + 1 } else { high = middle }
    }
    return low
}
