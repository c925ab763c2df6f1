import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDStorage
@testable import EIDNode

/// The node's store: the append-only log, receipt numbers, sealing, batches.
@Suite struct NodeStoreTests {
    func checked(_ fixture: NodeFixture, _ indices: Range<Int>) throws -> [CheckedEnrollment] {
        try fixture.writeApplicants(indices).map { try IntakeChecks().check(try ApplicationPackage(folder: $0)) }
    }

    func sealer(_ fixture: NodeFixture) throws -> EnrollmentSealer {
        try EnrollmentSealer(authorityPublicKeyPEM: fixture.store.configuration.authoritySealingPublicKeyPEM)
    }

    @Test func appendsGetConsecutiveSequencesAndCheckedReceiptNumbers() throws {
        let fixture = try NodeFixture("store-append")
        defer { fixture.remove() }
        let enrollments = try checked(fixture, 0..<6)
        var accepted: [AcceptedEnrollment] = []
        for enrollment in enrollments.prefix(2) {
            accepted.append(try fixture.store.append(enrollment, sealer: try sealer(fixture), at: NodeFixture.morning))
        }
        for outcome in try fixture.store.appendAll(Array(enrollments.dropFirst(2)), sealer: try sealer(fixture), at: NodeFixture.morning) {
            guard case .accepted(let one) = outcome else { Issue.record("unexpected \(outcome)"); continue }
            accepted.append(one)
        }
        #expect(accepted.map(\.sequence) == [1, 2, 3, 4, 5, 6])
        for (index, item) in accepted.enumerated() {
            let receipt = try #require(ReceiptNumber(item.receiptNumber), "\(item.receiptNumber) does not verify")
            #expect(receipt.nodeCode == "QN01")
            #expect(receipt.date == "20260701")
            #expect(receipt.sequence == index + 1)
            #expect(item.passportNumber == enrollments[index].passportNumber)
            #expect(item.enrolledAt == "2026-07-01T03:00:00.000Z")
        }
        let status = try fixture.store.status()
        #expect(status.enrolled == 6 && status.lastSequence == 6 && status.unbatched == 6 && status.batches == 0)
    }

    @Test func receiptNumbersCountPerVietnamDay() throws {
        let fixture = try NodeFixture("store-days")
        defer { fixture.remove() }
        let enrollments = try checked(fixture, 0..<4)
        // 16:59:59.999Z is 23:59:59 on 1 July in Vietnam; 17:00:00Z is midnight of 2 July.
        let lastMoment = Date(timeIntervalSince1970: 1_782_925_199.999)
        let midnight = Date(timeIntervalSince1970: 1_782_925_200)
        let sealer = try sealer(fixture)
        let a = try fixture.store.append(enrollments[0], sealer: sealer, at: NodeFixture.morning)
        let b = try fixture.store.append(enrollments[1], sealer: sealer, at: lastMoment)
        let c = try fixture.store.append(enrollments[2], sealer: sealer, at: midnight)
        let d = try fixture.store.append(enrollments[3], sealer: sealer, at: midnight.addingTimeInterval(60))
        #expect([a, b, c, d].map(\.sequence) == [1, 2, 3, 4])
        #expect(a.receiptNumber.hasPrefix("QN01-20260701-000001-"))
        #expect(b.receiptNumber.hasPrefix("QN01-20260701-000002-"))
        #expect(c.receiptNumber.hasPrefix("QN01-20260702-000001-"))
        #expect(d.receiptNumber.hasPrefix("QN01-20260702-000002-"))
    }

    @Test func aPassportAlreadyInTheLogIsNotAddedTwice() throws {
        let fixture = try NodeFixture("store-duplicate")
        defer { fixture.remove() }
        let enrollment = try checked(fixture, 0..<1)[0]
        let sealer = try sealer(fixture)
        let first = try fixture.store.append(enrollment, sealer: sealer, at: NodeFixture.morning)
        #expect(throws: NodeError.duplicate(passportNumber: enrollment.passportNumber, receiptNumber: first.receiptNumber)) {
            try fixture.store.append(enrollment, sealer: sealer, at: NodeFixture.morning)
        }
        // Within one bulk group too.
        let outcomes = try fixture.store.appendAll([enrollment, enrollment], sealer: sealer, at: NodeFixture.morning)
        #expect(outcomes == [.duplicate(passportNumber: enrollment.passportNumber, receiptNumber: first.receiptNumber),
                             .duplicate(passportNumber: enrollment.passportNumber, receiptNumber: first.receiptNumber)])
        #expect(try fixture.store.status().enrolled == 1)
    }

    @Test func theSealedPayloadOpensOnlyWithTheAuthorityKeyAndItsOwnReceipt() throws {
        let fixture = try NodeFixture("store-seal")
        defer { fixture.remove() }
        let enrollments = try checked(fixture, 0..<2)
        let sealer = try sealer(fixture)
        let first = try fixture.store.append(enrollments[0], sealer: sealer, at: NodeFixture.morning)
        _ = try fixture.store.append(enrollments[1], sealer: sealer, at: NodeFixture.morning)

        let record = try EnrollmentRecord(decoding: try #require(try fixture.store.recordBytes(1)))
        #expect(record.nodeID == fixture.nodeID)
        #expect(record.sequence == 1)
        #expect(record.receiptNumber == first.receiptNumber)
        #expect(record.level == 2)
        #expect(record.enrolledAtMilliseconds == 1_782_874_800_000)
        #expect(try fixture.openPayload(record) == enrollments[0].payload)

        // Moved to another receipt number, the box no longer opens.
        let second = try EnrollmentRecord(decoding: try #require(try fixture.store.recordBytes(2)))
        var swapped = record
        swapped.receiptNumber = second.receiptNumber
        #expect(throws: CryptoError.authenticationFailed) { try fixture.openPayload(swapped) }
        // Nor with another key.
        let stranger = try X25519PrivateKey.generate()
        #expect(throws: CryptoError.authenticationFailed) {
            try SealedBox.open(record.sealedPayload, with: stranger, context: EnrollmentSealer.context,
                               authenticating: EnrollmentSealer.associatedData(nodeID: record.nodeID, receiptNumber: record.receiptNumber))
        }
    }

    @Test func theLogCannotBeChangedOrShortened() throws {
        let fixture = try NodeFixture("store-append-only")
        defer { fixture.remove() }
        _ = try fixture.store.append(try checked(fixture, 0..<1)[0], sealer: try sealer(fixture), at: NodeFixture.morning)
        let database = try Database(path: fixture.store.path)
        for sql in ["UPDATE log_record SET record = x'00' WHERE seq = 1", "DELETE FROM log_record",
                    "DELETE FROM enrollment", "UPDATE enrollment SET passport_number = 'X1234567'",
                    "UPDATE enrollment SET receipt_number = 'QN01-20260701-000009-0'"] {
            #expect(throws: SQLiteError.self, "\(sql) was allowed") { try database.execute(sql) }
        }
        // Status is the one thing that moves.
        try database.execute("UPDATE enrollment SET status = 'issued' WHERE seq = 1")
        #expect(try fixture.store.enrollments(status: "issued").count == 1)
    }

    @Test func batchesAreContiguousChainedSignedAndBounded() throws {
        let fixture = try NodeFixture("store-batches")
        defer { fixture.remove() }
        let enrollments = try checked(fixture, 0..<23)
        _ = try fixture.store.appendAll(Array(enrollments.prefix(13)), sealer: try sealer(fixture), at: NodeFixture.morning)
        let made = try fixture.store.cutBatches(limits: BatchLimits(maxRecords: 5), signer: fixture.signer, at: NodeFixture.morning)
        #expect(made == [1, 2, 3])
        #expect(try fixture.store.cutBatches(signer: fixture.signer, at: NodeFixture.morning).isEmpty)
        // More enrollments later continue the chain; a byte bound of about two records.
        _ = try fixture.store.appendAll(Array(enrollments.dropFirst(13)), sealer: try sealer(fixture), at: NodeFixture.morning)
        let recordSize = try #require(try fixture.store.recordBytes(14)).count
        let byteBound = 5 * (4 + recordSize) / 2  // two records fit, three do not
        let more = try fixture.store.cutBatches(limits: BatchLimits(maxRecords: 100, maxBytes: byteBound),
                                                signer: fixture.signer, at: NodeFixture.morning)
        #expect(more.count == 5)
        #expect(try fixture.store.batchSequences() == Array(1...8))

        var expectedFirst: UInt64 = 1
        var previousHash = BatchHeader.genesisHash
        var counts: [UInt32] = []
        for sequence in try fixture.store.batchSequences() {
            let stored = try #require(try fixture.store.batch(sequence))
            // What is uploaded parses on its own, Merkle root included.
            let batch = try SignedBatch(decoding: stored.encoded(), hash: { SHA256.hash($0) })
            #expect(batch.header.batchSequence == sequence)
            #expect(batch.header.firstRecordSequence == expectedFirst)
            #expect(batch.header.previousBatchHash == previousHash)
            #expect(batch.header.nodeID == fixture.nodeID)
            #expect(fixture.signingKey.publicKey.isValidSignature(batch.signature, for: batch.headerBytes))
            #expect(batch.header.merkleRoot == MerkleTree.root(leaves: batch.recordBytes, hash: { SHA256.hash($0) }))
            if sequence > 3 { #expect(Int(batch.header.recordsByteLength) <= byteBound) }
            counts.append(batch.header.recordCount)
            expectedFirst = batch.header.lastRecordSequence + 1
            previousHash = SHA256.hash(batch.headerBytes)
        }
        #expect(counts == [5, 5, 3, 2, 2, 2, 2, 2])
        #expect(expectedFirst == 24)

        let status = try fixture.store.status()
        #expect(status.batched == 23 && status.unbatched == 0 && status.batches == 8)
        #expect(try fixture.store.enrollments(status: "batched", limit: 100).count == 23)
        #expect(try fixture.store.enrollment(receiptNumber: try #require(fixture.store.enrollments(limit: 1).first).receiptNumber)?.batchSequence == 8)
    }

    @Test func aSignatureOverAChangedHeaderFails() throws {
        let fixture = try NodeFixture("store-tamper")
        defer { fixture.remove() }
        _ = try fixture.store.appendAll(try checked(fixture, 0..<3), sealer: try sealer(fixture), at: NodeFixture.morning)
        try fixture.store.cutBatches(signer: fixture.signer, at: NodeFixture.morning)
        let batch = try #require(try fixture.store.batch(1))
        var header = batch.headerBytes
        header[header.count - 1] ^= 1
        #expect(!fixture.signingKey.publicKey.isValidSignature(batch.signature, for: header))
        // A changed record breaks the Merkle root.
        var bytes = batch.encoded()
        bytes[bytes.count - 20] ^= 0x40
        #expect(throws: WireFormatError.invalidField(field: "merkle root", reason: "does not match the records")) {
            try SignedBatch(decoding: bytes, hash: { SHA256.hash($0) })
        }
    }

    @Test func lookupsFindByReceiptAnyCaseAndByPassport() throws {
        let fixture = try NodeFixture("store-lookup")
        defer { fixture.remove() }
        let enrollments = try checked(fixture, 0..<3)
        let accepted = try fixture.store.append(enrollments[1], sealer: try sealer(fixture), at: NodeFixture.morning)
        let found = try #require(try fixture.store.enrollment(receiptNumber: accepted.receiptNumber.lowercased()))
        #expect(found.passportNumber == enrollments[1].passportNumber)
        #expect(found.fullName == enrollments[1].fullName)
        #expect(found.status == "received")
        #expect(found.batchSequence == nil && found.decision == nil)
        #expect(try fixture.store.enrollment(receiptNumber: "QN01-20260701-000099-0") == nil)
        #expect(try fixture.store.enrollments(passportNumber: enrollments[1].passportNumber).map(\.sequence) == [1])
        #expect(try fixture.store.enrollments(status: "batched").isEmpty)
    }

    @Test func theStoreIsCreatedOnceAndReopens() throws {
        let fixture = try NodeFixture("store-reopen")
        defer { fixture.remove() }
        #expect(throws: NodeError.self) {
            try NodeStore.create(in: fixture.store.folder, configuration: fixture.store.configuration)
        }
        let reopened = try NodeStore(folder: fixture.store.folder)
        #expect(reopened.configuration == fixture.store.configuration)
        #expect(throws: NodeError.self) { try NodeStore(folder: fixture.directory.file("nowhere")) }
    }
}

/// RFC 6962 Merkle tree hashes with the real SHA-256, against the reference vectors
/// of certificate-transparency (the eight inputs below, roots for 1...8 leaves).
@Suite struct MerkleTreeSHA256Tests {
    static let leaves: [[UInt8]] = [[], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
                                    Array(0x50...0x57), Array(0x60...0x6F)]
    static let roots = [
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ]

    @Test func rootsMatchTheReferenceVectors() {
        for count in 1...8 {
            let leaves = Array(Self.leaves.prefix(count))
            #expect(Hex.encode(MerkleTree.root(leaves: leaves, hash: { SHA256.hash($0) })) == Self.roots[count - 1])
            // The store's streaming leaf hashing gives the same root.
            #expect(Hex.encode(NodeStore.merkleRoot(leaves)) == Self.roots[count - 1])
        }
    }
}
