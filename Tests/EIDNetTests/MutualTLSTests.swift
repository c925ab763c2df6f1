import EIDCrypto
import EIDNet
import EIDTestSupport
import Foundation
import Testing

@Suite struct MutualTLSTests {
    @Test func roundTripCarriesTheClientsNodeID() throws {
        let pki = try TestPKI()
        let certificate = try pki.issueNode("quang-ninh-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let client = try makeClient(pki, node: "quang-ninh-01", port: server.port)
        let response = try client.post("/v1/echo?x=1", body: Array("abc".utf8))
        #expect(response.status == .ok)
        #expect(response.bodyText == "hello quang-ninh-01: POST /v1/echo?x=1 3 bytes")
        let calls = server.calls.all
        #expect(calls.count == 1)
        let peer = try #require(calls.first?.1)
        #expect(peer.nodeID == "quang-ninh-01")
        #expect(peer.serialNumber == certificate.serialNumber)
        #expect(peer.fingerprintSHA256 == Hex.encode(certificate.fingerprintSHA256))
        #expect(client.serverIdentity?.nodeID == "central")
    }

    @Test func clientVerifiesTheServerByDNSNameToo() throws {
        let pki = try TestPKI()
        try pki.issueNode("hue-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let client = try makeClient(pki, node: "hue-01", port: server.port, host: "localhost")
        #expect(try client.get("/").status == .ok)
    }

    @Test func clientRefusesAServerWithTheWrongName() throws {
        let pki = try TestPKI()
        try pki.issueNode("hue-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let client = try HTTPClient(configuration: HTTPClientConfiguration(host: "127.0.0.1", port: server.port,
                                                                           serverName: "not-central"),
                                    tls: try pki.clientContext("hue-01"))
        let error = try #require(throws: HTTPClientError.self) { try client.get("/") }
        let tls = try #require(error.underlying as? TLSError, "\(error)")
        guard case .certificateRejected(let code, _) = tls.reason else { Issue.record("\(tls)"); return }
        #expect(code == 62, "X509_V_ERR_HOSTNAME_MISMATCH")
        #expect(server.calls.count == 0)
    }

    @Test func clientRefusesAServerFromAnotherCA() throws {
        let pki = try TestPKI()
        let impostor = try TestPKI(label: "impostor", caName: "Impostor CA")
        try pki.issueNode("hue-01")
        let server = try TestServer(pki: impostor)
        defer { server.stop() }
        let error = try #require(throws: HTTPClientError.self) { try makeClient(pki, node: "hue-01", port: server.port).get("/") }
        let tls = try #require(error.underlying as? TLSError, "\(error)")
        guard case .certificateRejected = tls.reason else { Issue.record("\(tls)"); return }
    }

    @Test func serverRefusesAClientCertificateFromAnotherCA() throws {
        let pki = try TestPKI()
        let other = try TestPKI(label: "other", caName: "Other CA")
        try other.issueNode("rogue-01")
        let log = LogRecorder()
        let server = try TestServer(pki: pki) { $0.log = log.sink }
        defer { server.stop() }
        // The rogue trusts our CA (so it accepts the server) but its own certificate is from another CA.
        let tls = try TLSContext(TLSConfiguration(role: .client, certificatePath: other.layout.nodeTLSCertificate("rogue-01"),
                                                  privateKeyPath: other.layout.nodeTLSKey("rogue-01"),
                                                  trustedCAPath: pki.layout.caCertificate, revocationListPath: nil))
        let client = try HTTPClient(configuration: HTTPClientConfiguration(host: "127.0.0.1", port: server.port), tls: tls)
        #expect(throws: HTTPClientError.self) { try client.get("/") }
        #expect(eventually { server.server.statistics.handshakesFailed == 1 })
        #expect(eventually { log.contains("unable to get local issuer certificate") }, "\(log.all)")
        #expect(server.calls.count == 0)
    }

    @Test func serverRefusesAClientWithoutCertificate() throws {
        let pki = try TestPKI()
        let log = LogRecorder()
        let server = try TestServer(pki: pki) { $0.log = log.sink }
        defer { server.stop() }
        let result = try CommandRunner.run("timeout", [
            "20", "curl", "-sS", "--max-time", "10", "--cacert", pki.layout.caCertificate,
            "https://127.0.0.1:\(server.port)/v1/status",
        ])
        #expect(result.status != 0, "curl without a client certificate must fail: \(result.standardOutput)")
        #expect(result.standardOutput.isEmpty)
        #expect(eventually { server.server.statistics.handshakesFailed == 1 })
        #expect(eventually { log.contains("did not send a certificate") }, "\(log.all)")
        #expect(server.calls.count == 0)
    }

    @Test func revokedNodeIsRefusedOnItsNextHandshakeWithoutRestart() throws {
        let pki = try TestPKI()
        let certificate = try pki.issueNode("da-nang-01")
        try pki.issueNode("can-tho-01")
        let log = LogRecorder()
        let server = try TestServer(pki: pki) { $0.log = log.sink }
        defer { server.stop() }
        #expect(try makeClient(pki, node: "da-nang-01", port: server.port).get("/before").status == .ok)

        try pki.revoke(certificate)  // rewrites ca/crl.pem while the server runs

        let error = try #require(throws: HTTPClientError.self) { try makeClient(pki, node: "da-nang-01", port: server.port).get("/after") }
        #expect("\(error)".contains("revoked"), "\(error)")
        #expect(eventually { log.contains("certificate revoked") }, "\(log.all)")
        #expect(server.calls.all.map(\.0.path) == ["/before"])
        // Other nodes are unaffected.
        #expect(try makeClient(pki, node: "can-tho-01", port: server.port).get("/other").status == .ok)
    }

    @Test func unreadableRevocationListRefusesEveryone() throws {
        let pki = try TestPKI()
        try pki.issueNode("da-nang-01")
        let log = LogRecorder()
        let server = try TestServer(pki: pki) { $0.log = log.sink }
        defer { server.stop() }
        try PEMFile.writePublic("not a CRL\n", to: pki.layout.revocationList)
        #expect(throws: HTTPClientError.self) { try makeClient(pki, node: "da-nang-01", port: server.port).get("/") }
        #expect(eventually { log.contains("cannot read a PEM CRL") }, "\(log.all)")
        // Fixed on disk: accepted again, still without a restart.
        try pki.revoke(try pki.issueNode("other-01"))
        #expect(try makeClient(pki, node: "da-nang-01", port: server.port).get("/").status == .ok)
    }

    @Test func opensslTLS12IsRefusedAndTLS13Accepted() throws {
        let pki = try TestPKI()
        try pki.issueNode("hue-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let common = ["20", "openssl", "s_client", "-connect", "127.0.0.1:\(server.port)", "-CAfile", pki.layout.caCertificate,
                      "-cert", pki.layout.nodeTLSCertificate("hue-01"), "-key", pki.layout.nodeTLSKey("hue-01"),
                      "-verify_return_error", "-quiet"]
        let request = Array("GET /s_client HTTP/1.1\r\nHost: central\r\nConnection: close\r\n\r\n".utf8)
        let old = try CommandRunner.run("timeout", common + ["-tls1_2"], input: request)
        #expect(old.status != 0, "TLS 1.2 must be refused: \(old.standardOutput)")
        #expect(!old.standardOutput.contains("HTTP/1.1"))
        let current = try CommandRunner.run("timeout", common + ["-tls1_3"], input: request)
        #expect(current.status == 0, "\(current.standardError)")
        #expect(current.standardOutput.contains("HTTP/1.1 200 OK"), "\(current.standardOutput)")
        #expect(current.standardOutput.contains("hello hue-01: GET /s_client 0 bytes"))
    }

    @Test func curlWithClientCertificateGetsTheHandlersResponse() throws {
        let pki = try TestPKI()
        try pki.issueNode("hue-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let result = try CommandRunner.run("timeout", [
            "20", "curl", "-sS", "--max-time", "10", "--cert", pki.layout.nodeTLSCertificate("hue-01"),
            "--key", pki.layout.nodeTLSKey("hue-01"), "--cacert", pki.layout.caCertificate,
            "--data-binary", "12345", "https://127.0.0.1:\(server.port)/v1/curl?a=b",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == "hello hue-01: POST /v1/curl?a=b 5 bytes")
        // Also by name, as a browser would: the certificate has DNS:localhost.
        let byName = try CommandRunner.run("timeout", [
            "20", "curl", "-sS", "--max-time", "10", "--cert", pki.layout.nodeTLSCertificate("hue-01"),
            "--key", pki.layout.nodeTLSKey("hue-01"), "--cacert", pki.layout.caCertificate,
            "https://localhost:\(server.port)/",
        ])
        #expect(byName.standardOutput == "hello hue-01: GET / 0 bytes", "\(byName.standardError)")
        // curl sends `Expect: 100-continue` for large bodies; it must still work.
        let file = pki.directory.file("big.bin")
        try Data(repeating: 7, count: 2 * 1024 * 1024).write(to: URL(fileURLWithPath: file))
        let big = try CommandRunner.run("timeout", [
            "30", "curl", "-sS", "--max-time", "20", "--cert", pki.layout.nodeTLSCertificate("hue-01"),
            "--key", pki.layout.nodeTLSKey("hue-01"), "--cacert", pki.layout.caCertificate, "-H", "Expect: 100-continue",
            "--data-binary", "@\(file)", "https://127.0.0.1:\(server.port)/big",
        ])
        #expect(big.standardOutput == "hello hue-01: POST /big \(2 * 1024 * 1024) bytes", "\(big.standardError)")
    }

    @Test func contextRefusesBadConfiguration() throws {
        let pki = try TestPKI()
        try pki.issueNode("hue-01")
        var configuration = TLSConfiguration.central(pki.layout)
        configuration.privateKeyPath = pki.layout.nodeTLSKey("hue-01")
        #expect(throws: TLSError.self) { try TLSContext(configuration) }
        configuration = .central(pki.layout)
        configuration.trustedCAPath = pki.layout.authorityTLSCertificate  // not a CA
        #expect(throws: TLSError.self) { try TLSContext(configuration) }
        configuration = .central(pki.layout)
        configuration.revocationListPath = pki.directory.file("missing.pem")
        #expect(throws: TLSError.self) { try TLSContext(configuration) }
    }
}
