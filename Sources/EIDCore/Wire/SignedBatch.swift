/// A batch as uploaded by a node and stored by central: the header, the node's
/// Ed25519 signature over the header bytes, and the records.
///
/// Byte layout (see docs/PROTOCOL.md):
/// `u32 header_length | header (BatchHeader bytes) | [64] signature |
///  records: (u32 record_length | record bytes) × record_count`
///
/// Decoding checks structure only (lengths, counts, contiguous sequences, node id,
/// Merkle root); the signature is checked by the caller with the node's key.
public struct SignedBatch: Equatable, Sendable {
    public static let signatureLength = 64
    /// Largest header accepted on the wire.
    public static let maxHeaderLength = 512

    public let header: BatchHeader
    /// The exact header bytes that were signed (kept so the hash and signature are
    /// checked over what was sent, not a re-encoding).
    public let headerBytes: [UInt8]
    public let signature: [UInt8]
    /// Each record's canonical bytes, in sequence order.
    public let recordBytes: [[UInt8]]
    public let records: [EnrollmentRecord]

    /// Assembles a batch from records and a signature over `header.encoded()`.
    public init(header: BatchHeader, signature: [UInt8], records: [EnrollmentRecord]) {
        self.header = header
        self.headerBytes = header.encoded()
        self.signature = signature
        self.records = records
        self.recordBytes = records.map { $0.encoded() }
    }

    /// Reassembles a stored batch from its exact header bytes, signature and record bytes.
    public init(headerBytes: [UInt8], signature: [UInt8], recordBytes: [[UInt8]]) throws(WireFormatError) {
        self.header = try BatchHeader(decoding: headerBytes)
        self.headerBytes = headerBytes
        self.signature = signature
        var records: [EnrollmentRecord] = []
        for raw in recordBytes { records.append(try EnrollmentRecord(decoding: raw)) }
        self.records = records
        self.recordBytes = recordBytes
    }

    /// The wire bytes.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 4 + headerBytes.count + 64 + Int(header.recordsByteLength))
        writer.write(UInt32(headerBytes.count))
        writer.write(raw: headerBytes)
        writer.write(raw: signature)
        for bytes in recordBytes { writer.write(blob: bytes) }
        return writer.bytes
    }

    /// Parses a batch and checks its structure and Merkle root.
    public init(decoding bytes: [UInt8], hash: HashFunction) throws(WireFormatError) {
        var reader = ByteReader(bytes)
        let headerLength = Int(try reader.readUInt32("header length"))
        guard headerLength <= Self.maxHeaderLength else {
            throw .invalidField(field: "header length", reason: "\(headerLength) exceeds \(Self.maxHeaderLength)")
        }
        headerBytes = try reader.readRaw(headerLength, "batch header")
        header = try BatchHeader(decoding: headerBytes)
        signature = try reader.readRaw(Self.signatureLength, "signature")
        guard UInt64(reader.remaining) == header.recordsByteLength else {
            throw .invalidField(field: "records section",
                                reason: "header declares \(header.recordsByteLength) byte(s), body has \(reader.remaining)")
        }
        var recordBytes: [[UInt8]] = []
        var records: [EnrollmentRecord] = []
        recordBytes.reserveCapacity(Int(header.recordCount))
        for index in 0..<Int(header.recordCount) {
            let raw = try reader.readBlob("record \(index + 1)", maxLength: EnrollmentRecord.maxSealedPayloadBytes + 1024)
            let record = try EnrollmentRecord(decoding: raw)
            let expected = header.firstRecordSequence + UInt64(index)
            guard record.sequence == expected else {
                throw .invalidField(field: "record \(index + 1)", reason: "has sequence \(record.sequence), expected \(expected)")
            }
            guard record.nodeID == header.nodeID else {
                throw .invalidField(field: "record \(index + 1)", reason: "belongs to node \(record.nodeID), batch is from \(header.nodeID)")
            }
            recordBytes.append(raw)
            records.append(record)
        }
        try reader.expectEnd("batch")
        let root = MerkleTree.root(leaves: recordBytes, hash: hash)
        guard root == header.merkleRoot else {
            throw .invalidField(field: "merkle root", reason: "does not match the records")
        }
        self.recordBytes = recordBytes
        self.records = records
    }
}
