import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDNet
import EIDStorage
import EIDTestSupport

/// A real `eid central serve` refuses every bad request with a clear status and body
/// and stores nothing for it: requests crafted in Swift (wire types signed with the
/// right or wrong key, EIDNet's client with the node's or a foreign certificate, raw
/// TLS for what no client would send), `curl` and `openssl s_client` for what EIDNet
/// cannot do (no client certificate, TLS 1.2). After each case central's store is
/// compared with a snapshot taken before it.
@Suite(.serialized) struct CentralRefusalTests {
    static let nodes = [(id: "quang-ninh-01", code: "QN01"), (id: "khanh-hoa-01", code: "KH01"), (id: "hai-phong-01", code: "HP01")]

    /// A running central with nodes registered and two batches of quang-ninh-01 accepted.
    final class Site {
        let deployment: ReplicationDeployment
        let layout: PKILayout
        let central: ChildProcess
        let port: UInt16
        var forge: BatchForge
        let accepted: [SignedBatch]
        let receipts: [[UInt8]]

        init(_ label: String) throws {
            deployment = try ReplicationDeployment(label, nodes: CentralRefusalTests.nodes)
            layout = PKILayout(root: deployment.dir.file("pki"))
            port = UInt16(deployment.port)
            central = try deployment.startCentral()
            forge = try BatchForge("quang-ninh-01", code: "QN01", key: try Site.signingKey("quang-ninh-01", layout))
            let client = try Site.client("quang-ninh-01", credentials: layout, trusting: layout, port: port)
            var batches: [SignedBatch] = []
            var receipts: [[UInt8]] = []
            for count in [3, 2] {
                let batch = try forge.next(count)
                let response = try Site.put(client, batch.encoded(), sequence: batch.header.batchSequence)
                #expect(response.status.code == 200, "setup: batch \(batch.header.batchSequence) refused: \(response.bodyText)")
                batches.append(batch)
                receipts.append(response.body)
            }
            accepted = batches
            self.receipts = receipts
        }

        deinit {
            central.kill(SIGTERM)
            central.waitForExit()
        }

        static func signingKey(_ node: String, _ layout: PKILayout) throws -> Ed25519PrivateKey {
            try Ed25519PrivateKey(pemRepresentation: try PEMFile.read(layout.nodeSigningKey(node)))
        }

        /// EIDNet's client with `node`'s certificate (from `pki`, default this site's), trusting this site's CA.
        func client(_ node: String, pki: PKILayout? = nil) throws -> HTTPClient {
            try Site.client(node, credentials: pki ?? layout, trusting: layout, port: port)
        }

        static func client(_ node: String, credentials: PKILayout, trusting layout: PKILayout, port: UInt16) throws -> HTTPClient {
            let tls = try TLSContext(TLSConfiguration(role: .client, certificatePath: credentials.nodeTLSCertificate(node),
                                                      privateKeyPath: credentials.nodeTLSKey(node),
                                                      trustedCAPath: layout.caCertificate, revocationListPath: nil))
            return try HTTPClient(configuration: HTTPClientConfiguration(host: "127.0.0.1", port: port, requestTimeout: .seconds(20)),
                                  tls: tls)
        }

        func raw(_ node: String = "quang-ninh-01") throws -> RawTLSClient {
            try RawTLSClient(context: try TLSContext(.node(node, layout)), port: port)
        }

        /// `PUT /v1/batches/{sequence}?offset=&total=` with `body`.
        static func put(_ client: HTTPClient, _ body: [UInt8], sequence: UInt64, offset: Int = 0, total: Int? = nil) throws -> HTTPResponse {
            var headers = HTTPHeaders()
            headers.set("Content-Type", "application/octet-stream")
            return try client.send(HTTPRequest(method: .put,
                                               target: "/v1/batches/\(sequence)?offset=\(offset)&total=\(total ?? body.count)",
                                               headers: headers, body: body))
        }

        /// What central's store holds, for "nothing was stored" comparisons: every
        /// accepted batch and its receipt, every record hash, partial uploads, events.
        func snapshot() throws -> Snapshot {
            var configuration = DatabaseConfiguration()
            configuration.readOnly = true
            let db = try Database(path: deployment.centralDatabase, configuration: configuration)
            func lines(_ sql: String) throws -> [String] { try db.rows(sql).map { try $0.get(0, as: String.self) } }
            return Snapshot(
                batches: try lines("""
                    SELECT node_id || ' ' || batch_seq || ' ' || hex(batch_hash) || ' ' || hex(receipt) FROM batch ORDER BY node_id, batch_seq
                    """),
                records: try lines("SELECT node_id || ' ' || seq || ' ' || batch_seq || ' ' || hex(record_hash) FROM record ORDER BY node_id, seq"),
                uploads: try lines("""
                    SELECT node_id || ' ' || batch_seq || ' ' || total_length || ' ' || persisted_length FROM upload ORDER BY node_id, batch_seq
                    """),
                chunks: try db.scalar("SELECT count(*) FROM upload_chunk", as: Int.self) ?? -1,
                events: try db.scalar("SELECT count(*) FROM node_event", as: Int.self) ?? -1)
        }

        /// The audit log's refusal codes, in order.
        func auditedRefusals() throws -> [String] {
            var configuration = DatabaseConfiguration()
            configuration.readOnly = true
            let db = try Database(path: deployment.centralDatabase, configuration: configuration)
            return try db.rows("SELECT code FROM audit_log WHERE action IN ('refuse', 'equivocation') ORDER BY seq")
                .map { try $0.get(0, as: String.self) }
        }
    }

    struct Snapshot: Equatable {
        var batches: [String]
        var records: [String]
        var uploads: [String]
        var chunks: Int
        var events: Int
    }

    /// The JSON error body of a protocol refusal.
    static func errorBody(_ response: HTTPResponse) -> [String: Any]? {
        guard response.headers["Content-Type"] == "application/json" else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    }

    /// Checks a protocol refusal: status, JSON `code`, a message that says something.
    static func expectRefusal(_ response: HTTPResponse, _ status: Int, _ code: String, _ label: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        let body = errorBody(response)
        #expect(response.status.code == status && body?["code"] as? String == code,
                "\(label): expected \(status) \(code), got \(response.status.code) \(response.bodyText)", sourceLocation: sourceLocation)
        #expect(((body?["message"] as? String)?.count ?? 0) > 20, "\(label): no explanation in \(response.bodyText)",
                sourceLocation: sourceLocation)
    }

    @Test func everyBadRequestIsRefusedWithAClearAnswerAndStoresNothing() throws {
        let site = try Site("refusals")
        let baseline = try site.snapshot()
        #expect(baseline.batches.count == 2 && baseline.records.count == 5)
        let qn = try site.client("quang-ninh-01")
        let kh = try site.client("khanh-hoa-01")
        func unchanged(_ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(try site.snapshot() == baseline, "\(label): central's store changed", sourceLocation: sourceLocation)
        }

        // A client that sends one byte every 3 s: cut with 408 at the 10 s head deadline.
        // It runs beside the other cases.
        let slowloris = Locked<(answer: String, seconds: Double)?>(nil)
        let slowDone = DispatchSemaphore(value: 0)
        let slowContext = try TLSContext(.node("quang-ninh-01", site.layout))
        let slowPort = site.port
        Thread.detachNewThread {
            let started = Date()
            var answer = "no connection"
            if let slowClient = try? RawTLSClient(context: slowContext, port: slowPort) {
                answer = ""
                for byte in Array("GET /v1/checkpoint HTTP/1.1\r\nHost: central\r\n\r\n".utf8) {
                    try? slowClient.send([byte])
                    if let text = try? slowClient.readSome(timeout: .seconds(3)) { answer = text; break }
                }
            }
            let result = (answer, Date().timeIntervalSince(started))
            slowloris.withLock { $0 = result }
            slowDone.signal()
        }

        // No client certificate (curl cannot be made to skip it by EIDNet): the TLS alert, no HTTP.
        let noCertificate = try CommandRunner.run("curl", ["-sS", "--max-time", "10", "--cacert", site.layout.caCertificate,
                                                           "https://127.0.0.1:\(site.port)/v1/checkpoint"])
        #expect(noCertificate.status != 0 && noCertificate.standardOutput.isEmpty)
        #expect(noCertificate.standardError.contains("certificate required"), "\(noCertificate.standardError)")
        try unchanged("no client certificate")

        // A certificate for the same node id from another CA.
        try site.deployment.eid(["pki", "init", "--out", "foreign", "--ca-name", "Some Other Root CA"])
        try site.deployment.eid(["pki", "issue-node", "--node", "quang-ninh-01", "--out", "foreign", "--ip", "127.0.0.1"])
        let foreign = try site.client("quang-ninh-01", pki: PKILayout(root: site.deployment.dir.file("foreign")))
        let foreignError = try #require(throws: HTTPClientError.self) { try foreign.get("/v1/checkpoint") }
        #expect("\(foreignError)".contains("unknown ca"), "\(foreignError)")
        try unchanged("certificate from another CA")

        // Batch 3 of quang-ninh-01 signed with khanh-hoa-01's key.
        let third = (0..<UInt64(2)).map { site.forge.record(6 + $0) }
        let otherKey = try Site.signingKey("khanh-hoa-01", site.layout)
        let wrongKey = try site.forge.sign(third, signingKey: otherKey)
        Self.expectRefusal(try Site.put(qn, wrongKey.encoded(), sequence: 3), 400, "bad_signature", "signed by another node's key")
        try unchanged("signed by another node's key")

        // khanh-hoa-01's own, validly signed batch sent over quang-ninh-01's connection.
        var khForge = try BatchForge("khanh-hoa-01", code: "KH01", key: otherKey)
        let khBatch = try khForge.next(2)
        Self.expectRefusal(try Site.put(qn, khBatch.encoded(), sequence: 1), 403, "wrong_node", "another node's batch")
        try unchanged("another node's batch")

        // A bad signature: one bit of the right signature flipped.
        var flipped = try site.forge.sign(third).encoded()
        let signatureOffset = 4 + Int(UInt32(flipped[0]) << 24 | UInt32(flipped[1]) << 16 | UInt32(flipped[2]) << 8 | UInt32(flipped[3]))
        flipped[signatureOffset + 10] ^= 0x04
        Self.expectRefusal(try Site.put(qn, flipped, sequence: 3), 400, "bad_signature", "bad signature")
        try unchanged("bad signature")

        // A broken chain: batch 3 that does not carry batch 2's hash.
        let unchained = try site.forge.sign(third, previousHash: SecureRandom.bytes(count: 32))
        Self.expectRefusal(try Site.put(qn, unchained.encoded(), sequence: 3), 409, "broken_chain", "broken chain")
        try unchanged("broken chain")

        // A gap: batch 5 when central expects 3.
        let ahead = try site.forge.sign((0..<UInt64(2)).map { site.forge.record(20 + $0) }, sequence: 5)
        let gap = try Site.put(qn, ahead.encoded(), sequence: 5)
        Self.expectRefusal(gap, 409, "gap", "gap")
        #expect(Self.errorBody(gap)?["expected_batch"] as? Int == 3)
        try unchanged("gap")

        // A replayed older batch: the receipt first issued, byte for byte; no second copy.
        let replay = try Site.put(qn, site.accepted[0].encoded(), sequence: 1)
        #expect(replay.status.code == 200 && replay.headers["Eid-Batch-Outcome"] == "replayed")
        #expect(replay.body == site.receipts[0], "a replay must be answered with the receipt first issued")
        try unchanged("replayed batch")

        // Equivocation: a different batch 2, validly signed by quang-ninh-01: refused, recorded, shown.
        var twin = try BatchForge("quang-ninh-01", code: "QN01", key: site.forge.key)
        _ = try twin.next(3)
        let conflicting = try twin.next(4)
        Self.expectRefusal(try Site.put(qn, conflicting.encoded(), sequence: 2), 409, "equivocation", "equivocation")
        try unchanged("equivocation")
        let status = try site.deployment.eid(["central", "status", "--topology", "topology.json", "--json"])
        let equivocations = site.deployment.json(status)?["equivocations"] as? [[String: Any]]
        #expect(equivocations?.count == 1 && equivocations?.first?["node_id"] as? String == "quang-ninh-01"
                && equivocations?.first?["batch"] as? Int == 2
                && equivocations?.first?["conflicting_hash"] as? String == Hex.encode(SHA256.hash(conflicting.headerBytes)),
                "\(status.standardOutput)")

        // A truncated batch: the upload declares and carries 10 bytes less than the batch.
        let whole = try site.forge.sign(third).encoded()
        Self.expectRefusal(try Site.put(qn, Array(whole.dropLast(10)), sequence: 3), 400, "malformed", "truncated batch")
        try unchanged("truncated batch")

        // A truncated body: Content-Length 1000, 300 bytes sent, then the connection closes. No answer, nothing kept.
        let cut = try site.raw()
        try cut.send("PUT /v1/batches/3?offset=0&total=1000 HTTP/1.1\r\nHost: central\r\nContent-Length: 1000\r\n\r\n"
                     + String(repeating: "x", count: 300))
        cut.connection.socket.close()
        Thread.sleep(forTimeInterval: 0.3)
        try unchanged("truncated body")

        // An oversized body: refused from the head, before any body byte is read.
        let big = try site.raw()
        try big.send("PUT /v1/batches/3?offset=0&total=3000000 HTTP/1.1\r\nHost: central\r\nContent-Length: 3000000\r\n\r\n")
        let (bigAnswer, bigClosed) = big.readToEnd()
        #expect(bigAnswer.hasPrefix("HTTP/1.1 413 Content Too Large\r\n") && bigClosed, "\(bigAnswer)")
        #expect(bigAnswer.contains("413 Content Too Large: "), "a plain-text reason: \(bigAnswer)")
        // ...and a batch declared larger than central accepts: the protocol's own 413.
        Self.expectRefusal(try Site.put(qn, [1, 2, 3], sequence: 3, total: 100_000_000), 413, "too_large", "oversized batch")
        try unchanged("oversized body")

        // Garbage instead of HTTP, inside TLS: 400 and close.
        let garbage = try site.raw()
        try garbage.send([0x16, 0x03, 0x01, 0xFF, 0x00, 0x8F] + Array("\u{1}GARBAGE not HTTP\r\n\r\n".utf8))
        let (garbageAnswer, garbageClosed) = garbage.readToEnd()
        #expect(garbageAnswer.hasPrefix("HTTP/1.1 400 Bad Request\r\n") && garbageClosed, "\(garbageAnswer)")
        // Garbage instead of a TLS handshake: the connection is closed, nothing answered.
        let plain = try TCPSocket.connect(host: "127.0.0.1", port: site.port, timeout: .seconds(5))
        try plain.send(Array("GET /v1/checkpoint HTTP/1.1\r\nHost: central\r\n\r\n".utf8), deadline: Deadline(after: .seconds(5), for: "send"))
        var scratch = [UInt8](repeating: 0, count: 4096)
        let plainReply = try? scratch.withUnsafeMutableBytes { try plain.receive(into: $0, deadline: Deadline(after: .seconds(5), for: "reply")) }
        #expect(plainReply == nil || plainReply == 0 || !String(decoding: scratch.prefix(plainReply ?? 0), as: UTF8.self).hasPrefix("HTTP"),
                "a plain-text request must not get an HTTP answer")
        plain.close()
        try unchanged("garbage")

        // The slow client.
        #expect(slowDone.wait(timeout: .now() + 40) == .success)
        let slow = slowloris.withLock { $0 }
        #expect(slow?.answer.hasPrefix("HTTP/1.1 408 Request Timeout\r\n") == true, "\(slow?.answer ?? "no answer")")
        #expect((slow?.seconds ?? 0) >= 9 && (slow?.seconds ?? 99) < 20, "cut at the 10 s head deadline, after \(slow?.seconds ?? 0) s")
        try unchanged("slow client")

        // The legitimate node still works, and nothing above left a trace in the chain.
        let checkpoint = try qn.get("/v1/checkpoint")
        let held = (try? JSONSerialization.jsonObject(with: Data(checkpoint.body))) as? [String: Any]
        #expect(held?["last_batch_sequence"] as? Int == 2 && held?["last_record_sequence"] as? Int == 5, "\(checkpoint.bodyText)")
        #expect(try kh.get("/v1/checkpoint").status.code == 200)
        #expect(try site.auditedRefusals() == ["bad_signature", "wrong_node", "bad_signature", "broken_chain", "gap",
                                                "equivocation", "malformed", "too_large"])
        try site.deployment.expectAuditChainVerified()

        // Central's log names each refused handshake.
        site.central.kill(SIGTERM)
        #expect(site.central.waitForExit() == 0)
        let log = site.central.standardError
        for reason in ["did not send a certificate", "unable to get local issuer certificate", "refused with 400", "refused with 408",
                       "refused with 413", "closed in the middle of a request"] {
            #expect(log.contains(reason), "central's log does not mention '\(reason)':\n\(log)")
        }
    }

    @Test func aRevokedNodeIsRefusedOnItsNextHandshakeWithoutARestart() throws {
        let site = try Site("refusal-revoked")
        let node = "hai-phong-01"
        let kept = try site.client(node)
        #expect(try kept.get("/v1/checkpoint").status.code == 200, "before revocation")
        let baseline = try site.snapshot()

        try site.deployment.eid(["pki", "revoke-node", "--node", node, "--out", "pki"])
        // A new connection: the handshake is refused (central re-reads the CRL when it changes).
        let error = try #require(throws: HTTPClientError.self) { try site.client(node).get("/v1/checkpoint") }
        #expect("\(error)".contains("certificate revoked"), "\(error)")
        // The connection opened before is not cut; once central re-reads the registrations
        // (SIGHUP), the protocol refuses the node on it too.
        site.central.kill(SIGHUP)
        var answer = try kept.get("/v1/checkpoint")
        for _ in 0..<50 where answer.status.code == 200 {
            Thread.sleep(forTimeInterval: 0.1)
            answer = try kept.get("/v1/checkpoint")
        }
        Self.expectRefusal(answer, 403, "revoked_node", "revoked node on an open connection")
        var forge = try BatchForge(node, code: "HP01", key: try Site.signingKey(node, site.layout))
        Self.expectRefusal(try Site.put(kept, try forge.next(2).encoded(), sequence: 1), 403, "revoked_node", "upload by a revoked node")
        #expect(try site.snapshot() == baseline, "a revoked node's upload changed central's store")
        // Other nodes are unaffected.
        #expect(try site.client("quang-ninh-01").get("/v1/checkpoint").status.code == 200)
        let status = try site.deployment.eid(["central", "status", "--topology", "topology.json"])
        #expect(status.standardOutput.contains("\(node) (HP01, Test) REVOKED"), "\(status.standardOutput)")
        site.central.kill(SIGTERM)
        site.central.waitForExit()
        #expect(site.central.standardError.contains("certificate revoked"), "\(site.central.standardError)")
    }

    @Test func curlReadsTheCheckpointAndOpenSSLNegotiatesTLS13Only() throws {
        let site = try Site("refusal-tools")
        let layout = site.layout
        let node = "quang-ninh-01"
        let curl = try CommandRunner.run("curl", ["-sS", "--fail-with-body", "--max-time", "10",
                                                  "--cert", layout.nodeTLSCertificate(node), "--key", layout.nodeTLSKey(node),
                                                  "--cacert", layout.caCertificate,
                                                  "https://127.0.0.1:\(site.port)/v1/checkpoint"])
        #expect(curl.status == 0, "\(curl.standardError)")
        let checkpoint = (try? JSONSerialization.jsonObject(with: Data(curl.standardOutput.utf8))) as? [String: Any]
        #expect(checkpoint?["last_batch_sequence"] as? Int == 2)
        #expect(checkpoint?["last_record_sequence"] as? Int == 5)
        #expect(checkpoint?["last_batch_hash"] as? String == Hex.encode(SHA256.hash(site.accepted[1].headerBytes)))

        // s_client with the node's credentials, sending one request for the checkpoint.
        func sClient(_ options: [String]) throws -> CommandResult {
            try CommandRunner.run("timeout", ["20", "openssl", "s_client", "-connect", "127.0.0.1:\(site.port)",
                                              "-cert", layout.nodeTLSCertificate(node), "-key", layout.nodeTLSKey(node),
                                              "-CAfile", layout.caCertificate, "-verify_return_error"] + options,
                                  input: Array("GET /v1/checkpoint HTTP/1.1\r\nHost: central\r\nConnection: close\r\n\r\n".utf8))
        }
        let modern = try sClient(["-tls1_3", "-quiet"])
        #expect(modern.status == 0, "\(modern.standardError)")
        #expect(modern.standardOutput.hasPrefix("HTTP/1.1 200 OK\r\n") && modern.standardOutput.contains("\"last_batch_sequence\""),
                "\(modern.standardOutput)")
        let unpinned = try sClient(["-brief"])
        #expect(unpinned.standardError.contains("Protocol version: TLSv1.3"), "offered every version, it picks 1.3: \(unpinned.standardError)")
        let old = try sClient(["-tls1_2", "-quiet"])
        #expect(old.status != 0, "TLS 1.2 must be refused: \(old.standardError)")
        #expect(!old.standardOutput.contains("HTTP/1.1"))
        #expect(old.standardError.contains("protocol version") || old.standardError.contains("alert"), "\(old.standardError)")
    }
}
