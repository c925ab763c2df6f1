public import EIDCore
public import EIDCrypto

/// Builds a node's signed batches directly (small random sealed payloads), so tests
/// can send central batches a real node would never make: out of order, unchained,
/// signed with the wrong key, naming another node. Central does not open sealed
/// payloads while accepting, so random bytes stand in for them.
public struct BatchForge: Sendable {
    public let nodeID: NodeID
    public let code: String
    public let key: Ed25519PrivateKey
    public var previousHash = BatchHeader.genesisHash
    public var nextBatch: UInt64 = 1
    public var nextRecord: UInt64 = 1
    public var payloadBytes = 200

    public init(_ id: String = "quang-ninh-01", code: String = "QN01", key: Ed25519PrivateKey? = nil) throws {
        nodeID = NodeID(rawValue: id)!
        self.code = code
        self.key = try key ?? Ed25519PrivateKey.generate()
    }

    /// Record `sequence` of this node with a random sealed payload.
    public func record(_ sequence: UInt64, receiptNumber: String? = nil, nodeID: NodeID? = nil) -> EnrollmentRecord {
        EnrollmentRecord(nodeID: nodeID ?? self.nodeID, sequence: sequence,
                         receiptNumber: receiptNumber ?? ReceiptNumber(nodeCode: code, date: "20260701", sequence: Int(sequence))!.description,
                         enrolledAtMilliseconds: 1_782_900_000_000 + Int64(sequence), level: 2,
                         sealedPayload: SecureRandom.bytes(count: payloadBytes))
    }

    /// Signs `records` as batch `sequence` (defaults: the next batch, chained to the last made).
    public func sign(_ records: [EnrollmentRecord], sequence: UInt64? = nil, previousHash: [UInt8]? = nil,
                     firstRecord: UInt64? = nil, signingKey: Ed25519PrivateKey? = nil, headerNode: NodeID? = nil) throws -> SignedBatch {
        let bytes = records.map { $0.encoded() }
        let header = BatchHeader(nodeID: headerNode ?? nodeID, batchSequence: sequence ?? nextBatch,
                                 firstRecordSequence: firstRecord ?? records[0].sequence, recordCount: UInt32(records.count),
                                 recordsByteLength: UInt64(bytes.reduce(0) { $0 + 4 + $1.count }),
                                 previousBatchHash: previousHash ?? self.previousHash,
                                 merkleRoot: MerkleTree.root(leaves: bytes, hash: { SHA256.hash($0) }),
                                 createdAtMilliseconds: 1_782_900_000_000)
        return SignedBatch(header: header, signature: try (signingKey ?? key).signature(for: header.encoded()), records: records)
    }

    /// The next batch of `count` records, chained to the previous one; advances the forge.
    public mutating func next(_ count: Int) throws -> SignedBatch {
        let records = (0..<UInt64(count)).map { record(nextRecord + $0) }
        let batch = try sign(records)
        previousHash = SHA256.hash(batch.headerBytes)
        nextBatch += 1
        nextRecord += UInt64(count)
        return batch
    }
}
