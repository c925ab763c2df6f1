public import EIDCore
import EIDStorage

/// What central answered for one chunk of an upload.
public enum ChunkOutcome: Sendable, Equatable {
    /// The chunk is durably persisted; the upload is not complete yet.
    case persisted(CentralCheckpoint.PartialUpload)
    /// The chunk completed the upload and the batch was decided (in the same transaction).
    case decided(BatchDecision)
    /// The chunk was refused (offset mismatch, gap, size, or a header that already
    /// proves the batch bad); with `offset_mismatch` nothing changed.
    case refused(BatchRefusal)
}

extension CentralStore {
    /// Takes one chunk of batch `sequence` from `peer`: bytes `offset ..< offset +
    /// chunk.count` of an upload of `totalLength` bytes. The chunk is committed before
    /// this returns; the one that completes the upload is committed together with the
    /// decision on the whole batch (``accept(_:batch:from:acceptor:signer:)``), so an
    /// upload is never left complete but undecided.
    public func receiveChunk(_ chunk: [UInt8], batch sequence: UInt64, offset: Int, totalLength: Int, from peer: NodeID?,
                             policy: UploadPolicy, acceptor: BatchAcceptor, signer: AuthoritySigner) throws -> ChunkOutcome {
        let now = clock.milliseconds()
        return try queue.write { db in
            let registration = try peer.flatMap { try Self.registration(db, $0) }
            if let refusal = acceptor.identityRefusal(peer: peer, registration: registration) {
                try auditRefusal(db, refusal, nodeID: peer?.rawValue ?? "", batch: sequence, at: now)
                return .refused(refusal)
            }
            guard let peer, let registration else { return .refused(BatchRefusal(.unauthenticated, "no node identity")) }
            let node = peer.rawValue
            let chain = try Self.chainState(db, peer)
            let key = Int64(clamping: sequence)
            let partial = try db.row("SELECT total_length, persisted_length FROM upload WHERE node_id = ? AND batch_seq = ?",
                                     [node, key]).map { row in
                UploadPolicy.Partial(totalLength: try row.get("total_length"), persistedLength: try row.get("persisted_length"))
            }
            let request = UploadPolicy.Chunk(batchSequence: sequence, offset: offset, totalLength: totalLength, length: chunk.count)
            switch policy.step(for: request, chain: chain, partial: partial) {
            case .refuse(let refusal):
                // An offset mismatch is the ordinary resume signal, not a decision.
                if refusal.code != .offsetMismatch {
                    try auditRefusal(db, refusal, nodeID: node, batch: sequence, at: now)
                }
                return .refused(refusal)
            case .append(let restart) where offset + chunk.count == totalLength:
                // The chunk completes the upload: decide on the whole batch now, from the
                // chunks held and this one, without storing this one first (decide()
                // discards whatever partial upload is held, in the same transaction).
                let held = restart ? [] : try Self.uploadBytes(db, node: node, batch: key, below: offset)
                guard held.count == offset else {
                    throw CentralError.corruptStore("upload of batch \(sequence) from \(node) holds \(held.count) bytes, expected \(offset)")
                }
                return .decided(try decide(db, held + chunk, batch: sequence, from: peer, acceptor: acceptor, signer: signer, at: now))
            case .append(let restart):
                if restart {
                    try db.execute("DELETE FROM upload WHERE node_id = ? AND batch_seq = ?", [node, key])
                    try evictUploads(db, node: node, keeping: policy.limits.maxPartialUploadsPerNode - 1)
                    try db.execute("""
                        INSERT INTO upload(node_id, batch_seq, total_length, persisted_length, chunk_count, started_at, updated_at)
                        VALUES (?, ?, ?, 0, 0, ?, ?)
                        """, [node, key, totalLength, now, now])
                }
                try db.execute("INSERT INTO upload_chunk(node_id, batch_seq, offset, bytes) VALUES (?, ?, ?, ?)",
                               [node, key, offset, chunk])
                try db.execute("""
                    UPDATE upload SET persisted_length = persisted_length + ?, chunk_count = chunk_count + 1, updated_at = ?
                    WHERE node_id = ? AND batch_seq = ?
                    """, [chunk.count, now, node, key])
                let persisted = offset + chunk.count
                if offset < BatchAcceptor.prefixLength {
                    let prefix = try Self.uploadBytes(db, node: node, batch: key, below: BatchAcceptor.prefixLength)
                    if let refusal = acceptor.prefixRefusal(prefix, totalLength: totalLength, batchSequence: sequence,
                                                            peer: peer, registration: registration) {
                        try db.execute("DELETE FROM upload WHERE node_id = ? AND batch_seq = ?", [node, key])
                        try auditRefusal(db, refusal, nodeID: node, batch: sequence, at: now)
                        return .refused(refusal)
                    }
                }
                return .persisted(.init(batchSequence: sequence, offset: persisted, totalLength: totalLength))
            }
        }
    }

    /// The persisted bytes of an upload whose chunks start below `limit`, in order.
    static func uploadBytes(_ db: Database, node: String, batch: Int64, below limit: Int) throws -> [UInt8] {
        var bytes: [UInt8] = []
        for row in try db.rows("SELECT bytes FROM upload_chunk WHERE node_id = ? AND batch_seq = ? AND offset < ? ORDER BY offset",
                               [node, batch, limit]) {
            bytes += try row.get("bytes", as: [UInt8].self)
        }
        return bytes
    }

    /// Discards the node's least recently touched partial uploads until at most `keeping` remain.
    func evictUploads(_ db: Database, node: String, keeping: Int) throws {
        let count = try db.scalar("SELECT count(*) FROM upload WHERE node_id = ?", [node], as: Int.self) ?? 0
        guard count > keeping else { return }
        try db.execute("""
            DELETE FROM upload WHERE rowid IN (
                SELECT rowid FROM upload WHERE node_id = ? ORDER BY updated_at, batch_seq LIMIT ?)
            """, [node, count - keeping])
    }
}
