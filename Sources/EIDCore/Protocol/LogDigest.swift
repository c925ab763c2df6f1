/// What one side holds of a node's log, in 32 bytes: records `1 ... recordCount` and
/// SHA-256 over their hashes in order (docs/PROTOCOL.md 1.11). A node and central that
/// print the same count and digest hold the same records, byte for byte.
public struct LogDigest: Sendable, Equatable {
    public var nodeID: NodeID
    /// Records covered: sequences 1 through this (0: none).
    public var recordCount: UInt64
    /// SHA-256(SHA-256(record 1) ‖ … ‖ SHA-256(record n)); SHA-256 of nothing when n = 0.
    public var digest: [UInt8]

    public init(nodeID: NodeID, recordCount: UInt64, digest: [UInt8]) {
        self.nodeID = nodeID
        self.recordCount = recordCount
        self.digest = digest
    }
}
