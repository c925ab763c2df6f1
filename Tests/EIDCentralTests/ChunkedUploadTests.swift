import Testing
import Foundation
@testable import EIDCentral
import EIDCore
import EIDCrypto
import EIDStorage
import EIDTestSupport

@Suite struct UploadPolicyTests {
    let policy = UploadPolicy(limits: CentralLimits(maxBatchBytes: 10_000, maxChunkBytes: 1_000))
    let chain = ChainState(lastBatchSequence: 4, lastBatchHash: [UInt8](repeating: 1, count: 32), lastRecordSequence: 40)

    func step(_ seq: UInt64 = 5, offset: Int = 0, total: Int = 5_000, length: Int = 1_000,
              partial: UploadPolicy.Partial? = nil) -> UploadPolicy.Step {
        policy.step(for: .init(batchSequence: seq, offset: offset, totalLength: total, length: length), chain: chain, partial: partial)
    }

    func code(_ step: UploadPolicy.Step) -> ProtocolErrorCode? {
        if case .refuse(let refusal) = step { return refusal.code }
        return nil
    }

    @Test func startsAndContinuesAtThePersistedOffset() {
        #expect(step() == .append(restart: true))
        #expect(step(offset: 2_000, partial: .init(totalLength: 5_000, persistedLength: 2_000)) == .append(restart: false))
        #expect(step(offset: 4_500, length: 500, partial: .init(totalLength: 5_000, persistedLength: 4_500)) == .append(restart: false))
        #expect(step(3, partial: nil) == .append(restart: true), "an accepted number may be re-sent (replay or equivocation is decided at the end)")
    }

    @Test func namesTheOffsetCentralHolds() {
        guard case .refuse(let ahead) = step(offset: 3_000, partial: .init(totalLength: 5_000, persistedLength: 2_000)) else {
            Issue.record("expected a refusal"); return
        }
        #expect(ahead.code == .offsetMismatch && ahead.expectedOffset == 2_000)
        guard case .refuse(let behind) = step(offset: 0, partial: .init(totalLength: 5_000, persistedLength: 2_000)) else {
            Issue.record("expected a refusal"); return
        }
        #expect(behind.expectedOffset == 2_000, "central never takes bytes it already holds")
        guard case .refuse(let fresh) = step(offset: 1_000) else { Issue.record("expected a refusal"); return }
        #expect(fresh.code == .offsetMismatch && fresh.expectedOffset == 0)
    }

    @Test func aDifferentTotalReplacesTheUploadFromZero() {
        #expect(step(offset: 0, total: 6_000, partial: .init(totalLength: 5_000, persistedLength: 2_000)) == .append(restart: true))
        guard case .refuse(let refusal) = step(offset: 2_000, total: 6_000, partial: .init(totalLength: 5_000, persistedLength: 2_000)) else {
            Issue.record("expected a refusal"); return
        }
        #expect(refusal.expectedOffset == 0)
    }

    @Test func boundsSizesAndShapes() {
        #expect(code(step(length: 1_001)) == .tooLarge)
        #expect(code(step(total: 10_001)) == .tooLarge)
        #expect(code(step(length: 0)) == .malformed)
        #expect(code(step(total: 0, length: 0)) == .malformed)
        #expect(code(step(offset: 4_500, total: 5_000, length: 1_000)) == .malformed)
        #expect(code(step(offset: -1)) == .malformed)
        #expect(code(step(0)) == .malformed)
    }

    @Test func refusesAGapAtTheFirstChunk() {
        guard case .refuse(let refusal) = step(7) else { Issue.record("expected a refusal"); return }
        #expect(refusal.code == .gap && refusal.expectedBatch == 5)
    }
}

/// Chunks against a real store: what is persisted, reported, decided and discarded.
@Suite final class ChunkedUploadTests {
    let dir: TemporaryDirectory
    let store: CentralStore
    let authority: AuthoritySigner
    var forge: BatchForge
    let policy = UploadPolicy(limits: CentralLimits(maxChunkBytes: 256))
    let acceptor = BatchAcceptor()

    init() throws {
        dir = try TemporaryDirectory("central-chunks")
        store = try CentralStore(folder: dir.path)
        authority = AuthoritySigner(key: try Ed25519PrivateKey.generate())
        forge = try BatchForge()
        try store.register([forge.registration])
    }
    deinit { dir.remove() }

    func send(_ bytes: [UInt8], _ range: Range<Int>, batch: UInt64 = 1, total: Int? = nil, from peer: NodeID? = nil) throws -> ChunkOutcome {
        try store.receiveChunk(Array(bytes[range]), batch: batch, offset: range.lowerBound, totalLength: total ?? bytes.count,
                               from: peer ?? forge.nodeID, policy: policy, acceptor: acceptor, signer: authority)
    }

    func count(_ table: String) throws -> Int {
        try Database(path: store.path).scalar("SELECT count(*) FROM \(table)", as: Int.self) ?? -1
    }

    /// Sends every chunk in order; returns the last outcome.
    func sendAll(_ bytes: [UInt8], batch: UInt64 = 1) throws -> ChunkOutcome? {
        var outcome: ChunkOutcome?
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + 256)
            outcome = try send(bytes, offset..<end, batch: batch)
            offset = end
        }
        return outcome
    }

    @Test func persistsEachChunkAndAcceptsOnTheLast() throws {
        let batch = try forge.next(3)
        let bytes = batch.encoded()
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + 256)
            let outcome = try send(bytes, offset..<end)
            if end < bytes.count {
                #expect(outcome == .persisted(.init(batchSequence: 1, offset: end, totalLength: bytes.count)))
                #expect(try store.checkpoint(forge.nodeID).upload == .init(batchSequence: 1, offset: end, totalLength: bytes.count))
            } else {
                guard case .decided(.accepted(let receipt)) = outcome else { Issue.record("not accepted: \(outcome)"); return }
                #expect(try store.receipt(forge.nodeID, batch: 1) == receipt)
            }
            offset = end
        }
        #expect(try store.records(forge.nodeID).map(\.bytes) == batch.recordBytes)
        #expect(try store.checkpoint(forge.nodeID).upload == nil)
        #expect(try count("upload") == 0 && count("upload_chunk") == 0)
    }

    @Test func aCutUploadKeepsItsBytesAndAMismatchChangesNothing() throws {
        let bytes = try forge.next(3).encoded()
        _ = try send(bytes, 0..<256)
        _ = try send(bytes, 256..<512)
        // The link was cut; the node comes back thinking it sent only the first chunk.
        #expect(try send(bytes, 256..<512) == .refused(BatchRefusal(.offsetMismatch,
            "central holds 512 byte(s) of batch 1; send from offset 512, not 256", expectedOffset: 512)))
        #expect(try store.checkpoint(forge.nodeID).upload?.offset == 512)
        #expect(try count("upload_chunk") == 2)
        let audit = try store.auditEntries().count
        #expect(try send(bytes, 0..<256).refusalCode == .offsetMismatch)
        #expect(try store.auditEntries().count == audit, "a resume hint is not a decision")
    }

    @Test func aHeaderThatCannotPassIsRefusedAtTheFirstChunk() throws {
        let records = [forge.record(1), forge.record(2), forge.record(3)]
        let foreign = try forge.sign(records, signingKey: try Ed25519PrivateKey.generate()).encoded()
        #expect(try send(foreign, 0..<256).refusalCode == .badSignature)
        #expect(try count("upload") == 0 && count("upload_chunk") == 0)
        let good = try forge.sign(records).encoded()
        #expect(try send(good, 0..<256, total: good.count + 1).refusalCode == .malformed, "declared length contradicts the header")
        #expect(try send(good, 0..<256, batch: 1, from: NodeID(rawValue: "khanh-hoa-01")).refusalCode == .unknownNode)
        #expect(try store.auditEntries().suffix(3).map(\.code) == ["bad_signature", "malformed", "unknown_node"])
    }

    @Test func aBatchBadInItsLastBytesIsRefusedAndItsUploadDiscarded() throws {
        var bytes = try forge.next(3).encoded()
        bytes[bytes.count - 2] ^= 0x40
        #expect(try sendAll(bytes)?.refusalCode == .malformed)
        #expect(try count("upload") == 0 && count("upload_chunk") == 0 && count("batch") == 0)
    }

    @Test func partialUploadsPerNodeAreBounded() throws {
        // Batches 1 (accepted) then partial uploads of 1 (replay), 2 and 1 again...
        let first = try forge.next(2).encoded()
        let second = try forge.next(2).encoded()
        guard case .decided(.accepted) = try sendAll(first) else { Issue.record("batch 1 not accepted"); return }
        _ = try send(first, 0..<200)    // a replay in progress
        _ = try send(second, 0..<200, batch: 2)
        #expect(try count("upload") == 2)
        let third = try forge.sign([forge.record(5)], sequence: 3).encoded()
        _ = try send(third, 0..<100, batch: 3)   // a gap: refused, evicts nothing
        #expect(try count("upload") == 2)
        let otherSecond = try forge.sign([forge.record(3)], sequence: 2).encoded()
        _ = try send(otherSecond, 0..<100, batch: 2)   // batch 2 with another length replaces its own upload
        #expect(try count("upload") == 2)
        let policyOfOne = UploadPolicy(limits: CentralLimits(maxChunkBytes: 256, maxPartialUploadsPerNode: 1))
        _ = try store.receiveChunk(Array(second[0..<200]), batch: 2, offset: 0, totalLength: second.count, from: forge.nodeID,
                                   policy: policyOfOne, acceptor: acceptor, signer: authority)
        #expect(try count("upload") == 1, "starting an upload evicts the least recently touched")
        #expect(try store.checkpoint(forge.nodeID).upload == .init(batchSequence: 2, offset: 200, totalLength: second.count))
    }
}

extension ChunkOutcome {
    var refusalCode: ProtocolErrorCode? {
        switch self {
        case .refused(let refusal), .decided(.refused(let refusal)): return refusal.code
        default: return nil
        }
    }
}
