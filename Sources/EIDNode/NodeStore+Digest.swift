public import EIDCore
import EIDCrypto
import EIDStorage

extension NodeStore {
    /// The log digest of records `1 ... through` (default: the whole log), every
    /// record's hash recomputed from its bytes (docs/PROTOCOL.md 1.11). Throws
    /// ``NodeError/corruptStore(_:)`` naming the first record that disagrees.
    public func logDigest(through limit: UInt64? = nil) throws -> LogDigest {
        try queue.read { db in
            let last = UInt64(try db.scalar("SELECT coalesce(max(seq), 0) FROM log_record", as: Int64.self) ?? 0)
            let end = min(limit ?? last, last)
            do {
                let digest = try LogDigester.digest(through: end) { range in
                    try db.rows("SELECT seq, record_hash, record FROM log_record WHERE seq BETWEEN ? AND ? ORDER BY seq",
                                [Int64(range.lowerBound), Int64(range.upperBound)]).map { row in
                        (UInt64(try row.get("seq", as: Int64.self)), try row.get("record_hash"), try row.get("record"))
                    }
                }
                return LogDigest(nodeID: configuration.nodeID, recordCount: end, digest: digest)
            } catch let problem as LogDigesterError {
                throw NodeError.corruptStore("log digest: \(problem)")
            }
        }
    }
}
