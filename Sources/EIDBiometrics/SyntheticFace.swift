/// One synthetic person's face: an identity vector from which captures (face embeddings as the
/// capture SDK would output them) are drawn with seeded noise. Made by `SyntheticFacePopulation.face(seed:)`.
public struct SyntheticFace: Sendable, Hashable {
    /// The look-alike group this person belongs to (see `SyntheticFacePopulation`).
    public let group: Int
    /// The noise-free identity direction, unit length.
    public let identity: [Float]
    /// How captures differ from the identity.
    public let variation: FaceCaptureVariation
    /// Mixed into capture seeds, so capture `k` of two people has independent noise.
    private let salt: UInt64

    init(group: Int, identity: [Float], variation: FaceCaptureVariation, salt: UInt64) {
        self.group = group
        self.salt = salt
        self.identity = identity
        self.variation = variation
    }

    /// One capture drawn from `seed`: `unit(identity + σ·n)` with `n` a random unit vector and σ drawn
    /// from the variation (see `FaceCaptureVariation`). Unit L2 norm, as the quality gate expects.
    /// The noise depends on this person and the seed together.
    public func capture(seed: UInt64) -> FaceEmbedding {
        var mixer = SplitMix64(seed: seed ^ 0xCA97_0BE5_FACE_0002)
        var random = SplitMix64(seed: mixer.next() ^ salt)
        let poor = random.chance(variation.poorCaptureRate)
        let sigma = Float(random.double(in: poor ? variation.poorNoise : variation.typicalNoise))
        var values = identity
        if sigma > 0 {
            let noise = SyntheticFacePopulation.unitVector(dimension: identity.count, using: &random)
            for index in values.indices { values[index] += sigma * noise[index] }
            SyntheticFacePopulation.normalise(&values)
        }
        return FaceEmbedding(values: values)
    }
}
