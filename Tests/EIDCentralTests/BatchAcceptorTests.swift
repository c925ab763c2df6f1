import Testing
import Foundation
@testable import EIDCentral
import EIDCore
import EIDCrypto
import EIDTestSupport

/// The acceptance rules alone: no store, every input given.
@Suite struct BatchAcceptorTests {
    let acceptor = BatchAcceptor()

    func verdict(_ batch: SignedBatch, forge: BatchForge, holdings: BatchAcceptor.Holdings = .init(chain: ChainState()),
                 peer: NodeID? = nil, registration: NodeRegistration?? = nil, sequence: UInt64? = nil,
                 bytes: [UInt8]? = nil) -> BatchAcceptor.Verdict {
        acceptor.evaluate(bytes ?? batch.encoded(), batchSequence: sequence ?? batch.header.batchSequence,
                          peer: peer ?? forge.nodeID, registration: registration ?? forge.registration) { _ in holdings }
    }

    func refusal(_ verdict: BatchAcceptor.Verdict) -> BatchRefusal? {
        switch verdict {
        case .refuse(let refusal): return refusal
        case .equivocation(_, _, _, let refusal): return refusal
        default: return nil
        }
    }

    @Test func acceptsTheFirstBatch() throws {
        var forge = try BatchForge()
        let batch = try forge.next(3)
        guard case .accept(let accepted, let hash) = verdict(batch, forge: forge) else {
            Issue.record("expected acceptance"); return
        }
        #expect(accepted == batch)
        #expect(hash == SHA256.hash(batch.headerBytes))
    }

    @Test func refusesSendersThatAreNotRegisteredNodes() throws {
        var forge = try BatchForge()
        let batch = try forge.next(1)
        let unauthenticated = acceptor.evaluate(batch.encoded(), batchSequence: 1, peer: nil, registration: nil) { _ in
            Issue.record("no lookup for an unauthenticated sender"); return .init(chain: ChainState())
        }
        #expect(refusal(unauthenticated)?.code == .unauthenticated)
        #expect(refusal(verdict(batch, forge: forge, registration: .some(nil)))?.code == .unknownNode)
        var revoked = forge.registration
        revoked.isRevoked = true
        #expect(refusal(verdict(batch, forge: forge, registration: revoked))?.code == .revokedNode)
    }

    @Test func refusesABatchOfAnotherNode() throws {
        var other = try BatchForge("khanh-hoa-01", code: "KH01")
        let batch = try other.next(2)
        // Sent over quang-ninh-01's connection, with quang-ninh-01 registered.
        let forge = try BatchForge()
        let result = refusal(verdict(batch, forge: forge))
        #expect(result?.code == .wrongNode)
        #expect(result?.message.contains("khanh-hoa-01") == true)
    }

    @Test func refusesABadSignatureAndAnotherNodesKey() throws {
        var forge = try BatchForge()
        let records = [forge.record(1)]
        let otherKey = try Ed25519PrivateKey.generate()
        let foreign = try forge.sign(records, signingKey: otherKey)
        #expect(refusal(verdict(foreign, forge: forge))?.code == .badSignature)
        let good = try forge.next(1)
        var signature = good.signature
        signature[0] ^= 0x01
        let corrupted = SignedBatch(header: good.header, signature: signature, records: good.records)
        #expect(refusal(verdict(corrupted, forge: forge))?.code == .badSignature)
    }

    @Test func refusesMalformedBytes() throws {
        var forge = try BatchForge()
        let batch = try forge.next(3)
        let bytes = batch.encoded()
        for cut in [0, 3, 10, bytes.count / 2, bytes.count - 1] {
            #expect(refusal(verdict(batch, forge: forge, bytes: Array(bytes.prefix(cut))))?.code == .malformed, "cut at \(cut)")
        }
        var altered = bytes
        altered[altered.count - 5] ^= 0xFF   // inside the last record's sealed payload: Merkle root no longer matches
        let merkle = refusal(verdict(batch, forge: forge, bytes: altered))
        #expect(merkle?.code == .malformed)
        #expect(merkle?.message.contains("merkle root") == true)
        #expect(refusal(verdict(batch, forge: forge, bytes: bytes + [0]))?.code == .malformed)
        #expect(refusal(verdict(batch, forge: forge, sequence: 2))?.code == .malformed, "URL and header disagree")
    }

    @Test func refusesBatchesOverTheSizeBound() throws {
        var forge = try BatchForge()
        let batch = try forge.next(3)
        let small = BatchAcceptor(limits: CentralLimits(maxBatchBytes: batch.encoded().count - 1))
        let result = small.evaluate(batch.encoded(), batchSequence: 1, peer: forge.nodeID, registration: forge.registration) { _ in
            .init(chain: ChainState())
        }
        #expect(refusal(result)?.code == .tooLarge)
    }

    @Test func refusesRecordsWithForeignOrRepeatedReceiptNumbers() throws {
        let forge = try BatchForge()
        let foreignCode = try forge.sign([forge.record(1, receiptNumber: ReceiptNumber(nodeCode: "KH01", date: "20260701", sequence: 1)!.description)])
        #expect(refusal(verdict(foreignCode, forge: forge))?.code == .malformed)
        let number = ReceiptNumber(nodeCode: "QN01", date: "20260701", sequence: 9)!.description
        let repeated = try forge.sign([forge.record(1, receiptNumber: number), forge.record(2, receiptNumber: number)])
        let result = refusal(verdict(repeated, forge: forge))
        #expect(result?.code == .malformed)
        #expect(result?.message.contains("twice") == true)
        let lowerCase = try forge.sign([forge.record(1, receiptNumber: number.lowercased())])
        #expect(refusal(verdict(lowerCase, forge: forge))?.code == .malformed)
    }

    @Test func answersAReplayWithTheStoredReceipt() throws {
        var forge = try BatchForge()
        let batch = try forge.next(2)
        let stored = [UInt8](repeating: 0xAB, count: 10)
        let holdings = BatchAcceptor.Holdings(chain: ChainState(lastBatchSequence: 1, lastBatchHash: forge.previousHash, lastRecordSequence: 2),
                                              accepted: .init(batchHash: SHA256.hash(batch.headerBytes), receipt: stored))
        #expect(verdict(batch, forge: forge, holdings: holdings) == .replay(receipt: stored))
    }

    @Test func detectsEquivocation() throws {
        var forge = try BatchForge()
        let first = try forge.next(2)
        let conflicting = try forge.sign([forge.record(1), forge.record(2)], sequence: 1, previousHash: BatchHeader.genesisHash)
        let acceptedHash = SHA256.hash(first.headerBytes)
        let holdings = BatchAcceptor.Holdings(chain: ChainState(lastBatchSequence: 1, lastBatchHash: acceptedHash, lastRecordSequence: 2),
                                              accepted: .init(batchHash: acceptedHash, receipt: [1]))
        guard case .equivocation(let batch, let hash, let held, let refusal) = verdict(conflicting, forge: forge, holdings: holdings) else {
            Issue.record("expected equivocation"); return
        }
        #expect(batch == conflicting)
        #expect(hash == SHA256.hash(conflicting.headerBytes))
        #expect(held == acceptedHash)
        #expect(refusal.code == .equivocation)
    }

    @Test func refusesAGapWithTheExpectedNumber() throws {
        var forge = try BatchForge()
        _ = try forge.next(1)
        _ = try forge.next(1)
        let third = try forge.next(1)
        let holdings = BatchAcceptor.Holdings(chain: ChainState(lastBatchSequence: 1, lastBatchHash: [UInt8](repeating: 1, count: 32), lastRecordSequence: 1))
        let result = refusal(verdict(third, forge: forge, holdings: holdings))
        #expect(result?.code == .gap)
        #expect(result?.expectedBatch == 2)
    }

    @Test func refusesABrokenChainAndARecordGap() throws {
        var forge = try BatchForge()
        let first = try forge.next(2)
        let held = ChainState(lastBatchSequence: 1, lastBatchHash: SHA256.hash(first.headerBytes), lastRecordSequence: 2)
        let unchained = try forge.sign([forge.record(3)], sequence: 2, previousHash: [UInt8](repeating: 7, count: 32))
        #expect(refusal(verdict(unchained, forge: forge, holdings: .init(chain: held)))?.code == .brokenChain)
        let skipping = try forge.sign([forge.record(5)], sequence: 2)
        let result = refusal(verdict(skipping, forge: forge, holdings: .init(chain: held)))
        #expect(result?.code == .recordGap)
        #expect(result?.message.contains("expects 3") == true)
        let next = try forge.sign([forge.record(3)], sequence: 2)
        guard case .accept = verdict(next, forge: forge, holdings: .init(chain: held)) else {
            Issue.record("the properly chained batch should be accepted"); return
        }
        let duplicate = refusal(verdict(next, forge: forge, holdings: .init(chain: held, heldReceiptNumbers: [next.records[0].receiptNumber])))
        #expect(duplicate?.code == .duplicateReceipt)
    }

    @Test func headerDecodingBoundsSequencesSoNothingOverflows() throws {
        let forge = try BatchForge()
        var header = try forge.sign([forge.record(1)]).header
        header.firstRecordSequence = UInt64.max
        #expect(throws: WireFormatError.self) { try BatchHeader(decoding: header.encoded()) }
        header.firstRecordSequence = 1
        header.batchSequence = UInt64(Int64.max)
        #expect(throws: WireFormatError.self) { try BatchHeader(decoding: header.encoded()) }
    }
}
