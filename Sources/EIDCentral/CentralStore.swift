import Foundation
public import EIDCore
public import EIDStorage
import EIDCrypto

/// Central's durable state: one SQLite file (`central.sqlite` in central's data
/// folder) holding the registered nodes, every accepted batch and record exactly
/// once, uploads in progress, equivocations, the per-node down-sync feeds and the
/// hash-chained audit log. Schema and invariants: docs/central.md.
///
/// Every method that changes state runs in one `BEGIN IMMEDIATE` transaction on a
/// connection opened with WAL and `synchronous=FULL` (``databaseConfiguration``):
/// when it returns, the change survives a crash or a power cut, so central may
/// answer the node only after the call returned.
public final class CentralStore: Sendable {
    public static let fileName = "central.sqlite"

    /// WAL so readers (the operator pages) never block the writer; `synchronous=FULL`
    /// so that `COMMIT` returns only after the WAL is fsynced: a receipt is never sent
    /// for a batch a crash could still lose. (`NORMAL` would be durable against an
    /// application crash but not against power loss in WAL mode.)
    public static var databaseConfiguration: DatabaseConfiguration {
        var configuration = DatabaseConfiguration()
        configuration.walMode = true
        configuration.synchronous = .full
        configuration.foreignKeys = true
        configuration.busyTimeoutMilliseconds = 5_000
        return configuration
    }

    let queue: DatabaseQueue
    public let folder: String
    public let clock: CentralClock

    /// Opens (creating when missing) the store in `folder`.
    public init(folder: String, clock: CentralClock = CentralClock()) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.folder = folder
        self.clock = clock
        self.queue = try DatabaseQueue(path: (folder as NSString).appendingPathComponent(Self.fileName),
                                       configuration: Self.databaseConfiguration, migrator: CentralSchema.migrator)
    }

    /// The database file's path.
    public var path: String { queue.path }

    // MARK: - Nodes

    /// Registers `nodes` (new ones inserted; key, place or revocation changes applied),
    /// each change in the audit log. Returns a line per change.
    @discardableResult
    public func register(_ nodes: [NodeRegistration]) throws -> [String] {
        let now = clock.milliseconds()
        return try queue.write { db in
            var changes: [String] = []
            for node in nodes {
                let id = node.nodeID.rawValue
                let key = node.signingKey.rawRepresentation
                if let clash = try db.scalar("SELECT node_id FROM node WHERE code = ? AND node_id != ?", [node.code, id],
                                             as: String.self) {
                    throw CentralError.badRegistration("node \(id) has code \(node.code), already used by node \(clash)")
                }
                guard let row = try db.row("SELECT code, province, kind, signing_key, revoked_at FROM node WHERE node_id = ?", [id]) else {
                    try db.execute("""
                        INSERT INTO node(node_id, code, province, kind, signing_key, registered_at, revoked_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """, [id, node.code, node.province, node.kind.rawValue, key, now,
                              node.isRevoked ? Optional(now) : nil])
                    let line = "registered node \(id) (\(node.province), code \(node.code))" + (node.isRevoked ? ", revoked" : "")
                    try appendAudit(db, at: now, action: .register, nodeID: id, detail: line)
                    changes.append(line)
                    continue
                }
                var updates: [String] = []
                if try row.get("code", as: String.self) != node.code { updates.append("code \(node.code)") }
                if try row.get("province", as: String.self) != node.province { updates.append("province \(node.province)") }
                if try row.get("kind", as: String.self) != node.kind.rawValue { updates.append("kind \(node.kind.rawValue)") }
                if try row.get("signing_key", as: [UInt8].self) != key { updates.append("new batch-signing key") }
                let wasRevoked = try row.get("revoked_at", as: Int64?.self) != nil
                if wasRevoked != node.isRevoked { updates.append(node.isRevoked ? "revoked" : "reinstated") }
                guard !updates.isEmpty else { continue }
                try db.execute("""
                    UPDATE node SET code = ?, province = ?, kind = ?, signing_key = ?,
                        revoked_at = CASE WHEN ? THEN coalesce(revoked_at, ?) ELSE NULL END
                    WHERE node_id = ?
                    """, [node.code, node.province, node.kind.rawValue, key, node.isRevoked, now, id])
                let line = "node \(id): " + updates.joined(separator: ", ")
                try appendAudit(db, at: now, action: .register, nodeID: id, detail: line)
                changes.append(line)
            }
            return changes
        }
    }

    /// The registration of one node, or nil when it is not registered.
    public func registration(_ nodeID: NodeID) throws -> NodeRegistration? {
        try queue.read { db in try Self.registration(db, nodeID) }
    }

    static func registration(_ db: Database, _ nodeID: NodeID) throws -> NodeRegistration? {
        guard let row = try db.row("SELECT code, province, kind, signing_key, revoked_at FROM node WHERE node_id = ?",
                                   [nodeID.rawValue]) else { return nil }
        guard let kind = Topology.Node.Kind(rawValue: try row.get("kind", as: String.self)) else {
            throw CentralError.corruptStore("node \(nodeID) has an unknown kind")
        }
        return NodeRegistration(nodeID: nodeID, code: try row.get("code"), province: try row.get("province"), kind: kind,
                                signingKey: try Ed25519PublicKey(rawRepresentation: try row.get("signing_key", as: [UInt8].self)),
                                isRevoked: try row.get("revoked_at", as: Int64?.self) != nil)
    }

    /// Notes that the node was heard from (shown to operators).
    public func recordContact(_ nodeID: NodeID) throws {
        let now = clock.milliseconds()
        try queue.write { db in
            try db.execute("UPDATE node SET last_contact_at = ? WHERE node_id = ?", [now, nodeID.rawValue])
        }
    }

    // MARK: - Chain, checkpoint, receipts

    /// Where the node's chain stands.
    public func chainState(_ nodeID: NodeID) throws -> ChainState {
        try queue.read { db in try Self.chainState(db, nodeID) }
    }

    static func chainState(_ db: Database, _ nodeID: NodeID) throws -> ChainState {
        guard let row = try db.row("""
            SELECT batch_seq, batch_hash, last_record_seq FROM batch WHERE node_id = ? ORDER BY batch_seq DESC LIMIT 1
            """, [nodeID.rawValue]) else { return ChainState() }
        return ChainState(lastBatchSequence: UInt64(try row.get("batch_seq", as: Int64.self)),
                          lastBatchHash: try row.get("batch_hash"),
                          lastRecordSequence: UInt64(try row.get("last_record_seq", as: Int64.self)))
    }

    /// The node's checkpoint: its chain and the upload central holds part of (the next
    /// batch's if there is one, else the most recently touched).
    public func checkpoint(_ nodeID: NodeID) throws -> CentralCheckpoint {
        try queue.read { db in
            let chain = try Self.chainState(db, nodeID)
            let upload = try db.row("""
                SELECT batch_seq, persisted_length, total_length FROM upload WHERE node_id = ?
                ORDER BY batch_seq = ? DESC, updated_at DESC LIMIT 1
                """, [nodeID.rawValue, Int64(chain.expectedBatchSequence)]).map { row in
                CentralCheckpoint.PartialUpload(batchSequence: UInt64(try row.get("batch_seq", as: Int64.self)),
                                                offset: try row.get("persisted_length"),
                                                totalLength: try row.get("total_length"))
            }
            return CentralCheckpoint(lastBatchSequence: chain.lastBatchSequence, lastBatchHash: Hex.encode(chain.lastBatchHash),
                                     lastRecordSequence: chain.lastRecordSequence, upload: upload)
        }
    }

    /// The receipt central issued for an accepted batch, byte for byte, or nil.
    public func receipt(_ nodeID: NodeID, batch sequence: UInt64) throws -> [UInt8]? {
        guard let stored = Int64(exactly: sequence) else { return nil }
        return try queue.read { db in
            try db.scalar("SELECT receipt FROM batch WHERE node_id = ? AND batch_seq = ?", [nodeID.rawValue, stored],
                          as: [UInt8].self)
        }
    }

    /// One stored record.
    public struct StoredRecord: Sendable, Equatable {
        public var sequence: UInt64
        public var batchSequence: UInt64
        public var receiptNumber: String
        public var recordHash: [UInt8]
        public var bytes: [UInt8]
    }

    /// The node's records in `range` of sequences, in order.
    public func records(_ nodeID: NodeID, in range: ClosedRange<UInt64> = 1...UInt64(Int64.max)) throws -> [StoredRecord] {
        try queue.read { db in
            try db.rows("""
                SELECT seq, batch_seq, receipt_number, record_hash, bytes FROM record
                WHERE node_id = ? AND seq BETWEEN ? AND ? ORDER BY seq
                """, [nodeID.rawValue, Int64(clamping: range.lowerBound), Int64(clamping: range.upperBound)]).map { row in
                StoredRecord(sequence: UInt64(try row.get("seq", as: Int64.self)),
                             batchSequence: UInt64(try row.get("batch_seq", as: Int64.self)),
                             receiptNumber: try row.get("receipt_number"), recordHash: try row.get("record_hash"),
                             bytes: try row.get("bytes"))
            }
        }
    }
}
