import Testing
@testable import EIDCore

/// A toy hash for structure tests (the real SHA-256 is checked in the node tests):
/// 32 bytes of FNV-1a-style mixing, different for different inputs.
let toyHash: HashFunction = { bytes in
    var state: UInt64 = 0xcbf29ce484222325
    var out: [UInt8] = []
    for round in 0..<4 {
        state ^= UInt64(round)
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x100000001b3 }
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8((state >> UInt64(shift)) & 0xFF)) }
    }
    return out
}

@Suite struct ReceiptNumberTests {
    @Test func formatsAndParses() throws {
        let number = try #require(ReceiptNumber(nodeCode: "QN01", date: "20260701", sequence: 42))
        let text = number.description
        #expect(text.hasPrefix("QN01-20260701-000042-"))
        #expect(ReceiptNumber(text) == number)
        #expect(ReceiptNumber(" " + text.lowercased() + " ") == number)
    }

    @Test func checkCharacterCatchesSingleErrorsAndAdjacentTranspositions() throws {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for sequence in [1, 42, 999_999, 123_456] {
            let number = try #require(ReceiptNumber(nodeCode: "KH02", date: "20250815", sequence: sequence))
            let text = Array(number.description)
            for index in text.indices where text[index] != "-" {
                for replacement in alphabet where replacement != text[index] {
                    var changed = text
                    changed[index] = replacement
                    #expect(ReceiptNumber(String(changed)) == nil, "single error at \(index) not caught: \(String(changed))")
                }
                let next = index + 1
                if next < text.count, text[next] != "-", text[next] != text[index] {
                    var swapped = text
                    swapped.swapAt(index, next)
                    #expect(ReceiptNumber(String(swapped)) == nil, "transposition at \(index) not caught")
                }
            }
        }
    }

    @Test func refusesMalformedNumbers() {
        for text in ["", "QN01", "QN01-20260701-42-X", "Q-20260701-000042-0", "QN01-2026071-000042-0",
                     "QN01-20260701-000000-0", "QN01-20260701-0000042-0", "QN01_20260701_000042_0"] {
            #expect(ReceiptNumber(text) == nil, "\(text) should be refused")
        }
        #expect(ReceiptNumber(nodeCode: "qn01", date: "20260701", sequence: 1) == nil)
        #expect(ReceiptNumber(nodeCode: "QN01", date: "20260701", sequence: 1_000_000) == nil)
    }
}

@Suite struct NodeIDTests {
    @Test func validatesTheSpelling() {
        #expect(NodeID(rawValue: "quang-ninh-01") != nil)
        #expect(NodeID(rawValue: "kh") != nil)
        for bad in ["", "q", "Quang", "1node", "node_1", "node 1", String(repeating: "a", count: 33), "nút"] {
            #expect(NodeID(rawValue: bad) == nil, "\(bad) should be refused")
        }
    }
}

@Suite struct MerkleTreeTests {
    @Test func singleLeafIsItsLeafHash() {
        #expect(MerkleTree.root(leaves: [[1, 2, 3]], hash: toyHash) == toyHash([0, 1, 2, 3]))
    }

    @Test func followsTheRFC6962SplitRule() {
        let leaves: [[UInt8]] = (0..<5).map { [UInt8($0)] }
        let l = leaves.map { toyHash([0] + $0) }
        func node(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] { toyHash([1] + a + b) }
        // n = 5: k = 4 → (((0,1),(2,3)), 4)
        let expected = node(node(node(l[0], l[1]), node(l[2], l[3])), l[4])
        #expect(MerkleTree.root(leaves: leaves, hash: toyHash) == expected)
        // n = 3: k = 2 → ((0,1), 2)
        #expect(MerkleTree.root(leaves: Array(leaves.prefix(3)), hash: toyHash) == node(node(l[0], l[1]), l[2]))
    }

    @Test func everyLeafMattersAndOrderMatters() {
        let leaves: [[UInt8]] = (0..<7).map { [UInt8($0), 9] }
        let root = MerkleTree.root(leaves: leaves, hash: toyHash)
        for index in leaves.indices {
            var changed = leaves
            changed[index][1] ^= 1
            #expect(MerkleTree.root(leaves: changed, hash: toyHash) != root)
        }
        var swapped = leaves
        swapped.swapAt(2, 3)
        #expect(MerkleTree.root(leaves: swapped, hash: toyHash) != root)
        // A duplicated last leaf (the Bitcoin pitfall) gives a different root.
        #expect(MerkleTree.root(leaves: leaves + [leaves[6]], hash: toyHash) != root)
    }
}

func sampleRecord(_ sequence: UInt64, node: String = "quang-ninh-01") -> EnrollmentRecord {
    EnrollmentRecord(nodeID: NodeID(rawValue: node)!, sequence: sequence,
                     receiptNumber: ReceiptNumber(nodeCode: "QN01", date: "20260701", sequence: Int(sequence))!.description,
                     enrolledAtMilliseconds: 1_782_900_000_000 + Int64(sequence), level: 2,
                     sealedPayload: Array(repeating: UInt8(sequence & 0xFF), count: 100 + Int(sequence)))
}

func sampleBatch(records: [EnrollmentRecord], sequence: UInt64 = 1,
                 previous: [UInt8] = BatchHeader.genesisHash) -> SignedBatch {
    let bytes = records.map { $0.encoded() }
    let header = BatchHeader(nodeID: records[0].nodeID, batchSequence: sequence,
                             firstRecordSequence: records[0].sequence, recordCount: UInt32(records.count),
                             recordsByteLength: UInt64(bytes.reduce(0) { $0 + 4 + $1.count }),
                             previousBatchHash: previous, merkleRoot: MerkleTree.root(leaves: bytes, hash: toyHash),
                             createdAtMilliseconds: 1_782_900_100_000)
    return SignedBatch(header: header, signature: Array(repeating: 7, count: 64), records: records)
}

@Suite struct EnrollmentRecordTests {
    @Test func roundTrips() throws {
        let record = sampleRecord(3)
        #expect(try EnrollmentRecord(decoding: record.encoded()) == record)
    }

    @Test func refusesEveryMalformation() {
        let good = sampleRecord(3).encoded()
        #expect(throws: WireFormatError.badMagic(expected: "enrollment record", found: Array("XIDR".utf8))) {
            try EnrollmentRecord(decoding: Array("XIDR".utf8) + good.dropFirst(4))
        }
        var version = good; version[4] = 9
        #expect(throws: WireFormatError.unsupportedVersion(structure: "enrollment record", version: 9)) {
            try EnrollmentRecord(decoding: version)
        }
        #expect(throws: WireFormatError.self) { try EnrollmentRecord(decoding: Array(good.dropLast())) }
        #expect(throws: WireFormatError.trailingBytes(structure: "enrollment record", count: 1)) {
            try EnrollmentRecord(decoding: good + [0])
        }
        var zero = sampleRecord(1); zero.sequence = 0
        #expect(throws: WireFormatError.self) { try EnrollmentRecord(decoding: zero.encoded()) }
        var level = sampleRecord(1); level.level = 3
        #expect(throws: WireFormatError.self) { try EnrollmentRecord(decoding: level.encoded()) }
        var receipt = sampleRecord(1); receipt.receiptNumber = "QN01-20260701-000001-?"
        #expect(throws: WireFormatError.self) { try EnrollmentRecord(decoding: receipt.encoded()) }
        var empty = sampleRecord(1); empty.sealedPayload = []
        #expect(throws: WireFormatError.self) { try EnrollmentRecord(decoding: empty.encoded()) }
    }
}

@Suite struct SignedBatchTests {
    @Test func roundTripsAndChecksTheMerkleRoot() throws {
        let batch = sampleBatch(records: (5...9).map { sampleRecord($0) })
        let decoded = try SignedBatch(decoding: batch.encoded(), hash: toyHash)
        #expect(decoded == batch)
        #expect(decoded.header.lastRecordSequence == 9)
        #expect(try BatchHeader(decoding: batch.header.encoded()) == batch.header)
    }

    @Test func refusesInconsistentBatches() throws {
        let records = (1...4).map { sampleRecord($0) }
        // A record swapped for another keeps the counts but breaks the root.
        var tampered = sampleBatch(records: records).encoded()
        tampered[tampered.count - 1] ^= 0xFF
        let rootError = #expect(throws: WireFormatError.self) { try SignedBatch(decoding: tampered, hash: toyHash) }
        #expect(rootError?.description.contains("merkle root") == true)

        // A gap in the record sequence.
        let gap = sampleBatch(records: [records[0], records[2]])
        #expect(throws: WireFormatError.self) { try SignedBatch(decoding: gap.encoded(), hash: toyHash) }

        // A record from another node.
        let mixed = sampleBatch(records: [records[0], sampleRecord(2, node: "khanh-hoa-01")])
        #expect(throws: WireFormatError.self) { try SignedBatch(decoding: mixed.encoded(), hash: toyHash) }

        // Truncated anywhere.
        let whole = sampleBatch(records: records).encoded()
        for cut in [0, 3, 10, 100, whole.count - 1] {
            #expect(throws: WireFormatError.self) { try SignedBatch(decoding: Array(whole.prefix(cut)), hash: toyHash) }
        }
        // Garbage.
        #expect(throws: WireFormatError.self) { try SignedBatch(decoding: Array("GET / HTTP/1.1\r\n\r\n".utf8), hash: toyHash) }

        // Batch 1 must start the chain.
        let unchained = sampleBatch(records: records, sequence: 1, previous: Array(repeating: 1, count: 32))
        #expect(throws: WireFormatError.self) { try SignedBatch(decoding: unchained.encoded(), hash: toyHash) }
    }

    @Test func receiptRoundTrips() throws {
        let receipt = BatchReceipt(nodeID: NodeID(rawValue: "khanh-hoa-01")!, batchSequence: 12,
                                   batchHash: Array(repeating: 0xAB, count: 32), lastRecordSequence: 480,
                                   acceptedAtMilliseconds: 1_782_900_000_123, signature: Array(repeating: 1, count: 64))
        #expect(try BatchReceipt(decoding: receipt.encoded()) == receipt)
        #expect(throws: WireFormatError.self) { try BatchReceipt(decoding: Array(receipt.encoded().dropLast())) }
    }
}
