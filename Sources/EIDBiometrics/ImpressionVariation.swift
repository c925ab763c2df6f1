/// How much one synthetic capture differs from the finger's master minutiae: the ways real
/// impressions of the same finger differ. Defaults are moderate live-scan values at 500 dpi.
public struct ImpressionVariation: Sendable, Hashable {
    /// Largest rotation either way, degrees. Default 15.
    public var maximumRotationDegrees: Double
    /// Largest shift along each axis, pixels. Default 30.
    public var maximumTranslation: Double
    /// Amplitude of the smooth non-linear (skin elasticity) displacement, pixels. Default 4.
    public var distortionAmplitude: Double
    /// Standard deviation of per-minutia position noise, pixels. Default 1.5.
    public var positionNoise: Double
    /// Standard deviation of per-minutia angle noise, degrees. Default 6.
    public var angleNoiseDegrees: Double
    /// Probability that a master minutia is not extracted. Default 0.12.
    public var missingRate: Double
    /// Spurious minutiae added, as a fraction of the master count. Default 0.08.
    public var spuriousRate: Double
    /// Probability that the impression is partial (one side of the finger not in contact). Default 0.2.
    public var partialRate: Double
    /// Probability that a ridge ending is read as a bifurcation or back. Default 0.05.
    public var typeFlipRate: Double

    public init(maximumRotationDegrees: Double = 15, maximumTranslation: Double = 30, distortionAmplitude: Double = 4,
                positionNoise: Double = 1.5, angleNoiseDegrees: Double = 6, missingRate: Double = 0.12,
                spuriousRate: Double = 0.08, partialRate: Double = 0.2, typeFlipRate: Double = 0.05)
    {
        self.maximumRotationDegrees = maximumRotationDegrees
        self.maximumTranslation = maximumTranslation
        self.distortionAmplitude = distortionAmplitude
        self.positionNoise = positionNoise
        self.angleNoiseDegrees = angleNoiseDegrees
        self.missingRate = missingRate
        self.spuriousRate = spuriousRate
        self.partialRate = partialRate
        self.typeFlipRate = typeFlipRate
    }

    /// No variation at all: the impression is the master set (useful in tests).
    public static let none = ImpressionVariation(maximumRotationDegrees: 0, maximumTranslation: 0, distortionAmplitude: 0,
                                                 positionNoise: 0, angleNoiseDegrees: 0, missingRate: 0, spuriousRate: 0,
                                                 partialRate: 0, typeFlipRate: 0)
}
