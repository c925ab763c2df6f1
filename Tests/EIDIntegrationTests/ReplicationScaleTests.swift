import Foundation
import Testing
import EIDBiometrics
import EIDStorage
import EIDTestSupport

/// Replication at the issue's scale with real processes on loopback: 5,000
/// enrollments from two nodes (2,500 each) reach `eid central serve` exactly once
/// through a link that cuts most connections, through 20 SIGKILLs of central, and
/// through 20 SIGKILLs of each node; afterwards the stores agree record by record.
///
/// Kept bounded for a debug build on two cores: the applicants are made once per test
/// process (two `eid synth` processes, compact 1.6 KB portraits and two fingers, so a
/// record is ~5.6 KB instead of ~42 KB; intake checks them exactly like typical ones),
/// each test enrolls them afresh (a few seconds), batches are 25 records so there are
/// many batches and chunks to cut, and the suite runs its tests one at a time (side by
/// side they saved ~10 s of a 2-minute full run and slowed each other's kill phases
/// twofold). Each test prints how long it took.
@Suite(.serialized) struct ReplicationScaleTests {
    static let nodes = [(id: "quang-ninh-01", code: "QN01"), (id: "khanh-hoa-01", code: "KH01")]
    static let perNode = ScaleApplications.perNode
    /// 25 records (~140 KB) per batch, uploaded in requests of at most 32 KiB: many
    /// batches, many chunks, so kills and cuts land between and inside them.
    static let batchOptions = ["--max-records", "25", "--max-chunk", "32768"]

    /// A two-node deployment whose nodes dial a proxy port, each node holding its 2,500 enrollments.
    static func deployment(_ label: String) throws -> ReplicationDeployment {
        let folders = try ScaleApplications.get()
        let deployment = try ReplicationDeployment(label, nodes: nodes, throughProxy: true)
        // Both nodes enroll at once, like two offices on a campaign day.
        let enrollers = try zip(deployment.nodes, folders).map { node, folder in
            try deployment.start(["node", "enroll", "--node-dir", node.folder, "--from", folder, "--quiet", "--commit-every", "100"])
        }
        for enroller in enrollers {
            #expect(enroller.waitForExit() == 0, "enrollment failed: \(enroller.standardError)")
        }
        return deployment
    }

    /// Runs `eid node sync` for every node at once until each has no backlog (or `timeout`).
    static func syncAll(_ deployment: ReplicationDeployment, timeout: Int = 240) throws {
        let syncs = try deployment.nodes.map { node in
            try deployment.start(["node", "sync", "--node-dir", node.folder, "--timeout", String(timeout), "--json"] + batchOptions)
        }
        for (node, sync) in zip(deployment.nodes, syncs) {
            #expect(sync.waitForExit() == 0, "\(node.id): \(sync.standardError.suffix(2000))")
            let report = sync.outputLines.joined(separator: "\n")
            let backlog = (try? JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])?["backlog"] as? Int
            #expect(backlog == 0, "\(node.id) still has a backlog: \(report)")
        }
    }

    /// Every node's records at central exactly once, equal to the node's; the audit chain intact.
    static func expectEverythingAgrees(_ deployment: ReplicationDeployment) throws {
        for node in deployment.nodes { try deployment.expectStoresAgree(node, records: perNode) }
        try deployment.expectAuditChainVerified()
    }

    /// Records central holds for every node together, read from its file.
    static func centralRecordCount(_ deployment: ReplicationDeployment) -> Int {
        (try? Database(path: deployment.centralDatabase).scalar("SELECT count(*) FROM record", as: Int.self)) ?? -1
    }

    /// Partial uploads central holds (batches cut between two chunks).
    static func centralPartialUploads(_ deployment: ReplicationDeployment) -> Int {
        (try? Database(path: deployment.centralDatabase).scalar("SELECT count(*) FROM upload", as: Int.self)) ?? -1
    }

    @Test func fiveThousandEnrollmentsCrossALinkThatCutsMostConnections() throws {
        let started = Date()
        let deployment = try Self.deployment("scale-cuts")
        let central = try deployment.startCentral()
        defer { central.kill(SIGTERM); central.waitForExit() }
        // A cut every 256 KiB on average (both directions counted), at seeded byte offsets.
        let proxy = try deployment.startProxy(["--seed", "2026", "--cut-every", "256K"])
        try Self.syncAll(deployment)
        let totals = deployment.stopProxy(proxy)
        let accepted = totals["connections_accepted"] ?? 0, cut = totals["connections_cut"] ?? 0
        let fraction = accepted > 0 ? Double(cut) / Double(accepted) : 0
        #expect(fraction >= 0.3, "only \(cut) of \(accepted) connections were cut")
        try Self.expectEverythingAgrees(deployment)
        print("scale, cutting link: \(cut) of \(accepted) connections cut mid-transfer (\(Int(fraction * 100))%), "
              + "\(totals["upstream_bytes_received"] ?? 0) bytes sent upstream; "
              + "\(2 * Self.perNode) records exactly once; \(Int(Date().timeIntervalSince(started))) s")
    }

    @Test func centralKilledTwentyTimesDuringUploadsLosesAndDuplicatesNothing() throws {
        let started = Date()
        let deployment = try Self.deployment("scale-kill-central")
        // A 400 KB/s link per connection keeps the uploads going through all the kills.
        var proxy = try deployment.startProxy(["--bandwidth", "400K"])
        let runners = try deployment.nodes.map { node in
            try deployment.start(["node", "run", "--node-dir", node.folder, "--interval", "0.2"] + Self.batchOptions)
        }
        var random = SplitMix64(seed: 20)
        var held: [Int] = []
        var killsWithPartialUploads = 0
        for _ in 0..<20 {
            let central = try deployment.startCentral()
            Thread.sleep(forTimeInterval: Double.random(in: 0.2...1.6, using: &random))
            central.kill(SIGKILL)
            central.waitForExit()
            #expect(central.wasKilledBySignal)
            held.append(Self.centralRecordCount(deployment))
            if Self.centralPartialUploads(deployment) > 0 { killsWithPartialUploads += 1 }
        }
        for runner in runners {
            runner.kill(SIGTERM)
            #expect(runner.waitForExit() == 0, "node run did not stop cleanly: \(runner.standardError.suffix(1000))")
        }
        // Every kill landed while uploads were still going: central held less than everything.
        #expect(held.allSatisfy { $0 >= 0 && $0 < 2 * Self.perNode }, "records held at each kill: \(held)")
        #expect(held.last ?? 0 > 0, "the nodes made no progress between the kills: \(held)")

        _ = deployment.stopProxy(proxy)
        proxy = try deployment.startProxy([])
        let central = try deployment.startCentral()
        defer { central.kill(SIGTERM); central.waitForExit() }
        try Self.syncAll(deployment)
        _ = deployment.stopProxy(proxy)
        try Self.expectEverythingAgrees(deployment)
        print("scale, central killed 20 times (\(killsWithPartialUploads) with a partial upload held): records held at each kill \(held); "
              + "\(Int(Date().timeIntervalSince(started))) s")
    }

    @Test func eachNodeKilledTwentyTimesDuringUploadsLosesAndDuplicatesNothing() throws {
        let started = Date()
        let deployment = try Self.deployment("scale-kill-nodes")
        let central = try deployment.startCentral()
        defer { central.kill(SIGTERM); central.waitForExit() }
        var proxy = try deployment.startProxy(["--bandwidth", "400K"])
        var random = SplitMix64(seed: 21)
        var kills = 0
        var held: [Int] = []
        for _ in 0..<20 {
            // Both nodes run; each is killed at its own random moment.
            let runners = try deployment.nodes.map { node in
                try deployment.start(["node", "run", "--node-dir", node.folder, "--interval", "0.2"] + Self.batchOptions)
            }
            let moments = runners.map { _ in Double.random(in: 0.3...1.8, using: &random) }
            let order = moments.indices.sorted { moments[$0] < moments[$1] }
            var elapsed = 0.0
            for index in order {
                Thread.sleep(forTimeInterval: moments[index] - elapsed)
                elapsed = moments[index]
                runners[index].kill(SIGKILL)
            }
            for runner in runners {
                runner.waitForExit()
                #expect(runner.wasKilledBySignal)
                kills += 1
            }
            held.append(Self.centralRecordCount(deployment))
        }
        #expect(kills == 40)
        #expect(held.allSatisfy { $0 >= 0 && $0 < 2 * Self.perNode }, "records held at each kill: \(held)")
        #expect(held.last ?? 0 > 0, "the nodes made no progress between the kills: \(held)")

        _ = deployment.stopProxy(proxy)
        proxy = try deployment.startProxy([])
        try Self.syncAll(deployment)
        _ = deployment.stopProxy(proxy)
        try Self.expectEverythingAgrees(deployment)
        print("scale, nodes killed \(kills) times: records held after each round \(held); \(Int(Date().timeIntervalSince(started))) s")
    }
}

/// 2 × 2,500 synthetic applicants with compact portraits and two fingers, made once per
/// test process by two `eid synth applications` processes in parallel (deleted at exit).
enum ScaleApplications {
    static let perNode = 2_500
    static let folder = NSTemporaryDirectory() + "eid-test-scale-applications-\(getpid())"

    static let made: Result<[String], DeploymentError> = {
        atexit { try? FileManager.default.removeItem(atPath: ScaleApplications.folder) }
        let started = Date()
        let folders = ["a", "b"].map { folder + "/" + $0 }
        let processes = folders.enumerated().map { index, out -> ChildProcess? in
            try? ChildProcess(EIDExecutable.path, ["synth", "applications", "--out", out, "--count", String(perNode),
                                                   "--seed", String(7 + index), "--start", String(index * perNode),
                                                   "--fingers", "2", "--portrait", "compact"])
        }
        for process in processes {
            guard let process, process.waitForExit() == 0 else {
                return .failure(DeploymentError("eid synth applications failed: \(processes.compactMap { $0?.standardError })"))
            }
        }
        print("scale applications: \(2 * perNode) made in \(Int(Date().timeIntervalSince(started))) s")
        return .success(folders)
    }()

    static func get() throws -> [String] { try made.get() }
}
