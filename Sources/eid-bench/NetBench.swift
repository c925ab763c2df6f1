import EIDCrypto
import EIDNet
import EIDTestSupport
import Foundation

/// The transport: mutual-TLS handshakes, keep-alive requests, bulk bodies, and what a
/// cutting link costs when a whole body must be re-sent.
enum NetBench {
    static let section = BenchSection(name: "net", summary: "mTLS handshakes/s, keep-alive requests/s, upload MB/s, re-send cost through cuts") {
        let directory = try TemporaryDirectory("bench-net")
        defer { directory.remove() }
        let layout = try makePKI(directory)
        let server = try HTTPServer(configuration: HTTPServerConfiguration(maxConnections: 16),
                                    tls: try TLSContext(.central(layout))) { request, peer in
            .text(.ok, "\(peer.nodeID) \(request.body.count)")
        }
        server.start()
        defer { server.shutdown(gracePeriod: .seconds(2)) }
        let clientTLS = try TLSContext(.node("bench-01", layout))
        func client(_ port: UInt16) throws -> HTTPClient {
            try HTTPClient(configuration: HTTPClientConfiguration(host: "127.0.0.1", port: port, requestTimeout: .seconds(30)),
                           tls: clientTLS)
        }

        let handshakes = 200
        let fresh = try measureSeconds {
            for _ in 0..<handshakes {
                let oneShot = try client(server.port)
                _ = try oneShot.get("/h")
                oneShot.close()
            }
        }
        report("new connection + handshake + GET (sequential)", Double(handshakes) / fresh, "per s",
               "\(String(format: "%.2f", fresh / Double(handshakes) * 1000)) ms each")

        let kept = try client(server.port)
        let requests = 2000
        let reuse = try measureSeconds { for _ in 0..<requests { _ = try kept.get("/k") } }
        report("keep-alive GET (sequential)", Double(requests) / reuse, "per s", "\(kept.connectionsOpened) connection")
        report("handshake cost / keep-alive request", (fresh / Double(handshakes)) / (reuse / Double(requests)), "x")

        let body = [UInt8](repeating: 0x5A, count: 4 << 20)
        let uploads = 10
        let bulk = try measureSeconds { for _ in 0..<uploads { _ = try kept.post("/u", body: body) } }
        report("upload 4 MiB bodies", Double(uploads * body.count) / bulk / 1e6, "MB/s")

        // Through a link that cuts every 64 KiB on average: whole-body re-sends until one gets through.
        let proxy = try FaultProxy(targetHost: "127.0.0.1", targetPort: server.port, plan: FaultPlan(seed: 1, cutEveryBytes: 64 * 1024))
        proxy.start()
        defer { proxy.stop() }
        let cutting = try client(proxy.port)
        let small = [UInt8](repeating: 1, count: 32 * 1024)
        var attempts = 0, delivered = 0
        for _ in 0..<20 {
            while true {
                attempts += 1
                if (try? cutting.post("/c", body: small)) != nil { delivered += 1; break }
            }
        }
        let totals = proxy.statistics
        report("32 KiB uploads through 64 KiB-mean cuts: attempts per success", Double(attempts) / Double(delivered), "x",
               "\(totals.connectionsCut) cuts")
        report("bytes sent upstream per body byte delivered", Double(totals.upstreamBytesReceived) / Double(delivered * small.count), "x",
               "includes TLS handshakes and headers")
    }

    /// A CA, central's certificate and one node's, laid out like `eid pki`.
    static func makePKI(_ directory: TemporaryDirectory) throws -> PKILayout {
        let layout = PKILayout(root: directory.path)
        for path in [layout.caDirectory, layout.authorityDirectory, layout.nodeDirectory("bench-01")] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        let authority = try CertificateAuthority.createRoot(commonName: "Bench CA")
        try PEMFile.writePublic(authority.certificate.pemRepresentation, to: layout.caCertificate)
        try PEMFile.writePublic(try authority.issueRevocationList(revoked: []).pemRepresentation, to: layout.revocationList)
        for (id, path, keyPath) in [("central", layout.authorityTLSCertificate, layout.authorityTLSKey),
                                    ("bench-01", layout.nodeTLSCertificate("bench-01"), layout.nodeTLSKey("bench-01"))] {
            let key = try P256PrivateKey.generate()
            let certificate = try authority.issueNodeCertificate(nodeID: id, publicKey: key.publicKey, ipAddresses: ["127.0.0.1"])
            try PEMFile.writePrivate(try key.pemRepresentation, to: keyPath)
            try PEMFile.writePublic(certificate.pemRepresentation, to: path)
        }
        return layout
    }
}
