import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDNet
import EIDStorage
import EIDTestSupport

/// A deployment in a temporary folder for the real-process replication tests:
/// topology on free loopback ports, PKI, one or more initialised nodes, and helpers to
/// enroll, run central, a fault proxy and `eid` commands, and compare the stores.
final class ReplicationDeployment {
    struct Node: Sendable {
        let id: String
        let code: String
        /// The node's folder, relative to the deployment.
        var folder: String { "nodes/\(id)" }
    }

    let dir: TemporaryDirectory
    let nodes: [Node]
    let port: Int
    /// Where the nodes dial central: central itself, or a proxy in front of it.
    let nodeDialPort: Int

    /// The first node (the only one in single-node tests).
    var node: Node { nodes[0] }
    var nodeID: String { node.id }

    /// PKI and initialised nodes, no enrollments yet.
    init(_ label: String, nodes: [(id: String, code: String)] = [("quang-ninh-01", "QN01")], throughProxy: Bool = false) throws {
        dir = try TemporaryDirectory(label)
        self.nodes = nodes.map { Node(id: $0.id, code: $0.code) }
        let probes = [try TCPListener(host: "127.0.0.1", port: 0), try TCPListener(host: "127.0.0.1", port: 0)]
        port = Int(probes[0].port)
        nodeDialPort = throughProxy ? Int(probes[1].port) : port
        probes.forEach { $0.close() }
        let entries = self.nodes.map { node in
            """
            {"id": "\(node.id)", "code": "\(node.code)", "province": "Test", "kind": "office", "data_dir": "\(node.folder)",
             "central_address": "127.0.0.1:\(nodeDialPort)"}
            """
        }
        try Data("""
            {"authority": {"name": "test central", "host": "127.0.0.1", "port": \(port), "data_dir": "central", "pki_dir": "pki"},
             "nodes": [\(entries.joined(separator: ", "))]}
            """.utf8).write(to: URL(fileURLWithPath: dir.file("topology.json")))
        try eid(["pki", "init", "--out", "pki"])
        for node in self.nodes {
            try eid(["pki", "issue-node", "--node", node.id, "--out", "pki", "--ip", "127.0.0.1"])
            try eid(["node", "init", "--topology", "topology.json", "--node", node.id])
        }
    }

    /// One node with `enrollments` synthetic applicants enrolled.
    convenience init(_ label: String, nodeID: String = "quang-ninh-01", code: String = "QN01", enrollments: Int, seed: Int,
                     throughProxy: Bool = false) throws {
        try self.init(label, nodes: [(nodeID, code)], throughProxy: throughProxy)
        try eid(["synth", "applications", "--out", "apps", "--count", String(enrollments), "--seed", String(seed)])
        try enroll(node, from: "apps")
    }

    deinit { dir.remove() }

    /// `eid node enroll --from folder` at `node` (50 per commit).
    func enroll(_ node: Node, from folder: String) throws {
        try eid(["node", "enroll", "--node-dir", node.folder, "--from", folder, "--quiet", "--commit-every", "50"])
    }

    /// Runs `eid` in the deployment folder; records an issue when it fails (unless `allowFailure`).
    @discardableResult
    func eid(_ arguments: [String], allowFailure: Bool = false) throws -> CommandResult {
        let result = try CommandRunner.run(EIDExecutable.path, arguments, currentDirectory: dir.path)
        if result.status != 0 && !allowFailure {
            Issue.record("eid \(arguments.joined(separator: " ")) exited \(result.status): \(result.standardError)")
        }
        return result
    }

    /// Starts `eid ARGUMENTS` in the deployment folder without waiting.
    func start(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(EIDExecutable.path, arguments, currentDirectory: dir.path)
    }

    /// `eid central serve`, once it listens.
    func startCentral() throws -> ChildProcess {
        let central = try start(["central", "serve", "--topology", "topology.json"])
        var listening = false
        while let line = central.nextLine(timeout: 30) {
            if line.hasPrefix("central listening on 127.0.0.1:\(port)") { listening = true; break }
        }
        #expect(listening, "central did not start: \(central.standardError)")
        return central
    }

    /// `eid chaos proxy --json` from the nodes' dial port to central, with `faults` (CLI options), once it listens.
    func startProxy(_ faults: [String]) throws -> ChildProcess {
        let proxy = try start(["chaos", "proxy", "--listen", String(nodeDialPort), "--to", "127.0.0.1:\(port)", "--json"] + faults)
        while let line = proxy.nextLine(timeout: 30), !line.hasPrefix("fault proxy listening") {}
        return proxy
    }

    /// Stops a proxy and returns its totals.
    func stopProxy(_ proxy: ChildProcess) -> [String: Int] {
        proxy.kill(SIGTERM)
        proxy.waitForExit()
        guard let line = proxy.outputLines.last(where: { $0.hasPrefix("{") }),
              let totals = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Int] else {
            Issue.record("the proxy printed no totals: \(proxy.outputLines.suffix(3))")
            return [:]
        }
        return totals
    }

    /// The JSON object a `--json` command printed.
    func json(_ result: CommandResult) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))) as? [String: Any]
    }

    var centralDatabase: String { dir.file("central/central.sqlite") }
    func database(_ node: Node) -> String { dir.file(node.folder + "/node.sqlite") }

    /// Checks, reading both SQLite files, that central holds exactly `expected` records
    /// of `node`, each exactly once (sequences 1...expected) and byte for byte the
    /// node's log record, with equal SHA-256 hashes (each recomputed from the bytes);
    /// that every batch is acknowledged at the node with the very receipt central keeps;
    /// that both files pass `PRAGMA integrity_check`; and that `eid node digest` and
    /// `eid central digest` print the same line.
    func expectStoresAgree(_ node: Node, records expected: Int) throws {
        let central = try Database(path: centralDatabase)
        let nodeStore = try Database(path: database(node))
        for db in [central, nodeStore] {
            #expect(try db.scalar("PRAGMA integrity_check", as: String.self) == "ok")
        }
        let held = try central.rows("SELECT seq, record_hash, bytes FROM record WHERE node_id = ? ORDER BY seq", [node.id])
        let log = try nodeStore.rows("SELECT seq, record_hash, record FROM log_record ORDER BY seq")
        #expect(log.count == expected, "\(node.id) holds \(log.count) records, expected \(expected)")
        #expect(held.count == expected, "central holds \(held.count) records of \(node.id), expected \(expected)")
        var differing: [Int64] = []
        for (index, (ours, theirs)) in zip(log, held).enumerated() {
            let sequence = try ours.get("seq", as: Int64.self)
            let bytes = try ours.get("record", as: [UInt8].self)
            let hash = try ours.get("record_hash", as: [UInt8].self)
            guard sequence == Int64(index + 1), try theirs.get("seq", as: Int64.self) == sequence,
                  SHA256.hash(bytes) == hash, try theirs.get("record_hash", as: [UInt8].self) == hash,
                  try theirs.get("bytes", as: [UInt8].self) == bytes else {
                differing.append(sequence)
                continue
            }
        }
        #expect(differing.isEmpty, "\(node.id): \(differing.count) record(s) differ, first \(differing.prefix(5))")

        let batches = try nodeStore.rows("SELECT batch_seq, batch_hash, receipt, acknowledged_at FROM batch ORDER BY batch_seq")
        let accepted = try central.rows("SELECT batch_seq, batch_hash, receipt FROM batch WHERE node_id = ? ORDER BY batch_seq",
                                        [node.id])
        #expect(batches.count == accepted.count, "\(node.id): \(batches.count) batches at the node, \(accepted.count) at central")
        for (ours, theirs) in zip(batches, accepted) {
            let sequence = try ours.get("batch_seq", as: Int64.self)
            #expect(try ours.get("acknowledged_at", as: String?.self) != nil, "\(node.id) batch \(sequence) not acknowledged")
            #expect(try theirs.get("batch_seq", as: Int64.self) == sequence)
            #expect(try theirs.get("batch_hash", as: [UInt8].self) == ours.get("batch_hash", as: [UInt8].self))
            #expect(try ours.get("receipt", as: [UInt8]?.self) == theirs.get("receipt", as: [UInt8].self),
                    "\(node.id) batch \(sequence): the node's receipt is not central's")
        }
        // The log digest, computed here from the node's bytes (PROTOCOL.md 1.11), is what both commands print.
        var hashes: [UInt8] = []
        for row in log { hashes += SHA256.hash(try row.get("record", as: [UInt8].self)) }
        let digest = Hex.encode(SHA256.hash(hashes))
        let nodeLine = try eid(["node", "digest", "--node-dir", node.folder]).standardOutput
        let centralLine = try eid(["central", "digest", "--topology", "topology.json", "--node", node.id]).standardOutput
        #expect(nodeLine == centralLine && nodeLine.hasPrefix("\(node.id): ") && nodeLine.contains("log digest \(digest)"),
                "node: \(nodeLine) central: \(centralLine) expected digest \(digest)")
    }

    /// `eid central status --json` reports the audit log's hash chain intact.
    func expectAuditChainVerified() throws {
        let status = try eid(["central", "status", "--topology", "topology.json", "--json"])
        #expect(json(status)?["audit_chain_verified"] as? Bool == true, "\(status.standardOutput)")
    }
}
