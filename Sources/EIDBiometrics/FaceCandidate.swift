/// One entry of a face search result: a gallery position and its cosine similarity to the probe.
public struct FaceCandidate: Sendable, Hashable {
    /// Position in the `FaceGallery` (the order entries were added).
    public var index: Int
    /// Cosine similarity of the stored codes (−1...1).
    public var similarity: Float

    public init(index: Int, similarity: Float) {
        self.index = index
        self.similarity = similarity
    }

    /// Result order: higher similarity first, then lower index (so results are deterministic).
    static func ranksBefore(_ a: FaceCandidate, _ b: FaceCandidate) -> Bool {
        a.similarity != b.similarity ? a.similarity > b.similarity : a.index < b.index
    }
}
