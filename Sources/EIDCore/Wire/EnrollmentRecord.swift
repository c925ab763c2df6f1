/// One accepted enrollment as it travels from node to central: the entry at
/// position `sequence` of the node's append-only log.
///
/// Byte layout (version 1, big-endian), see docs/PROTOCOL.md:
/// `"EIDR" | u8 version=1 | str node_id | u64 sequence | str receipt_number |
///  i64 enrolled_at_ms | u8 level | blob sealed_payload`
/// where `str` is a u16 length + UTF-8 and `blob` a u32 length + bytes.
/// The sealed payload is the application, portrait, fingerprint templates and face
/// embedding sealed to the authority's public key; only central can open it.
public struct EnrollmentRecord: Equatable, Sendable {
    public static let magic: [UInt8] = Array("EIDR".utf8)
    public static let version: UInt8 = 1
    /// Largest sealed payload accepted (portrait, templates and embedding included).
    public static let maxSealedPayloadBytes = 4 * 1024 * 1024

    public var nodeID: NodeID
    /// Position in the node's log: 1, 2, 3, ...
    public var sequence: UInt64
    public var receiptNumber: String
    /// Milliseconds since 1970-01-01T00:00:00Z when the node committed it.
    public var enrolledAtMilliseconds: Int64
    /// Account level applied for (1 or 2).
    public var level: UInt8
    public var sealedPayload: [UInt8]

    public init(nodeID: NodeID, sequence: UInt64, receiptNumber: String, enrolledAtMilliseconds: Int64,
                level: UInt8, sealedPayload: [UInt8]) {
        self.nodeID = nodeID
        self.sequence = sequence
        self.receiptNumber = receiptNumber
        self.enrolledAtMilliseconds = enrolledAtMilliseconds
        self.level = level
        self.sealedPayload = sealedPayload
    }

    /// The canonical bytes; the record's hash is SHA-256 of these.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 64 + sealedPayload.count)
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        writer.write(string: nodeID.rawValue)
        writer.write(sequence)
        writer.write(string: receiptNumber)
        writer.write(enrolledAtMilliseconds)
        writer.write(level)
        writer.write(blob: sealedPayload)
        return writer.bytes
    }

    /// Parses exactly one record, validating every field.
    public init(decoding bytes: [UInt8]) throws(WireFormatError) {
        var reader = ByteReader(bytes)
        try reader.expectMagic(Self.magic, structure: "enrollment record")
        let version = try reader.readUInt8("record version")
        guard version == Self.version else { throw .unsupportedVersion(structure: "enrollment record", version: version) }
        nodeID = try NodeID(validating: try reader.readString("node id", maxLength: 32))
        sequence = try reader.readUInt64("record sequence")
        guard sequence >= 1 else { throw .invalidField(field: "record sequence", reason: "must be at least 1") }
        receiptNumber = try reader.readString("receipt number", maxLength: 40)
        guard ReceiptNumber(receiptNumber) != nil else {
            throw .invalidField(field: "receipt number", reason: "'\(receiptNumber)' is not a valid receipt number")
        }
        enrolledAtMilliseconds = try reader.readInt64("enrolled at")
        level = try reader.readUInt8("level")
        guard level == 1 || level == 2 else { throw .invalidField(field: "level", reason: "\(level) is not 1 or 2") }
        sealedPayload = try reader.readBlob("sealed payload", maxLength: Self.maxSealedPayloadBytes)
        guard !sealedPayload.isEmpty else { throw .invalidField(field: "sealed payload", reason: "is empty") }
        try reader.expectEnd("enrollment record")
    }
}
