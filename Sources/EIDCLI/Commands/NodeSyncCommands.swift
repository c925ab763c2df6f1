import Foundation
import EIDCore
import EIDNode

/// `eid node sync` and `eid node run`: replication to central.
extension NodeCommands {
    static let limitOptions = [
        OptionSpec("max-records", value: "N", help: "Most records per new batch.", default: "100"),
        OptionSpec("max-bytes", value: "N", help: "Most record bytes per new batch.", default: "1048576"),
        OptionSpec("max-chunk", value: "N",
                   help: "Largest upload request in bytes (4096 to 2097152); requests adapt to the link below it.",
                   default: "2097152"),
    ]

    /// The largest upload request, `--max-chunk`.
    static func maxChunk(_ args: ParsedArguments) throws -> Int {
        try args.int("max-chunk", in: 4096...(2 << 20)) ?? (2 << 20)
    }

    static func batchLimits(_ args: ParsedArguments) throws -> BatchLimits {
        BatchLimits(maxRecords: try args.int("max-records", in: 1...10_000) ?? 100,
                    maxBytes: try args.int("max-bytes", in: 1024...(64 << 20)) ?? (1 << 20))
    }

    static let sync = Command(
        "sync",
        abstract: "Replicate to central now: seal new batches, upload what central lacks, collect receipts, pull decisions.",
        discussion: """
        Talks to central at the address in the node's store over mutual TLS with the node's
        credentials. A cut upload resumes where central's persisted bytes end. Without
        --once, rounds that failed on the link (or on central being unavailable) are
        retried with exponential backoff and jitter until one succeeds or --timeout passes;
        a refusal by central (a batch it will not accept, an unregistered node) or a
        disagreement between the stores stops at once. Exit status 1 when no round
        succeeded.
        """,
        options: [nodeDirOption] + limitOptions + [
            OptionSpec("timeout", value: "SECONDS", help: "Give up retrying after this long.", default: "120"),
        ],
        flags: [FlagSpec("once", help: "One round only, no retry."), jsonFlag],
        run: { args in
            let timeout = try args.double("timeout", in: 0...86_400) ?? 120
            let session = try NodeSyncSession(store: try openStore(args), limits: try batchLimits(args), maxChunk: try maxChunk(args))
            let stop = session.stop
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                do {
                    let report = try session.round()
                    if args.flag("json") {
                        return say(try JSONText.encode(SyncReportJSON(report)))
                    }
                    return say("Synced with central: " + NodeSyncSession.describe(report))
                } catch let error where !args.flag("once") && NodeSyncSession.isWorthRetrying(error) {
                    let delay = session.delayAfterFailure()
                    guard Date().addingTimeInterval(delay) < deadline else { throw error }
                    Console.standardError.line("sync failed: \(error); retrying in \(HumanFormat.duration(delay))")
                    if stop.wait(seconds: delay) { throw SyncCancelled() }
                }
            }
        })

    static let run = Command(
        "run",
        abstract: "Keep replicating: sync whenever central is reachable, back off while it is not, until SIGTERM/SIGINT.",
        discussion: """
        Runs a sync round every --interval seconds while the link is up; after a failure it
        waits with exponential backoff and full jitter (1 s up to 60 s). After every round it
        prints one status line:
            backlog 1,204 · last contact 3 min ago · next try in 20 s
        Large uploads show a progress line on standard error. SIGTERM or SIGINT stops it
        between two requests (everything done so far stays done) and it exits 0.
        """,
        options: [nodeDirOption] + limitOptions + [
            OptionSpec("interval", value: "SECONDS", help: "Pause between successful rounds.", default: "30"),
        ],
        run: { args in
            let interval = try args.double("interval", in: 0.1...86_400) ?? 30
            let session = try NodeSyncSession(store: try openStore(args), limits: try batchLimits(args), maxChunk: try maxChunk(args))
            let stop = session.stop
            say("node \(session.store.configuration.nodeID) syncing with central at \(session.store.configuration.centralAddress)")
            while !stop.isStopped {
                var wait = interval
                do {
                    let report = try session.round()
                    session.backoff.reset()
                    if report.batchesAcknowledged > 0 || report.eventsApplied > 0 || report.batchesSealed > 0 {
                        say("synced: " + NodeSyncSession.describe(report))
                    }
                } catch is SyncCancelled {
                    break
                } catch {
                    wait = session.delayAfterFailure()
                    Console.standardError.line("sync failed: \(error)")
                }
                say(try session.statusLine(nextTry: wait))
                let until = Date().addingTimeInterval(wait)
                // On a terminal, count down on standard error; elsewhere just wait.
                while !stop.isStopped, until.timeIntervalSinceNow > 0 {
                    if NodeSyncSession.isInteractive {
                        Console.standardError.write("\r" + (try session.statusLine(nextTry: until.timeIntervalSinceNow)) + "\u{1B}[K")
                    }
                    stop.wait(seconds: min(1, until.timeIntervalSinceNow))
                }
                if NodeSyncSession.isInteractive { Console.standardError.write("\r\u{1B}[K") }
            }
            say("node sync stopped · " + (try session.statusLine(nextTry: nil)))
        })
}

/// `eid node sync --json`.
struct SyncReportJSON: Codable {
    var batchesSealed, batchesAcknowledged, receiptsCollected, bytesSent, eventsApplied, backlog: Int
    init(_ report: SyncAgent.Report) {
        batchesSealed = report.batchesSealed
        batchesAcknowledged = report.batchesAcknowledged
        receiptsCollected = report.receiptsCollected
        bytesSent = report.bytesSent
        eventsApplied = report.eventsApplied
        backlog = report.backlog
    }
}
