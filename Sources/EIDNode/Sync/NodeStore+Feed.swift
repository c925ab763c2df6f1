public import Foundation
public import EIDCore
import EIDStorage

extension NodeStore {
    /// The last feed event applied (0 before the first): the cursor to pull after.
    public func feedCursor() throws -> UInt64 {
        try queue.read { db in
            UInt64(try db.scalar("SELECT coalesce(max(event_seq), 0) FROM feed_event", as: Int64.self) ?? 0)
        }
    }

    /// Applies a verified page in one transaction: each event after the stored cursor
    /// is recorded and takes effect (a decision sets the application's decision and
    /// status; a lock or unlock sets the account's lock state), and the cursor moves
    /// with them. Events at or below the cursor are skipped, so a page applied twice
    /// changes nothing the second time. Returns the events applied now.
    public func apply(_ page: FeedPage, at date: Date) throws -> Int {
        let received = NodeClock.timestamp(date)
        return try queue.write { db in
            let cursor = UInt64(try db.scalar("SELECT coalesce(max(event_seq), 0) FROM feed_event", as: Int64.self) ?? 0)
            guard page.after <= cursor else {
                throw NodeError.badFeedPage("it starts after event \(page.after) but this node holds events only up to \(cursor)")
            }
            var applied = 0
            for event in page.events where event.sequence > cursor {
                let occurred = NodeClock.timestamp(Date(timeIntervalSince1970: Double(event.occurredAtMilliseconds) / 1000))
                try db.execute("""
                    INSERT INTO feed_event(event_seq, kind, receipt_number, reason, occurred_at, received_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, [Int64(event.sequence), event.kind.name, event.receiptNumber, event.reason, occurred, received])
                switch event.kind {
                case .issued, .rejected, .manualReview, .revoked:
                    try db.execute("""
                        INSERT INTO decision(receipt_number, outcome, reason, decided_at, event_seq) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(receipt_number) DO UPDATE SET outcome = excluded.outcome, reason = excluded.reason,
                            decided_at = excluded.decided_at, event_seq = excluded.event_seq
                        """, [event.receiptNumber, event.kind.name, event.reason.isEmpty ? nil : event.reason, occurred,
                              Int64(event.sequence)])
                    if event.kind != .revoked {
                        try db.execute("UPDATE enrollment SET status = ? WHERE receipt_number = ?",
                                       [event.kind.name, event.receiptNumber])
                    }
                case .locked, .unlocked:
                    try db.execute("""
                        INSERT INTO account_lock(receipt_number, locked, reason, changed_at, event_seq) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(receipt_number) DO UPDATE SET locked = excluded.locked, reason = excluded.reason,
                            changed_at = excluded.changed_at, event_seq = excluded.event_seq
                        """, [event.receiptNumber, event.kind == .locked, event.reason, occurred, Int64(event.sequence)])
                }
                applied += 1
            }
            return applied
        }
    }

    /// One applied feed event.
    public struct AppliedEvent: Sendable, Equatable {
        public var sequence: UInt64
        public var kind: String
        public var receiptNumber: String
        public var reason: String
        public var occurredAt: String
    }

    /// Applied feed events, oldest first (optionally about one application).
    public func feedEvents(receiptNumber: String? = nil) throws -> [AppliedEvent] {
        try queue.read { db in
            let rows = try receiptNumber.map {
                try db.rows("SELECT * FROM feed_event WHERE receipt_number = ? ORDER BY event_seq", [$0])
            } ?? db.rows("SELECT * FROM feed_event ORDER BY event_seq")
            return try rows.map { row in
                AppliedEvent(sequence: UInt64(try row.get("event_seq", as: Int64.self)), kind: try row.get("kind"),
                             receiptNumber: try row.get("receipt_number"), reason: try row.get("reason"),
                             occurredAt: try row.get("occurred_at"))
            }
        }
    }
}

/// What the node has received from central's feed, for `eid node status`.
public struct FeedStatus: Sendable, Equatable, Codable {
    /// Decisions by outcome (`issued`, `rejected`, `manual_review`, `revoked`).
    public var decisions: [String: Int]
    /// Accounts central reports locked.
    public var lockedAccounts: Int
    /// The last feed event applied.
    public var cursor: UInt64
}

/// An account's lock state as the last lock or unlock event said.
public struct AccountLock: Sendable, Equatable, Codable {
    public var locked: Bool
    public var reason: String
    public var changedAt: String
}

extension NodeStore {
    /// Decision counts, locked accounts and the feed cursor.
    public func feedStatus() throws -> FeedStatus {
        try queue.read { db in
            FeedStatus(
                decisions: Dictionary(uniqueKeysWithValues: try db.rows("SELECT outcome, count(*) AS n FROM decision GROUP BY outcome")
                    .map { (try $0.get("outcome", as: String.self), try $0.get("n", as: Int.self)) }),
                lockedAccounts: try db.scalar("SELECT count(*) FROM account_lock WHERE locked = 1", as: Int.self) ?? 0,
                cursor: UInt64(try db.scalar("SELECT coalesce(max(event_seq), 0) FROM feed_event", as: Int64.self) ?? 0))
        }
    }

    /// The account's lock state, or nil when central has sent no lock or unlock for it.
    public func accountLock(receiptNumber: String) throws -> AccountLock? {
        let normalised = ReceiptNumber(receiptNumber)?.description ?? receiptNumber.uppercased()
        return try queue.read { db in
            try db.row("SELECT locked, reason, changed_at FROM account_lock WHERE receipt_number = ?", [normalised]).map {
                AccountLock(locked: try $0.get("locked"), reason: try $0.get("reason"), changedAt: try $0.get("changed_at"))
            }
        }
    }
}
