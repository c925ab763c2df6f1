public import EIDCore
import EIDStorage

extension CentralStore {
    /// Adds an event to the feed of the node that enrolled `receiptNumber`, with an
    /// audit entry, in one transaction. Returns the node and the event's sequence.
    @discardableResult
    public func appendEvent(_ kind: FeedEvent.Kind, receiptNumber: String, reason: String = "") throws -> (NodeID, UInt64) {
        let normalised = ReceiptNumber(receiptNumber)?.description ?? receiptNumber
        guard reason.utf8.count <= FeedEvent.maxReasonBytes else {
            throw CentralError.invalidRequest("the reason is \(reason.utf8.count) bytes; at most \(FeedEvent.maxReasonBytes)")
        }
        let now = clock.milliseconds()
        return try queue.write { db in
            guard let owner = try db.scalar("SELECT node_id FROM record WHERE receipt_number = ?", [normalised], as: String.self),
                  let nodeID = NodeID(rawValue: owner) else {
                throw CentralError.unknownReceipt(normalised)
            }
            let sequence = (try db.scalar("SELECT max(event_seq) FROM node_event WHERE node_id = ?", [owner], as: Int64.self) ?? 0) + 1
            try db.execute("""
                INSERT INTO node_event(node_id, event_seq, kind, receipt_number, reason, occurred_at) VALUES (?, ?, ?, ?, ?, ?)
                """, [owner, sequence, kind.name, normalised, reason, now])
            try appendAudit(db, at: now, action: .event, nodeID: owner, code: kind.name,
                            detail: "event \(sequence) for \(normalised)" + (reason.isEmpty ? "" : ": \(reason)"))
            return (nodeID, UInt64(sequence))
        }
    }

    /// Up to `limit` events of the node's feed after `cursor`, and the newest sequence.
    public func events(_ nodeID: NodeID, after cursor: UInt64, limit: Int) throws -> (events: [FeedEvent], latest: UInt64) {
        try queue.read { db in
            let latest = UInt64(try db.scalar("SELECT coalesce(max(event_seq), 0) FROM node_event WHERE node_id = ?",
                                              [nodeID.rawValue], as: Int64.self) ?? 0)
            let events = try db.rows("""
                SELECT event_seq, kind, receipt_number, reason, occurred_at FROM node_event
                WHERE node_id = ? AND event_seq > ? ORDER BY event_seq LIMIT ?
                """, [nodeID.rawValue, Int64(clamping: cursor), max(0, limit)]).map { row in
                guard let kind = FeedEvent.Kind(name: try row.get("kind", as: String.self)) else {
                    throw CentralError.corruptStore("feed event of node \(nodeID) has an unknown kind")
                }
                return FeedEvent(sequence: UInt64(try row.get("event_seq", as: Int64.self)), kind: kind,
                                 receiptNumber: try row.get("receipt_number"),
                                 occurredAtMilliseconds: try row.get("occurred_at"), reason: try row.get("reason"))
            }
            return (events, latest)
        }
    }
}
