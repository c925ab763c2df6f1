import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDNet
import EIDStorage
import EIDTestSupport

/// A one-node deployment in a temporary folder for the real-process replication
/// tests: topology on free loopback ports, PKI, an initialised node with synthetic
/// enrollments, and helpers to run central, a fault proxy and `eid` commands.
final class ReplicationDeployment {
    let dir: TemporaryDirectory
    let nodeID: String
    let port: Int
    /// Where the node dials central: central itself, or a proxy in front of it.
    let nodeDialPort: Int

    init(_ label: String, nodeID: String = "quang-ninh-01", code: String = "QN01", enrollments: Int, seed: Int,
         throughProxy: Bool = false) throws {
        dir = try TemporaryDirectory(label)
        self.nodeID = nodeID
        let probes = [try TCPListener(host: "127.0.0.1", port: 0), try TCPListener(host: "127.0.0.1", port: 0)]
        port = Int(probes[0].port)
        nodeDialPort = throughProxy ? Int(probes[1].port) : port
        probes.forEach { $0.close() }
        try Data("""
            {"authority": {"name": "test central", "host": "127.0.0.1", "port": \(port), "data_dir": "central", "pki_dir": "pki"},
             "nodes": [{"id": "\(nodeID)", "code": "\(code)", "province": "Test", "kind": "office", "data_dir": "node",
                        "central_address": "127.0.0.1:\(nodeDialPort)"}]}
            """.utf8).write(to: URL(fileURLWithPath: dir.file("topology.json")))
        for step in [["pki", "init", "--out", "pki"], ["pki", "issue-node", "--node", nodeID, "--out", "pki", "--ip", "127.0.0.1"],
                     ["node", "init", "--topology", "topology.json", "--node", nodeID],
                     ["synth", "applications", "--out", "apps", "--count", String(enrollments), "--seed", String(seed)],
                     ["node", "enroll", "--node-dir", "node", "--from", "apps", "--quiet", "--commit-every", "50"]] {
            try eid(step)
        }
    }

    deinit { dir.remove() }

    /// Runs `eid` in the deployment folder; records an issue when it fails (unless `allowFailure`).
    @discardableResult
    func eid(_ arguments: [String], allowFailure: Bool = false) throws -> CommandResult {
        let result = try CommandRunner.run(EIDExecutable.path, arguments, currentDirectory: dir.path)
        if result.status != 0 && !allowFailure {
            Issue.record("eid \(arguments.joined(separator: " ")) exited \(result.status): \(result.standardError)")
        }
        return result
    }

    /// `eid central serve`, once it listens.
    func startCentral() throws -> ChildProcess {
        let central = try ChildProcess(EIDExecutable.path, ["central", "serve", "--topology", "topology.json"],
                                       currentDirectory: dir.path)
        var listening = false
        while let line = central.nextLine(timeout: 30) {
            if line.hasPrefix("central listening on 127.0.0.1:\(port)") { listening = true; break }
        }
        #expect(listening, "central did not start: \(central.standardError)")
        return central
    }

    /// `eid chaos proxy` from the node's dial port to central, with `faults` (CLI options), once it listens.
    func startProxy(_ faults: [String]) throws -> ChildProcess {
        let proxy = try ChildProcess(EIDExecutable.path, ["chaos", "proxy", "--listen", String(nodeDialPort),
                                                          "--to", "127.0.0.1:\(port)"] + faults,
                                     currentDirectory: dir.path)
        while let line = proxy.nextLine(timeout: 30), !line.hasPrefix("fault proxy listening") {}
        return proxy
    }

    /// The JSON object a `--json` command printed.
    func json(_ result: CommandResult) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))) as? [String: Any]
    }

    var centralDatabase: String { dir.file("central/central.sqlite") }
    var nodeDatabase: String { dir.file("node/node.sqlite") }

    /// Checks that central holds every one of the node's `expected` records exactly once,
    /// byte for byte as the node's exported batches carry them, and that every receipt the
    /// node keeps is the one central keeps.
    func expectStoresAgree(records expected: Int) throws {
        let central = try Database(path: centralDatabase)
        #expect(try central.scalar("PRAGMA integrity_check", as: String.self) == "ok")
        let rows = try central.rows("SELECT seq, bytes FROM record WHERE node_id = ? ORDER BY seq", [nodeID])
        #expect(try rows.map { UInt64(try $0.get("seq", as: Int64.self)) } == Array(1...UInt64(expected)),
                "every record exactly once (UNIQUE(node, seq) forbids a second copy)")
        let node = try Database(path: nodeDatabase)
        #expect(try node.scalar("PRAGMA integrity_check", as: String.self) == "ok")
        var index = 0
        for batch in try node.rows("SELECT batch_seq, receipt, acknowledged_at FROM batch ORDER BY batch_seq") {
            let sequence = try batch.get("batch_seq", as: Int64.self)
            #expect(try batch.get("acknowledged_at", as: String?.self) != nil, "batch \(sequence) not acknowledged")
            let held = try central.scalar("SELECT receipt FROM batch WHERE node_id = ? AND batch_seq = ?", [nodeID, sequence],
                                          as: [UInt8].self)
            #expect(try batch.get("receipt", as: [UInt8]?.self) == held, "batch \(sequence): the node's receipt is not central's")
            let file = dir.file("export-\(sequence).bin")
            try eid(["node", "export-batch", "--node-dir", "node", "--batch", String(sequence), "--out", file])
            let signed = try SignedBatch(decoding: [UInt8](try Data(contentsOf: URL(fileURLWithPath: file))), hash: { SHA256.hash($0) })
            for bytes in signed.recordBytes {
                guard index < rows.count else { Issue.record("the node holds more records than central"); return }
                #expect(try rows[index].get("bytes", as: [UInt8].self) == bytes, "record \(index + 1) differs")
                index += 1
            }
        }
        #expect(index == expected)
    }
}
