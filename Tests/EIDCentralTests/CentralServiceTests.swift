import Testing
import Foundation
@testable import EIDCentral
import EIDCore
import EIDCrypto
import EIDNode
import EIDStorage
import EIDTestSupport

/// The endpoints as a client sees them: statuses, headers, bodies.
@Suite struct CentralServiceTests {
    let fixture: ReplicationFixture
    init() throws { fixture = try ReplicationFixture("service") }

    func call(_ method: String, _ target: String, body: [UInt8] = [], from peer: NodeID?? = nil) -> ProtocolResponse {
        fixture.service.handle(ProtocolRequest(method: method, target: target, body: body)!, from: peer ?? fixture.nodeID)
    }

    func error(_ response: ProtocolResponse) -> ProtocolErrorBody? { response.decodeJSON(ProtocolErrorBody.self) }

    @Test func checkpointIsJSONWithTheDocumentedKeys() throws {
        let response = call("GET", "/v1/checkpoint")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(String(decoding: response.body, as: UTF8.self)
                == #"{"last_batch_hash":"0000000000000000000000000000000000000000000000000000000000000000","last_batch_sequence":0,"last_record_sequence":0}"#)
        #expect(try fixture.central.nodeSummaries().first?.lastContactAtMilliseconds != nil)
    }

    @Test func identityIsRequiredEverywhere() {
        for target in ["/v1/checkpoint", "/v1/events", "/v1/batches/1/receipt"] {
            let anonymous = call("GET", target, from: .some(nil))
            #expect(anonymous.status == 401 && error(anonymous)?.code == "unauthenticated", "\(target)")
            let stranger = call("GET", target, from: NodeID(rawValue: "ha-noi-09"))
            #expect(stranger.status == 403 && error(stranger)?.code == "unknown_node", "\(target)")
        }
        let upload = call("PUT", "/v1/batches/1?offset=0&total=10", body: [1], from: .some(nil))
        #expect(upload.status == 401)
    }

    @Test func unknownPathsMethodsAndBadParameters() {
        #expect(call("GET", "/v2/checkpoint").status == 404)
        #expect(call("GET", "/v1/nothing").status == 404)
        let wrongMethod = call("POST", "/v1/checkpoint")
        #expect(wrongMethod.status == 405 && wrongMethod.headers["allow"] == "GET")
        #expect(error(wrongMethod)?.code == "method_not_allowed")
        for target in ["/v1/batches/0?offset=0&total=5", "/v1/batches/01?offset=0&total=5", "/v1/batches/x?offset=0&total=5",
                       "/v1/batches/1?total=5", "/v1/batches/1?offset=-1&total=5", "/v1/batches/1?offset=0&total=5e3",
                       "/v1/batches/99999999999999999999?offset=0&total=5"] {
            let response = call("PUT", target, body: [1])
            #expect(response.status == 400 && error(response)?.code == "malformed", "\(target)")
        }
        #expect(call("GET", "/v1/events?after=abc").status == 400)
        #expect(call("GET", "/v1/events?limit=0").status == 400)
        #expect(call("GET", "/v1/events?after=5").status == 400, "a cursor beyond the feed")
    }

    @Test func uploadAnswersAndReceiptEndpoint() throws {
        try fixture.enrollSmall(3)
        try fixture.node.cutBatches(signer: BatchSigner(key: fixture.nodeKey), at: fixture.clock.now())
        let bytes = try fixture.node.batch(1)!.encoded()
        let first = call("PUT", "/v1/batches/1?offset=0&total=\(bytes.count)", body: Array(bytes[0..<700]))
        #expect(first.status == 202 && first.headers["upload-offset"] == "700")
        #expect(first.decodeJSON(CentralCheckpoint.PartialUpload.self) == .init(batchSequence: 1, offset: 700, totalLength: bytes.count))
        let mismatch = call("PUT", "/v1/batches/1?offset=0&total=\(bytes.count)", body: Array(bytes[0..<700]))
        #expect(mismatch.status == 409 && error(mismatch)?.code == "offset_mismatch" && error(mismatch)?.expectedOffset == 700)
        #expect(mismatch.headers["upload-offset"] == "700")
        #expect(call("GET", "/v1/batches/1/receipt").status == 404)
        let last = call("PUT", "/v1/batches/1?offset=700&total=\(bytes.count)", body: Array(bytes[700...]))
        #expect(last.status == 200 && last.headers["content-type"] == "application/octet-stream")
        #expect(last.headers["eid-batch-outcome"] == "accepted")
        let stored = call("GET", "/v1/batches/1/receipt")
        #expect(stored.status == 200 && stored.body == last.body)
        let replay = call("PUT", "/v1/batches/1?offset=0&total=\(bytes.count)", body: Array(bytes[0..<700]))
        #expect(replay.status == 202, "re-sending an accepted batch is an upload like any other...")
        let replayed = call("PUT", "/v1/batches/1?offset=700&total=\(bytes.count)", body: Array(bytes[700...]))
        #expect(replayed.body == last.body && replayed.headers["eid-batch-outcome"] == "replayed", "...answered with the same receipt")
        let gap = call("PUT", "/v1/batches/3?offset=0&total=\(bytes.count)", body: [1])
        #expect(gap.status == 409 && error(gap)?.code == "gap" && error(gap)?.expectedBatch == 2)
        let huge = call("PUT", "/v1/batches/2?offset=0&total=\(CentralLimits.protocolMaxBatchBytes + 1)", body: [1])
        #expect(huge.status == 413 && error(huge)?.code == "too_large")
        let chunkLimit = CentralLimits().maxChunkBytes
        let bigChunk = call("PUT", "/v1/batches/2?offset=0&total=\(chunkLimit * 2)", body: [UInt8](repeating: 0, count: chunkLimit + 1))
        #expect(bigChunk.status == 413 && error(bigChunk)?.code == "too_large")
    }

    @Test func eventsPagesAreSignedByCentralAndCapped() throws {
        try fixture.enrollSmall(3)
        _ = try fixture.agent().syncOnce(ProtocolCentralLink(transport: fixture.transport()), pullEvents: false)
        for record in try fixture.central.records(fixture.nodeID) {
            try fixture.central.appendEvent(.issued, receiptNumber: record.receiptNumber)
        }
        let response = call("GET", "/v1/events?after=1&limit=1")
        #expect(response.status == 200 && response.headers["content-type"] == "application/octet-stream")
        let page = try FeedPage(decoding: response.body)
        #expect(page.after == 1 && page.events.map(\.sequence) == [2] && page.latestSequence == 3 && page.hasMore)
        #expect(fixture.authoritySigning.publicKey.isValidSignature(page.signature, for: page.signedBytes()))
        let capped = try FeedPage(decoding: call("GET", "/v1/events?limit=100000").body)
        #expect(capped.events.count == 3)
    }

    @Test func anInternalFailureIsA500WithRetryAfterAndALogLine() throws {
        final class Lines: @unchecked Sendable { var items: [String] = [] }
        let lines = Lines()
        var service = fixture.service
        service.log = { lines.items.append($0) }
        // Break the store underneath the service: the table the checkpoint reads is gone.
        let db = try EIDStorage.Database(path: fixture.central.path)
        try db.execute("DROP TABLE upload_chunk; DROP TABLE upload")
        let response = service.handle(ProtocolRequest(method: "GET", path: "/v1/checkpoint"), from: fixture.nodeID)
        #expect(response.status == 500 && response.headers["retry-after"] == "5")
        #expect(error(response)?.code == "internal")
        #expect(lines.items.count == 1)
    }
}
