/// One page of a node's down-sync feed, signed by central (`GET /v1/events`).
///
/// Byte layout (version 1, big-endian), see docs/PROTOCOL.md §3.4:
/// `"EIDF" | u8 version=1 | str node_id | u64 after | u64 latest_sequence |
///  i64 issued_at_ms | u16 event_count |
///  (u64 sequence | u8 kind | str receipt_number | i64 occurred_at_ms | str reason) × event_count |
///  [64] signature`
///
/// The signature is central's Ed25519 signature over every byte before it. The
/// events are exactly `after+1 ... after+event_count`, so a reader that checks the
/// page against the cursor it asked for sees any omission.
public struct FeedPage: Sendable, Equatable {
    public static let magic: [UInt8] = Array("EIDF".utf8)
    public static let version: UInt8 = 1
    /// Most events one page may carry.
    public static let maxEvents = 1000

    public var nodeID: NodeID
    /// The cursor the page was asked for: its first event is `after + 1`.
    public var after: UInt64
    /// The newest event central holds for this node when it signed the page.
    public var latestSequence: UInt64
    public var issuedAtMilliseconds: Int64
    public var events: [FeedEvent]
    public var signature: [UInt8]

    public init(nodeID: NodeID, after: UInt64, latestSequence: UInt64, issuedAtMilliseconds: Int64,
                events: [FeedEvent], signature: [UInt8] = []) {
        self.nodeID = nodeID
        self.after = after
        self.latestSequence = latestSequence
        self.issuedAtMilliseconds = issuedAtMilliseconds
        self.events = events
        self.signature = signature
    }

    /// The cursor to ask for next.
    public var nextCursor: UInt64 { after + UInt64(events.count) }

    /// Whether central holds events beyond this page.
    public var hasMore: Bool { nextCursor < latestSequence }

    /// The bytes central signs.
    public func signedBytes() -> [UInt8] {
        var writer = ByteWriter(capacity: 64 + events.count * 64)
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        writer.write(string: nodeID.rawValue)
        writer.write(after)
        writer.write(latestSequence)
        writer.write(issuedAtMilliseconds)
        writer.write(UInt16(events.count))
        for event in events {
            writer.write(event.sequence)
            writer.write(event.kind.rawValue)
            writer.write(string: event.receiptNumber)
            writer.write(event.occurredAtMilliseconds)
            writer.write(string: event.reason)
        }
        return writer.bytes
    }

    /// The wire bytes: signed bytes followed by the 64-byte signature.
    public func encoded() -> [UInt8] { signedBytes() + signature }

    /// Parses a page and checks its structure (the signature is checked by the caller).
    public init(decoding bytes: [UInt8]) throws(WireFormatError) {
        var reader = ByteReader(bytes)
        try reader.expectMagic(Self.magic, structure: "feed page")
        let version = try reader.readUInt8("feed page version")
        guard version == Self.version else { throw .unsupportedVersion(structure: "feed page", version: version) }
        nodeID = try NodeID(validating: try reader.readString("node id", maxLength: 32))
        after = try reader.readUInt64("after")
        latestSequence = try reader.readUInt64("latest sequence")
        guard after <= BatchHeader.maxSequence, latestSequence <= BatchHeader.maxSequence else {
            throw .invalidField(field: "feed cursor", reason: "beyond \(BatchHeader.maxSequence)")
        }
        issuedAtMilliseconds = try reader.readInt64("issued at")
        let count = Int(try reader.readUInt16("event count"))
        guard count <= Self.maxEvents else {
            throw .invalidField(field: "event count", reason: "\(count) exceeds \(Self.maxEvents)")
        }
        var events: [FeedEvent] = []
        events.reserveCapacity(count)
        for index in 0..<count {
            let sequence = try reader.readUInt64("event \(index + 1) sequence")
            guard sequence == after + UInt64(index) + 1 else {
                throw .invalidField(field: "event \(index + 1) sequence",
                                    reason: "is \(sequence), expected \(after + UInt64(index) + 1)")
            }
            let rawKind = try reader.readUInt8("event \(index + 1) kind")
            guard let kind = FeedEvent.Kind(rawValue: rawKind) else {
                throw .invalidField(field: "event \(index + 1) kind", reason: "\(rawKind) is not a known event kind")
            }
            let receipt = try reader.readString("event \(index + 1) receipt number", maxLength: 40)
            guard ReceiptNumber(receipt) != nil else {
                throw .invalidField(field: "event \(index + 1) receipt number", reason: "'\(receipt)' is not a valid receipt number")
            }
            let occurred = try reader.readInt64("event \(index + 1) occurred at")
            let reason = try reader.readString("event \(index + 1) reason", maxLength: FeedEvent.maxReasonBytes)
            events.append(FeedEvent(sequence: sequence, kind: kind, receiptNumber: receipt,
                                    occurredAtMilliseconds: occurred, reason: reason))
        }
        guard latestSequence >= after + UInt64(count) else {
            throw .invalidField(field: "latest sequence", reason: "\(latestSequence) is below the page's last event \(after + UInt64(count))")
        }
        signature = try reader.readRaw(64, "signature")
        try reader.expectEnd("feed page")
        self.events = events
    }
}
