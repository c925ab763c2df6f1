import Foundation
import EIDCore
import EIDCrypto
import EIDNode

/// `eid node ...`: what officers and field teams run at a provincial node.
enum NodeCommands {
    static let group = Command(
        group: "node",
        abstract: "Enroll applicants at a provincial node, seal them into signed batches, look them up.",
        discussion: """
        Every node command works on the node's folder, given by --node-dir or the
        EID_NODE_DIR environment variable. The node works with no network at all.
        """,
        subcommands: [initialise, enroll, batch, sync, run, status, show, list, exportBatch, digest])

    static let nodeDirOption = OptionSpec("node-dir", value: "DIR",
                                          help: "The node's folder (default: $EID_NODE_DIR, else the current folder).")
    static let jsonFlag = FlagSpec("json", help: "Print JSON for scripts.")

    static func nodeDirectory(_ args: ParsedArguments) -> String {
        args.string("node-dir") ?? ProcessInfo.processInfo.environment["EID_NODE_DIR"] ?? FileManager.default.currentDirectoryPath
    }

    static func openStore(_ args: ParsedArguments) throws -> NodeStore {
        try NodeStore(folder: nodeDirectory(args))
    }

    // MARK: init

    static let initialise = Command(
        "init",
        abstract: "Create a node's store from its topology entry and the credentials issued for it.",
        options: [
            OptionSpec("topology", value: "FILE", help: "Topology file (Topology/*.json).", required: true),
            OptionSpec("node", value: "ID", help: "This node's id in the topology.", required: true),
            OptionSpec("root", value: "DIR", help: "Deployment root the topology's paths are relative to (default: the topology file's folder)."),
            nodeDirOption,
        ],
        run: { args in
            let deployment = try Deployment.load(topologyPath: try args.requiredString("topology"), root: args.string("root"))
            let node = try deployment.topology.node(try args.requiredString("node"))
            let pki = deployment.pki
            let id = node.id.rawValue
            for path in [pki.nodeSigningKey(id), pki.nodeTLSCertificate(id), pki.nodeTLSKey(id), pki.caCertificate,
                         pki.authoritySealingPublicKey, pki.authoritySigningPublicKey]
            where !FileManager.default.fileExists(atPath: path) {
                throw NodeError.notInitialised("\(path) is missing; run 'eid pki issue-node --node \(id) --out \(pki.root)' first")
            }
            // Check the credentials load before writing anything.
            _ = try BatchSigner(privateKeyPEM: try PEMFile.read(pki.nodeSigningKey(id)))
            let sealing = try PEMFile.read(pki.authoritySealingPublicKey)
            _ = try EnrollmentSealer(authorityPublicKeyPEM: sealing)
            let configuration = NodeConfiguration(
                nodeID: node.id, code: node.code, province: node.province, kind: node.kind,
                centralAddress: node.centralAddress ?? "\(deployment.topology.authority.host):\(deployment.topology.authority.port)",
                signingKeyPath: pki.nodeSigningKey(id), tlsCertificatePath: pki.nodeTLSCertificate(id),
                tlsKeyPath: pki.nodeTLSKey(id), caCertificatePath: pki.caCertificate,
                authoritySealingPublicKeyPEM: sealing,
                authoritySigningPublicKeyPEM: try PEMFile.read(pki.authoritySigningPublicKey))
            let folder = args.string("node-dir") ?? deployment.path(node.dataDirectory)
            let store = try NodeStore.create(in: folder, configuration: configuration)
            say("Initialised node \(id) (\(node.province), code \(node.code)) in \(folder)")
            say("  store:   \(store.path)")
            say("  central: \(configuration.centralAddress)")
            say("Use it with: export EID_NODE_DIR=\(folder)")
        })

    // MARK: enroll

    static let enroll = Command(
        "enroll",
        abstract: "Check and enroll applications (each a folder: application.json, portrait, fingerprints/*.iso, face.f32 or face.json).",
        discussion: """
        Each application is checked (eligibility rules, biometric quality gate) and, when it
        passes, sealed to the authority and committed to the node's log before its receipt
        number is printed. A refused application is reported with every reason and nothing
        is stored. With --from DIR every sub-folder of DIR is an application, in name order;
        folders already enrolled (same passport) are reported and skipped, so a bulk run can
        simply be repeated after an interruption. See docs/node.md for the folder format.

        Output: one line per application on standard output, written only once its
        enrollment is committed ("received RECEIPT  #SEQ  PASSPORT  NAME", or with --json one
        JSON object per line with outcome received, already_enrolled or refused). Refusals
        and the progress line go to standard error. Exit status 1 when every application
        was refused, else 0.
        """,
        options: [
            nodeDirOption,
            OptionSpec("from", value: "DIR", help: "Enroll every sub-folder of DIR."),
            OptionSpec("commit-every", value: "N",
                       help: "Commit N applications per transaction; each is reported only after its commit (default: 16 for several folders, 1 for one)."),
        ],
        flags: [jsonFlag, FlagSpec("quiet", help: "No progress line.")],
        positionals: [PositionalSpec("application", help: "Application folder(s).", optional: true, variadic: true)],
        run: { args in
            var folders = args.positionals("application")
            if let parent = args.string("from") { folders += try EnrollmentIntake.applicationFolders(in: parent) }
            guard !folders.isEmpty else {
                throw UsageError("give application folder(s) or --from DIR", commandPath: args.commandPath)
            }
            let commitEvery = try args.int("commit-every", in: 1...1000) ?? (folders.count > 1 ? 16 : 1)
            let intake = try EnrollmentIntake(store: try openStore(args), commitEvery: commitEvery)
            let runner = EnrollmentRun(intake: intake, json: args.flag("json"),
                                       progress: !args.flag("quiet") && folders.count > 1)
            let outcome = try runner.run(folders)
            if outcome.refused > 0 && outcome.received == 0 && outcome.alreadyEnrolled == 0 {
                throw EnrollmentRun.Failure(refused: outcome.refused)
            }
        })

    // MARK: batch

    static let batch = Command(
        "batch",
        abstract: "Seal every not-yet-batched enrollment into signed batches.",
        options: [nodeDirOption] + limitOptions,
        run: { args in
            let limits = try batchLimits(args)
            let store = try openStore(args)
            let signer = try BatchSigner(privateKeyPEM: try PEMFile.read(store.configuration.signingKeyPath))
            let made = try store.cutBatches(limits: limits, signer: signer, at: Date())
            if made.isEmpty {
                say("No new batches: every enrollment is already in a batch.")
            } else {
                say("Sealed \(made.count) batch(es): \(made.first!)…\(made.last!)")
            }
        })

    // MARK: status / show / list

    static let status = Command(
        "status",
        abstract: "Counts: enrolled, batched, acknowledged by central, decisions received.",
        options: [nodeDirOption],
        flags: [jsonFlag],
        run: { args in
            let store = try openStore(args)
            let status = try store.status()
            if args.flag("json") { return say(try JSONText.encode(status)) }
            let c = store.configuration
            say("Node \(c.nodeID) · \(c.province) · code \(c.code) · central \(c.centralAddress)")
            say("  enrolled:            \(status.enrolled) (log at #\(status.lastSequence))")
            say("  batched:             \(status.batched) in \(status.batches) batch(es); \(status.unbatched) not yet batched")
            say("  acknowledged:        \(status.acknowledged) in \(status.acknowledgedBatches) batch(es)")
            let feed = try store.feedStatus()
            let outcomes = ["issued", "rejected", "manual_review", "revoked"].compactMap { outcome in
                feed.decisions[outcome].map { "\($0) \(outcome.replacingOccurrences(of: "_", with: " "))" }
            }
            say("  decisions received:  \(status.decisionsReceived)" + (outcomes.isEmpty ? "" : " (\(outcomes.joined(separator: ", ")))"))
            say("  locked accounts:     \(feed.lockedAccounts)")
            say("  feed:                \(feed.cursor) event(s) applied")
            say("  last contact:        \(status.lastContact ?? "never")")
        })

    static let show = Command(
        "show",
        abstract: "Show one application by receipt number.",
        options: [nodeDirOption],
        flags: [jsonFlag],
        positionals: [PositionalSpec("receipt", help: "Receipt number, e.g. QN01-20260701-000042-K.")],
        run: { args in
            let receipt = args.positional("receipt")!
            let store = try openStore(args)
            guard let item = try store.enrollment(receiptNumber: receipt) else {
                throw LookupError("no application with receipt number \(receipt) at this node"
                                  + (ReceiptNumber(receipt) == nil ? " (and it is not a valid receipt number: check it)" : ""))
            }
            if args.flag("json") { return say(try JSONText.encode(item)) }
            say("Receipt      \(item.receiptNumber)")
            say("Name         \(item.fullName)")
            say("Passport     \(item.passportNumber)")
            say("Level        \(item.level)")
            say("Enrolled at  \(item.enrolledAt) (log #\(item.sequence))")
            say("Status       \(item.status)" + (item.batchSequence.map { " (batch \($0))" } ?? ""))
            if let decision = item.decision {
                say("Decision     \(decision)" + (item.decisionReason.map { ": \($0)" } ?? ""))
            }
            if let lock = try store.accountLock(receiptNumber: item.receiptNumber) {
                say("Account      \(lock.locked ? "locked" : "unlocked") since \(lock.changedAt)" + (lock.reason.isEmpty ? "" : ": \(lock.reason)"))
            }
        })

    static let statuses = ["received", "batched", "acknowledged", "issued", "rejected", "manual_review"]

    static let list = Command(
        "list",
        abstract: "List applications, newest first.",
        options: [
            nodeDirOption,
            OptionSpec("status", value: "STATUS", help: "Only this status: \(statuses.joined(separator: ", "))."),
            OptionSpec("passport", value: "NUMBER", help: "Only this passport number."),
            OptionSpec("limit", value: "N", help: "At most N rows.", default: "50"),
        ],
        flags: [jsonFlag],
        run: { args in
            let status = args.string("status")
            if let status, !statuses.contains(status) {
                throw UsageError("unknown status '\(status)'; use one of \(statuses.joined(separator: ", "))",
                                 commandPath: args.commandPath)
            }
            let limit = try args.int("limit", in: 1...1_000_000) ?? 50
            let items = try openStore(args).enrollments(status: status, passportNumber: args.string("passport"), limit: limit)
            if args.flag("json") { return say(try JSONText.encode(items)) }
            for item in items {
                say("\(item.receiptNumber)  \(item.status.padding(toLength: 13, withPad: " ", startingAt: 0))  \(item.passportNumber.padding(toLength: 12, withPad: " ", startingAt: 0))  \(item.fullName)")
            }
            if items.isEmpty { say("No applications" + (status.map { " with status \($0)" } ?? "") + ".") }
        })

    static let exportBatch = Command(
        "export-batch",
        abstract: "Write a sealed batch's exact upload bytes to a file (docs/PROTOCOL.md describes them).",
        options: [
            nodeDirOption,
            OptionSpec("batch", value: "N", help: "Batch sequence number.", required: true),
            OptionSpec("out", value: "FILE", help: "Output file.", required: true),
        ],
        run: { args in
            let number = try args.int("batch", in: 1...Int.max)!
            let store = try openStore(args)
            guard let batch = try store.batch(UInt64(number)) else { throw LookupError("no batch \(number) at this node") }
            let bytes = batch.encoded()
            try Data(bytes).write(to: URL(fileURLWithPath: try args.requiredString("out")))
            say("Wrote batch \(number) (\(batch.header.recordCount) records, \(bytes.count) bytes) to \(try args.requiredString("out"))")
        })
}

extension NodeCommands {
    static let digest = Command(
        "digest",
        abstract: "Print the log digest: the record count and SHA-256 over every record's hash, to compare with central's.",
        discussion: """
        Recomputes every record's SHA-256 from its stored bytes (a mismatch is an error,
        exit 1) and prints SHA-256 over those hashes in log order (docs/PROTOCOL.md 1.11).
        'eid central digest --node ID' prints the same line for what central holds: equal
        lines mean central holds exactly this node's records 1..N, byte for byte.
        """,
        options: [nodeDirOption,
                  OptionSpec("through", value: "N", help: "Only records 1..N (default: the whole log).")],
        flags: [jsonFlag],
        run: { args in
            let through = try args.int("through", in: 0...Int.max).map(UInt64.init)
            let line = LogDigestLine(try openStore(args).logDigest(through: through))
            say(args.flag("json") ? try JSONText.encode(line) : line.text)
        })
}

/// Something asked for is not there.
struct LookupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Encodes values as sorted, pretty JSON for `--json`.
enum JSONText {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
