import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDNet
import EIDStorage
import EIDTestSupport

/// Real processes over real mutual TLS on loopback: `eid central serve` and one node
/// (`eid node sync`, `eid node run`), 100 synthetic enrollments, stores compared.
@Suite(.serialized) struct ReplicationProcessTests {
    func eid(_ arguments: [String], in dir: TemporaryDirectory) throws -> CommandResult {
        let result = try CommandRunner.run(EIDExecutable.path, arguments, currentDirectory: dir.path)
        if result.status != 0 {
            Issue.record("eid \(arguments.joined(separator: " ")) exited \(result.status): \(result.standardError)")
        }
        return result
    }

    /// A port nothing listens on right now.
    func freePort() throws -> Int {
        let probe = try TCPListener(host: "127.0.0.1", port: 0)
        defer { probe.close() }
        return Int(probe.port)
    }

    /// Record hashes of every batch the node exported, by record sequence.
    func nodeRecordHashes(_ dir: TemporaryDirectory, batches: Int) throws -> [UInt64: [UInt8]] {
        var hashes: [UInt64: [UInt8]] = [:]
        for number in 1...batches {
            let file = dir.file("batch-\(number).bin")
            _ = try eid(["node", "export-batch", "--node-dir", "node", "--batch", String(number), "--out", file], in: dir)
            let batch = try SignedBatch(decoding: [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))), hash: { SHA256.hash($0) })
            for (record, bytes) in zip(batch.records, batch.recordBytes) { hashes[record.sequence] = SHA256.hash(bytes) }
        }
        return hashes
    }

    @Test func aNodeReplicatesOneHundredEnrollmentsToCentralOverMutualTLS() throws {
        let dir = try TemporaryDirectory("replication-process")
        defer { dir.remove() }
        let port = try freePort()
        try Data("""
            {"authority": {"name": "test central", "host": "127.0.0.1", "port": \(port), "data_dir": "central", "pki_dir": "pki"},
             "nodes": [{"id": "quang-ninh-01", "code": "QN01", "province": "Quang Ninh", "kind": "office", "data_dir": "node"}]}
            """.utf8).write(to: URL(fileURLWithPath: dir.file("topology.json")))
        _ = try eid(["pki", "init", "--out", "pki"], in: dir)
        _ = try eid(["pki", "issue-node", "--node", "quang-ninh-01", "--out", "pki", "--ip", "127.0.0.1"], in: dir)
        _ = try eid(["node", "init", "--topology", "topology.json", "--node", "quang-ninh-01"], in: dir)
        _ = try eid(["synth", "applications", "--out", "apps", "--count", "100", "--seed", "11"], in: dir)
        let enrolled = try eid(["node", "enroll", "--node-dir", "node", "--from", "apps", "--quiet", "--commit-every", "50"], in: dir)
        #expect(enrolled.standardOutput.contains("100 received"))

        let central = try ChildProcess(EIDExecutable.path, ["central", "serve", "--topology", "topology.json"],
                                       currentDirectory: dir.path)
        var listening = false
        while let line = central.nextLine(timeout: 30) {
            if line.hasPrefix("central listening on 127.0.0.1:\(port)") { listening = true; break }
        }
        #expect(listening, "central did not start: \(central.standardError)")
        defer { central.kill(); central.waitForExit() }

        let sync = try eid(["node", "sync", "--once", "--node-dir", "node", "--max-records", "25", "--max-bytes", "4194304",
                            "--json"], in: dir)
        let report = try JSONSerialization.jsonObject(with: Data(sync.standardOutput.utf8)) as? [String: Int]
        #expect(report?["batches_sealed"] == 4)
        #expect(report?["batches_acknowledged"] == 4)
        #expect(report?["backlog"] == 0)

        // The stores agree record for record.
        let centralDB = try Database(path: dir.file("central/central.sqlite"))
        let centralHashes = Dictionary(uniqueKeysWithValues: try centralDB.rows(
            "SELECT seq, record_hash FROM record WHERE node_id = 'quang-ninh-01' ORDER BY seq").map {
            (UInt64(try $0.get("seq", as: Int64.self)), try $0.get("record_hash", as: [UInt8].self))
        })
        let nodeHashes = try nodeRecordHashes(dir, batches: 4)
        #expect(centralHashes.count == 100)
        #expect(Set(centralHashes.keys) == Set(1...100))
        let differing = (1...100).filter { centralHashes[UInt64($0)] != nodeHashes[UInt64($0)] }
        #expect(differing.isEmpty, "records that differ between node and central: \(differing)")

        // A decision goes down the feed over the same channel and shows at the node offline.
        let first = try eid(["node", "list", "--node-dir", "node", "--limit", "1", "--json"], in: dir)
        let receipt = try #require(((try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [[String: Any]])?.first?["receipt_number"]) as? String)
        _ = try eid(["central", "event", "--topology", "topology.json", "--receipt", receipt, "--kind", "rejected",
                     "--reason", "no record in the national immigration database"], in: dir)

        // `eid node run` picks the event up and new enrollments too, then stops cleanly on SIGTERM.
        _ = try eid(["synth", "applications", "--out", "more", "--count", "3", "--seed", "12", "--start", "500"], in: dir)
        _ = try eid(["node", "enroll", "--node-dir", "node", "--from", "more", "--quiet"], in: dir)
        let runner = try ChildProcess(EIDExecutable.path, ["node", "run", "--node-dir", "node", "--interval", "1"],
                                      currentDirectory: dir.path)
        var statusLine: String?
        while let line = runner.nextLine(timeout: 30) {
            if line.hasPrefix("backlog 0 · last contact") { statusLine = line; break }
        }
        #expect(statusLine?.contains("next try in") == true, "no status line from node run: \(runner.outputLines)")
        runner.kill(SIGTERM)
        #expect(runner.waitForExit() == 0)
        #expect(runner.outputLines.last?.hasPrefix("node sync stopped") == true)
        #expect(runner.outputLines.contains { $0.contains("1 event(s) applied") })

        let shown = try eid(["node", "show", "--node-dir", "node", receipt], in: dir)
        #expect(shown.standardOutput.contains("Decision     rejected: no record in the national immigration database"))
        #expect(try centralDB.scalar("SELECT count(*) FROM record", as: Int.self) == 103)

        let status = try eid(["central", "status", "--topology", "topology.json", "--json"], in: dir)
        #expect(status.standardOutput.contains("\"audit_chain_verified\" : true"))

        central.kill(SIGTERM)
        #expect(central.waitForExit() == 0)
        #expect(central.outputLines.last == "central stopped")
    }
}
