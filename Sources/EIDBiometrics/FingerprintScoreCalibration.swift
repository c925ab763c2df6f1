import Foundation

/// Turns the matcher's raw score into a score calibrated to the false-match rate,
/// score = 10 · (−log10 FMR) (SourceAFIS's convention): 20 ↔ 1 %, 30 ↔ 0.1 %, 40 ↔ 0.01 %.
public enum FingerprintScoreCalibration {
    /// (raw score, calibrated score) points, raw increasing; between points the mapping is linear,
    /// beyond the last it continues with `tailSlope` (an extrapolated tail: fewer than 20 of the
    /// measured impostors lie there).
    ///
    /// Measured with `eid bio calibrate` (`FingerprintCalibrationRun`, defaults): 5,000,000 impostor
    /// comparisons, 10,000 synthetic fingers (SyntheticImpressionSet seed 3390683303, default
    /// ImpressionVariation) × 500 others each, every impression generated as an ISO/IEC 19794-2
    /// record, decoded and preprocessed, scored by this matcher (MatchParameters.standard). Point
    /// (r, s): a fraction 10^(−s/10) of the impostor raw scores are ≥ r. Re-measure whenever the
    /// matcher, its parameters or the generator change; `calibrationHoldsOnFreshImpostors` checks
    /// the table against fresh impostors.
    static let table: [(raw: Double, score: Double)] = [
        (0.0000, 0), (9.4132, 1), (10.0690, 2), (10.5912, 3), (11.0535, 4),
        (11.4776, 5), (11.8728, 6), (12.2469, 7), (12.6057, 8), (12.9563, 9),
        (13.2988, 10), (13.6375, 11), (13.9721, 12), (14.3027, 13), (14.6306, 14),
        (14.9552, 15), (15.2770, 16), (15.5984, 17), (15.9175, 18), (16.2356, 19),
        (16.5539, 20), (16.8789, 21), (17.1961, 22), (17.5126, 23), (17.8298, 24),
        (18.1513, 25), (18.4659, 26), (18.7982, 27), (19.1227, 28), (19.4340, 29),
        (19.7513, 30), (20.0663, 31), (20.3987, 32), (20.7160, 33), (21.0423, 34),
        (21.3646, 35), (21.6735, 36), (21.9547, 37), (22.2926, 38), (22.5591, 39),
        (22.8599, 40), (23.1500, 41), (23.4816, 42), (23.8356, 43), (24.2067, 44),
        (24.5930, 45), (24.7957, 46), (25.1559, 47), (25.4954, 48), (25.8054, 49),
        (26.0796, 50), (26.5098, 51), (26.8525, 52), (27.0263, 53), (27.2750, 54),
    ]

    /// Score units per raw unit beyond the table (least-squares slope of its last 20 points).
    static let tailSlope = 3.1274

    /// The calibrated score for a raw score.
    static func score(raw: Double) -> Double {
        let table = Self.table
        guard raw > table[0].raw else { return table[0].score }
        for index in 1 ..< table.count where raw <= table[index].raw {
            let low = table[index - 1], high = table[index]
            return low.score + (raw - low.raw) / (high.raw - low.raw) * (high.score - low.score)
        }
        let last = table[table.count - 1]
        return last.score + (raw - last.raw) * tailSlope
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
