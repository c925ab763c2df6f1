import EIDCore
import EIDStorage

extension CentralStore {
    /// Appends one entry to the audit log inside the caller's transaction.
    func appendAudit(_ db: Database, at milliseconds: Int64, action: AuditEntry.Action, nodeID: String,
                     batchSequence: UInt64 = 0, batchHash: [UInt8] = BatchHeader.genesisHash,
                     code: String = "", detail: String = "") throws {
        let last = try db.row("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        let sequence = UInt64(try last?.get("seq", as: Int64.self) ?? 0) + 1
        let entry = AuditEntry(sequence: sequence, atMilliseconds: milliseconds, action: action, nodeID: nodeID,
                               batchSequence: batchSequence, batchHash: batchHash, code: code, detail: detail,
                               previousHash: try last?.get("entry_hash", as: [UInt8].self) ?? BatchHeader.genesisHash)
        try db.execute("""
            INSERT INTO audit_log(seq, at, action, node_id, batch_seq, batch_hash, code, detail, previous_hash, entry_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [Int64(sequence), milliseconds, action.rawValue, nodeID, Int64(clamping: batchSequence), batchHash,
                  code, entry.detail, entry.previousHash, entry.entryHash])
    }

    /// Audit entries after `sequence`, oldest first, at most `limit`.
    public func auditEntries(after sequence: UInt64 = 0, limit: Int = 1000) throws -> [AuditEntry] {
        try queue.read { db in
            try db.rows("""
                SELECT seq, at, action, node_id, batch_seq, batch_hash, code, detail, previous_hash FROM audit_log
                WHERE seq > ? ORDER BY seq LIMIT ?
                """, [Int64(clamping: sequence), limit]).map(Self.auditEntry)
        }
    }

    static func auditEntry(_ row: Row) throws -> AuditEntry {
        guard let action = AuditEntry.Action(rawValue: try row.get("action", as: String.self)) else {
            throw CentralError.corruptStore("audit entry \(try row.get("seq", as: Int64.self)) has an unknown action")
        }
        return AuditEntry(sequence: UInt64(try row.get("seq", as: Int64.self)), atMilliseconds: try row.get("at"),
                          action: action, nodeID: try row.get("node_id"),
                          batchSequence: UInt64(try row.get("batch_seq", as: Int64.self)),
                          batchHash: try row.get("batch_hash"), code: try row.get("code"), detail: try row.get("detail"),
                          previousHash: try row.get("previous_hash"))
    }

    /// Recomputes every entry's hash and link; returns the number of entries checked,
    /// or throws ``CentralError/auditChainBroken(sequence:reason:)`` at the first bad one.
    @discardableResult
    public func verifyAuditLog() throws -> Int {
        try queue.read { db in
            var previous = BatchHeader.genesisHash
            var expected: UInt64 = 1
            for row in try db.rows("""
                SELECT seq, at, action, node_id, batch_seq, batch_hash, code, detail, previous_hash, entry_hash
                FROM audit_log ORDER BY seq
                """) {
                let entry = try Self.auditEntry(row)
                guard entry.sequence == expected else {
                    throw CentralError.auditChainBroken(sequence: expected, reason: "entry missing (next is \(entry.sequence))")
                }
                guard entry.previousHash == previous else {
                    throw CentralError.auditChainBroken(sequence: entry.sequence, reason: "does not link to the entry before it")
                }
                let stored = try row.get("entry_hash", as: [UInt8].self)
                guard entry.entryHash == stored else {
                    throw CentralError.auditChainBroken(sequence: entry.sequence, reason: "its contents do not match its hash")
                }
                previous = stored
                expected += 1
            }
            return Int(expected - 1)
        }
    }
}
