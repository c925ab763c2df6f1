/// How much one synthetic face capture differs from the person's identity vector: the noise the
/// capture SDK's embedding carries (pose, light, expression, ageing, a poor camera).
///
/// A capture is `unit(identity + σ·n)` with `n` a random unit vector, so σ is the noise's length
/// relative to the identity's. Two captures with noise σ₁ and σ₂ have an expected cosine similarity of
/// about 1 / √((1 + σ₁²)(1 + σ₂²)). Most captures draw σ from `typicalNoise`; a share `poorCaptureRate`
/// (bad light, motion, glasses, an old record photo) draws it from `poorNoise`, which puts some genuine
/// comparisons among the impostors: face alone is imperfect, as real face matchers are.
public struct FaceCaptureVariation: Sendable, Hashable {
    /// Noise length of an ordinary capture, uniform in this range. Default 0.5...1.0.
    public var typicalNoise: ClosedRange<Double>
    /// Share of poor captures. Default 0.06.
    public var poorCaptureRate: Double
    /// Noise length of a poor capture, uniform in this range. Default 2.0...7.0.
    public var poorNoise: ClosedRange<Double>

    public init(typicalNoise: ClosedRange<Double> = 0.5 ... 1.0, poorCaptureRate: Double = 0.06,
                poorNoise: ClosedRange<Double> = 2.0 ... 7.0)
    {
        self.typicalNoise = typicalNoise
        self.poorCaptureRate = poorCaptureRate
        self.poorNoise = poorNoise
    }

    /// No noise at all: every capture is the identity vector (useful in tests).
    public static let none = FaceCaptureVariation(typicalNoise: 0 ... 0, poorCaptureRate: 0, poorNoise: 0 ... 0)
}
