/// One finger's comparison: the same finger position of two people, and the fingerprint matcher's score.
public struct FingerScore: Sendable, Hashable, Codable {
    public var position: FingerPosition
    /// The fingerprint matcher's score (≈ 10 · −log10 FMR).
    public var score: Double

    public init(position: FingerPosition, score: Double) {
        self.position = position
        self.score = score
    }
}

extension FingerPosition: Codable {}
