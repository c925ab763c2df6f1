/// Error rates of a matcher measured on genuine (same person) and impostor (different people)
/// comparison scores, higher score = more alike. A comparison is a match when its score is at least the
/// threshold: FMR(t) = share of impostor scores ≥ t, FNMR(t) = share of genuine scores < t.
public struct MatchErrorRates: Sendable {
    /// Genuine scores, ascending.
    public let genuine: [Double]
    /// Impostor scores, ascending.
    public let impostor: [Double]

    public init(genuine: [Double], impostor: [Double]) {
        precondition(!genuine.isEmpty && !impostor.isEmpty, "error rates need genuine and impostor scores")
        self.genuine = genuine.sorted()
        self.impostor = impostor.sorted()
    }

    /// Share of impostor scores at or above `threshold`.
    public func falseMatchRate(at threshold: Double) -> Double {
        Double(impostor.count - lowerBound(impostor, threshold)) / Double(impostor.count)
    }

    /// Share of genuine scores below `threshold`.
    public func falseNonMatchRate(at threshold: Double) -> Double {
        Double(lowerBound(genuine, threshold)) / Double(genuine.count)
    }

    /// The equal error rate, as FVC2000 defines it (Maio et al. 2002; also what `pyeer` computes): over
    /// the thresholds at every distinct score, find the first where FMR ≤ FNMR; of it and the one before,
    /// take the one with the smaller FMR + FNMR, and report the mean of its FMR and FNMR.
    public var equalErrorRate: (rate: Double, threshold: Double) {
        let thresholds = distinctScores
        var previous: (fmr: Double, fnmr: Double, threshold: Double)? = nil
        for threshold in thresholds {
            let fmr = falseMatchRate(at: threshold), fnmr = falseNonMatchRate(at: threshold)
            if fmr - fnmr <= 0 {
                if let before = previous, fmr != fnmr, before.fmr + before.fnmr <= fmr + fnmr {
                    return ((before.fmr + before.fnmr) / 2, before.threshold)
                }
                return ((fmr + fnmr) / 2, threshold)
            }
            previous = (fmr, fnmr, threshold)
        }
        return (1, thresholds[thresholds.count - 1])  // the curves never cross: scores upside down
    }

    /// The lowest threshold whose measured FMR is at most `rate`.
    public func threshold(forFalseMatchRate rate: Double) -> Double {
        let allowed = Int((rate * Double(impostor.count)).rounded(.down))
        if allowed >= impostor.count { return -.infinity }
        // Scores at or above the threshold: at most `allowed` impostors, so the threshold is just
        // above the (allowed+1)-th highest impostor score.
        return impostor[impostor.count - 1 - allowed].nextUp
    }

    /// FNMR at the lowest threshold with FMR ≤ `rate`, and that threshold. `measurable` is false when
    /// there are fewer than 1/rate impostor scores (the rate is below what the set can show).
    public func falseNonMatchRate(atFalseMatchRate rate: Double) -> (rate: Double, threshold: Double, measurable: Bool) {
        let threshold = threshold(forFalseMatchRate: rate)
        return (falseNonMatchRate(at: threshold), threshold, rate * Double(impostor.count) >= 1)
    }

    /// Points of the DET curve (FMR, FNMR), at most about `maximumPoints` of them, FMR decreasing.
    public func detCurve(maximumPoints: Int = 400) -> [(fmr: Double, fnmr: Double)] {
        let thresholds = distinctScores
        let stride = max(1, thresholds.count / maximumPoints)
        var points: [(fmr: Double, fnmr: Double)] = []
        var index = 0
        while index < thresholds.count {
            points.append((falseMatchRate(at: thresholds[index]), falseNonMatchRate(at: thresholds[index])))
            index += stride
        }
        // The low-FMR end matters most: always include the thresholds at the highest impostor scores.
        for offset in stride > 1 ? Array(0 ..< min(50, impostor.count)) : [] {
            let threshold = impostor[impostor.count - 1 - offset]
            points.append((falseMatchRate(at: threshold), falseNonMatchRate(at: threshold)))
        }
        return points.sorted { $0.fmr != $1.fmr ? $0.fmr > $1.fmr : $0.fnmr < $1.fnmr }
    }

    private var distinctScores: [Double] {
        var merged = genuine + impostor
        merged.sort()
        var distinct: [Double] = []
        distinct.reserveCapacity(merged.count)
        for score in merged where distinct.last != score { distinct.append(score) }
        return distinct
    }
}
