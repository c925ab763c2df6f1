import EIDCore
import EIDStorage
import EIDCrypto

/// A second, different batch a node signed under a number central had accepted.
public struct Equivocation: Sendable, Equatable {
    public var nodeID: String
    public var batchSequence: UInt64
    public var acceptedHash: [UInt8]
    public var conflictingHash: [UInt8]
    /// The conflicting header and the node's signature over it: the proof.
    public var conflictingHeader: [UInt8]
    public var conflictingSignature: [UInt8]
    public var firstSeenAtMilliseconds: Int64
    public var lastSeenAtMilliseconds: Int64
    public var timesSeen: Int
}

/// What operators see of one node.
public struct NodeSummary: Sendable, Equatable {
    public var nodeID: String
    public var code: String
    public var province: String
    public var isRevoked: Bool
    public var lastContactAtMilliseconds: Int64?
    public var chain: ChainState
    public var batchesAccepted: Int
    public var records: Int
    public var partialUploads: Int
    public var partialBytes: Int
    public var equivocations: Int
    public var events: Int
}

extension CentralStore {
    /// Every equivocation recorded, newest first.
    public func equivocations() throws -> [Equivocation] {
        try queue.read { db in
            try db.rows("""
                SELECT node_id, batch_seq, accepted_hash, conflicting_hash, conflicting_header, conflicting_signature,
                       first_seen_at, last_seen_at, times_seen
                FROM equivocation ORDER BY last_seen_at DESC, id DESC
                """).map { row in
                Equivocation(nodeID: try row.get("node_id"), batchSequence: UInt64(try row.get("batch_seq", as: Int64.self)),
                             acceptedHash: try row.get("accepted_hash"), conflictingHash: try row.get("conflicting_hash"),
                             conflictingHeader: try row.get("conflicting_header"),
                             conflictingSignature: try row.get("conflicting_signature"),
                             firstSeenAtMilliseconds: try row.get("first_seen_at"),
                             lastSeenAtMilliseconds: try row.get("last_seen_at"), timesSeen: try row.get("times_seen"))
            }
        }
    }

    /// One line per registered node, in id order.
    public func nodeSummaries() throws -> [NodeSummary] {
        try queue.read { db in
            try db.rows("""
                SELECT n.node_id, n.code, n.province, n.revoked_at, n.last_contact_at,
                    (SELECT count(*) FROM batch b WHERE b.node_id = n.node_id) AS batches,
                    (SELECT count(*) FROM record r WHERE r.node_id = n.node_id) AS records,
                    (SELECT count(*) FROM upload u WHERE u.node_id = n.node_id) AS uploads,
                    (SELECT coalesce(sum(persisted_length), 0) FROM upload u WHERE u.node_id = n.node_id) AS upload_bytes,
                    (SELECT count(*) FROM equivocation e WHERE e.node_id = n.node_id) AS equivocations,
                    (SELECT count(*) FROM node_event v WHERE v.node_id = n.node_id) AS events
                FROM node n ORDER BY n.node_id
                """).map { row in
                let id = try row.get("node_id", as: String.self)
                guard let nodeID = NodeID(rawValue: id) else { throw CentralError.corruptStore("bad node id \(id)") }
                return NodeSummary(nodeID: id, code: try row.get("code"), province: try row.get("province"),
                                   isRevoked: try row.get("revoked_at", as: Int64?.self) != nil,
                                   lastContactAtMilliseconds: try row.get("last_contact_at", as: Int64?.self),
                                   chain: try Self.chainState(db, nodeID), batchesAccepted: try row.get("batches"),
                                   records: try row.get("records"), partialUploads: try row.get("uploads"),
                                   partialBytes: try row.get("upload_bytes"), equivocations: try row.get("equivocations"),
                                   events: try row.get("events"))
            }
        }
    }
}
