import Foundation

/// Turns the matcher's raw score into a score calibrated to the false-match rate,
/// score = 10 · (−log10 FMR) (SourceAFIS's convention): 20 ↔ 1 %, 30 ↔ 0.1 %, 40 ↔ 0.01 %.
public enum FingerprintScoreCalibration {
    /// (raw score, calibrated score) points, raw increasing; between points the mapping is linear,
    /// beyond the last it continues with the last segment's slope (an extrapolated tail).
    ///
    /// Measured with `eid bio calibrate` (FingerprintCalibrationRun): impostor comparisons between
    /// impressions of different synthetic fingers (SyntheticFingerprint, default ImpressionVariation),
    /// scored by this matcher from the ISO template bytes; each point is the raw score that
    /// a fraction 10^(−s/10) of the impostor scores reach.
    /// PLACEHOLDER until measured.
    static let table: [(raw: Double, score: Double)] = [
        (0, 0), (8.48, 3), (11.12, 7), (14.15, 10), (18.22, 20), (22.39, 30), (27.24, 40), (32.01, 50),
    ]

    /// The calibrated score for a raw score.
    static func score(raw: Double) -> Double {
        let table = Self.table
        guard raw > table[0].raw else { return table[0].score }
        for index in 1 ..< table.count where raw <= table[index].raw {
            let low = table[index - 1], high = table[index]
            return low.score + (raw - low.raw) / (high.raw - low.raw) * (high.score - low.score)
        }
        let low = table[table.count - 2], high = table[table.count - 1]
        return high.score + (raw - high.raw) / (high.raw - low.raw) * (high.score - low.score)
    }

    /// The false-match rate a calibrated score stands for (1 for scores ≤ 0).
    public static func falseMatchRate(forScore score: Double) -> Double {
        score <= 0 ? 1 : pow(10, -score / 10)
    }

    /// The calibrated score whose false-match rate is `rate` (a decision threshold), for rate in (0, 1].
    public static func score(forFalseMatchRate rate: Double) -> Double {
        precondition(rate > 0 && rate <= 1, "a false-match rate is in (0, 1]")
        return -10 * log10(rate)
    }
}
