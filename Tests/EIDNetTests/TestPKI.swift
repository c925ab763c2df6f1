import EIDCrypto
import EIDNet
import EIDTestSupport
import Foundation

/// A throwaway PKI in a temporary directory, laid out like `eid pki init` (PKILayout):
/// a CA, central's certificate (CN=central, SAN localhost + 127.0.0.1), node certificates, a CRL.
final class TestPKI: @unchecked Sendable {
    let directory: TemporaryDirectory
    let layout: PKILayout
    let authority: CertificateAuthority
    private(set) var revoked: [RevokedCertificate] = []
    private var crlNumber: UInt64 = 1

    init(label: String = "net", caName: String = "Test e-ID Root CA") throws {
        directory = try TemporaryDirectory(label)
        layout = PKILayout(root: directory.path)
        for path in [layout.caDirectory, layout.authorityDirectory, "\(layout.root)/nodes"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        authority = try CertificateAuthority.createRoot(commonName: caName, organization: "Test Authority")
        try PEMFile.writePublic(authority.certificate.pemRepresentation, to: layout.caCertificate)
        try writeRevocationList()
        let key = try P256PrivateKey.generate()
        let certificate = try authority.issueNodeCertificate(nodeID: "central", publicKey: key.publicKey,
                                                             dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"])
        try PEMFile.writePrivate(try key.pemRepresentation, to: layout.authorityTLSKey)
        try PEMFile.writePublic(certificate.pemRepresentation, to: layout.authorityTLSCertificate)
    }

    deinit { directory.remove() }

    /// Issues `nodes/<id>/tls.pem` + `tls.key` and returns the certificate.
    @discardableResult
    func issueNode(_ nodeID: String) throws -> Certificate {
        try FileManager.default.createDirectory(atPath: layout.nodeDirectory(nodeID), withIntermediateDirectories: true)
        let key = try P256PrivateKey.generate()
        let certificate = try authority.issueNodeCertificate(nodeID: nodeID, publicKey: key.publicKey)
        try PEMFile.writePrivate(try key.pemRepresentation, to: layout.nodeTLSKey(nodeID))
        try PEMFile.writePublic(certificate.pemRepresentation, to: layout.nodeTLSCertificate(nodeID))
        return certificate
    }

    /// Adds `certificate` to the CRL and rewrites `ca/crl.pem` atomically.
    func revoke(_ certificate: Certificate) throws {
        revoked.append(RevokedCertificate(certificate))
        try writeRevocationList()
    }

    private func writeRevocationList() throws {
        let crl = try authority.issueRevocationList(revoked: revoked, crlNumber: crlNumber, validityDays: 30)
        crlNumber += 1
        try PEMFile.writePublic(crl.pemRepresentation, to: layout.revocationList)
    }

    func serverContext() throws -> TLSContext { try TLSContext(.central(layout)) }

    func clientContext(_ nodeID: String) throws -> TLSContext { try TLSContext(.node(nodeID, layout)) }
}

/// A server on a free loopback port with short timeouts, and a recorder of handler calls.
final class TestServer: Sendable {
    let server: HTTPServer
    let calls = CallRecorder()

    init(pki: TestPKI, configure: (inout HTTPServerConfiguration) -> Void = { _ in },
         handler: HTTPServer.Handler? = nil) throws {
        var configuration = HTTPServerConfiguration(handshakeTimeout: .seconds(5), idleTimeout: .seconds(5),
                                                    requestHeadTimeout: .seconds(2), bodyTimeout: .seconds(2),
                                                    writeTimeout: .seconds(5))
        configure(&configuration)
        let calls = self.calls
        let respond: HTTPServer.Handler = handler ?? { request, peer in
            .text(.ok, "hello \(peer.nodeID): \(request.method) \(request.target) \(request.body.count) bytes")
        }
        server = try HTTPServer(configuration: configuration, tls: try pki.serverContext()) { request, peer in
            calls.record(request, peer)
            return respond(request, peer)
        }
        server.start()
    }

    var port: UInt16 { server.port }

    func stop() { server.shutdown(gracePeriod: .seconds(2)) }
}

final class CallRecorder: Sendable {
    private let calls = Mutex<[(HTTPRequest, PeerIdentity)]>([])
    func record(_ request: HTTPRequest, _ peer: PeerIdentity) { calls.withLock { $0.append((request, peer)) } }
    var count: Int { calls.withLock { $0.count } }
    var all: [(HTTPRequest, PeerIdentity)] { calls.withLock { $0 } }
}

import Synchronization

func makeClient(_ pki: TestPKI, node: String, port: UInt16, host: String = "127.0.0.1",
                timeout: Duration = .seconds(10)) throws -> HTTPClient {
    try HTTPClient(configuration: HTTPClientConfiguration(host: host, port: port, requestTimeout: timeout),
                   tls: try pki.clientContext(node))
}

extension RawTLSClient {
    /// A raw connection with `node`'s certificate from `pki`.
    convenience init(_ pki: TestPKI, node: String, port: UInt16) throws {
        try self.init(context: try pki.clientContext(node), port: port)
    }
}

/// Polls `condition` every 10 ms for up to `timeout`.
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) -> Bool {
    let deadline = Deadline(after: timeout, for: "condition")
    while !deadline.hasPassed {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// Lines a server logged, for asserting why it refused something.
final class LogRecorder: Sendable {
    private let lines = Mutex<[String]>([])
    var sink: @Sendable (String) -> Void { { [self] line in lines.withLock { $0.append(line) } } }
    var all: [String] { lines.withLock { $0 } }
    func contains(_ text: String) -> Bool { all.contains { $0.contains(text) } }
}
