/// How `FaceGallery` stores and searches faces.
public struct FaceSearchParameters: Sendable, Hashable {
    /// Embedding length (the capture SDK's). Default 512.
    public var dimension: Int
    /// Coordinates of the rotated embedding kept for the coarse scan (int8 each). Default 128.
    public var coarseDimension: Int
    /// Candidates the coarse scan passes on to exact re-ranking with the full codes. Default 2,000.
    public var rerankCount: Int
    /// Threads a search uses. Default 2.
    public var threads: Int
    /// Seed of the fixed random rotation (a gallery and its probes must agree).
    public var projectionSeed: UInt64

    public init(dimension: Int = 512, coarseDimension: Int = 128, rerankCount: Int = 2_000, threads: Int = 2,
                projectionSeed: UInt64 = 0x5EA2_C400_0000_0001)
    {
        self.dimension = dimension
        self.coarseDimension = coarseDimension
        self.rerankCount = rerankCount
        self.threads = threads
        self.projectionSeed = projectionSeed
    }
}
