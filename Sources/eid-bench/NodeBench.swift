import Foundation
import EIDCore
import EIDCrypto
import EIDNode
import EIDSynthetic
import EIDTestSupport

/// Bulk import at a node through ``EnrollmentIntake`` (the code `eid node enroll --from`
/// runs): synthetic application folders on disk (4 fingers of 35–60 minutiae, a
/// 480×640 PNG portrait, a 512-float embedding), read, checked, sealed and committed
/// into a real SQLite store with `synchronous=FULL`; then batch cutting and signing.
///
/// Commit latency is the time of one `appendAll` (seal, insert, COMMIT with fsync) as
/// `EnrollmentIntake` reports it. `EID_BENCH_NODE_COUNT` sets the number of
/// applications (default 10,000).
enum NodeBench {
    static let section = BenchSection(name: "node", summary: "node enroll throughput and commit latency") {
        let count = Int(ProcessInfo.processInfo.environment["EID_BENCH_NODE_COUNT"] ?? "") ?? 10_000
        let scratch = try TemporaryDirectory("bench-node")
        defer { scratch.remove() }

        let applications = scratch.file("applications")
        let generation = try measureSeconds { try writeApplications(count: count, to: applications) }
        let folders = try EnrollmentIntake.applicationFolders(in: applications)
        let inputBytes = try folderBytes(applications)
        print("  \(count) synthetic applications, \(String(format: "%.1f", Double(inputBytes) / Double(count) / 1024)) KiB each on disk"
              + " (generated in \(String(format: "%.1f", generation)) s)")

        let keys = try BenchKeys(folder: scratch.file("keys"))
        try measureParts(folders: Array(folders.prefix(500)), keys: keys)
        var perApplication: [Int: Double] = [:]
        for (commitEvery, readAhead) in [(1, true), (16, true), (16, false)] {
            let store = try keys.store(in: scratch.file("node-\(commitEvery)-\(readAhead)"))
            let intake = try EnrollmentIntake(store: store, commitEvery: commitEvery, readAhead: readAhead ? nil : 0)
            var commits: [Double] = []
            var received = 0
            let seconds = try measureSeconds {
                try intake.run(folders) { event in
                    switch event {
                    case .committed(_, let seconds): commits.append(seconds)
                    case .received: received += 1
                    case .refused(let folder, let error): print("  unexpected refusal \(folder): \(error)")
                    case .alreadyEnrolled: break
                    }
                }
            }
            guard received == count else { throw BenchFailure("only \(received) of \(count) enrolled") }
            let label = (commitEvery == 1 ? "commit each" : "commit every \(commitEvery)") + (readAhead ? "" : ", no read-ahead")
            perApplication[commitEvery * (readAhead ? 1 : -1)] = seconds / Double(count)
            report("enroll throughput (\(label))", Double(count) / seconds, "applications/s")
            report("  commit latency p50 (\(label))", quantile(commits, 0.5) * 1000, "ms",
                   "seal + insert + fsync of \(commitEvery) application(s)")
            report("  commit latency p99 (\(label))", quantile(commits, 0.99) * 1000, "ms")
            report("  share of wall time in commits (\(label))", commits.reduce(0, +) / seconds * 100, "%",
                   "folders are read and checked meanwhile")

            if commitEvery == 1 {
                try store.checkpoint()
                let fileBytes = try fileSize(store.path)
                report("node.sqlite bytes per enrollment", Double(fileBytes) / Double(count), "bytes",
                       String(format: "%.0f%% of the input folder", Double(fileBytes) / Double(inputBytes) * 100))
                let signer = BatchSigner(key: keys.signing)
                var batches: [UInt64] = []
                let cut = try measureSeconds { batches = try store.cutBatches(limits: BatchLimits(), signer: signer, at: Date()) }
                let logBytes = Double(fileBytes)
                report("batch cutting (100 records / 1 MiB, signed)", Double(count) / cut, "records/s",
                       String(format: "%d batches, %.0f MiB/s", batches.count, logBytes / cut / 1_048_576))
                let export = try measureSeconds {
                    for sequence in batches { _ = try store.batch(sequence)?.encoded() }
                }
                report("batch read back for upload", Double(count) / export, "records/s")
            }
        }
        if let one = perApplication[1], let grouped = perApplication[16], let serial = perApplication[-16] {
            report("speed-up: commit every 16 (the bulk default) vs each", one / grouped, "x")
            report("speed-up: read-ahead vs none, at 16 per commit", serial / grouped, "x")
        }
    }

    /// Where one enrollment's time goes, part by part (no store involved), as CPU time of
    /// this thread (best of three rounds), so other load on the machine matters less.
    static func measureParts(folders: [String], keys: BenchKeys) throws {
        let packages = try folders.map { try ApplicationPackage(folder: $0) }
        let checks = IntakeChecks()
        let checked = try packages.map { try checks.check($0) }
        let payloads = checked.map { $0.payload.encoded() }
        let sealer = try EnrollmentSealer(authorityPublicKeyPEM: keys.sealing.publicKey.pemRepresentation)
        let node = NodeID(rawValue: "bench-01")!
        let n = Double(folders.count)
        func part(_ name: String, _ body: () throws -> Void) rethrows {
            var best = Double.infinity
            for _ in 0..<3 { best = min(best, try threadCPUSeconds(body)) }
            report("part: \(name)", best / n * 1e6, "µs CPU")
        }
        try part("read an application folder") { for folder in folders { _ = try ApplicationPackage(folder: folder) } }
        try part("decode JSON, eligibility rules, quality gate") { for package in packages { _ = try checks.check(package) } }
        part("encode the payload") { for enrollment in checked { _ = enrollment.payload.encoded() } }
        try part("seal the payload (X25519, HKDF, AES-256-GCM)") {
            for enrollment in checked { _ = try sealer.seal(enrollment.payload, nodeID: node, receiptNumber: "BN01-20260701-000001-X") }
        }
        part("SHA-256 of a payload") { for payload in payloads { _ = SHA256.hash(payload) } }
    }

    /// CPU seconds this thread spent in `body`.
    static func threadCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        try body()
        return now() - start
    }

    /// Writes `count` folders, on every core.
    static func writeApplications(count: Int, to folder: String) throws {
        let synthesizer = ApplicantSynthesizer(seed: 2026, applicationDate: NodeClock.vietnamDay(Date()), fingers: 4)
        let failures = FailureBox()
        DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { worker in
            let workers = ProcessInfo.processInfo.activeProcessorCount
            for index in stride(from: worker, to: count, by: workers) {
                do {
                    try synthesizer.applicant(index).write(to: (folder as NSString).appendingPathComponent(String(format: "app-%07d", index)))
                } catch {
                    failures.record("\(error)")
                }
            }
        }
        if let failure = failures.first { throw BenchFailure("writing applications: \(failure)") }
    }

    static func fileSize(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    static func folderBytes(_ folder: String) throws -> Int {
        var total = 0
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            let path = (folder as NSString).appendingPathComponent(name)
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
               (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType == .typeRegular {
                total += size.intValue
            }
        }
        return total
    }
}

/// Throwaway authority sealing key and node signing key, and stores configured with them.
struct BenchKeys {
    let sealing: X25519PrivateKey
    let signing: Ed25519PrivateKey
    let folder: String

    init(folder: String) throws {
        sealing = try X25519PrivateKey.generate()
        signing = try Ed25519PrivateKey.generate()
        self.folder = folder
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try PEMFile.writePrivate(try signing.pemRepresentation, to: folder + "/signing.key")
    }

    func store(in directory: String) throws -> NodeStore {
        let configuration = NodeConfiguration(
            nodeID: NodeID(rawValue: "bench-01")!, code: "BN01", province: "Bench", kind: .office,
            centralAddress: "127.0.0.1:7443", signingKeyPath: folder + "/signing.key",
            tlsCertificatePath: folder + "/tls.pem", tlsKeyPath: folder + "/tls.key", caCertificatePath: folder + "/ca.pem",
            authoritySealingPublicKeyPEM: sealing.publicKey.pemRepresentation,
            authoritySigningPublicKeyPEM: signing.publicKey.pemRepresentation)
        return try NodeStore.create(in: directory, configuration: configuration)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The first error recorded by concurrent workers.
final class FailureBox: @unchecked Sendable {
    // Safe: every access holds `lock`.
    private let lock = NSLock()
    private var message: String?
    func record(_ text: String) { lock.withLock { if message == nil { message = text } } }
    var first: String? { lock.withLock { message } }
}
