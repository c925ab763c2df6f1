import Testing
import Foundation
@testable import EIDCentral
import EIDCore
import EIDCrypto
import EIDNode
import EIDStorage
import EIDTestSupport

/// Every refusal through the whole stack: node agent or link → service → store.
@Suite struct RefusalTests {
    func centralCounts(_ fixture: ReplicationFixture) throws -> (batches: Int, records: Int) {
        let db = try Database(path: fixture.central.path)
        return (try db.scalar("SELECT count(*) FROM batch", as: Int.self) ?? 0,
                try db.scalar("SELECT count(*) FROM record", as: Int.self) ?? 0)
    }

    func expectRefusal(_ code: String, status: Int, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected a \(code) refusal")
        } catch let error as SyncError {
            guard case .refused(_, let gotStatus, let gotCode, let message) = error else {
                Issue.record("expected a refusal, got \(error)"); return
            }
            #expect(gotCode == code)
            #expect(gotStatus == status)
            #expect(!message.isEmpty)
        } catch {
            Issue.record("expected a SyncError, got \(error)")
        }
    }

    @Test func aBatchSignedWithTheWrongKeyIsRefused() throws {
        let fixture = try ReplicationFixture("bad-signature")
        try fixture.enrollSmall(3)
        // Another node's registered key, then a key nobody registered.
        let other = try Ed25519PrivateKey.generate()
        try fixture.central.register([NodeRegistration(nodeID: NodeID(rawValue: "khanh-hoa-01")!, code: "KH01",
                                                       province: "Khanh Hoa", kind: .office, signingKey: other.publicKey)])
        for key in [other, try Ed25519PrivateKey.generate()] {
            let agent = SyncAgent(store: fixture.node, signer: BatchSigner(key: key), verifier: try fixture.agent().verifier,
                                  feedVerifier: try fixture.agent().feedVerifier, clock: fixture.clock)
            expectRefusal("bad_signature", status: 400) { _ = try agent.syncOnce(ProtocolCentralLink(transport: fixture.transport())) }
        }
        #expect(try centralCounts(fixture) == (0, 0))
        #expect(try fixture.central.auditEntries().filter { $0.code == "bad_signature" }.count == 2)
    }

    @Test func aBatchSentOverAnotherNodesConnectionIsRefused() throws {
        let fixture = try ReplicationFixture("wrong-node")
        try fixture.enrollSmall(3)
        let other = NodeID(rawValue: "khanh-hoa-01")!
        try fixture.central.register([NodeRegistration(nodeID: other, code: "KH01", province: "Khanh Hoa", kind: .office,
                                                       signingKey: try Ed25519PrivateKey.generate().publicKey)])
        expectRefusal("wrong_node", status: 403) {
            _ = try fixture.agent().syncOnce(ProtocolCentralLink(transport: fixture.transport(peer: other)))
        }
        // Unregistered and unauthenticated peers are refused at the checkpoint already.
        for peer in [NodeID(rawValue: "ha-noi-09"), nil] {
            let transport = fixture.transport()
            transport.peer = peer
            #expect(throws: CentralLinkError.self) { try fixture.agent().syncOnce(ProtocolCentralLink(transport: transport)) }
            #expect(transport.requests.map(\.path) == ["/v1/checkpoint"])
        }
        #expect(try centralCounts(fixture) == (0, 0))
    }

    @Test func gapBrokenChainReplayAndEquivocationAtTheProtocolLevel() throws {
        let fixture = try ReplicationFixture("chain")
        try fixture.enrollSmall(4)
        _ = try fixture.agent(maxRecords: 2).syncOnce(ProtocolCentralLink(transport: fixture.transport()))
        #expect(try centralCounts(fixture) == (2, 4))
        let link = ProtocolCentralLink(transport: fixture.transport())
        var forge = try BatchForge(key: fixture.nodeKey)
        forge.nextBatch = 3
        forge.nextRecord = 5
        forge.previousHash = try fixture.node.outgoingBatch(2)!.batchHash

        // Upload helper: every chunk of `bytes` as batch `sequence`.
        func upload(_ bytes: [UInt8], as sequence: UInt64) throws -> UploadOutcome {
            var offset = 0
            while true {
                let end = min(bytes.count, offset + 1024)
                let outcome = try link.upload(batch: sequence, chunk: bytes[offset..<end], at: offset, totalLength: bytes.count)
                guard case .partial(let next) = outcome else { return outcome }
                offset = next
            }
        }

        // Gap: batch 4 before 3.
        var skipped = forge
        skipped.nextBatch = 4
        let gap = try upload(try skipped.next(1).encoded(), as: 4)
        guard case .refused(409, "gap", _, 3) = gap else { Issue.record("expected gap, got \(gap)"); return }

        // Broken chain: batch 3 chained to batch 1's hash.
        let unchained = try forge.sign([forge.record(5)], previousHash: try fixture.node.outgoingBatch(1)!.batchHash)
        guard case .refused(409, "broken_chain", _, _) = try upload(unchained.encoded(), as: 3) else {
            Issue.record("expected broken_chain"); return
        }

        // Replay: batch 1 sent again gets the very receipt the node holds; nothing is stored twice.
        let batch1 = try fixture.node.batch(1)!.encoded()
        #expect(try upload(batch1, as: 1) == .receipt(try fixture.node.receipt(forBatch: 1)!))
        #expect(try centralCounts(fixture) == (2, 4))

        // Equivocation: another batch 2, validly signed by the node's key.
        var twin = try BatchForge(key: fixture.nodeKey)
        twin.nextBatch = 2
        twin.nextRecord = 3
        twin.previousHash = try fixture.node.outgoingBatch(1)!.batchHash
        let other2 = try twin.next(2)
        guard case .refused(409, "equivocation", _, _) = try upload(other2.encoded(), as: 2) else {
            Issue.record("expected equivocation"); return
        }
        let recorded = try fixture.central.equivocations()
        #expect(recorded.count == 1)
        #expect(recorded.first?.batchSequence == 2)
        #expect(recorded.first?.conflictingHash == SHA256.hash(other2.headerBytes))
        #expect(try fixture.central.nodeSummaries().first?.equivocations == 1)
        #expect(try centralCounts(fixture) == (2, 4))

        // Malformed bytes, and a truncated upload that never completes.
        guard case .refused(400, "malformed", _, _) = try upload([UInt8](repeating: 0xFF, count: 700), as: 3) else {
            Issue.record("expected malformed"); return
        }
        forge.payloadBytes = 1500
        let next = try forge.next(2).encoded()
        let partial = try link.upload(batch: 3, chunk: next[0..<1024], at: 0, totalLength: next.count)
        #expect(partial == .partial(offset: 1024))
        #expect(try link.checkpoint().upload == .init(batchSequence: 3, offset: 1024, totalLength: next.count))
        #expect(try centralCounts(fixture) == (2, 4), "a truncated upload stores no batch")
        #expect(try link.upload(batch: 3, chunk: next[0..<1024], at: 0, totalLength: next.count) == .offsetMismatch(expected: 1024))
        var resumed = UploadOutcome.partial(offset: 1024)
        while case .partial(let at) = resumed {
            resumed = try link.upload(batch: 3, chunk: next[at..<min(next.count, at + 1024)], at: at, totalLength: next.count)
        }
        guard case .receipt = resumed else { Issue.record("the resumed upload was not accepted: \(resumed)"); return }
        #expect(try centralCounts(fixture) == (3, 6))
    }

    @Test func aNodeWhoseBatchIsRefusedSeesTheReasonAndCentralKeepsNothing() throws {
        // A record whose receipt number carries another node's code (a node bug): central refuses the batch.
        let other = try ReplicationFixture("other-code", code: "KH01")
        try other.enrollSmall(2)
        try other.central.register([NodeRegistration(nodeID: other.nodeID, code: "QN01", province: "Quang Ninh", kind: .office,
                                                     signingKey: other.nodeKey.publicKey)])
        expectRefusal("malformed", status: 400) {
            _ = try other.agent().syncOnce(ProtocolCentralLink(transport: other.transport()))
        }
        #expect(try centralCounts(other) == (0, 0))
        #expect(try other.central.checkpoint(other.nodeID).upload == nil, "the refused upload was discarded")
    }
}
