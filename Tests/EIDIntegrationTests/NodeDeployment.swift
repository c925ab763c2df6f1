import Foundation
import Testing
import EIDCore
import EIDCrypto
import EIDTestSupport

/// A one-node deployment made with the real `eid` binary in a temporary folder:
/// `eid pki init`, `eid pki issue-node`, `eid node init` from a topology file.
struct NodeDeployment {
    static let nodeID = "quang-ninh-01"
    let directory: TemporaryDirectory

    var root: String { directory.path }
    var pki: String { directory.file("pki") }
    var nodeFolder: String { directory.file("nodes/\(Self.nodeID)") }
    var database: String { nodeFolder + "/node.sqlite" }
    var signingPublicKey: String { pki + "/nodes/\(Self.nodeID)/signing.pub" }
    var sealingKey: String { pki + "/authority/sealing.key" }

    init(_ label: String) throws {
        directory = try TemporaryDirectory(label)
        let topology = """
            {
              "authority": { "name": "Test authority", "host": "127.0.0.1", "port": 7443,
                             "data_dir": "central", "pki_dir": "pki" },
              "nodes": [ { "id": "\(Self.nodeID)", "code": "QN01", "province": "Quang Ninh",
                           "kind": "office", "data_dir": "nodes/\(Self.nodeID)" } ]
            }
            """
        try Data(topology.utf8).write(to: URL(fileURLWithPath: directory.file("topology.json")))
        for arguments in [["pki", "init", "--out", pki],
                          ["pki", "issue-node", "--node", Self.nodeID, "--out", pki],
                          ["node", "init", "--topology", directory.file("topology.json"), "--node", Self.nodeID]] {
            let result = try CommandRunner.eid(arguments)
            guard result.status == 0 else {
                throw DeploymentError("eid \(arguments.joined(separator: " ")) failed: \(result.standardError)")
            }
        }
    }

    func remove() { directory.remove() }

    /// Runs `eid node SUBCOMMAND ... --node-dir <node>`.
    func node(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.eid(["node"] + arguments + ["--node-dir", nodeFolder])
    }

    /// Writes `count` synthetic application folders into `folder` with `eid synth applications`.
    static func synthesize(count: Int, into folder: String, seed: Int = 11, start: Int = 0) throws {
        let result = try CommandRunner.eid(["synth", "applications", "--out", folder, "--count", String(count),
                                            "--seed", String(seed), "--start", String(start)])
        guard result.status == 0 else { throw DeploymentError("eid synth applications failed: \(result.standardError)") }
    }

    /// The authority's sealing key, which only central holds.
    func authoritySealingKey() throws -> X25519PrivateKey {
        try X25519PrivateKey(pemRepresentation: try PEMFile.read(sealingKey))
    }

    /// Opens a record's sealed payload as central would, from docs/PROTOCOL.md 1.4:
    /// context `eid-enrollment-payload-v1`, associated data `node id || 0x00 || receipt number`.
    static func openPayload(_ record: EnrollmentRecord, with key: X25519PrivateKey) throws -> EnrollmentPayload {
        let associatedData = Array(record.nodeID.rawValue.utf8) + [0] + Array(record.receiptNumber.utf8)
        let plain = try SealedBox.open(record.sealedPayload, with: key, context: "eid-enrollment-payload-v1",
                                       authenticating: associatedData)
        return try EnrollmentPayload(decoding: plain)
    }
}

struct DeploymentError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One set of 1,000 synthetic applications shared by the tests that need many (made
/// once per test process by two `eid synth applications` processes in parallel, and
/// deleted when the process exits).
enum SharedApplications {
    static let count = 1_000
    static let folder = NSTemporaryDirectory() + "eid-test-shared-applications-\(getpid())"

    static let made: Result<String, DeploymentError> = {
        atexit { try? FileManager.default.removeItem(atPath: SharedApplications.folder) }
        let half = count / 2
        let processes = [0, half].map { start -> ChildProcess? in
            try? ChildProcess(EIDExecutable.path, ["synth", "applications", "--out", folder, "--count", String(half),
                                                   "--seed", "2026", "--start", String(start)])
        }
        for process in processes {
            guard let process, process.waitForExit() == 0 else {
                return .failure(DeploymentError("eid synth applications failed: \(processes.compactMap { $0?.standardError })"))
            }
        }
        return .success(folder)
    }()

    /// The folder holding the applications (`app-0000000` ...).
    static func get() throws -> String { try made.get() }

    /// A folder of links to the first `count` applications (a smaller set for `--from`).
    static func subset(_ count: Int, in directory: TemporaryDirectory) throws -> String {
        let source = try get()
        let subset = directory.file("applications-\(count)")
        try FileManager.default.createDirectory(atPath: subset, withIntermediateDirectories: true)
        for index in 0..<count {
            let name = String(format: "app-%07d", index)
            try FileManager.default.createSymbolicLink(atPath: subset + "/" + name, withDestinationPath: source + "/" + name)
        }
        return subset
    }
}

/// The repository's root (for scripts and docs).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// Runs `scripts/verify-batch.py`, failing clearly when python3 is missing.
func runBatchVerifier(_ arguments: [String]) throws -> CommandResult {
    let version = try CommandRunner.run("python3", ["--version"])
    try #require(version.status == 0,
                 "python3 is needed to run scripts/verify-batch.py (scripts/lib/setup.sh installs it): \(version.standardError)")
    return try CommandRunner.run("python3", [repositoryRoot + "/scripts/verify-batch.py"] + arguments)
}

/// Reads a file's bytes.
func fileBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

/// One JSON object per line of `text`.
func jsonLines(_ text: String) -> [[String: Any]] {
    text.split(separator: "\n").compactMap { line in
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
}
