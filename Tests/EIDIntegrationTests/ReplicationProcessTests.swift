import Foundation
import Testing
import EIDTestSupport

/// Real processes over real mutual TLS on loopback: `eid central serve` and one node
/// (`eid node sync`, `eid node run`), 100 synthetic enrollments, stores compared.
@Suite(.serialized) struct ReplicationProcessTests {
    @Test func aNodeReplicatesOneHundredEnrollmentsToCentralOverMutualTLS() throws {
        let deployment = try ReplicationDeployment("replication-process", enrollments: 100, seed: 11)
        let central = try deployment.startCentral()
        defer { central.kill(); central.waitForExit() }

        let sync = try deployment.eid(["node", "sync", "--once", "--node-dir", deployment.node.folder, "--max-records", "25",
                                       "--max-bytes", "4194304", "--json"])
        let report = deployment.json(sync)
        #expect(report?["batches_sealed"] as? Int == 4)
        #expect(report?["batches_acknowledged"] as? Int == 4)
        #expect(report?["backlog"] as? Int == 0)
        // The stores agree record for record, and on every receipt.
        try deployment.expectStoresAgree(deployment.node, records: 100)

        // A decision goes down the feed over the same channel and shows at the node offline.
        let first = try deployment.eid(["node", "list", "--node-dir", deployment.node.folder, "--limit", "1", "--json"])
        let listed = try JSONSerialization.jsonObject(with: Data(first.standardOutput.utf8)) as? [[String: Any]]
        let receipt = try #require(listed?.first?["receipt_number"] as? String)
        try deployment.eid(["central", "event", "--topology", "topology.json", "--receipt", receipt, "--kind", "rejected",
                            "--reason", "no record in the national immigration database"])

        // `eid node run` picks the event up and new enrollments too, then stops cleanly on SIGTERM.
        try deployment.eid(["synth", "applications", "--out", "more", "--count", "3", "--seed", "12", "--start", "500"])
        try deployment.enroll(deployment.node, from: "more")
        let runner = try ChildProcess(EIDExecutable.path, ["node", "run", "--node-dir", deployment.node.folder, "--interval", "1"],
                                      currentDirectory: deployment.dir.path)
        var statusLine: String?
        while let line = runner.nextLine(timeout: 30) {
            if line.hasPrefix("backlog 0 · last contact") { statusLine = line; break }
        }
        #expect(statusLine?.contains("next try in") == true, "no status line from node run: \(runner.outputLines)")
        runner.kill(SIGTERM)
        #expect(runner.waitForExit() == 0)
        #expect(runner.outputLines.last?.hasPrefix("node sync stopped") == true)
        #expect(runner.outputLines.contains { $0.contains("1 event(s) applied") })

        let shown = try deployment.eid(["node", "show", "--node-dir", deployment.node.folder, receipt])
        #expect(shown.standardOutput.contains("Decision     rejected: no record in the national immigration database"))
        try deployment.expectStoresAgree(deployment.node, records: 103)

        let status = try deployment.eid(["central", "status", "--topology", "topology.json", "--json"])
        #expect(status.standardOutput.contains("\"audit_chain_verified\" : true"))

        central.kill(SIGTERM)
        #expect(central.waitForExit() == 0)
        #expect(central.outputLines.last == "central stopped")
    }
}
