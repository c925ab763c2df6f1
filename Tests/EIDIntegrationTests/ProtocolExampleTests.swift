import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDTestSupport

/// Keeps docs/PROTOCOL.md 1.10 honest: the worked example's bytes are what the Swift
/// encoders produce, its signature verifies, and scripts/verify-batch.py accepts it
/// (and refuses it changed).
@Suite struct ProtocolExampleTests {
    /// The hex of the `index`-th code block after the worked example's heading, spaces and newlines removed.
    static func exampleBlock(_ index: Int) throws -> [UInt8] {
        let text = try String(contentsOfFile: repositoryRoot + "/docs/PROTOCOL.md", encoding: .utf8)
        var cursor = try #require(text.range(of: "### 1.10 Worked example")).upperBound
        var block = ""
        for _ in 0...index {
            let start = try #require(text.range(of: "```\n", range: cursor..<text.endIndex)).upperBound
            let end = try #require(text.range(of: "```", range: start..<text.endIndex)).lowerBound
            block = String(text[start..<end])
            cursor = text.index(end, offsetBy: 3)
        }
        return try Hex.decode(block.filter { !$0.isWhitespace })
    }

    static func exampleValue(after label: String) throws -> [UInt8] {
        let text = try String(contentsOfFile: repositoryRoot + "/docs/PROTOCOL.md", encoding: .utf8)
        let section = try #require(text.range(of: "### 1.10 Worked example")).upperBound
        let at = try #require(text.range(of: label, range: section..<text.endIndex)).upperBound
        let start = try #require(text.range(of: "`", range: at..<text.endIndex)).upperBound
        let end = try #require(text.range(of: "`", range: start..<text.endIndex)).lowerBound
        return try Hex.decode(String(text[start..<end]))
    }

    /// RFC 8032 section 7.1, test 1.
    static let rfc8032Secret = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"

    @Test func theWorkedExampleIsWhatTheEncodersProduce() throws {
        let node = try #require(NodeID(rawValue: "quang-ninh-01"))
        let record = EnrollmentRecord(nodeID: node, sequence: 1, receiptNumber: "QN01-20260701-000001-X",
                                      enrolledAtMilliseconds: 1_782_874_800_000, level: 2,
                                      sealedPayload: [0x01, 0xA1, 0xB2, 0xC3])
        #expect(ReceiptNumber("QN01-20260701-000001-X") != nil)
        let recordBytes = record.encoded()
        #expect(recordBytes == (try Self.exampleBlock(0)))
        #expect(recordBytes.count == 69)
        let root = MerkleTree.root(leaves: [recordBytes], hash: { SHA256.hash($0) })
        #expect(root == (try Self.exampleValue(after: "Merkle root (one leaf) = SHA-256(`00` ‖ record) =")))

        let header = BatchHeader(nodeID: node, batchSequence: 1, firstRecordSequence: 1, recordCount: 1,
                                 recordsByteLength: 73, previousBatchHash: BatchHeader.genesisHash, merkleRoot: root,
                                 createdAtMilliseconds: 1_782_874_860_000)
        let headerBytes = header.encoded()
        #expect(headerBytes == (try Self.exampleBlock(1)))
        #expect(headerBytes.count == 120)
        #expect(SHA256.hash(headerBytes) == (try Self.exampleValue(after: "Batch hash =")))

        let key = try Ed25519PrivateKey(rawRepresentation: try Hex.decode(Self.rfc8032Secret))
        #expect(Hex.encode(key.publicKey.rawRepresentation) == "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
        let signature = try key.signature(for: headerBytes)
        #expect(signature == (try Self.exampleValue(after: "Signature:")))

        let batch = SignedBatch(header: header, signature: signature, records: [record]).encoded()
        #expect(batch.count == 261)
        #expect(Array(batch.prefix(4)) == [0, 0, 0, 0x78] && Array(batch[188..<192]) == [0, 0, 0, 0x45])
        #expect(try SignedBatch(decoding: batch, hash: { SHA256.hash($0) }).records == [record])

        // The independent checker accepts the example, and refuses it with one bit changed.
        let directory = try TemporaryDirectory("protocol-example")
        defer { directory.remove() }
        try PEMFile.writePublic(key.publicKey.pemRepresentation, to: directory.file("signing.pub"))
        try Data(batch).write(to: URL(fileURLWithPath: directory.file("batch.bin")))
        let accepted = try runBatchVerifier(["--pubkey", directory.file("signing.pub"), directory.file("batch.bin")])
        #expect(accepted.status == 0, "\(accepted.standardError)")
        #expect(accepted.standardOutput.contains("hash \(Hex.encode(SHA256.hash(headerBytes))): OK"))
        var changed = batch
        changed[4 + 119] ^= 0x01  // the last byte of created_at: the signature no longer matches
        try Data(changed).write(to: URL(fileURLWithPath: directory.file("changed.bin")))
        let refused = try runBatchVerifier(["--pubkey", directory.file("signing.pub"), directory.file("changed.bin")])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("the Ed25519 signature does not verify with openssl"), "\(refused.standardError)")
    }
}
