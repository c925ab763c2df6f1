import EIDCore
import EIDCrypto

/// How `eid node digest` and `eid central digest` print a log digest: the same line
/// on both sides, so equal lines mean equal records (docs/PROTOCOL.md 1.11).
struct LogDigestLine: Codable, Equatable {
    var nodeId: String
    var records: UInt64
    var digest: String

    init(_ digest: LogDigest) {
        nodeId = digest.nodeID.rawValue
        records = digest.recordCount
        self.digest = Hex.encode(digest.digest)
    }

    /// `quang-ninh-01: 2,500 record(s) · log digest 3f2a…` (all 64 hex digits).
    var text: String { "\(nodeId): \(HumanFormat.count(Int(clamping: records))) record(s) · log digest \(digest)" }
}
