import EIDCore

/// The bounds central enforces on what nodes send it.
public struct CentralLimits: Sendable, Equatable {
    /// The largest batch upload, in bytes (default: the largest the wire format allows,
    /// a 512-byte header, its signature and 64 MiB of records).
    public var maxBatchBytes: Int
    /// The largest chunk one `PUT` may carry: 2 MiB by default, so a batch of the
    /// default size (≤ 1 MiB of records) travels whole in one request on a good link
    /// and is stored and decided in one transaction.
    public var maxChunkBytes: Int
    /// Partial uploads kept per node; starting one more evicts the least recently touched.
    public var maxPartialUploadsPerNode: Int
    /// Most events in one feed page.
    public var maxEventsPerPage: Int

    public static let protocolMaxBatchBytes = 4 + SignedBatch.maxHeaderLength + SignedBatch.signatureLength
        + Int(BatchHeader.maxRecordsByteLength)

    public init(maxBatchBytes: Int = CentralLimits.protocolMaxBatchBytes, maxChunkBytes: Int = 2 * 1024 * 1024,
                maxPartialUploadsPerNode: Int = 2, maxEventsPerPage: Int = 500) {
        self.maxBatchBytes = max(1, min(maxBatchBytes, Self.protocolMaxBatchBytes))
        self.maxChunkBytes = max(1, maxChunkBytes)
        self.maxPartialUploadsPerNode = max(1, maxPartialUploadsPerNode)
        self.maxEventsPerPage = max(1, min(maxEventsPerPage, FeedPage.maxEvents))
    }
}
