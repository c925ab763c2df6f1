import Foundation
import Dispatch
import EIDCore
import EIDCrypto
import EIDNet
import EIDNode
import EIDCentral

/// `eid central ...`: the authority's server and what its operators run.
enum CentralCommands {
    static let group = Command(
        group: "central",
        abstract: "Run the central identity authority and operate it.",
        discussion: """
        Central listens for nodes on the topology's address (HTTP/1.1 over mutual TLS 1.3,
        docs/PROTOCOL.md), accepts each node's batches exactly once, answers with signed
        receipts and serves each node its feed of decisions. Its store is central.sqlite in
        the data folder (docs/central.md).
        """,
        subcommands: [serve, status, event, digest])

    static let topologyOption = OptionSpec("topology", value: "FILE", help: "Topology file (Topology/*.json).", required: true)
    static let rootOption = OptionSpec("root", value: "DIR",
                                       help: "Deployment root the topology's paths are relative to (default: the topology file's folder).")
    static let pkiOption = OptionSpec("pki", value: "DIR", help: "PKI folder (default: the topology's pki_dir).")
    static let dataOption = OptionSpec("data", value: "DIR", help: "Central's data folder (default: the topology's data_dir).")

    /// The deployment and the folders a central command works on.
    struct Site {
        let deployment: Deployment
        let pki: PKILayout
        let dataDirectory: String

        init(_ args: ParsedArguments) throws {
            deployment = try Deployment.load(topologyPath: try args.requiredString("topology"), root: args.string("root"))
            pki = args.string("pki").map { PKILayout(root: $0) } ?? deployment.pki
            dataDirectory = args.string("data") ?? deployment.path(deployment.topology.authority.dataDirectory)
        }

        func openStore() throws -> CentralStore { try CentralStore(folder: dataDirectory) }
    }

    // MARK: serve

    static let serve = Command(
        "serve",
        abstract: "Run central: register the topology's nodes, listen for them until SIGTERM or SIGINT.",
        discussion: """
        Registers every topology node whose batch-signing key is in the PKI folder (revoked
        when its certificate is on the CRL), then listens on the authority's host and port.
        SIGHUP reads the registrations again (after 'eid pki issue-node' or 'revoke-node').
        Every answer is given after its transaction is committed with synchronous=FULL.
        On SIGTERM or SIGINT it stops accepting, finishes requests in progress (up to 10 s)
        and exits 0.
        """,
        options: [
            topologyOption, rootOption, pkiOption, dataOption,
            OptionSpec("port", value: "N", help: "Listen on this port instead of the topology's (0: any free port)."),
            OptionSpec("max-connections", value: "N", help: "Simultaneous node connections.", default: "64"),
        ],
        run: { args in
            let site = try Site(args)
            let portOverride = try args.int("port", in: 0...65535)
            let maxConnections = try args.int("max-connections", in: 1...10_000) ?? 64
            let store = try site.openStore()
            let topology = site.deployment.topology
            let pki = site.pki
            @Sendable func registerNodes() throws -> Int {
                let found = try NodeRegistry.load(topology: topology, pki: pki)
                for line in try store.register(found.registrations) { say(line) }
                for skipped in found.skipped { Console.standardError.line("warning: node \(skipped) (not registered)") }
                return found.registrations.count
            }
            let registered = try registerNodes()
            let signer = try AuthoritySigner(privateKeyPEM: try PEMFile.read(site.pki.authoritySigningKey))
            let errorLine: @Sendable (String) -> Void = { Console.standardError.line($0) }
            let limits = CentralLimits()
            let service = CentralService(store: store, signer: signer, limits: limits, log: errorLine)
            let authority = site.deployment.topology.authority
            var configuration = HTTPServerConfiguration(host: authority.host,
                                                        port: UInt16(portOverride ?? authority.port),
                                                        maxConnections: maxConnections)
            // A request carries at most one chunk; anything larger is refused before it is read.
            configuration.limits.maxBodyBytes = limits.maxChunkBytes
            configuration.log = errorLine
            let stop = StopSignal()
            let server = try HTTPServer(configuration: configuration, tls: try TLSContext(.central(site.pki)),
                                        handler: service.httpHandler)
            // SIGHUP: read the topology's nodes from the PKI folder again (new keys, revocations).
            signal(SIGHUP, SIG_IGN)
            let reload = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "eid.central.reload"))
            reload.setEventHandler {
                do { say("SIGHUP: re-read node registrations, \(try registerNodes()) registered") } catch {
                    Console.standardError.line("SIGHUP: node registrations not re-read: \(error)")
                }
            }
            reload.resume()
            defer { reload.cancel() }
            server.start()
            say("central listening on \(authority.host):\(server.port) · \(registered) node(s) registered · store \(store.path)")
            stop.wait(seconds: nil)
            say("stopping: finishing requests in progress")
            server.shutdown(gracePeriod: .seconds(10))
            say("central stopped")
        })

    // MARK: status

    /// One node as `eid central status --json` prints it.
    struct NodeLine: Codable {
        var nodeId: String, code: String, province: String, revoked: Bool
        var lastContact: String?
        var lastBatch: UInt64, lastRecord: UInt64, batches: Int, records: Int
        var partialUploads: Int, partialBytes: Int, equivocations: Int, events: Int
    }

    struct StatusReport: Codable {
        var nodes: [NodeLine]
        var equivocations: [EquivocationLine]
        var auditEntries: Int
        var auditChainVerified: Bool
    }

    struct EquivocationLine: Codable {
        var nodeId: String, batch: UInt64, acceptedHash: String, conflictingHash: String
        var firstSeen: String, lastSeen: String, timesSeen: Int
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    static let status = Command(
        "status",
        abstract: "Per node: last contact, chain, records, uploads in progress, equivocations; and the audit log's check.",
        options: [topologyOption, rootOption, dataOption],
        flags: [NodeCommands.jsonFlag],
        run: { args in
            let store = try Site(args).openStore()
            let summaries = try store.nodeSummaries()
            let equivocations = try store.equivocations()
            var verified = true
            var entries = 0
            var auditProblem: String?
            do { entries = try store.verifyAuditLog() } catch { verified = false; auditProblem = "\(error)" }
            let report = StatusReport(
                nodes: summaries.map { node in
                    NodeLine(nodeId: node.nodeID, code: node.code, province: node.province, revoked: node.isRevoked,
                             lastContact: node.lastContactAtMilliseconds.map { NodeClock.timestamp(date($0)) },
                             lastBatch: node.chain.lastBatchSequence, lastRecord: node.chain.lastRecordSequence,
                             batches: node.batchesAccepted, records: node.records, partialUploads: node.partialUploads,
                             partialBytes: node.partialBytes, equivocations: node.equivocations, events: node.events)
                },
                equivocations: equivocations.map { item in
                    EquivocationLine(nodeId: item.nodeID, batch: item.batchSequence, acceptedHash: Hex.encode(item.acceptedHash),
                                     conflictingHash: Hex.encode(item.conflictingHash),
                                     firstSeen: NodeClock.timestamp(date(item.firstSeenAtMilliseconds)),
                                     lastSeen: NodeClock.timestamp(date(item.lastSeenAtMilliseconds)), timesSeen: item.timesSeen)
                },
                auditEntries: entries, auditChainVerified: verified)
            if args.flag("json") { return say(try JSONText.encode(report)) }
            say("Central store \(store.path) · \(summaries.count) node(s)")
            for node in summaries {
                var parts = ["last contact \(HumanFormat.ago(node.lastContactAtMilliseconds.map(date)))",
                             "batch \(node.chain.lastBatchSequence)",
                             "\(HumanFormat.count(node.records)) record(s)"]
                if node.partialUploads > 0 {
                    parts.append("\(node.partialUploads) upload(s) in progress (\(HumanFormat.bytes(node.partialBytes)))")
                }
                if node.equivocations > 0 { parts.append("\(node.equivocations) EQUIVOCATION(S)") }
                parts.append("\(node.events) event(s) sent")
                say("  \(node.nodeID) (\(node.code), \(node.province))\(node.isRevoked ? " REVOKED" : ""): " + parts.joined(separator: " · "))
            }
            for item in equivocations {
                say("EQUIVOCATION: node \(item.nodeID) signed two batches \(item.batchSequence): accepted \(Hex.encode(item.acceptedHash.prefix(8)))…, other \(Hex.encode(item.conflictingHash.prefix(8)))… (seen \(item.timesSeen)×, last \(NodeClock.timestamp(date(item.lastSeenAtMilliseconds))))")
            }
            say(verified ? "Audit log: \(HumanFormat.count(entries)) entries, hash chain verified."
                         : "AUDIT LOG BROKEN: \(auditProblem ?? "")")
            if !verified { throw LookupError("the audit log does not verify") }
        })

    // MARK: digest

    static let digest = Command(
        "digest",
        abstract: "Print each node's log digest as central holds it (record count, SHA-256 over the record hashes).",
        discussion: """
        The same line 'eid node digest' prints at the node: equal lines mean central holds
        exactly the node's records 1..N, byte for byte (docs/PROTOCOL.md 1.11). Every
        record's hash is recomputed from its stored bytes; a mismatch is an error (exit 1).
        """,
        options: [topologyOption, rootOption, dataOption,
                  OptionSpec("node", value: "ID", help: "Only this node (default: every registered node).")],
        flags: [NodeCommands.jsonFlag],
        run: { args in
            let store = try Site(args).openStore()
            var nodes = try store.nodeSummaries().compactMap { NodeID(rawValue: $0.nodeID) }
            if let only = args.string("node") {
                guard let id = NodeID(rawValue: only), nodes.contains(id) else {
                    throw LookupError("node '\(only)' is not registered at central")
                }
                nodes = [id]
            }
            let lines = try nodes.map { LogDigestLine(try store.logDigest($0)) }
            if args.flag("json") {
                return say(args.string("node") != nil ? try JSONText.encode(lines[0]) : try JSONText.encode(lines))
            }
            for line in lines { say(line.text) }
        })

    // MARK: event

    static let eventKinds = FeedEvent.Kind.allCases.map(\.name)

    static let event = Command(
        "event",
        abstract: "Address an event (decision, lock, unlock, revocation) to the node that enrolled an application.",
        discussion: """
        The event goes to the feed of the node that sent the record with this receipt
        number; the node pulls it on its next sync and shows it offline. Written to the
        audit log.
        """,
        options: [
            topologyOption, rootOption, dataOption,
            OptionSpec("receipt", value: "NUMBER", help: "The application's receipt number.", required: true),
            OptionSpec("kind", value: "KIND", help: "One of \(eventKinds.joined(separator: ", ")).", required: true),
            OptionSpec("reason", value: "TEXT", help: "Why (rejections and locks), at most 1024 bytes.", default: ""),
        ],
        run: { args in
            let kindName = try args.requiredString("kind")
            guard let kind = FeedEvent.Kind(name: kindName) else {
                throw UsageError("unknown kind '\(kindName)'; use one of \(eventKinds.joined(separator: ", "))",
                                 commandPath: args.commandPath)
            }
            let store = try Site(args).openStore()
            let (node, sequence) = try store.appendEvent(kind, receiptNumber: try args.requiredString("receipt"),
                                                         reason: args.string("reason") ?? "")
            say("Event \(sequence) for node \(node): \(kind.name) \(try args.requiredString("receipt"))")
        })
}
