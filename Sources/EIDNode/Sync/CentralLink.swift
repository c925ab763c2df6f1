/// What central said its checkpoint for this node is (`GET /v1/checkpoint`).
public struct CentralCheckpoint: Sendable, Equatable, Codable {
    /// The last batch central accepted from this node (0 when none).
    public var lastBatchSequence: UInt64
    /// Its hash, hex (64 zeros when none).
    public var lastBatchHash: String
    /// The last record sequence central holds from this node.
    public var lastRecordSequence: UInt64
    /// An upload central holds part of: the batch and how many bytes it has persisted.
    public var upload: PartialUpload?

    public struct PartialUpload: Sendable, Equatable, Codable {
        public var batchSequence: UInt64
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

/// Central's answer to an upload request.
public enum UploadOutcome: Sendable, Equatable {
    /// The batch is accepted (now or before): central's signed receipt bytes.
    case receipt([UInt8])
    /// Central persisted the upload up to `offset` but the batch is not complete.
    case partial(offset: Int)
    /// Central holds a different number of bytes of this upload: resume from `offset`.
    case offsetMismatch(expected: Int)
    /// Central refused the batch. `code` is the protocol's error code
    /// (`gap`, `equivocation`, `broken_chain`, `bad_signature`, ...), see docs/PROTOCOL.md.
    case refused(status: Int, code: String, message: String, expectedBatch: UInt64?)
}

/// The node's view of the link to central. The production implementation speaks
/// HTTP/1.1 over mutual TLS (``HTTPCentralLink``); any failure of the link itself
/// (refused connection, cut, timeout) is thrown and retried with backoff.
public protocol CentralLink {
    func checkpoint() throws -> CentralCheckpoint
    /// Sends `bytes[offset...]` of batch `sequence` (total length `bytes.count`).
    func upload(batch sequence: UInt64, bytes: [UInt8], from offset: Int) throws -> UploadOutcome
    /// Central's stored receipt for an accepted batch, or nil if it has none.
    func receipt(batch sequence: UInt64) throws -> [UInt8]?
    /// One page of the node's down-sync feed after `cursor` (signed bytes).
    func events(after cursor: UInt64, limit: Int) throws -> [UInt8]
}
