import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDStorage
import EIDTestSupport

/// A bulk `eid node enroll` killed with SIGKILL at random moments, again and again,
/// each restart resuming the same folder: no enrollment it acknowledged is lost, none
/// is half there, none is there twice.
@Suite(.serialized) struct NodeCrashSafetyTests {
    /// Seeded, so a failure can be replayed (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    }

    struct Acknowledged {
        let folder: String
        let receipt: String
        let sequence: Int
        let passport: String
    }

    @Test func killedBulkEnrollmentsLoseNothingAcknowledgedAndLeaveNoHalves() throws {
        let deployment = try NodeDeployment("node-kill")
        defer { deployment.remove() }
        let total = 240
        let applications = try SharedApplications.subset(total, in: deployment.directory)
        var random = Random(state: 20_260_701)
        var acknowledged: [String: Acknowledged] = [:]
        var kills = 0
        var runs = 0

        func collect(_ line: String) {
            guard let object = jsonLines(line).first, object["outcome"] as? String == "received",
                  let receipt = object["receipt_number"] as? String, let folder = object["folder"] as? String,
                  let sequence = (object["sequence"] as? String).flatMap(Int.init),
                  let passport = object["passport_number"] as? String else { return }
            acknowledged[receipt] = Acknowledged(folder: folder, receipt: receipt, sequence: sequence, passport: passport)
        }

        while kills < 24 {
            runs += 1
            // Vary the group size so kills land in single and grouped commits.
            let commitEvery = [1, 1, 3, 8][random.below(4)]
            let child = try ChildProcess(EIDExecutable.path, ["node", "enroll", "--node-dir", deployment.nodeFolder,
                                                              "--from", applications, "--json", "--quiet",
                                                              "--commit-every", String(commitEvery)])
            // Wait for a random number of acknowledgements (0: kill during start-up or the
            // first transaction), then a random few milliseconds more, then SIGKILL.
            let wanted = random.below(9)
            var seen = 0
            var finished = false
            while seen < wanted {
                guard let line = child.nextLine(timeout: 60) else { finished = true; break }
                collect(line)
                if line.contains("\"received\"") { seen += 1 }
            }
            if !finished {
                usleep(UInt32(random.below(4000)))
                child.kill()
            }
            let status = child.waitForExit()
            for line in child.outputLines { collect(line) }
            if child.wasKilledBySignal {
                kills += 1
            } else {
                #expect(status == 0, "enroll failed on its own: \(child.standardError)")
                break
            }
        }
        #expect(kills >= 20, "only \(kills) kills before the folder was done; make the set larger")

        // A last run completes the folder.
        let last = try CommandRunner.eid(["node", "enroll", "--node-dir", deployment.nodeFolder, "--from", applications,
                                          "--json", "--quiet"])
        #expect(last.status == 0, "\(last.standardError)")
        let killedRunsAcknowledged = acknowledged.count
        let outcomes = jsonLines(last.standardOutput)
        for line in last.standardOutput.split(separator: "\n") { collect(String(line)) }
        // The last run accounts for every folder: received now, or already enrolled before.
        #expect(outcomes.count == total)
        #expect(outcomes.allSatisfy { ["received", "already_enrolled"].contains($0["outcome"] as? String ?? "") })
        // Committed by a killed run but never printed: stored, reported as already enrolled.
        let committedUnacknowledged = total - acknowledged.count

        try checkStore(deployment, applications: applications, total: total, acknowledged: Array(acknowledged.values))
        print("NodeCrashSafetyTests: \(kills) SIGKILLs over \(runs) runs; \(killedRunsAcknowledged) enrollments acknowledged"
              + " by killed runs, \(committedUnacknowledged) committed but killed before acknowledging; \(total) checked")
    }

    /// Everything acknowledged is stored, complete and once; the log has no holes.
    func checkStore(_ deployment: NodeDeployment, applications: String, total: Int, acknowledged: [Acknowledged]) throws {
        let database = try Database(path: deployment.database)
        #expect(try database.scalar("PRAGMA integrity_check", as: String.self) == "ok")
        let rows = try database.rows("""
            SELECT e.seq, e.receipt_number, e.passport_number, r.record, r.record_hash
            FROM enrollment e LEFT JOIN log_record r ON r.seq = e.seq ORDER BY e.seq
            """)
        #expect(rows.count == total)
        #expect(try rows.map { try $0.get(0, as: Int.self) } == Array(1...total), "the log has holes or extra entries")
        #expect(try database.scalar("SELECT count(*) FROM log_record WHERE seq NOT IN (SELECT seq FROM enrollment)", as: Int.self) == 0)
        let passports = try rows.map { try $0.get(2, as: String.self) }
        #expect(Set(passports).count == total, "a passport is enrolled twice")

        // Receipt numbers: valid, unique, and each day's sequence 1...n without a gap.
        let receipts = try rows.map { try $0.get(1, as: String.self) }
        let parsed = receipts.compactMap(ReceiptNumber.init)
        #expect(parsed.count == total && Set(receipts).count == total)
        for (day, numbers) in Dictionary(grouping: parsed, by: \.date) {
            #expect(numbers.map(\.sequence).sorted() == Array(1...numbers.count), "day \(day) has gaps")
            let last = try database.scalar("SELECT last FROM receipt_counter WHERE day = ?", [day], as: Int.self)
            #expect(last == numbers.count, "receipt counter of \(day) disagrees with the log")
        }

        // Every record complete: decodes, matches its row, its sealed payload opens with the
        // authority's key and equals the application folder's files.
        let key = try deployment.authoritySealingKey()
        var folderOfJSON: [Data: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: applications) {
            folderOfJSON[try Data(contentsOf: URL(fileURLWithPath: applications + "/" + name + "/application.json"))] = applications + "/" + name
        }
        var bySequence: [Int: (receipt: String, passport: String, folder: String)] = [:]
        for row in rows {
            let sequence = try row.get(0, as: Int.self)
            let bytes = try #require(try row.get(3, as: [UInt8]?.self), "record \(sequence) is missing")
            #expect(try row.get(4, as: [UInt8].self) == SHA256.hash(bytes))
            let record = try EnrollmentRecord(decoding: bytes)
            #expect(record.sequence == UInt64(sequence))
            #expect(record.receiptNumber == (try row.get(1, as: String.self)))
            let payload = try NodeDeployment.openPayload(record, with: key)
            let folder = try #require(folderOfJSON[Data(payload.applicationJSON)], "record \(sequence) matches no folder")
            #expect(payload.portrait == (try fileBytes(folder + "/portrait.png")))
            #expect(payload.faceEmbedding == (try fileBytes(folder + "/face.f32")))
            let templates = try FileManager.default.contentsOfDirectory(atPath: folder + "/fingerprints").sorted()
                .map { try fileBytes(folder + "/fingerprints/" + $0) }
            #expect(payload.fingerprintTemplates == templates)
            bySequence[sequence] = (record.receiptNumber, try row.get(2, as: String.self), folder)
        }
        #expect(Set(bySequence.values.map(\.folder)).count == total, "a folder is enrolled twice")

        for item in acknowledged {
            let stored = try #require(bySequence[item.sequence], "acknowledged #\(item.sequence) \(item.receipt) is lost")
            #expect(stored.receipt == item.receipt && stored.passport == item.passport,
                    "acknowledged \(item.receipt) (#\(item.sequence)) is stored as \(stored.receipt)")
            #expect(URL(fileURLWithPath: stored.folder).lastPathComponent == URL(fileURLWithPath: item.folder).lastPathComponent)
        }
    }
}
