public import Foundation
public import EIDCore
import EIDStorage
import EIDCrypto

/// A batch as the sync agent sees it.
public struct OutgoingBatch: Sendable, Equatable {
    public var header: BatchHeader
    public var batchHash: [UInt8]
    public var byteLength: Int
    public var isAcknowledged: Bool
}

extension NodeStore {
    /// Every batch not yet acknowledged by a verified receipt, in order.
    public func unacknowledgedBatches() throws -> [OutgoingBatch] {
        try queue.read { db in
            try db.rows("""
                SELECT header, batch_hash, byte_length FROM batch WHERE acknowledged_at IS NULL ORDER BY batch_seq
                """).map { row in
                OutgoingBatch(header: try BatchHeader(decoding: try row.get("header", as: [UInt8].self)),
                              batchHash: try row.get("batch_hash"), byteLength: try row.get("byte_length"),
                              isAcknowledged: false)
            }
        }
    }

    /// One batch's header and hash (nil when there is no such batch).
    public func outgoingBatch(_ sequence: UInt64) throws -> OutgoingBatch? {
        try queue.read { db in
            try db.row("SELECT header, batch_hash, byte_length, acknowledged_at FROM batch WHERE batch_seq = ?",
                       [Int64(sequence)]).map { row in
                OutgoingBatch(header: try BatchHeader(decoding: try row.get("header", as: [UInt8].self)),
                              batchHash: try row.get("batch_hash"), byteLength: try row.get("byte_length"),
                              isAcknowledged: try row.get("acknowledged_at", as: String?.self) != nil)
            }
        }
    }

    /// Stores a receipt already verified by ``ReceiptVerifier`` and marks the batch and
    /// its records acknowledged, in one transaction. Idempotent.
    public func acknowledge(_ receipt: BatchReceipt, at date: Date) throws {
        let timestamp = NodeClock.timestamp(date)
        try queue.write { db in
            guard let row = try db.row("SELECT batch_hash, first_seq, last_seq, acknowledged_at FROM batch WHERE batch_seq = ?",
                                       [Int64(receipt.batchSequence)]) else {
                throw NodeError.badReceipt("no batch \(receipt.batchSequence) at this node")
            }
            guard try row.get("batch_hash", as: [UInt8].self) == receipt.batchHash else {
                throw NodeError.badReceipt("receipt hash differs from batch \(receipt.batchSequence)'s")
            }
            if try row.get("acknowledged_at", as: String?.self) != nil { return }
            try db.execute("UPDATE batch SET acknowledged_at = ?, receipt = ? WHERE batch_seq = ?",
                           [timestamp, receipt.encoded(), Int64(receipt.batchSequence)])
            try db.execute("""
                UPDATE enrollment SET status = 'acknowledged' WHERE seq BETWEEN ? AND ? AND status IN ('received', 'batched')
                """, [try row.get("first_seq", as: Int64.self), try row.get("last_seq", as: Int64.self)])
        }
    }

    /// The stored receipt bytes of a batch, if acknowledged.
    public func receipt(forBatch sequence: UInt64) throws -> [UInt8]? {
        try queue.read { db in
            try db.scalar("SELECT receipt FROM batch WHERE batch_seq = ?", [Int64(sequence)], as: [UInt8].self)
        }
    }

    /// Records that central answered (for the status line).
    public func recordContact(at date: Date) throws {
        try setSyncState("last_contact", NodeClock.timestamp(date))
    }

    /// A replication-state value (cursor, last contact...).
    public func syncState(_ key: String) throws -> String? {
        try queue.read { db in try db.scalar("SELECT value FROM sync_state WHERE key = ?", [key], as: String.self) }
    }

    public func setSyncState(_ key: String, _ value: String) throws {
        try queue.write { db in
            try db.execute("INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           [key, value])
        }
    }

    /// Records not yet acknowledged (the backlog shown on the status line).
    public func backlog() throws -> Int {
        try queue.read { db in
            try db.scalar("""
                SELECT count(*) FROM enrollment e LEFT JOIN batch b ON b.batch_seq = e.batch_seq
                WHERE b.acknowledged_at IS NULL
                """, as: Int.self) ?? 0
        }
    }
}
