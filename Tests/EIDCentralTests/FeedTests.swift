import Testing
import Foundation
@testable import EIDCentral
import EIDCore
import EIDCrypto
import EIDNode
import EIDTestSupport

/// The down-sync feed: central signs pages, the node verifies and applies them from its cursor.
@Suite struct FeedTests {
    /// A transport that hands the node a different events page than central signed.
    final class RewritingTransport: CentralTransport {
        let inner: InProcessTransport
        let rewrite: ([UInt8]) throws -> [UInt8]
        init(_ inner: InProcessTransport, rewrite: @escaping ([UInt8]) throws -> [UInt8]) {
            self.inner = inner
            self.rewrite = rewrite
        }
        func send(_ request: ProtocolRequest) throws -> ProtocolResponse {
            var response = try inner.send(request)
            if request.path == "/v1/events", response.status == 200 { response.body = try rewrite(response.body) }
            return response
        }
    }

    func replicated(_ label: String, records: Int = 6) throws -> ReplicationFixture {
        let fixture = try ReplicationFixture(label)
        try fixture.enrollSmall(records)
        _ = try fixture.agent().syncOnce(ProtocolCentralLink(transport: fixture.transport()))
        return fixture
    }

    func receipts(_ fixture: ReplicationFixture) throws -> [String] {
        try fixture.central.records(fixture.nodeID).map(\.receiptNumber)
    }

    @Test func decisionsArriveInPagesAndApplyOnce() throws {
        let fixture = try replicated("feed")
        let numbers = try receipts(fixture)
        try fixture.central.appendEvent(.issued, receiptNumber: numbers[0])
        try fixture.central.appendEvent(.rejected, receiptNumber: numbers[1], reason: "no match in the immigration database")
        try fixture.central.appendEvent(.manualReview, receiptNumber: numbers[2])
        try fixture.central.appendEvent(.locked, receiptNumber: numbers[0], reason: "holder's request")
        try fixture.central.appendEvent(.issued, receiptNumber: numbers[2])

        var agent = try fixture.agent()
        agent.feedPageSize = 2
        let transport = fixture.transport()
        let report = try agent.syncOnce(ProtocolCentralLink(transport: transport))
        #expect(report.eventsApplied == 5)
        #expect(transport.requests.filter { $0.path == "/v1/events" }.map { $0.query["after"] } == ["0", "2", "4"])

        let first = try #require(try fixture.node.enrollment(receiptNumber: numbers[0]))
        #expect(first.status == "issued" && first.decision == "issued")
        #expect(try fixture.node.accountLock(receiptNumber: numbers[0])?.locked == true)
        #expect(try fixture.node.accountLock(receiptNumber: numbers[0])?.reason == "holder's request")
        let second = try #require(try fixture.node.enrollment(receiptNumber: numbers[1]))
        #expect(second.status == "rejected" && second.decisionReason == "no match in the immigration database")
        let third = try #require(try fixture.node.enrollment(receiptNumber: numbers[2]))
        #expect(third.status == "issued", "the later decision wins")
        let status = try fixture.node.feedStatus()
        #expect(status.decisions == ["issued": 2, "rejected": 1])
        #expect(status.lockedAccounts == 1 && status.cursor == 5)
        #expect(try fixture.node.status().decisionsReceived == 3)

        // Nothing new: one request, nothing applied.
        try fixture.central.appendEvent(.unlocked, receiptNumber: numbers[0])
        #expect(try agent.syncOnce(ProtocolCentralLink(transport: fixture.transport())).eventsApplied == 1)
        #expect(try fixture.node.accountLock(receiptNumber: numbers[0])?.locked == false)
        #expect(try agent.syncOnce(ProtocolCentralLink(transport: fixture.transport())).eventsApplied == 0)
        #expect(try fixture.node.feedEvents().map(\.sequence) == [1, 2, 3, 4, 5, 6])
    }

    @Test func aPageAppliedTwiceChangesNothing() throws {
        let fixture = try replicated("feed-twice")
        let numbers = try receipts(fixture)
        try fixture.central.appendEvent(.issued, receiptNumber: numbers[0])
        let bytes = try ProtocolCentralLink(transport: fixture.transport()).events(after: 0, limit: 10)
        let verifier = try fixture.agent().feedVerifier
        let page = try verifier.verify(bytes, for: fixture.nodeID, after: 0, limit: 10)
        #expect(try fixture.node.apply(page, at: fixture.clock.now()) == 1)
        #expect(try fixture.node.apply(page, at: fixture.clock.now()) == 0)
        #expect(try fixture.node.feedEvents().count == 1)
    }

    @Test func forgedOrAlteredPagesAreRefusedAndApplyNothing() throws {
        let fixture = try replicated("feed-forged")
        let numbers = try receipts(fixture)
        try fixture.central.appendEvent(.issued, receiptNumber: numbers[0])
        let impostor = AuthoritySigner(key: try Ed25519PrivateKey.generate())
        let rewrites: [(String, ([UInt8]) throws -> [UInt8])] = [
            ("signed by another key", { bytes in
                var page = try FeedPage(decoding: bytes)
                page.events[0].kind = .rejected
                return try impostor.sign(page).encoded()
            }),
            ("one byte changed", { bytes in
                var changed = bytes
                changed[changed.count - 70] ^= 0x01
                return changed
            }),
            ("signature cut", { Array($0.dropLast(1)) }),
        ]
        for (what, rewrite) in rewrites {
            let transport = RewritingTransport(fixture.transport(), rewrite: rewrite)
            #expect(throws: NodeError.self, "\(what)") {
                try fixture.agent().syncOnce(ProtocolCentralLink(transport: transport))
            }
            #expect(try fixture.node.feedCursor() == 0, "\(what)")
            #expect(try fixture.node.enrollment(receiptNumber: numbers[0])?.decision == nil, "\(what)")
        }
        // The genuine page still applies afterwards.
        #expect(try fixture.agent().syncOnce(ProtocolCentralLink(transport: fixture.transport())).eventsApplied == 1)
    }

    @Test func aPageForAnotherNodeOrAnotherCursorIsRefused() throws {
        let fixture = try replicated("feed-misaddressed")
        let numbers = try receipts(fixture)
        try fixture.central.appendEvent(.issued, receiptNumber: numbers[0])
        try fixture.central.appendEvent(.issued, receiptNumber: numbers[1])
        let signer = AuthoritySigner(key: fixture.authoritySigning)
        let verifier = try fixture.agent().feedVerifier
        let genuine = try FeedPage(decoding: try ProtocolCentralLink(transport: fixture.transport()).events(after: 0, limit: 10))
        var misaddressed = genuine
        misaddressed.nodeID = NodeID(rawValue: "khanh-hoa-01")!
        #expect(throws: NodeError.self) {
            try verifier.verify(try signer.sign(misaddressed).encoded(), for: fixture.nodeID, after: 0, limit: 10)
        }
        // A page that starts later than asked (it would skip events) is refused.
        let later = FeedPage(nodeID: fixture.nodeID, after: 1, latestSequence: 2, issuedAtMilliseconds: 0,
                             events: [genuine.events[1]])
        #expect(throws: NodeError.self) { try verifier.verify(try signer.sign(later).encoded(), for: fixture.nodeID, after: 0, limit: 10) }
        // More than asked for.
        #expect(throws: NodeError.self) { try verifier.verify(try signer.sign(genuine).encoded(), for: fixture.nodeID, after: 0, limit: 1) }
        // An empty page that claims more exists.
        let empty = FeedPage(nodeID: fixture.nodeID, after: 0, latestSequence: 2, issuedAtMilliseconds: 0, events: [])
        #expect(throws: NodeError.self) { try verifier.verify(try signer.sign(empty).encoded(), for: fixture.nodeID, after: 0, limit: 10) }
        #expect(try verifier.verify(try signer.sign(genuine).encoded(), for: fixture.nodeID, after: 0, limit: 10).events.count == 2)
    }

    @Test func pageBytesFollowTheDocumentedLayout() throws {
        let page = FeedPage(nodeID: NodeID(rawValue: "qn")!, after: 1, latestSequence: 2, issuedAtMilliseconds: 3,
                            events: [FeedEvent(sequence: 2, kind: .locked, receiptNumber: ReceiptNumber(nodeCode: "QN01", date: "20260701", sequence: 1)!.description,
                                               occurredAtMilliseconds: 4, reason: "r")],
                            signature: [UInt8](repeating: 9, count: 64))
        let bytes = page.encoded()
        let receipt = Array(page.events[0].receiptNumber.utf8)
        var expected: [UInt8] = Array("EIDF".utf8) + [1, 0, 2] + Array("qn".utf8)
        expected += [0, 0, 0, 0, 0, 0, 0, 1] + [0, 0, 0, 0, 0, 0, 0, 2] + [0, 0, 0, 0, 0, 0, 0, 3] + [0, 1]
        expected += [0, 0, 0, 0, 0, 0, 0, 2] + [4] + [0, UInt8(receipt.count)] + receipt + [0, 0, 0, 0, 0, 0, 0, 4] + [0, 1] + Array("r".utf8)
        expected += [UInt8](repeating: 9, count: 64)
        #expect(bytes == expected)
        #expect(try FeedPage(decoding: bytes) == page)
        #expect(try FeedPage(decoding: bytes).nextCursor == 2)
    }
}
