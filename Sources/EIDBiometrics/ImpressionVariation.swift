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
    /// Where a partial impression's contact ends: the cut line's distance beyond the image centre, as
    /// a fraction of the image's shorter side (negative: less than half the finger left). Default 0.05...0.3.
    public var partialContact: ClosedRange<Double>
    /// Probability that a ridge ending is read as a bifurcation or back. Default 0.05.
    public var typeFlipRate: Double

    public init(maximumRotationDegrees: Double = 15, maximumTranslation: Double = 30, distortionAmplitude: Double = 4,
                positionNoise: Double = 1.5, angleNoiseDegrees: Double = 6, missingRate: Double = 0.12,
                spuriousRate: Double = 0.08, partialRate: Double = 0.2, partialContact: ClosedRange<Double> = 0.05 ... 0.3,
                typeFlipRate: Double = 0.05)
    {
        precondition(partialContact.lowerBound >= -0.5 && partialContact.upperBound <= 0.5, "partial contact outside ±0.5")
        self.maximumRotationDegrees = maximumRotationDegrees
        self.maximumTranslation = maximumTranslation
        self.distortionAmplitude = distortionAmplitude
        self.positionNoise = positionNoise
        self.angleNoiseDegrees = angleNoiseDegrees
        self.missingRate = missingRate
        self.spuriousRate = spuriousRate
        self.partialRate = partialRate
        self.partialContact = partialContact
        self.typeFlipRate = typeFlipRate
    }

    /// A poor capture: skin too dry or too wet, a smudge, the finger rolled or half off the glass, a
    /// movement during capture. Larger placement changes and distortion, twice the noise, 30% of the
    /// minutiae lost and 30% more spurious, half the time partial with less of the finger left.
    public static let poor = ImpressionVariation(maximumRotationDegrees: 25, maximumTranslation: 45, distortionAmplitude: 8,
                                                 positionNoise: 3, angleNoiseDegrees: 12, missingRate: 0.3,
                                                 spuriousRate: 0.3, partialRate: 0.5, partialContact: 0 ... 0.25,
                                                 typeFlipRate: 0.15)

    /// No variation at all: the impression is the master set (useful in tests).
    public static let none = ImpressionVariation(maximumRotationDegrees: 0, maximumTranslation: 0, distortionAmplitude: 0,
                                                 positionNoise: 0, angleNoiseDegrees: 0, missingRate: 0, spuriousRate: 0,
                                                 partialRate: 0, typeFlipRate: 0)
}
