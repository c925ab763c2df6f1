import Testing
import Foundation
@testable import EIDCentral
import EIDCore
import EIDCrypto
import EIDNode
import EIDStorage
import EIDTestSupport

/// Acceptance applied to a real store: what is committed, what is answered, what is left behind.
@Suite final class CentralAcceptanceTests {
    let dir: TemporaryDirectory
    let store: CentralStore
    let authority: AuthoritySigner
    var forge: BatchForge
    let acceptor = BatchAcceptor()

    init() throws {
        dir = try TemporaryDirectory("central-accept")
        store = try CentralStore(folder: dir.path)
        authority = AuthoritySigner(key: try Ed25519PrivateKey.generate())
        forge = try BatchForge()
        try store.register([forge.registration])
    }
    deinit { dir.remove() }

    func accept(_ batch: SignedBatch, bytes: [UInt8]? = nil, from peer: NodeID? = nil) throws -> BatchDecision {
        try store.accept(bytes ?? batch.encoded(), batch: batch.header.batchSequence, from: peer ?? forge.nodeID,
                         acceptor: acceptor, signer: authority)
    }

    func count(_ table: String) throws -> Int {
        try Database(path: store.path).scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? -1
    }

    @Test func acceptsCommitsAndSignsAReceiptTheNodeVerifies() throws {
        let batch = try forge.next(3)
        guard case .accepted(let bytes) = try accept(batch) else { Issue.record("not accepted"); return }
        let verifier = try ReceiptVerifier(authoritySigningPublicKeyPEM: authority.publicKey.pemRepresentation)
        let receipt = try verifier.verify(bytes, for: batch.header, batchHash: SHA256.hash(batch.headerBytes))
        #expect(receipt.lastRecordSequence == 3)
        #expect(try store.receipt(forge.nodeID, batch: 1) == bytes)
        let records = try store.records(forge.nodeID)
        #expect(records.map(\.sequence) == [1, 2, 3])
        #expect(records.map(\.bytes) == batch.recordBytes)
        #expect(records.map(\.recordHash) == batch.recordBytes.map { SHA256.hash($0) })
        let checkpoint = try store.checkpoint(forge.nodeID)
        #expect(checkpoint.lastBatchSequence == 1 && checkpoint.lastRecordSequence == 3)
        #expect(checkpoint.lastBatchHash == Hex.encode(SHA256.hash(batch.headerBytes)))
        #expect(try store.auditEntries().last?.action == .accept)
    }

    @Test func aReplayGetsTheSameReceiptAndStoresNothingTwice() throws {
        let first = try forge.next(2)
        let second = try forge.next(2)
        guard case .accepted(let receipt1) = try accept(first), case .accepted = try accept(second) else {
            Issue.record("not accepted"); return
        }
        let audit = try store.auditEntries().count
        #expect(try accept(first) == .replayed(receipt: receipt1))
        #expect(try accept(first) == .replayed(receipt: receipt1))
        #expect(try count("batch") == 2)
        #expect(try count("record") == 4)
        #expect(try store.auditEntries().count == audit, "a replay is not a decision")
    }

    @Test func anEquivocationIsRefusedRecordedAndCountedOnce() throws {
        let first = try forge.next(2)
        guard case .accepted = try accept(first) else { Issue.record("not accepted"); return }
        let other = try forge.sign([forge.record(1), forge.record(2)], sequence: 1, previousHash: BatchHeader.genesisHash)
        for _ in 0..<2 {
            guard case .refused(let refusal) = try accept(other) else { Issue.record("not refused"); return }
            #expect(refusal.code == .equivocation)
        }
        let found = try store.equivocations()
        #expect(found.count == 1)
        #expect(found.first?.timesSeen == 2)
        #expect(found.first?.acceptedHash == SHA256.hash(first.headerBytes))
        #expect(found.first?.conflictingHash == SHA256.hash(other.headerBytes))
        // The stored proof verifies with the node's key.
        #expect(forge.key.publicKey.isValidSignature(found[0].conflictingSignature, for: found[0].conflictingHeader))
        #expect(try count("batch") == 1 && count("record") == 2)
        #expect(try store.auditEntries().filter { $0.action == .equivocation }.count == 2)
        #expect(try store.nodeSummaries().first?.equivocations == 1)
    }

    @Test func everyRefusalLeavesOnlyItsAuditEntry() throws {
        let first = try forge.next(1)
        _ = try accept(first)
        let before = (batch: try count("batch"), record: try count("record"), audit: try store.auditEntries().count)
        let otherKey = try Ed25519PrivateKey.generate()
        let cases: [(SignedBatch, [UInt8]?, NodeID?, ProtocolErrorCode)] = [
            (try forge.sign([forge.record(2)], signingKey: otherKey), nil, nil, .badSignature),
            (try forge.sign([forge.record(2)], sequence: 3), nil, nil, .gap),
            (try forge.sign([forge.record(2)], previousHash: BatchHeader.genesisHash), nil, nil, .brokenChain),
            (try forge.sign([forge.record(4)]), nil, nil, .recordGap),
            (try forge.sign([forge.record(2)]), Array(try forge.sign([forge.record(2)]).encoded().dropLast(3)), nil, .malformed),
            (try forge.sign([forge.record(2)]), nil, NodeID(rawValue: "khanh-hoa-01"), .unknownNode),
            (try forge.sign([forge.record(2, receiptNumber: first.records[0].receiptNumber)]), nil, nil, .duplicateReceipt),
        ]
        for (batch, bytes, peer, code) in cases {
            guard case .refused(let refusal) = try accept(batch, bytes: bytes, from: peer) else {
                Issue.record("\(code) was not refused"); continue
            }
            #expect(refusal.code == code)
        }
        #expect(try count("batch") == before.batch)
        #expect(try count("record") == before.record)
        let refusals = try store.auditEntries().dropFirst(before.audit)
        #expect(refusals.map(\.code) == cases.map(\.3.rawValue))
        #expect(refusals.allSatisfy { $0.action == .refuse })
        #expect(try store.verifyAuditLog() == before.audit + cases.count)
    }

    @Test func aRevokedNodeIsRefused() throws {
        var revoked = forge.registration
        revoked.isRevoked = true
        try store.register([revoked])
        guard case .refused(let refusal) = try accept(try forge.next(1)) else { Issue.record("not refused"); return }
        #expect(refusal.code == .revokedNode)
    }

    @Test func feedEventsGoToTheEnrollingNodeInOrder() throws {
        let batch = try forge.next(2)
        _ = try accept(batch)
        let (node, first) = try store.appendEvent(.issued, receiptNumber: batch.records[0].receiptNumber)
        #expect(node == forge.nodeID && first == 1)
        #expect(try store.appendEvent(.rejected, receiptNumber: batch.records[1].receiptNumber.lowercased(), reason: "no match").1 == 2)
        let unknown = ReceiptNumber(nodeCode: "QN01", date: "20260701", sequence: 99)!.description
        #expect(throws: CentralError.unknownReceipt(unknown)) {
            try self.store.appendEvent(.issued, receiptNumber: unknown)
        }
        let page = try store.events(forge.nodeID, after: 1, limit: 10)
        #expect(page.latest == 2)
        #expect(page.events.map(\.kind) == [.rejected])
        #expect(page.events.first?.reason == "no match")
    }
}
