public import EIDCore
import EIDStorage
import EIDCrypto

/// What central answered for one complete batch.
public enum BatchDecision: Sendable, Equatable {
    /// Accepted now: the receipt just issued (already committed).
    case accepted(receipt: [UInt8])
    /// Accepted before: the receipt stored then, byte for byte.
    case replayed(receipt: [UInt8])
    /// Refused; only the audit entry (and for equivocation the proof) was stored.
    case refused(BatchRefusal)
}

extension CentralStore {
    /// Decides on a complete batch `bytes`, uploaded as batch `sequence` by `peer`,
    /// and applies the decision in one transaction: on acceptance the batch, its
    /// records, the receipt and the audit entry are committed (durably) before this
    /// returns. Any partial upload of (`peer`, `sequence`) is discarded in the same
    /// transaction, whatever the decision.
    public func accept(_ bytes: [UInt8], batch sequence: UInt64, from peer: NodeID?,
                       acceptor: BatchAcceptor, signer: AuthoritySigner) throws -> BatchDecision {
        let now = clock.milliseconds()
        return try queue.write { db in
            try decide(db, bytes, batch: sequence, from: peer, acceptor: acceptor, signer: signer, at: now)
        }
    }

    /// ``accept(_:batch:from:acceptor:signer:)`` inside the caller's transaction.
    func decide(_ db: Database, _ bytes: [UInt8], batch sequence: UInt64, from peer: NodeID?,
                acceptor: BatchAcceptor, signer: AuthoritySigner, at now: Int64) throws -> BatchDecision {
        let registration = try peer.flatMap { try Self.registration(db, $0) }
        let verdict = try acceptor.evaluate(bytes, batchSequence: sequence, peer: peer, registration: registration) { batch in
            try Self.holdings(db, for: batch)
        }
        let nodeID = peer?.rawValue ?? ""
        if let peer, registration != nil, let stored = Int64(exactly: sequence) {
            try db.execute("DELETE FROM upload WHERE node_id = ? AND batch_seq = ?", [peer.rawValue, stored])
        }
        switch verdict {
        case .accept(let batch, let hash):
            let receipt = try signer.sign(BatchReceipt(nodeID: batch.header.nodeID, batchSequence: batch.header.batchSequence,
                                                       batchHash: hash, lastRecordSequence: batch.header.lastRecordSequence,
                                                       acceptedAtMilliseconds: now)).encoded()
            try Self.insert(db, batch, hash: hash, byteLength: bytes.count, receipt: receipt, at: now)
            try db.execute("UPDATE node SET last_contact_at = ? WHERE node_id = ?", [now, nodeID])
            try appendAudit(db, at: now, action: .accept, nodeID: nodeID, batchSequence: batch.header.batchSequence,
                            batchHash: hash,
                            detail: "accepted batch \(batch.header.batchSequence): records \(batch.header.firstRecordSequence)–\(batch.header.lastRecordSequence), \(bytes.count) bytes")
            return .accepted(receipt: receipt)
        case .replay(let receipt):
            return .replayed(receipt: receipt)
        case .equivocation(let batch, let hash, let acceptedHash, let refusal):
            try db.execute("""
                INSERT INTO equivocation(node_id, batch_seq, accepted_hash, conflicting_hash, conflicting_header,
                                         conflicting_signature, first_seen_at, last_seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(node_id, batch_seq, conflicting_hash)
                DO UPDATE SET last_seen_at = excluded.last_seen_at, times_seen = times_seen + 1
                """, [nodeID, Int64(batch.header.batchSequence), acceptedHash, hash, batch.headerBytes, batch.signature,
                      now, now])
            try appendAudit(db, at: now, action: .equivocation, nodeID: nodeID,
                            batchSequence: batch.header.batchSequence, batchHash: hash,
                            code: refusal.code.rawValue, detail: refusal.message)
            return .refused(refusal)
        case .refuse(let refusal):
            try appendAudit(db, at: now, action: .refuse, nodeID: nodeID, batchSequence: sequence,
                            code: refusal.code.rawValue, detail: refusal.message)
            return .refused(refusal)
        }
    }

    /// Writes a refusal that happened before a batch was complete (an upload refused
    /// at its first chunk) to the audit log.
    func auditRefusal(_ db: Database, _ refusal: BatchRefusal, nodeID: String, batch sequence: UInt64, at now: Int64) throws {
        try appendAudit(db, at: now, action: .refuse, nodeID: nodeID, batchSequence: sequence,
                        code: refusal.code.rawValue, detail: refusal.message)
    }

    static func holdings(_ db: Database, for batch: SignedBatch) throws -> BatchAcceptor.Holdings {
        let node = batch.header.nodeID
        let chain = try chainState(db, node)
        var accepted: BatchAcceptor.AcceptedBatch?
        if batch.header.batchSequence <= chain.lastBatchSequence {
            guard let row = try db.row("SELECT batch_hash, receipt FROM batch WHERE node_id = ? AND batch_seq = ?",
                                       [node.rawValue, Int64(batch.header.batchSequence)]) else {
                throw CentralError.corruptStore("node \(node) has batches up to \(chain.lastBatchSequence) but no batch \(batch.header.batchSequence)")
            }
            accepted = BatchAcceptor.AcceptedBatch(batchHash: try row.get("batch_hash"), receipt: try row.get("receipt"))
        }
        var held = Set<String>()
        if accepted == nil {
            let statement = "SELECT 1 FROM record WHERE receipt_number = ?"
            for record in batch.records where try db.row(statement, [record.receiptNumber]) != nil {
                held.insert(record.receiptNumber)
            }
        }
        return BatchAcceptor.Holdings(chain: chain, accepted: accepted, heldReceiptNumbers: held)
    }

    static func insert(_ db: Database, _ batch: SignedBatch, hash: [UInt8], byteLength: Int, receipt: [UInt8], at now: Int64) throws {
        let header = batch.header
        let node = header.nodeID.rawValue
        try db.execute("""
            INSERT INTO batch(node_id, batch_seq, batch_hash, previous_hash, header, signature, first_record_seq,
                              last_record_seq, record_count, byte_length, receipt, accepted_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [node, Int64(header.batchSequence), hash, header.previousBatchHash, batch.headerBytes, batch.signature,
                  Int64(header.firstRecordSequence), Int64(header.lastRecordSequence), Int(header.recordCount), byteLength,
                  receipt, now])
        for (record, bytes) in zip(batch.records, batch.recordBytes) {
            try db.execute("""
                INSERT INTO record(node_id, seq, batch_seq, receipt_number, record_hash, level, enrolled_at, bytes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [node, Int64(record.sequence), Int64(header.batchSequence), record.receiptNumber, SHA256.hash(bytes),
                      Int(record.level), record.enrolledAtMilliseconds, bytes])
        }
    }
}
