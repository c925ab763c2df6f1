import Foundation
import EIDCore
import EIDCrypto
import EIDNode
import Synchronization

/// What `eid node sync` and `eid node run` share: the node's sync agent wired to
/// central over HTTPS (mutual TLS) with the node's own credentials, a progress line
/// for large backlogs, and the one-line status.
final class NodeSyncSession: @unchecked Sendable {
    // Safe: used from the command's thread only; the progress closure touches only `ProgressLine`, which locks.
    let store: NodeStore
    var agent: SyncAgent
    let link: HTTPCentralLink
    let progressLine = ProgressLine()

    /// Stops a round between two requests on SIGTERM/SIGINT.
    let stop = StopSignal()
    /// Between failed rounds; seeded from the clock so nodes do not share a sequence.
    var backoff = Backoff(seed: UInt64(truncatingIfNeeded: Date().timeIntervalSince1970.bitPattern))

    init(store: NodeStore, limits: BatchLimits, maxChunk: Int) throws {
        let configuration = store.configuration
        self.store = store
        agent = SyncAgent(store: store, signer: try BatchSigner(privateKeyPEM: try PEMFile.read(configuration.signingKeyPath)),
                          verifier: try ReceiptVerifier(authoritySigningPublicKeyPEM: configuration.authoritySigningPublicKeyPEM),
                          feedVerifier: try FeedPageVerifier(authoritySigningPublicKeyPEM: configuration.authoritySigningPublicKeyPEM),
                          limits: limits)
        agent.chunkSize = maxChunk
        link = HTTPCentralLink(transport: try HTTPCentralTransport(configuration: configuration))
        let line = progressLine
        agent.progress = { line.update($0) }
        let stop = self.stop
        agent.isCancelled = { stop.isStopped }
    }

    /// One round; the progress line is cleared afterwards.
    func round() throws -> SyncAgent.Report {
        progressLine.begin()
        defer { progressLine.finish() }
        return try agent.syncOnce(link)
    }

    /// The wait before the next round after a failed one: backoff with jitter, except
    /// when the failed round still moved data: a flaky link, not a dead one, is retried
    /// at once (the next round resumes where this one stopped) and the backoff restarts.
    func delayAfterFailure() -> Double {
        guard !progressLine.roundMadeProgress else {
            backoff.reset()
            return 0.1
        }
        return backoff.nextDelay()
    }

    /// `sealed 2 batch(es) · 2 acknowledged · 1.2 MB sent · 3 event(s) applied · backlog 0`.
    static func describe(_ report: SyncAgent.Report) -> String {
        var parts: [String] = []
        if report.batchesSealed > 0 { parts.append("sealed \(report.batchesSealed) batch(es)") }
        parts.append("\(report.batchesAcknowledged) batch(es) acknowledged"
                     + (report.receiptsCollected > 0 ? " (\(report.receiptsCollected) receipt(s) collected)" : ""))
        parts.append("\(HumanFormat.bytes(report.bytesSent)) sent")
        parts.append("\(report.eventsApplied) event(s) applied")
        parts.append("backlog \(HumanFormat.count(report.backlog))")
        return parts.joined(separator: " · ")
    }

    /// `backlog 1,204 · last contact 3 min ago · next try in 20 s`.
    func statusLine(nextTry: Double?) throws -> String {
        var parts = ["backlog \(HumanFormat.count(try store.backlog()))",
                     "last contact \(HumanFormat.ago(try store.syncState("last_contact").flatMap(Self.parseTimestamp)))"]
        if let nextTry { parts.append("next try in \(HumanFormat.duration(nextTry))") }
        return parts.joined(separator: " · ")
    }

    static func parseTimestamp(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// Whether another round may succeed without anyone changing anything: link
    /// failures and central being unavailable, not refusals or disagreements.
    static func isWorthRetrying(_ error: any Error) -> Bool {
        switch error {
        case is SyncCancelled, is SyncError, is NodeError: return false
        case let link as CentralLinkError: return link.isTransient
        default: return true
        }
    }

    /// Whether standard error is a terminal (progress is then redrawn in place).
    static var isInteractive: Bool { isatty(STDERR_FILENO) == 1 }
}

/// The upload progress display on standard error: redrawn in place on a terminal
/// (at most twice a second), a line every 5 s otherwise.
final class ProgressLine: Sendable {
    private struct State: Sendable {
        var lastDraw = Date()
        var drawn = false
        var progressed = false
    }
    private let state = Mutex(State())
    private let interactive = NodeSyncSession.isInteractive

    /// A round starts: nothing moved yet.
    func begin() {
        state.withLock { $0.progressed = false }
    }

    /// Whether central took any chunk since ``begin()``.
    var roundMadeProgress: Bool { state.withLock { $0.progressed } }

    func update(_ progress: SyncProgress) {
        let now = Date()
        let due = state.withLock { state -> Bool in
            state.progressed = true
            guard now.timeIntervalSince(state.lastDraw) >= (interactive ? 0.5 : 5) else { return false }
            state.lastDraw = now
            state.drawn = true
            return true
        }
        guard due else { return }
        let percent = progress.batchLength > 0 ? progress.batchOffset * 100 / progress.batchLength : 100
        let text = "uploading batch \(progress.batchSequence) (\(progress.batchesDone)/\(progress.batchesTotal) done) · "
            + "\(percent)% of \(HumanFormat.bytes(progress.batchLength))"
        Console.standardError.write(interactive ? "\r\(text)\u{1B}[K" : text + "\n")
    }

    func finish() {
        let drawn = state.withLock { state -> Bool in
            defer { state.drawn = false; state.lastDraw = Date() }
            return state.drawn
        }
        if drawn && interactive { Console.standardError.write("\r\u{1B}[K") }
    }
}
