/// A synthetic population of faces: the embedding space the capture SDK would produce, with some
/// structure in it, from which each person's `SyntheticFace` is drawn. No real biometric data is involved.
///
/// Real face embeddings of unrelated people are not independent directions: people who share
/// ancestry, sex or age resemble each other more. The population models this with `groupCount` group
/// directions; a person's identity is `unit(√β·group + √(1−β)·own)` with `own` a random unit vector and
/// β = `groupSimilarity`, so two unrelated people of the same group have an expected cosine of β, of
/// different groups of 0 (spread ≈ 1/√dimension either way). This gives the impostor distribution the
/// heavier upper tail that calibration has to handle.
///
/// Generation is cheap on purpose (a benchmark draws a million faces): each coordinate is an
/// Irwin–Hall approximation of a normal deviate (the sum of four 16-bit uniforms from one `SplitMix64`
/// output), which is indistinguishable from a Gaussian once summed over hundreds of coordinates.
public struct SyntheticFacePopulation: Sendable {
    /// Embedding length (the capture SDK's, 512 by default).
    public let dimension: Int
    /// Number of look-alike groups. Default 8.
    public let groupCount: Int
    /// Expected cosine between unrelated people of one group. Default 0.08.
    public let groupSimilarity: Double
    /// How captures differ from the identity.
    public let variation: FaceCaptureVariation
    private let groups: [[Float]]

    public init(seed: UInt64 = 0xFACE, dimension: Int = 512, groupCount: Int = 8, groupSimilarity: Double = 0.08,
                variation: FaceCaptureVariation = FaceCaptureVariation())
    {
        precondition(dimension > 0 && groupCount > 0 && (0 ... 1).contains(groupSimilarity))
        self.dimension = dimension
        self.groupCount = groupCount
        self.groupSimilarity = groupSimilarity
        self.variation = variation
        groups = (0 ..< groupCount).map { group in
            var random = SplitMix64(seed: seed ^ (UInt64(group + 1) &* 0xD1B5_4A32_D192_ED03))
            return Self.unitVector(dimension: dimension, using: &random)
        }
    }

    /// The person drawn from `seed` (the same seed always gives the same person).
    public func face(seed: UInt64) -> SyntheticFace {
        var random = SplitMix64(seed: seed ^ 0x5EED_FACE_0000_0001)
        let group = random.int(below: groupCount)
        let own = Self.unitVector(dimension: dimension, using: &random)
        let a = Float(groupSimilarity.squareRoot()), b = Float((1 - groupSimilarity).squareRoot())
        var identity = [Float](repeating: 0, count: dimension)
        let centre = groups[group]
        for index in 0 ..< dimension { identity[index] = a * centre[index] + b * own[index] }
        Self.normalise(&identity)
        return SyntheticFace(group: group, identity: identity, variation: variation, salt: random.next())
    }

    /// A random unit vector (approximately uniform on the sphere).
    static func unitVector(dimension: Int, using random: inout SplitMix64) -> [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        for index in 0 ..< dimension { vector[index] = random.approximateNormal() }
        normalise(&vector)
        return vector
    }

    static func normalise(_ vector: inout [Float]) {
        var sum: Float = 0
        for value in vector { sum += value * value }
        guard sum > 0 else { return }
        let scale = 1 / sum.squareRoot()
        for index in vector.indices { vector[index] *= scale }
    }
}

extension SplitMix64 {
    /// An approximately standard normal deviate: the Irwin–Hall sum of the four 16-bit parts of one
    /// output, centred and scaled (range ±3.46; exact mean 0 and variance 1 up to 2⁻³²).
    mutating func approximateNormal() -> Float {
        let bits = next()
        let sum = Int32(bits & 0xFFFF) + Int32((bits >> 16) & 0xFFFF) + Int32((bits >> 32) & 0xFFFF) + Int32(bits >> 48)
        return Float(sum - 131_070) * (1 / 37_837.6)
    }
}
