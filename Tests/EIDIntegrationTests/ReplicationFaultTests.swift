import Foundation
import Testing
import EIDStorage
import EIDTestSupport

/// Replication over links and processes that fail: the stores still agree exactly.
@Suite(.serialized) struct ReplicationFaultTests {
    /// Central and the node killed with SIGKILL at fixed moments while they replicate
    /// (through a 400 KB/s link, so the kills land while batches are in flight):
    /// afterwards every record is at central exactly once, equal to the node's, every
    /// receipt the node holds is one central issued and kept, and both files are intact.
    @Test func killingEitherSideMidSyncLosesAndDuplicatesNothing() throws {
        let deployment = try ReplicationDeployment("replication-crash", nodeID: "khanh-hoa-01", code: "KH01",
                                                   enrollments: 60, seed: 21, throughProxy: true)
        let proxy = try deployment.startProxy(["--bandwidth", "400K"])
        defer { proxy.kill(SIGTERM); proxy.waitForExit() }

        // Kill moments (seconds after the node starts): from the first request to the middle of the backlog.
        for (round, delay) in [0.1, 0.9, 0.5, 1.2, 0.3, 0.8].enumerated() {
            let central = try deployment.startCentral()
            let node = try ChildProcess(EIDExecutable.path, ["node", "run", "--node-dir", "node", "--interval", "0.2",
                                                             "--max-records", "3"], currentDirectory: deployment.dir.path)
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
        let before = try Database(path: deployment.centralDatabase).scalar("SELECT count(*) FROM batch", as: Int.self) ?? 0
        print("replication crash test: \(before) of 20 batch(es) accepted during the killed rounds")
        #expect(before < 20, "the kills should interrupt the replication, not follow it")

        let central = try deployment.startCentral()
        defer { central.kill(SIGTERM); central.waitForExit() }
        let final = try deployment.eid(["node", "sync", "--node-dir", "node", "--timeout", "60", "--json"])
        #expect(deployment.json(final)?["backlog"] as? Int == 0)
        try deployment.expectStoresAgree(records: 60)
        let status = try deployment.eid(["central", "status", "--topology", "topology.json"])
        #expect(status.standardOutput.contains("hash chain verified"), "\(status.standardOutput)")
    }

    /// A link that cuts connections every 64 KiB on average and flips bits: TLS turns
    /// every flip into a dropped connection, the node resumes each cut upload from
    /// central's persisted offset, and what arrives is exactly what the node sent.
    @Test func aCuttingBitFlippingLinkStillDeliversEveryRecordExactlyOnce() throws {
        let deployment = try ReplicationDeployment("replication-faults", enrollments: 25, seed: 31, throughProxy: true)
        let central = try deployment.startCentral()
        defer { central.kill(SIGTERM); central.waitForExit() }
        let proxy = try deployment.startProxy(["--seed", "5", "--cut-every", "64K", "--flip-every", "400K"])
        let sync = try deployment.eid(["node", "sync", "--node-dir", "node", "--timeout", "120", "--max-records", "5", "--json"])
        proxy.kill(SIGTERM)
        proxy.waitForExit()
        #expect(deployment.json(sync)?["backlog"] as? Int == 0, "\(sync.standardError)")
        #expect(sync.standardError.contains("sync failed"), "the link should have failed some rounds")
        try deployment.expectStoresAgree(records: 25)
        let totals = proxy.outputLines.last { $0.hasPrefix("totals:") } ?? ""
        #expect(!totals.isEmpty)
        print("fault link: \(totals)")
    }
}
