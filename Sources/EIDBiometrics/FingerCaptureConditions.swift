/// The mix of fingerprint capture quality across a population, as a field enrollment sees it.
///
/// Most impressions are `typical`. A share `poorCaptureRate` of impressions are `poor` (dry or wet
/// skin, a smudge, a finger half off the glass, a movement): these are independent from finger to
/// finger. A share `hardToCaptureRate` of people (ridges worn by manual work or age, some skin
/// conditions) give `poor` impressions of every finger, every time: their errors are correlated
/// across fingers, so adding fingers does not remove them, and the face is what helps. Real
/// fingerprint evaluations see both effects; without them every multi-finger error rate on
/// synthetic data would be zero. Defaults: 5% poor impressions, 2% hard-to-capture people.
public struct FingerCaptureConditions: Sendable, Hashable {
    /// An ordinary impression.
    public var typical: ImpressionVariation
    /// A poor impression.
    public var poor: ImpressionVariation
    /// Share of impressions that are poor, independently. Default 0.05.
    public var poorCaptureRate: Double
    /// Share of people whose every impression is poor. Default 0.02.
    public var hardToCaptureRate: Double

    public init(typical: ImpressionVariation = ImpressionVariation(), poor: ImpressionVariation = .poor,
                poorCaptureRate: Double = 0.05, hardToCaptureRate: Double = 0.02)
    {
        precondition((0 ... 1).contains(poorCaptureRate) && (0 ... 1).contains(hardToCaptureRate),
                     "capture rates must be in 0...1")
        self.typical = typical
        self.poor = poor
        self.poorCaptureRate = poorCaptureRate
        self.hardToCaptureRate = hardToCaptureRate
    }

    /// Every impression typical.
    public static let typicalOnly = FingerCaptureConditions(poorCaptureRate: 0, hardToCaptureRate: 0)

    /// Whether the person with this seed is hard to capture.
    public func isHardToCapture(personSeed: UInt64) -> Bool {
        var random = SplitMix64(seed: personSeed ^ 0x4A2D_70CA_97A5_E001)
        return random.chance(hardToCaptureRate)
    }

    /// Whether the impression drawn from `captureSeed`, of a finger of the person with `personSeed`, is poor.
    public func isPoor(personSeed: UInt64, captureSeed: UInt64) -> Bool {
        if isHardToCapture(personSeed: personSeed) { return true }
        var random = SplitMix64(seed: captureSeed ^ 0x9007_CA97_0BAD_0002)
        return random.chance(poorCaptureRate)
    }

    /// How the impression drawn from `captureSeed`, of a finger of the person with `personSeed`, varies.
    public func variation(personSeed: UInt64, captureSeed: UInt64) -> ImpressionVariation {
        isPoor(personSeed: personSeed, captureSeed: captureSeed) ? poor : typical
    }
}
