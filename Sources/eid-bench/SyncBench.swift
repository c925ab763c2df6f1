import Foundation
import EIDCentral
import EIDCore
import EIDCrypto
import EIDNet
import EIDNode
import EIDTestSupport
import Synchronization

/// Replication end to end: a node's backlog drained into central by the real
/// `SyncAgent`, `CentralService` and stores (SQLite, `synchronous=FULL` on both sides),
/// first with the transport replaced by a direct call, then over mutual TLS on
/// loopback, then through a fault proxy that cuts the connection at random byte
/// offsets. The last line is the price of resumable uploads under cuts: bytes sent
/// upstream per byte of batch delivered (compare the `net` section's whole-body re-sends).
///
/// `EID_BENCH_SYNC_COUNT` sets the backlog in enrollments (default 2,000 of ~40 KB,
/// incompressible like sealed records).
enum SyncBench {
    static let section = BenchSection(name: "sync", summary: "replication goodput, backlog drain, bytes sent per byte delivered through faults") {
        let count = Int(ProcessInfo.processInfo.environment["EID_BENCH_SYNC_COUNT"] ?? "") ?? 2_000
        let scratch = try TemporaryDirectory("bench-sync")
        defer { scratch.remove() }
        let layout = try NetBench.makePKI(scratch)
        let nodeID = NodeID(rawValue: "bench-01")!
        let bench = try Setup(scratch: scratch, nodeID: nodeID, count: count)
        print("  backlog: \(count) enrollments, \(String(format: "%.1f", Double(bench.backlogBytes) / 1e6)) MB in \(bench.batches) batches of ≤ 1 MiB; "
              + "requests of up to 2 MiB, sized to the link")

        // 1. No network: the protocol and both stores alone.
        var service = try bench.central("direct")
        let directTransport = DirectTransport(service: service, peer: nodeID)
        let direct = try bench.drain("direct", directTransport)
        report("drain, direct call (stores + protocol only)", Double(bench.backlogBytes) / direct / 1e6, "MB/s",
               "\(Int(Double(count) / direct)) records/s")
        let centralShare = directTransport.centralSeconds / direct
        report("  share of it in central (decide, store, commit)", centralShare * 100, "%",
               "the rest is the node: read batch, verify receipt, acknowledge")

        // 2. Mutual TLS on loopback.
        service = try bench.central("tls")
        let server = try HTTPServer(configuration: HTTPServerConfiguration(maxConnections: 8),
                                    tls: try TLSContext(.central(layout)), handler: service.httpHandler)
        server.start()
        defer { server.shutdown(gracePeriod: .seconds(2)) }
        let clientTLS = try TLSContext(.node("bench-01", layout))
        func transport(_ port: UInt16) throws -> HTTPCentralTransport {
            HTTPCentralTransport(client: try HTTPClient(configuration: HTTPClientConfiguration(host: "127.0.0.1", port: port,
                                                                                              requestTimeout: .seconds(30)),
                                                        tls: clientTLS))
        }
        let overTLS = try bench.drain("tls", try transport(server.port))
        report("drain over mTLS loopback", Double(bench.backlogBytes) / overTLS / 1e6, "MB/s",
               "\(Int(Double(count) / overTLS)) records/s")
        report("  mTLS goodput / direct-call goodput", direct / overTLS, "x", "what the network path costs")

        // The same over mTLS with requests of at most 64 KiB (the fixed size before requests
        // grew to whole batches): one commit per 64 KiB at central instead of one per batch.
        let smallService = try bench.central("tls-64k")
        let smallServer = try HTTPServer(configuration: HTTPServerConfiguration(maxConnections: 8),
                                         tls: try TLSContext(.central(layout)), handler: smallService.httpHandler)
        smallServer.start()
        defer { smallServer.shutdown(gracePeriod: .seconds(2)) }
        let small = try bench.drain("tls-64k", try transport(smallServer.port), maxChunk: 64 * 1024)
        report("  the same with requests of at most 64 KiB", Double(bench.backlogBytes) / small / 1e6, "MB/s")

        // The same bytes over one bare TLS connection (no HTTP, protocol or SQLite), in this
        // run; the median of three, as one pass takes only a tenth of a second.
        let pieces = try bench.batchBytes()
        let raw = quantile(try (0..<3).map { _ in
            try RawTLSStream.seconds(sending: pieces, server: try TLSContext(.central(layout)), client: clientTLS)
        }, 0.5)
        report("raw TLS stream of the same bytes (baseline)", Double(bench.backlogBytes) / raw / 1e6, "MB/s", "median of 3")
        report("  sync goodput / raw TLS goodput", raw / overTLS, "x", "goal ≥ 0.7")
        report("  backlog of \(count) drained over mTLS in", overTLS, "s", count == 2_000 ? "goal < 5 s" : "goal < 5 s for 2,000")

        // 3. Through cuts: every round resumes where central's persisted bytes end.
        for mean in [1 << 20, 256 << 10] {
            let cutService = try bench.central("cuts-\(mean)")
            let cutServer = try HTTPServer(configuration: HTTPServerConfiguration(maxConnections: 8),
                                           tls: try TLSContext(.central(layout)), handler: cutService.httpHandler)
            cutServer.start()
            defer { cutServer.shutdown(gracePeriod: .seconds(2)) }
            let proxy = try FaultProxy(targetHost: "127.0.0.1", targetPort: cutServer.port,
                                       plan: FaultPlan(seed: 7, cutEveryBytes: mean))
            proxy.start()
            defer { proxy.stop() }
            var rounds = 0
            let node = try bench.node("cuts-\(mean)")
            let agent = bench.agent(node)
            let link = HTTPCentralLink(transport: try transport(proxy.port))
            let seconds = measureSeconds {
                while rounds < 10_000 {
                    rounds += 1
                    if let done = try? agent.syncOnce(link, pullEvents: false), done.backlog == 0 { break }
                }
            }
            guard try node.backlog() == 0 else { throw SyncBenchFailure("backlog not drained through cuts of mean \(mean)") }
            let totals = proxy.statistics
            report("cuts every \(mean >> 10) KiB (mean): rounds to drain", Double(rounds), "rounds",
                   "\(totals.connectionsCut) cuts, \(String(format: "%.1f", Double(bench.backlogBytes) / seconds / 1e6)) MB/s")
            report("  bytes sent upstream per batch byte delivered", Double(totals.upstreamBytesReceived) / Double(bench.backlogBytes), "x",
                   "TLS, HTTP heads and lost chunks included" + (mean == 256 << 10 ? "; goal ≤ 1.2" : ""))
        }
    }

    struct SyncBenchFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// One request straight into the service (no sockets), timing central's part.
    final class DirectTransport: CentralTransport, Sendable {
        let service: CentralService
        let peer: NodeID
        private let spent = Mutex(0.0)

        init(service: CentralService, peer: NodeID) {
            self.service = service
            self.peer = peer
        }

        /// Seconds spent inside central's handler.
        var centralSeconds: Double { spent.withLock { $0 } }

        func send(_ request: ProtocolRequest) throws -> ProtocolResponse {
            var response: ProtocolResponse?
            let seconds = measureSeconds { response = service.handle(request, from: peer) }
            spent.withLock { $0 += seconds }
            return response!
        }
    }

    /// Keys, a template node store holding the backlog, and fresh copies of it.
    final class Setup {
        let scratch: TemporaryDirectory
        let nodeID: NodeID
        let authority = try! Ed25519PrivateKey.generate()
        let sealing = try! X25519PrivateKey.generate()
        let nodeKey = try! Ed25519PrivateKey.generate()
        let template: String
        let backlogBytes: Int
        let batches: Int

        init(scratch: TemporaryDirectory, nodeID: NodeID, count: Int) throws {
            self.scratch = scratch
            self.nodeID = nodeID
            template = scratch.file("node-template")
            let configuration = NodeConfiguration(
                nodeID: nodeID, code: "BN01", province: "Bench", kind: .office, centralAddress: "127.0.0.1:1",
                signingKeyPath: "unused", tlsCertificatePath: "unused", tlsKeyPath: "unused", caCertificatePath: "unused",
                authoritySealingPublicKeyPEM: sealing.publicKey.pemRepresentation,
                authoritySigningPublicKeyPEM: authority.publicKey.pemRepresentation)
            let store = try NodeStore.create(in: template, configuration: configuration)
            let sealer = try EnrollmentSealer(authorityPublicKeyPEM: sealing.publicKey.pemRepresentation)
            var index = 0
            while index < count {
                let group = (index..<min(count, index + 100)).map { number in
                    CheckedEnrollment(fullName: "BENCH PERSON \(number)", passportNumber: "B\(10_000_000 + number)", level: 2,
                                      payload: EnrollmentPayload(applicationJSON: Array("{\"n\":\(number)}".utf8), portraitFormat: .png,
                                                                 portrait: SecureRandom.bytes(count: 38_000),
                                                                 fingerprintTemplates: [SecureRandom.bytes(count: 400)],
                                                                 faceEmbedding: SecureRandom.bytes(count: 2048)))
                }
                _ = try store.appendAll(group, sealer: sealer, at: Date())
                index += group.count
            }
            let made = try store.cutBatches(limits: BatchLimits(), signer: BatchSigner(key: nodeKey), at: Date())
            batches = made.count
            backlogBytes = try made.reduce(0) { $0 + (try store.batch($1)?.encoded().count ?? 0) }
        }

        /// The backlog's upload bytes, batch by batch.
        func batchBytes() throws -> [[UInt8]] {
            let store = try NodeStore(folder: template)
            return try store.batchSequences().map { try store.batch($0)!.encoded() }
        }

        /// A copy of the template node, backlog untouched.
        func node(_ label: String) throws -> NodeStore {
            let folder = scratch.file("node-\(label)")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // The template's WAL may hold committed pages: copy it along with the file.
            let source = (template as NSString).appendingPathComponent(NodeStore.fileName)
            let target = (folder as NSString).appendingPathComponent(NodeStore.fileName)
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: source + suffix) {
                try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
            }
            return try NodeStore(folder: folder)
        }

        func central(_ label: String) throws -> CentralService {
            let store = try CentralStore(folder: scratch.file("central-\(label)"))
            try store.register([NodeRegistration(nodeID: nodeID, code: "BN01", province: "Bench", kind: .office,
                                                 signingKey: nodeKey.publicKey)])
            return CentralService(store: store, signer: AuthoritySigner(key: authority))
        }

        func agent(_ node: NodeStore) -> SyncAgent {
            SyncAgent(store: node, signer: BatchSigner(key: nodeKey),
                      verifier: try! ReceiptVerifier(authoritySigningPublicKeyPEM: authority.publicKey.pemRepresentation),
                      feedVerifier: try! FeedPageVerifier(authoritySigningPublicKeyPEM: authority.publicKey.pemRepresentation))
        }

        /// Seconds to drain a fresh copy of the backlog through `transport` in one round.
        func drain(_ label: String, _ transport: some CentralTransport, maxChunk: Int? = nil) throws -> Double {
            let node = try self.node(label)
            var agent = self.agent(node)
            if let maxChunk { agent.chunkSize = maxChunk }
            let link = ProtocolCentralLink(transport: transport)
            var report = SyncAgent.Report()
            let seconds = try measureSeconds { report = try agent.syncOnce(link, pullEvents: false) }
            guard report.backlog == 0, report.batchesAcknowledged == batches else {
                throw SyncBenchFailure("\(label): \(report.batchesAcknowledged) of \(batches) batches acknowledged")
            }
            return seconds
        }
    }
}
