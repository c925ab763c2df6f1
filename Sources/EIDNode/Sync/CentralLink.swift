public import EIDCore

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
