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
        (0.0000, 0), (8.8445, 1), (9.4399, 2), (9.8971, 3), (10.3005, 4),
        (10.6770, 5), (11.0379, 6), (11.3836, 7), (11.7183, 8), (12.0423, 9),
        (12.3554, 10), (12.6617, 11), (12.9685, 12), (13.2726, 13), (13.5733, 14),
        (13.8729, 15), (14.1711, 16), (14.4706, 17), (14.7659, 18), (15.0621, 19),
        (15.3538, 20), (15.6478, 21), (15.9442, 22), (16.2384, 23), (16.5277, 24),
        (16.8173, 25), (17.1035, 26), (17.3884, 27), (17.6748, 28), (17.9782, 29),
        (18.2698, 30), (18.5813, 31), (18.8773, 32), (19.1843, 33), (19.4987, 34),
        (19.7835, 35), (20.0641, 36), (20.3342, 37), (20.6316, 38), (20.9234, 39),
        (21.1811, 40), (21.4290, 41), (21.7183, 42), (21.9561, 43), (22.2419, 44),
        (22.5864, 45), (22.9221, 46), (23.1974, 47), (23.5015, 48), (23.8477, 49),
        (24.0827, 50), (24.4424, 51), (24.6734, 52), (25.0077, 53), (25.5247, 54),
    ]

    /// Score units per raw unit beyond the table (least-squares slope of its last 20 points).
    static let tailSlope = 3.3897

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
