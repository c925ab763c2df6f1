/// The signed part of a batch: which slice of a node's log it carries and how it
/// chains to the batch before it.
///
/// Byte layout (version 1, big-endian), see docs/PROTOCOL.md:
/// `"EIDB" | u8 version=1 | str node_id | u64 batch_sequence | u64 first_record_sequence |
///  u32 record_count | u64 records_byte_length | [32] previous_batch_hash |
///  [32] merkle_root | i64 created_at_ms`
///
/// The batch hash is SHA-256 of these bytes; the node's Ed25519 signature is over
/// these bytes. The Merkle root (RFC 6962) over the records commits to them, so the
/// header alone identifies the whole batch.
public struct BatchHeader: Equatable, Sendable {
    public static let magic: [UInt8] = Array("EIDB".utf8)
    public static let version: UInt8 = 1
    /// Most records one batch may carry.
    public static let maxRecordCount: UInt32 = 10_000
    /// Most record bytes one batch may carry.
    public static let maxRecordsByteLength: UInt64 = 64 * 1024 * 1024

    public var nodeID: NodeID
    /// 1, 2, 3, ... per node.
    public var batchSequence: UInt64
    /// Sequence of the first record; the batch holds `first...first+count-1`.
    public var firstRecordSequence: UInt64
    public var recordCount: UInt32
    /// Length of the records section (each record with its 4-byte length prefix).
    public var recordsByteLength: UInt64
    /// Hash of batch `batchSequence - 1`, or 32 zero bytes for the first batch.
    public var previousBatchHash: [UInt8]
    public var merkleRoot: [UInt8]
    public var createdAtMilliseconds: Int64

    public init(nodeID: NodeID, batchSequence: UInt64, firstRecordSequence: UInt64, recordCount: UInt32,
                recordsByteLength: UInt64, previousBatchHash: [UInt8], merkleRoot: [UInt8],
                createdAtMilliseconds: Int64) {
        self.nodeID = nodeID
        self.batchSequence = batchSequence
        self.firstRecordSequence = firstRecordSequence
        self.recordCount = recordCount
        self.recordsByteLength = recordsByteLength
        self.previousBatchHash = previousBatchHash
        self.merkleRoot = merkleRoot
        self.createdAtMilliseconds = createdAtMilliseconds
    }

    /// The largest batch or record sequence number (2⁶² − 1, far beyond any real log).
    public static let maxSequence: UInt64 = (1 << 62) - 1

    /// The hash that stands for "no previous batch".
    public static let genesisHash = [UInt8](repeating: 0, count: 32)

    /// Sequence of the last record in the batch.
    public var lastRecordSequence: UInt64 { firstRecordSequence + UInt64(recordCount) - 1 }

    /// The canonical bytes that are hashed and signed.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 160)
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        writer.write(string: nodeID.rawValue)
        writer.write(batchSequence)
        writer.write(firstRecordSequence)
        writer.write(recordCount)
        writer.write(recordsByteLength)
        writer.write(raw: previousBatchHash)
        writer.write(raw: merkleRoot)
        writer.write(createdAtMilliseconds)
        return writer.bytes
    }

    /// Parses exactly one header, validating every field.
    public init(decoding bytes: [UInt8]) throws(WireFormatError) {
        var reader = ByteReader(bytes)
        try reader.expectMagic(Self.magic, structure: "batch header")
        let version = try reader.readUInt8("batch header version")
        guard version == Self.version else { throw .unsupportedVersion(structure: "batch header", version: version) }
        nodeID = try NodeID(validating: try reader.readString("node id", maxLength: 32))
        batchSequence = try reader.readUInt64("batch sequence")
        firstRecordSequence = try reader.readUInt64("first record sequence")
        recordCount = try reader.readUInt32("record count")
        recordsByteLength = try reader.readUInt64("records byte length")
        previousBatchHash = try reader.readRaw(32, "previous batch hash")
        merkleRoot = try reader.readRaw(32, "merkle root")
        createdAtMilliseconds = try reader.readInt64("created at")
        try reader.expectEnd("batch header")
        // Sequences are stored as SQLite (signed 64-bit) integers, and the last record's
        // sequence must be computable: bound them so no arithmetic on them can overflow.
        guard (1...Self.maxSequence).contains(batchSequence) else {
            throw .invalidField(field: "batch sequence", reason: "\(batchSequence) is not between 1 and \(Self.maxSequence)")
        }
        guard (1...Self.maxSequence).contains(firstRecordSequence) else {
            throw .invalidField(field: "first record sequence", reason: "\(firstRecordSequence) is not between 1 and \(Self.maxSequence)")
        }
        guard (1...Self.maxRecordCount).contains(recordCount) else {
            throw .invalidField(field: "record count", reason: "\(recordCount) is not between 1 and \(Self.maxRecordCount)")
        }
        guard recordsByteLength <= Self.maxRecordsByteLength else {
            throw .invalidField(field: "records byte length", reason: "\(recordsByteLength) exceeds \(Self.maxRecordsByteLength)")
        }
        guard batchSequence != 1 || previousBatchHash == Self.genesisHash else {
            throw .invalidField(field: "previous batch hash", reason: "batch 1 must chain to the zero hash")
        }
    }
}
