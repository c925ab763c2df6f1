import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDNet
import EIDStorage
import EIDTestSupport

/// Central and the node killed with SIGKILL at seeded moments while they replicate:
/// afterwards every record is at central exactly once, equal to the node's, every
/// receipt the node holds is one central issued and kept, and both files are intact.
@Suite(.serialized) struct ReplicationCrashTests {
    @Test func killingEitherSideMidSyncLosesAndDuplicatesNothing() throws {
        let dir = try TemporaryDirectory("replication-crash")
        defer { dir.remove() }
        let probes = [try TCPListener(host: "127.0.0.1", port: 0), try TCPListener(host: "127.0.0.1", port: 0)]
        let port = Int(probes[0].port), proxyPort = Int(probes[1].port)
        probes.forEach { $0.close() }
        // The node reaches central through a 400 KB/s link, so the kills land while batches are in flight.
        try Data("""
            {"authority": {"name": "crash central", "host": "127.0.0.1", "port": \(port), "data_dir": "central", "pki_dir": "pki"},
             "nodes": [{"id": "khanh-hoa-01", "code": "KH01", "province": "Khanh Hoa", "kind": "office", "data_dir": "node",
                        "central_address": "127.0.0.1:\(proxyPort)"}]}
            """.utf8).write(to: URL(fileURLWithPath: dir.file("topology.json")))
        func eid(_ arguments: [String]) throws -> CommandResult {
            try CommandRunner.run(EIDExecutable.path, arguments, currentDirectory: dir.path)
        }
        for step in [["pki", "init", "--out", "pki"], ["pki", "issue-node", "--node", "khanh-hoa-01", "--out", "pki", "--ip", "127.0.0.1"],
                     ["node", "init", "--topology", "topology.json", "--node", "khanh-hoa-01"],
                     ["synth", "applications", "--out", "apps", "--count", "60", "--seed", "21"],
                     ["node", "enroll", "--node-dir", "node", "--from", "apps", "--quiet", "--commit-every", "20"]] {
            let result = try eid(step)
            #expect(result.status == 0, "\(step): \(result.standardError)")
        }

        func startCentral() throws -> ChildProcess {
            let central = try ChildProcess(EIDExecutable.path, ["central", "serve", "--topology", "topology.json"],
                                           currentDirectory: dir.path)
            while let line = central.nextLine(timeout: 30), !line.hasPrefix("central listening") {}
            return central
        }

        let proxy = try ChildProcess(EIDExecutable.path, ["chaos", "proxy", "--listen", String(proxyPort),
                                                          "--to", "127.0.0.1:\(port)", "--bandwidth", "400K"],
                                     currentDirectory: dir.path)
        defer { proxy.kill(SIGTERM); proxy.waitForExit() }
        while let line = proxy.nextLine(timeout: 30), !line.hasPrefix("fault proxy listening") {}

        // Kill moments (seconds after the node starts): from the first request to the middle of the backlog.
        let delays = [0.1, 0.9, 0.5, 1.2, 0.3, 0.8]
        for (round, delay) in delays.enumerated() {
            let central = try startCentral()
            let node = try ChildProcess(EIDExecutable.path, ["node", "run", "--node-dir", "node", "--interval", "0.2",
                                                             "--max-records", "3"], currentDirectory: dir.path)
            Thread.sleep(forTimeInterval: delay)
            // Even rounds kill central, odd rounds the node; the other is stopped normally.
            let victim = round % 2 == 0 ? central : node
            victim.kill(SIGKILL)
            victim.waitForExit()
            #expect(victim.wasKilledBySignal)
            for survivor in [central, node] where survivor !== victim {
                survivor.kill(SIGTERM)
                survivor.waitForExit()
            }
        }

        let before = try Database(path: dir.file("central/central.sqlite"))
            .scalar("SELECT count(*) FROM batch", as: Int.self) ?? 0
        print("replication crash test: \(before) batch(es) accepted during the killed rounds")
        #expect(before < 20, "the kills should interrupt the replication, not follow it")
        let central = try startCentral()
        defer { central.kill(SIGTERM); central.waitForExit() }
        let final = try eid(["node", "sync", "--node-dir", "node", "--timeout", "60", "--json"])
        #expect(final.status == 0, "final sync: \(final.standardError)")
        let report = try JSONSerialization.jsonObject(with: Data(final.standardOutput.utf8)) as? [String: Int]
        #expect(report?["backlog"] == 0)

        let centralDB = try Database(path: dir.file("central/central.sqlite"))
        #expect(try centralDB.scalar("PRAGMA integrity_check", as: String.self) == "ok")
        let records = try centralDB.rows("SELECT seq, bytes, record_hash FROM record WHERE node_id = 'khanh-hoa-01' ORDER BY seq")
        #expect(records.count == 60, "every record exactly once (UNIQUE(node, seq) forbids a second copy)")
        #expect(try records.map { UInt64(try $0.get("seq", as: Int64.self)) } == Array(1...60))

        // Node side: every batch acknowledged, its receipt the one central keeps, its records central's.
        let nodeDB = try Database(path: dir.file("node/node.sqlite"))
        #expect(try nodeDB.scalar("PRAGMA integrity_check", as: String.self) == "ok")
        let batches = try nodeDB.rows("SELECT batch_seq, receipt, acknowledged_at FROM batch ORDER BY batch_seq")
        #expect(!batches.isEmpty)
        var recordIndex = 0
        for row in batches {
            let sequence = try row.get("batch_seq", as: Int64.self)
            #expect(try row.get("acknowledged_at", as: String?.self) != nil, "batch \(sequence) not acknowledged")
            let held = try centralDB.scalar("SELECT receipt FROM batch WHERE node_id = 'khanh-hoa-01' AND batch_seq = ?", [sequence],
                                            as: [UInt8].self)
            #expect(try row.get("receipt", as: [UInt8]?.self) == held, "batch \(sequence): the node's receipt is not central's")
            let file = dir.file("export-\(sequence).bin")
            #expect(try eid(["node", "export-batch", "--node-dir", "node", "--batch", String(sequence), "--out", file]).status == 0)
            let batch = try SignedBatch(decoding: [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))), hash: { SHA256.hash($0) })
            for bytes in batch.recordBytes {
                #expect(try records[recordIndex].get("bytes", as: [UInt8].self) == bytes)
                recordIndex += 1
            }
        }
        #expect(recordIndex == 60)
        let audit = try eid(["central", "status", "--topology", "topology.json"])
        #expect(audit.standardOutput.contains("hash chain verified"), "\(audit.standardOutput)")
    }
}
