import Testing
import Foundation
@testable import EIDCentral
import EIDCore
import EIDCrypto
import EIDNode
import EIDStorage
import EIDTestSupport

/// A real node store and sync agent against a real central service and store, with
/// only the transport replaced by a direct call.
@Suite struct ReplicationTests {
    @Test func syntheticEnrollmentsReplicateRecordForRecord() throws {
        let fixture = try ReplicationFixture("replicate")
        try fixture.enroll(25)
        let agent = try fixture.agent(maxRecords: 10, chunkSize: 16 * 1024)
        let link = ProtocolCentralLink(transport: fixture.transport())
        let report = try agent.syncOnce(link)
        #expect(report.batchesSealed == 3)
        #expect(report.batchesAcknowledged == 3)
        #expect(report.backlog == 0)
        #expect(try fixture.nodeRecords().count == 25)
        #expect(try fixture.centralRecords() == fixture.nodeRecords())
        // The receipts the node keeps are central's, byte for byte.
        for sequence in try fixture.node.batchSequences() {
            #expect(try fixture.node.receipt(forBatch: sequence) == fixture.central.receipt(fixture.nodeID, batch: sequence))
        }
        #expect(try fixture.node.status().acknowledged == 25)

        // A second round has nothing to send and stores nothing twice.
        let again = try agent.syncOnce(link)
        #expect(again.batchesSealed == 0 && again.bytesSent == 0 && again.batchesAcknowledged == 0)
        #expect(try fixture.central.records(fixture.nodeID).count == 25)

        // New enrollments continue the chain.
        try fixture.enroll(4, start: 25)
        let more = try agent.syncOnce(link)
        #expect(more.batchesAcknowledged == 1)
        #expect(try fixture.centralRecords() == fixture.nodeRecords())
        #expect(try fixture.central.checkpoint(fixture.nodeID).lastBatchSequence == 4)
        #expect(try fixture.central.verifyAuditLog() > 0)
    }

    @Test func aLostReceiptIsCollectedNotReUploaded() throws {
        let fixture = try ReplicationFixture("lost-receipt")
        try fixture.enrollSmall(12)
        let agent = try fixture.agent(maxRecords: 5)
        let transport = fixture.transport()
        // Every answer to an upload is lost: central accepts batch 1, the node never hears.
        transport.fault = { request, _ in request.method == "PUT" ? .dropResponse : nil }
        #expect(throws: InProcessTransport.Cut.self) { try agent.syncOnce(ProtocolCentralLink(transport: transport)) }
        #expect(try fixture.central.checkpoint(fixture.nodeID).lastBatchSequence == 1)
        #expect(try fixture.node.status().acknowledgedBatches == 0)

        let clean = fixture.transport()
        let report = try agent.syncOnce(ProtocolCentralLink(transport: clean))
        #expect(report.receiptsCollected == 1)
        #expect(report.batchesAcknowledged == 3)
        let batch1 = try #require(try fixture.node.batch(1))
        #expect(!clean.requests.contains { $0.method == "PUT" && $0.path == "/v1/batches/1" }, "batch 1 was not sent again")
        #expect(clean.uploadedBytesDelivered == (try fixture.node.batch(2)!.encoded().count + fixture.node.batch(3)!.encoded().count))
        #expect(batch1.header.recordCount == 5)
        #expect(try fixture.centralRecords() == fixture.nodeRecords())
    }

    /// The link is cut during every chunk of a batch, once before the chunk reaches
    /// central and once after central persisted it but before the node heard. A cut at
    /// any byte inside a chunk is one of these two events for central: an HTTP request
    /// body (fixed Content-Length) arrives whole or not at all. Each time, the next round
    /// resumes from central's persisted offset: no persisted byte crosses the link again.
    @Test func anUploadCutAnywhereResumesWithoutResendingPersistedBytes() throws {
        let template = try ReplicationFixture("cut-template")
        try template.enrollSmall(6)
        try template.node.cutBatches(limits: BatchLimits(maxRecords: 6), signer: BatchSigner(key: template.nodeKey), at: template.clock.now())
        let total = try #require(try template.node.batch(1)).encoded().count
        let chunk = 128
        let chunks = (total + chunk - 1) / chunk
        #expect(chunks >= 8, "the batch spans several chunks (\(total) bytes)")
        try Database(path: template.node.path).checkpoint()

        for cut in 0..<chunks {
            for mode in [InProcessTransport.Fault.dropRequest, .dropResponse] {
                let fixture = try ReplicationFixture("cut-\(cut)")
                // The same node (same keys and log) as the template, a fresh central.
                let nodeFile = fixture.node.path
                try FileManager.default.removeItem(atPath: nodeFile)
                for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: nodeFile + suffix) }
                try FileManager.default.copyItem(atPath: template.node.path, toPath: nodeFile)
                let node = try NodeStore(folder: fixture.node.folder)
                try fixture.central.register([NodeRegistration(nodeID: fixture.nodeID, code: "QN01", province: "Quang Ninh",
                                                               kind: .office, signingKey: template.nodeKey.publicKey)])
                let agent = SyncAgent(store: node, signer: BatchSigner(key: template.nodeKey),
                                      verifier: try ReceiptVerifier(authoritySigningPublicKeyPEM: fixture.authoritySigning.publicKey.pemRepresentation),
                                      feedVerifier: try FeedPageVerifier(authoritySigningPublicKeyPEM: fixture.authoritySigning.publicKey.pemRepresentation),
                                      clock: fixture.clock)
                var chunked = agent
                chunked.chunkSize = chunk

                let cutting = fixture.transport()
                cutting.fault = { request, _ in
                    guard request.method == "PUT", let offset = Int(request.query["offset"] ?? "") else { return nil }
                    return offset / chunk == cut ? mode : nil
                }
                #expect(throws: InProcessTransport.Cut.self) { try chunked.syncOnce(ProtocolCentralLink(transport: cutting)) }
                let persisted: Int
                let checkpoint = try fixture.central.checkpoint(fixture.nodeID)
                if checkpoint.lastBatchSequence == 1 {
                    #expect(cut == chunks - 1 && mode == .dropResponse)
                    persisted = total
                } else {
                    persisted = checkpoint.upload?.offset ?? 0
                    #expect(persisted == min(total, (cut + (mode == .dropResponse ? 1 : 0)) * chunk), "cut \(cut) \(mode)")
                }

                let resuming = fixture.transport()
                let report = try chunked.syncOnce(ProtocolCentralLink(transport: resuming))
                #expect(report.batchesAcknowledged == 1)
                #expect(resuming.uploadedBytesDelivered == total - persisted, "cut \(cut) \(mode): re-sent persisted bytes")
                #expect(try fixture.central.records(fixture.nodeID).count == 6)
                #expect(try fixture.central.checkpoint(fixture.nodeID).upload == nil)
                #expect(try node.status().acknowledgedBatches == 1)
            }
        }
    }

    /// A link that loses every request carrying more than 3 KiB: the agent halves its
    /// chunks after each loss, grows them again after each success, and gets through.
    @Test func chunkSizeAdaptsToALinkThatLosesLargeRequests() throws {
        let fixture = try ReplicationFixture("adaptive-chunks")
        try fixture.enrollSmall(40)
        var agent = try fixture.agent(maxRecords: 40)
        agent.chunkSizer = UploadChunkSizer(minimum: 1024, maximum: 64 * 1024)
        let total = try fixture.agent().store.cutBatches(limits: BatchLimits(maxRecords: 40), signer: agent.signer, at: fixture.clock.now())
        #expect(total == [1])
        #expect(try fixture.node.batch(1)!.encoded().count > 8 * 1024, "the batch needs several small chunks")
        let transport = fixture.transport()
        transport.fault = { request, _ in request.method == "PUT" && request.body.count > 3 * 1024 ? .dropRequest : nil }
        var rounds = 0
        var drained = false
        while rounds < 30 && !drained {
            rounds += 1
            drained = (try? agent.syncOnce(ProtocolCentralLink(transport: transport)))?.backlog == 0
        }
        #expect(drained, "the backlog did not drain in \(rounds) rounds")
        #expect(agent.chunkSizer.size <= 4 * 1024)
        let delivered = transport.requests.filter { $0.method == "PUT" && $0.body.count <= 3 * 1024 }.count
        let lost = transport.requests.filter { $0.method == "PUT" && $0.body.count > 3 * 1024 }.count
        #expect(lost >= 5, "64 → 32 → 16 → 8 → 4 → 2 KiB: five lost requests before the first success")
        #expect(lost <= 8, "once adapted, it stays below the link's limit but one probe at a time (\(delivered) delivered, \(lost) lost)")
        #expect(try fixture.centralRecords() == fixture.nodeRecords())
        let sizer = UploadChunkSizer(minimum: 4096, maximum: 65536)
        sizer.chunkFailed(); sizer.chunkFailed(); sizer.chunkFailed(); sizer.chunkFailed(); sizer.chunkFailed()
        #expect(sizer.size == 4096)
        sizer.chunkSucceeded()
        #expect(sizer.size == 8192)
        for _ in 0..<20 { sizer.chunkSucceeded() }
        #expect(sizer.size == 65536)
    }
}
