import Foundation
import EIDCore
import EIDCrypto

/// A round stopped because ``SyncAgent/isCancelled`` said so.
public struct SyncCancelled: Error, CustomStringConvertible {
    public init() {}
    public var description: String { "the sync round was stopped" }
}

/// Where an upload round stands, for progress displays.
public struct SyncProgress: Sendable, Equatable {
    public var batchSequence: UInt64
    /// Bytes of this batch central has persisted.
    public var batchOffset: Int
    public var batchLength: Int
    /// Batches acknowledged so far in this round, of `batchesTotal` to send.
    public var batchesDone: Int
    public var batchesTotal: Int
}

/// One round of replication for a node: seal new batches, learn central's
/// checkpoint, collect receipts central already has, upload the rest in order
/// (resuming a cut upload where central's persisted offset says), verify every
/// receipt before acknowledging, and pull the down-sync feed.
///
/// Every step is idempotent: a round cut anywhere is simply run again.
public struct SyncAgent: Sendable {
    public let store: NodeStore
    public let signer: BatchSigner
    public let verifier: ReceiptVerifier
    public let feedVerifier: FeedPageVerifier
    public var limits: BatchLimits
    public var clock: NodeClock
    /// Bytes per upload request, adapted to the link (central takes at most
    /// `CentralLimits.maxChunkBytes`, 2 MiB, per request).
    public var chunkSizer = UploadChunkSizer()
    /// The largest upload request (setting it starts a new ``chunkSizer`` with that maximum).
    public var chunkSize: Int {
        get { chunkSizer.maximum }
        set { chunkSizer = UploadChunkSizer(minimum: min(4 * 1024, newValue), maximum: newValue) }
    }
    /// Called after every chunk central persisted and every batch it accepted.
    public var progress: (@Sendable (SyncProgress) -> Void)?
    /// Asked before every request of an upload; when it answers true the round stops
    /// with ``SyncCancelled`` (everything done so far stays done).
    public var isCancelled: (@Sendable () -> Bool)?

    /// Events asked for per feed page.
    public var feedPageSize = 100
    /// Most feed pages pulled in one round (the rest wait for the next round).
    public var maxFeedPagesPerRound = 100

    public init(store: NodeStore, signer: BatchSigner, verifier: ReceiptVerifier, feedVerifier: FeedPageVerifier,
                limits: BatchLimits = BatchLimits(), clock: NodeClock = NodeClock()) {
        self.store = store
        self.signer = signer
        self.verifier = verifier
        self.feedVerifier = feedVerifier
        self.limits = limits
        self.clock = clock
    }

    /// What a round did.
    public struct Report: Sendable, Equatable {
        public var batchesSealed = 0
        public var batchesAcknowledged = 0
        public var receiptsCollected = 0
        public var bytesSent = 0
        public var eventsApplied = 0
        public var backlog = 0

        public init() {}
    }

    /// Runs one round. Link failures are thrown as they are (the caller retries with
    /// backoff); refusals that need an operator are thrown as ``SyncError``.
    public func syncOnce(_ link: any CentralLink, pullEvents: Bool = true) throws -> Report {
        var report = Report()
        report.batchesSealed = try store.cutBatches(limits: limits, signer: signer, at: clock.now()).count
        var checkpoint = try link.checkpoint()
        try store.recordContact(at: clock.now())
        try checkAgreement(checkpoint)

        var pending = try store.unacknowledgedBatches()
        // Batches central already holds: fetch their receipts instead of re-sending.
        for batch in pending where batch.header.batchSequence <= checkpoint.lastBatchSequence {
            guard let bytes = try link.receipt(batch: batch.header.batchSequence) else {
                throw SyncError.diverged("central reports batch \(checkpoint.lastBatchSequence) accepted but has no receipt for batch \(batch.header.batchSequence)")
            }
            try acknowledge(bytes, batch)
            report.receiptsCollected += 1
            report.batchesAcknowledged += 1
        }
        pending.removeAll { $0.header.batchSequence <= checkpoint.lastBatchSequence }

        var index = 0
        var gapRetries = 0
        while index < pending.count {
            let batch = pending[index]
            let sequence = batch.header.batchSequence
            guard let signed = try store.batch(sequence) else {
                throw SyncError.diverged("batch \(sequence) vanished from the node's store")
            }
            let bytes = signed.encoded()
            // Resume where central's persisted bytes end (it never holds a complete, undecided upload).
            var offset = 0
            if let upload = checkpoint.upload, upload.batchSequence == sequence, upload.totalLength == bytes.count,
               (0..<bytes.count).contains(upload.offset) {
                offset = upload.offset
            }
            var mismatches = 0
            chunks: while true {
                if isCancelled?() == true { throw SyncCancelled() }
                let end = min(bytes.count, offset + chunkSizer.size)
                let outcome: UploadOutcome
                let started = ContinuousClock.now
                do {
                    outcome = try link.upload(batch: sequence, chunk: bytes[offset..<end], at: offset, totalLength: bytes.count)
                } catch {
                    chunkSizer.chunkFailed()
                    throw error
                }
                let elapsed = ContinuousClock.now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                let sent = end - offset
                report.bytesSent += sent
                switch outcome {
                case .receipt(let receipt):
                    chunkSizer.chunkSucceeded(bytes: sent, seconds: seconds)
                    try acknowledge(receipt, batch)
                    report.batchesAcknowledged += 1
                    progress?(SyncProgress(batchSequence: sequence, batchOffset: bytes.count, batchLength: bytes.count,
                                           batchesDone: index + 1, batchesTotal: pending.count))
                    index += 1
                    break chunks
                case .partial(let persisted):
                    guard persisted > offset, persisted < bytes.count else {
                        throw SyncError.diverged("central reports \(persisted) byte(s) of batch \(sequence) persisted after a chunk of bytes \(offset)..<\(end)")
                    }
                    offset = persisted
                    chunkSizer.chunkSucceeded(bytes: sent, seconds: seconds)
                    progress?(SyncProgress(batchSequence: sequence, batchOffset: offset, batchLength: bytes.count,
                                           batchesDone: index, batchesTotal: pending.count))
                case .offsetMismatch(let expected):
                    mismatches += 1
                    guard mismatches <= 3, (0..<bytes.count).contains(expected) else {
                        throw SyncError.diverged("central keeps asking for batch \(sequence) from offset \(expected)")
                    }
                    offset = expected
                case .refused(let status, let code, let message, let expected):
                    if code == ProtocolErrorCode.gap.rawValue, let expected, expected < sequence, gapRetries < 3 {
                        // Central lost track of an earlier batch (restored from backup?): re-read and retry from there.
                        gapRetries += 1
                        checkpoint = try link.checkpoint()
                        try checkAgreement(checkpoint)
                        pending = try store.unacknowledgedBatches().filter { $0.header.batchSequence >= expected }
                        index = 0
                        break chunks
                    }
                    throw SyncError.refused(batch: sequence, status: status, code: code, message: message)
                }
            }
        }
        if pullEvents {
            report.eventsApplied = try pullFeed(link)
        }
        try store.recordContact(at: clock.now())
        report.backlog = try store.backlog()
        return report
    }

    /// Central's last batch must be one of ours, with the same hash.
    func checkAgreement(_ checkpoint: CentralCheckpoint) throws {
        guard checkpoint.lastBatchSequence > 0 else { return }
        guard let ours = try store.outgoingBatch(checkpoint.lastBatchSequence) else {
            throw SyncError.diverged("central holds batch \(checkpoint.lastBatchSequence) but this node has no such batch")
        }
        guard Hex.encode(ours.batchHash) == checkpoint.lastBatchHash.lowercased() else {
            throw SyncError.diverged("batch \(checkpoint.lastBatchSequence) at central has hash \(checkpoint.lastBatchHash), ours is \(Hex.encode(ours.batchHash))")
        }
    }

    func acknowledge(_ bytes: [UInt8], _ batch: OutgoingBatch) throws {
        let receipt = try verifier.verify(bytes, for: batch.header, batchHash: batch.batchHash)
        try store.acknowledge(receipt, at: clock.now())
    }

    /// Pulls and applies feed pages from the node's cursor until central has nothing
    /// newer (or ``maxFeedPagesPerRound`` pages); every page is verified before any of
    /// it is applied, and applied with its cursor in one transaction. Returns events applied.
    func pullFeed(_ link: any CentralLink) throws -> Int {
        var applied = 0
        var cursor = try store.feedCursor()
        let limit = max(1, min(feedPageSize, FeedPage.maxEvents))
        for _ in 0..<maxFeedPagesPerRound {
            let bytes = try link.events(after: cursor, limit: limit)
            let page = try feedVerifier.verify(bytes, for: store.configuration.nodeID, after: cursor, limit: limit)
            applied += try store.apply(page, at: clock.now())
            cursor = page.nextCursor
            if !page.hasMore { break }
        }
        return applied
    }
}
