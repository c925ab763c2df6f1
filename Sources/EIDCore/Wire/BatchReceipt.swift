/// Central's signed statement that it has durably accepted a batch.
///
/// Byte layout (version 1, big-endian), see docs/PROTOCOL.md:
/// `"EIDA" | u8 version=1 | str node_id | u64 batch_sequence | [32] batch_hash |
///  u64 last_record_sequence | i64 accepted_at_ms | [64] signature`
/// The signature is central's Ed25519 signature over every byte before it.
public struct BatchReceipt: Equatable, Sendable {
    public static let magic: [UInt8] = Array("EIDA".utf8)
    public static let version: UInt8 = 1

    public var nodeID: NodeID
    public var batchSequence: UInt64
    public var batchHash: [UInt8]
    public var lastRecordSequence: UInt64
    public var acceptedAtMilliseconds: Int64
    public var signature: [UInt8]

    public init(nodeID: NodeID, batchSequence: UInt64, batchHash: [UInt8], lastRecordSequence: UInt64,
                acceptedAtMilliseconds: Int64, signature: [UInt8] = []) {
        self.nodeID = nodeID
        self.batchSequence = batchSequence
        self.batchHash = batchHash
        self.lastRecordSequence = lastRecordSequence
        self.acceptedAtMilliseconds = acceptedAtMilliseconds
        self.signature = signature
    }

    /// The bytes central signs.
    public func signedBytes() -> [UInt8] {
        var writer = ByteWriter(capacity: 128)
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        writer.write(string: nodeID.rawValue)
        writer.write(batchSequence)
        writer.write(raw: batchHash)
        writer.write(lastRecordSequence)
        writer.write(acceptedAtMilliseconds)
        return writer.bytes
    }

    /// The wire bytes: signed bytes followed by the 64-byte signature.
    public func encoded() -> [UInt8] {
        signedBytes() + signature
    }

    /// Parses a receipt (the signature is checked by the caller with central's key).
    public init(decoding bytes: [UInt8]) throws(WireFormatError) {
        var reader = ByteReader(bytes)
        try reader.expectMagic(Self.magic, structure: "batch receipt")
        let version = try reader.readUInt8("receipt version")
        guard version == Self.version else { throw .unsupportedVersion(structure: "batch receipt", version: version) }
        nodeID = try NodeID(validating: try reader.readString("node id", maxLength: 32))
        batchSequence = try reader.readUInt64("batch sequence")
        batchHash = try reader.readRaw(32, "batch hash")
        lastRecordSequence = try reader.readUInt64("last record sequence")
        acceptedAtMilliseconds = try reader.readInt64("accepted at")
        signature = try reader.readRaw(64, "signature")
        try reader.expectEnd("batch receipt")
    }
}
