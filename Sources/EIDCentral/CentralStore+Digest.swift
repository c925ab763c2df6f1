public import EIDCore
import EIDCrypto
import EIDStorage

extension CentralStore {
    /// The log digest of every record central holds from `node` (docs/PROTOCOL.md
    /// 1.11), each hash recomputed from the stored bytes; compare it with the node's
    /// `eid node digest --through N`. Throws ``CentralError/corruptStore(_:)`` naming
    /// the first record that disagrees.
    public func logDigest(_ node: NodeID) throws -> LogDigest {
        try queue.read { db in
            let last = UInt64(try db.scalar("SELECT coalesce(max(seq), 0) FROM record WHERE node_id = ?", [node.rawValue],
                                            as: Int64.self) ?? 0)
            do {
                let digest = try LogDigester.digest(through: last) { range in
                    try db.rows("SELECT seq, record_hash, bytes FROM record WHERE node_id = ? AND seq BETWEEN ? AND ? ORDER BY seq",
                                [node.rawValue, Int64(range.lowerBound), Int64(range.upperBound)]).map { row in
                        (UInt64(try row.get("seq", as: Int64.self)), try row.get("record_hash"), try row.get("bytes"))
                    }
                }
                return LogDigest(nodeID: node, recordCount: last, digest: digest)
            } catch let problem as LogDigesterError {
                throw CentralError.corruptStore("log digest of node \(node): \(problem)")
            }
        }
    }
}
