/// What central holds of one node's log (`GET /v1/checkpoint`, docs/PROTOCOL.md §3).
public struct CentralCheckpoint: Sendable, Equatable, Codable {
    /// The last batch central accepted from this node (0 when none).
    public var lastBatchSequence: UInt64
    /// Its hash, hex (64 zeros when none).
    public var lastBatchHash: String
    /// The last record sequence central holds from this node.
    public var lastRecordSequence: UInt64
    /// An upload central holds part of: the batch and how many bytes it has persisted.
    public var upload: PartialUpload?

    /// A batch upload central has persisted part of (also the body of a `202` answer).
    public struct PartialUpload: Sendable, Equatable, Codable {
        public var batchSequence: UInt64
        /// Bytes persisted so far: the next chunk must start here.
        public var offset: Int
        public var totalLength: Int

        public init(batchSequence: UInt64, offset: Int, totalLength: Int) {
            self.batchSequence = batchSequence
            self.offset = offset
            self.totalLength = totalLength
        }

        enum CodingKeys: String, CodingKey {
            case batchSequence = "batch_sequence", offset, totalLength = "total_length"
        }
    }

    public init(lastBatchSequence: UInt64, lastBatchHash: String, lastRecordSequence: UInt64, upload: PartialUpload?) {
        self.lastBatchSequence = lastBatchSequence
        self.lastBatchHash = lastBatchHash
        self.lastRecordSequence = lastRecordSequence
        self.upload = upload
    }

    enum CodingKeys: String, CodingKey {
        case lastBatchSequence = "last_batch_sequence", lastBatchHash = "last_batch_hash"
        case lastRecordSequence = "last_record_sequence", upload
    }
}
