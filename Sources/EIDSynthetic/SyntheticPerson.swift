public import EIDBiometrics

/// One synthetic person's biometrics, reproducible from (set seed, index): per finger a master
/// minutiae set (`SyntheticFingerprint`) and any number of impressions of it; a face identity vector
/// and captures of it (`SyntheticFacePopulation` in EIDBiometrics, the one face generator). No real biometric data is involved.
public struct SyntheticPerson: Sendable {
    /// The person's own seed, derived from the set seed and index.
    public let seed: UInt64
    /// How fingerprint impressions vary.
    public var variation: ImpressionVariation

    /// Finger positions in the order synthetic applicants and `eid bio synth --fingers N` take them.
    public static let fingerOrder: [FingerPosition] = [.rightIndex, .leftIndex, .rightThumb, .leftThumb, .rightMiddle,
                                                       .leftMiddle, .rightRing, .leftRing, .rightLittle, .leftLittle]

    /// Person `index` of the set with seed `setSeed`.
    public init(setSeed: UInt64, index: Int, variation: ImpressionVariation = ImpressionVariation()) {
        var generator = SplitMix64(seed: setSeed ^ (UInt64(index) &* 0xD6E8_FEB8_6659_FD93))
        self.init(seed: generator.next(), variation: variation)
    }

    /// The person with this seed.
    public init(seed: UInt64, variation: ImpressionVariation = ImpressionVariation()) {
        self.seed = seed
        self.variation = variation
    }

    /// The person's finger at `position`.
    public func finger(_ position: FingerPosition) -> SyntheticFingerprint {
        SyntheticFingerprint(seed: derivedSeed(0xF1, UInt64(position.rawValue)), position: position)
    }

    /// The master minutiae of a finger as an ISO/IEC 19794-2:2005 template (finger quality 100).
    public func masterTemplate(_ position: FingerPosition) -> MinutiaeTemplate {
        let finger = finger(position)
        let view = FingerView(position: position, fingerQuality: 100, minutiae: finger.masterMinutiae)
        return MinutiaeTemplate(imageWidth: finger.imageWidth, imageHeight: finger.imageHeight, views: [view])
    }

    /// Capture number `capture` (0, 1, 2, ...) of a finger.
    public func impression(_ position: FingerPosition, capture: Int) -> MinutiaeTemplate {
        finger(position).template(seed: impressionSeed(position, capture), variation: variation)
    }

    /// Capture number `capture` of a finger under a capture mix: `variation` for typical
    /// impressions, `conditions.poor` for poor ones and for every impression of a person who is
    /// hard to capture. With `FingerCaptureConditions.typicalOnly` it equals `impression(_:capture:)`.
    public func impression(_ position: FingerPosition, capture: Int, conditions: FingerCaptureConditions) -> MinutiaeTemplate {
        let captureSeed = impressionSeed(position, capture)
        var mix = conditions
        mix.typical = variation
        return finger(position).template(seed: captureSeed, variation: mix.variation(personSeed: seed, captureSeed: captureSeed))
    }

    /// Whether this person's every impression is poor under `conditions`.
    public func isHardToCapture(under conditions: FingerCaptureConditions) -> Bool {
        conditions.isHardToCapture(personSeed: seed)
    }

    private func impressionSeed(_ position: FingerPosition, _ capture: Int) -> UInt64 {
        derivedSeed(0x1A + UInt64(position.rawValue) << 8, UInt64(capture))
    }

    /// The person's face (`SyntheticFacePopulation`, the generator the biometrics evaluation uses).
    public func face(length: Int = 512) -> SyntheticFace {
        SyntheticFacePopulation(dimension: length).face(seed: seed)
    }

    /// The face identity vector (unit norm, float32 little-endian).
    public func faceIdentity(length: Int = 512) -> [UInt8] {
        FaceEmbedding(values: face(length: length).identity).float32LittleEndianBytes()
    }

    /// Capture number `capture` of the face: the identity plus noise, renormalised (float32 little-endian).
    public func faceCapture(_ capture: Int, length: Int = 512) -> [UInt8] {
        face(length: length).capture(seed: derivedSeed(0xFACE, UInt64(capture))).float32LittleEndianBytes()
    }

    private func derivedSeed(_ purpose: UInt64, _ value: UInt64) -> UInt64 {
        var generator = SplitMix64(seed: seed ^ (purpose &* 0x9E37_79B9_7F4A_7C15) ^ (value &* 0xC2B2_AE3D_27D4_EB4F))
        return generator.next()
    }
}
