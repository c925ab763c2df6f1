import Foundation
import Testing
import EIDStorage
import EIDTestSupport

/// Replication over a link that corrupts what it carries: the stores still agree
/// exactly. (Kills of either side and cuts at scale: ReplicationScaleTests.)
@Suite(.serialized) struct ReplicationFaultTests {
    /// A link that cuts connections every 64 KiB on average and flips bits: TLS turns
    /// every flip into a dropped connection, the node resumes each cut upload from
    /// central's persisted offset, and what arrives is exactly what the node sent.
    @Test func aCuttingBitFlippingLinkStillDeliversEveryRecordExactlyOnce() throws {
        let deployment = try ReplicationDeployment("replication-faults", enrollments: 25, seed: 31, throughProxy: true)
        let central = try deployment.startCentral()
        defer { central.kill(SIGTERM); central.waitForExit() }
        let proxy = try deployment.startProxy(["--seed", "5", "--cut-every", "64K", "--flip-every", "400K"])
        let sync = try deployment.eid(["node", "sync", "--node-dir", deployment.node.folder, "--timeout", "120",
                                       "--max-records", "5", "--json"])
        let totals = deployment.stopProxy(proxy)
        #expect(deployment.json(sync)?["backlog"] as? Int == 0, "\(sync.standardError)")
        #expect(sync.standardError.contains("sync failed"), "the link should have failed some rounds")
        #expect((totals["connections_cut"] ?? 0) > 0 && (totals["bits_flipped"] ?? 0) > 0, "\(totals)")
        try deployment.expectStoresAgree(deployment.node, records: 25)
        print("fault link: \(totals)")
    }
}
