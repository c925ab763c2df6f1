/// Tolerances and limits of the fingerprint matcher (500-dpi pixels, angles in 1/256 turn).
///
/// The structure follows SourceAFIS's published matcher; the values were tuned here on synthetic
/// impressions (see docs/biometrics.md) and are part of what the score calibration was measured
/// with: change one and the calibration table must be measured again.
struct MatchParameters: Sendable {
    /// Largest difference in edge length for two edges to be taken as the same edge (SourceAFIS: 13).
    var maximumDistanceError = 13
    /// Largest difference of either relative angle of two edges, 1/256 turn (8 ≈ 11.25°; SourceAFIS: 10°).
    var maximumAngleError = 8
    /// Longest probe edge put in the root-finding hash.
    var maximumHashedEdgeLength = 160
    /// Candidate edges looked up in the probe's hash, at most.
    var maximumRootLookups = 400
    /// Root pairs tried, at most (SourceAFIS: 70; 50 loses nothing measurable here with scattered
    /// lookups and runs a third faster).
    var maximumRoots = 50

    static let standard = MatchParameters()
}
