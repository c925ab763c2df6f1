import EIDCrypto
import EIDNet
import EIDTestSupport
import Foundation
import Testing

@Suite struct MutualTLSTests {
    @Test func roundTripCarriesTheClientsNodeID() throws {
        let pki = try TestPKI()
        try pki.issueNode("quang-ninh-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let client = try makeClient(pki, node: "quang-ninh-01", port: server.port)
        let response = try client.post("/v1/echo?x=1", body: Array("abc".utf8))
        #expect(response.status == .ok)
        #expect(response.bodyText == "hello quang-ninh-01: POST /v1/echo?x=1 3 bytes")
        let calls = server.calls.all
        #expect(calls.count == 1)
        #expect(calls.first?.1.nodeID == "quang-ninh-01")
        #expect(client.serverIdentity?.nodeID == "central")
    }
}
