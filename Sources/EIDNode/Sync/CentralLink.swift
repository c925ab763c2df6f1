public import EIDCore

/// Central's answer to one chunk of an upload.
public enum UploadOutcome: Sendable, Equatable {
    /// The batch is accepted (now or before): central's signed receipt bytes.
    case receipt([UInt8])
    /// Central persisted the upload up to `offset` but the batch is not complete.
    case partial(offset: Int)
    /// Central holds a different number of bytes of this upload: resume from `expected`.
    case offsetMismatch(expected: Int)
    /// Central refused the batch. `code` is the protocol's error code
    /// (`gap`, `equivocation`, `broken_chain`, `bad_signature`, ...), see docs/PROTOCOL.md §3.
    case refused(status: Int, code: String, message: String, expectedBatch: UInt64?)
}

/// The node's view of the link to central, one protocol request per call. The
/// production implementation speaks HTTP/1.1 over mutual TLS; any failure of the
/// link itself (refused connection, cut, timeout, a 5xx answer) is thrown and the
/// round is retried with backoff.
public protocol CentralLink {
    /// `GET /v1/checkpoint`.
    func checkpoint() throws -> CentralCheckpoint
    /// `PUT /v1/batches/{sequence}?offset=&total=`: bytes `offset ..< offset + chunk.count`
    /// of the batch's upload, which is `totalLength` bytes long.
    func upload(batch sequence: UInt64, chunk: ArraySlice<UInt8>, at offset: Int, totalLength: Int) throws -> UploadOutcome
    /// `GET /v1/batches/{sequence}/receipt`: central's stored receipt, or nil if it has none.
    func receipt(batch sequence: UInt64) throws -> [UInt8]?
    /// `GET /v1/events?after=&limit=`: one signed page of the node's down-sync feed.
    func events(after cursor: UInt64, limit: Int) throws -> [UInt8]
}
