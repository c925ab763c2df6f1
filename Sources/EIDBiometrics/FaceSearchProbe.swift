/// A face prepared for searching a `FaceGallery`: its full code and its coarse (rotated, truncated) code.
public struct FaceSearchProbe: Sendable, Hashable {
    /// The full int8 code, used for exact re-ranking and 1:1 comparison.
    public let code: FaceEmbeddingCode
    /// The coarse int8 code the first stage scans with.
    public let coarse: FaceEmbeddingCode
}
