public import Foundation
public import EIDCore
import EIDStorage
import EIDCrypto

/// The node's durable state: one SQLite file (`node.sqlite` in the node's folder)
/// holding its configuration, the append-only enrollment log, the signed batches
/// and what came back from central. See docs/node.md ("Node database").
///
/// Every method that changes state does it in one `BEGIN IMMEDIATE` transaction
/// committed with `synchronous=FULL`; when it returns, the change survives a crash.
public final class NodeStore: Sendable {
    public static let fileName = "node.sqlite"

    let queue: DatabaseQueue
    public let configuration: NodeConfiguration
    public let folder: String

    /// Creates a new store in `folder` (which must not hold one yet).
    public static func create(in folder: String, configuration: NodeConfiguration) throws -> NodeStore {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard !FileManager.default.fileExists(atPath: path) else {
            throw NodeError.alreadyInitialised("\(path) exists; nothing was changed")
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: path, migrator: NodeSchema.migrator)
        try queue.write { db in
            for (key, value) in configuration.keyValues {
                try db.execute("INSERT INTO node_config(key, value) VALUES (?, ?)", [key, value])
            }
        }
        return try NodeStore(folder: folder)
    }

    /// Opens the store in `folder`.
    public init(folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        guard FileManager.default.fileExists(atPath: path) else {
            throw NodeError.notInitialised("no \(Self.fileName) in \(folder); run 'eid node init' first")
        }
        self.folder = folder
        self.queue = try DatabaseQueue(path: path, migrator: NodeSchema.migrator)
        let pairs = try queue.read { db in
            try db.rows("SELECT key, value FROM node_config").map { row in
                (try row.get("key", as: String.self), try row.get("value", as: String.self))
            }
        }
        self.configuration = try NodeConfiguration(keyValues: Dictionary(pairs, uniquingKeysWith: { a, _ in a }))
    }

    /// The database file's path.
    public var path: String { queue.path }

    // MARK: - Enrollment

    /// Appends one checked enrollment to the log: allocates the next sequence number
    /// and the day's receipt number, seals the payload to the authority, and commits.
    /// Returns only after the commit is durable.
    /// Throws ``NodeError/duplicate(passportNumber:receiptNumber:)`` when the passport is
    /// already in the log (and not rejected).
    public func append(_ enrollment: CheckedEnrollment, sealer: EnrollmentSealer, at date: Date) throws -> AcceptedEnrollment {
        switch try appendAll([enrollment], sealer: sealer, at: date)[0] {
        case .accepted(let accepted): return accepted
        case .duplicate(let passport, let receipt): throw NodeError.duplicate(passportNumber: passport, receiptNumber: receipt)
        }
    }

    /// What happened to one enrollment of a bulk append.
    public enum AppendOutcome: Sendable, Equatable {
        case accepted(AcceptedEnrollment)
        /// Already in the log under this receipt; nothing was added.
        case duplicate(passportNumber: String, receiptNumber: String)
    }

    /// Appends several checked enrollments in one transaction (bulk import): those
    /// accepted are committed together, or none are; duplicates are skipped.
    public func appendAll(_ enrollments: [CheckedEnrollment], sealer: EnrollmentSealer, at date: Date) throws -> [AppendOutcome] {
        let day = NodeClock.vietnamDay(date)
        let dayKey = day.isoString.replacingOccurrences(of: "-", with: "")
        let milliseconds = NodeClock.milliseconds(date)
        let timestamp = NodeClock.timestamp(date)
        let node = configuration
        return try queue.write { db in
            var outcomes: [AppendOutcome] = []
            var passportsNow: [String: String] = [:]
            var sequence = try db.scalar("SELECT max(seq) FROM enrollment", as: Int64.self) ?? 0
            var daySequence = try db.scalar("SELECT last FROM receipt_counter WHERE day = ?", [dayKey], as: Int.self) ?? 0
            for enrollment in enrollments {
                if let existing = try db.row("""
                    SELECT e.receipt_number FROM enrollment e LEFT JOIN decision d ON d.receipt_number = e.receipt_number
                    WHERE e.passport_number = ? AND coalesce(d.outcome, '') != 'rejected' LIMIT 1
                    """, [enrollment.passportNumber]) {
                    outcomes.append(.duplicate(passportNumber: enrollment.passportNumber,
                                               receiptNumber: try existing.get(0, as: String.self)))
                    continue
                }
                if let receipt = passportsNow[enrollment.passportNumber] {
                    outcomes.append(.duplicate(passportNumber: enrollment.passportNumber, receiptNumber: receipt))
                    continue
                }
                sequence += 1
                daySequence += 1
                guard let receipt = ReceiptNumber(nodeCode: node.code, date: dayKey, sequence: daySequence) else {
                    throw NodeError.corruptStore("receipt counter for \(dayKey) is exhausted (\(daySequence))")
                }
                let sealed = try sealer.seal(enrollment.payload, nodeID: node.nodeID, receiptNumber: receipt.description)
                let record = EnrollmentRecord(nodeID: node.nodeID, sequence: UInt64(sequence),
                                              receiptNumber: receipt.description,
                                              enrolledAtMilliseconds: milliseconds, level: enrollment.level,
                                              sealedPayload: sealed)
                let bytes = record.encoded()
                try db.execute("""
                    INSERT INTO enrollment(seq, receipt_number, full_name, passport_number, level, status, enrolled_at)
                    VALUES (?, ?, ?, ?, ?, 'received', ?)
                    """, [sequence, receipt.description, enrollment.fullName, enrollment.passportNumber,
                          Int(enrollment.level), timestamp])
                try db.execute("INSERT INTO log_record(seq, record, record_hash) VALUES (?, ?, ?)",
                               [sequence, bytes, SHA256.hash(bytes)])
                passportsNow[enrollment.passportNumber] = receipt.description
                outcomes.append(.accepted(AcceptedEnrollment(sequence: UInt64(sequence), receiptNumber: receipt.description,
                                                             fullName: enrollment.fullName,
                                                             passportNumber: enrollment.passportNumber,
                                                             enrolledAt: timestamp)))
            }
            try db.execute("""
                INSERT INTO receipt_counter(day, last) VALUES (?, ?)
                ON CONFLICT(day) DO UPDATE SET last = excluded.last
                """, [dayKey, daySequence])
            return outcomes
        }
    }

    // MARK: - Look-up

    /// One enrollment by receipt number (any case), with its batch and decision.
    public func enrollment(receiptNumber: String) throws -> EnrollmentSummary? {
        let normalised = ReceiptNumber(receiptNumber)?.description ?? receiptNumber.uppercased()
        return try queue.read { db in
            try db.row(EnrollmentSummary.selectSQL + " WHERE e.receipt_number = ?", [normalised]).map(EnrollmentSummary.init(row:))
        }
    }

    /// Enrollments, newest first, optionally with one status, or matching a passport number or name.
    public func enrollments(status: String? = nil, passportNumber: String? = nil, limit: Int = 100) throws -> [EnrollmentSummary] {
        var conditions: [String] = []
        var values: [any DatabaseValueConvertible] = []
        if let status { conditions.append("e.status = ?"); values.append(status) }
        if let passportNumber { conditions.append("e.passport_number = ?"); values.append(passportNumber) }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        values.append(limit)
        return try queue.read { db in
            try db.rows(EnrollmentSummary.selectSQL + whereClause + " ORDER BY e.seq DESC LIMIT ?", values)
                .map(EnrollmentSummary.init(row:))
        }
    }

    /// Counts for `eid node status`.
    public func status() throws -> NodeStatus {
        try queue.read { db in
            func count(_ sql: String) throws -> Int { try db.scalar(sql, as: Int.self) ?? 0 }
            return NodeStatus(
                nodeID: configuration.nodeID.rawValue,
                enrolled: try count("SELECT count(*) FROM enrollment"),
                lastSequence: try count("SELECT coalesce(max(seq), 0) FROM enrollment"),
                unbatched: try count("SELECT count(*) FROM enrollment WHERE batch_seq IS NULL"),
                batched: try count("SELECT count(*) FROM enrollment WHERE batch_seq IS NOT NULL"),
                batches: try count("SELECT count(*) FROM batch"),
                acknowledgedBatches: try count("SELECT count(*) FROM batch WHERE acknowledged_at IS NOT NULL"),
                acknowledged: try count("""
                    SELECT count(*) FROM enrollment e JOIN batch b ON b.batch_seq = e.batch_seq
                    WHERE b.acknowledged_at IS NOT NULL
                    """),
                decisionsReceived: try count("SELECT count(*) FROM decision"),
                lastContact: try db.scalar("SELECT value FROM sync_state WHERE key = 'last_contact'", as: String.self))
        }
    }

    // MARK: - Batches

    /// Cuts every unbatched record into signed batches bounded by `limits`, chained
    /// to the last batch; returns the new batches' sequence numbers.
    ///
    /// Each batch is committed in its own transaction and only one batch's records are
    /// in memory at a time, so cutting a large backlog needs little memory, and an
    /// interrupted cut leaves whole batches that the next call continues from.
    @discardableResult
    public func cutBatches(limits: BatchLimits = BatchLimits(), signer: BatchSigner, at date: Date) throws -> [UInt64] {
        var made: [UInt64] = []
        while let batch = try cutNextBatch(limits: limits, signer: signer, at: date) { made.append(batch) }
        return made
    }

    /// Cuts and commits the next batch, or returns nil when every record is batched.
    func cutNextBatch(limits: BatchLimits, signer: BatchSigner, at date: Date) throws -> UInt64? {
        let node = configuration.nodeID
        let created = NodeClock.milliseconds(date)
        let timestamp = NodeClock.timestamp(date)
        return try queue.write { db -> UInt64? in
            let previous = try db.row("SELECT batch_seq, batch_hash, last_seq FROM batch ORDER BY batch_seq DESC LIMIT 1")
            let batchSequence = UInt64(try previous?.get("batch_seq", as: Int64.self) ?? 0) + 1
            let previousHash = try previous?.get("batch_hash", as: [UInt8].self) ?? BatchHeader.genesisHash
            let first = UInt64(try previous?.get("last_seq", as: Int64.self) ?? 0) + 1
            // Plan the slice from the records' sizes alone (length() does not read the blobs).
            let sizes = try db.rows("SELECT seq, length(record) FROM log_record WHERE seq >= ? ORDER BY seq LIMIT ?",
                                    [Int64(first), limits.maxRecords])
            var count = 0
            var bytes = 0
            for row in sizes {
                let sequence = UInt64(try row.get(0, as: Int64.self))
                guard sequence == first + UInt64(count) else {
                    throw NodeError.corruptStore("log has a gap: expected record \(first + UInt64(count)), found \(sequence)")
                }
                let size = 4 + (try row.get(1, as: Int.self))
                if count > 0 && bytes + size > limits.maxBytes { break }
                count += 1
                bytes += size
            }
            guard count > 0 else { return nil }
            let last = first + UInt64(count) - 1
            let records = try db.rows("SELECT record FROM log_record WHERE seq BETWEEN ? AND ? ORDER BY seq",
                                      [Int64(first), Int64(last)]).map { try $0.get(0, as: [UInt8].self) }
            let header = BatchHeader(nodeID: node, batchSequence: batchSequence, firstRecordSequence: first,
                                     recordCount: UInt32(count), recordsByteLength: UInt64(bytes),
                                     previousBatchHash: previousHash, merkleRoot: Self.merkleRoot(records),
                                     createdAtMilliseconds: created)
            let headerBytes = header.encoded()
            let signature = try signer.sign(headerBytes)
            try db.execute("""
                INSERT INTO batch(batch_seq, first_seq, last_seq, record_count, byte_length, header, signature,
                                  batch_hash, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [Int64(batchSequence), Int64(first), Int64(last), count,
                      4 + headerBytes.count + SignedBatch.signatureLength + bytes, headerBytes, signature,
                      SHA256.hash(headerBytes), timestamp])
            try db.execute("""
                UPDATE enrollment SET batch_seq = ?,
                    status = CASE status WHEN 'received' THEN 'batched' ELSE status END
                WHERE seq BETWEEN ? AND ?
                """, [Int64(batchSequence), Int64(first), Int64(last)])
            return batchSequence
        }
    }

    /// The RFC 6962 root over records, leaf hashes computed without copying the records.
    static func merkleRoot(_ records: [[UInt8]]) -> [UInt8] {
        let leafHashes = records.map { record -> [UInt8] in
            let hasher = SHA256Hasher()
            hasher.update(CollectionOfOne(MerkleTree.leafPrefix))
            hasher.update(record)
            return hasher.finalize()
        }
        return MerkleTree.root(ofLeafHashes: leafHashes[...], hash: { SHA256.hash($0) })
    }

    /// A stored batch, reassembled byte for byte as it is uploaded.
    public func batch(_ sequence: UInt64) throws -> SignedBatch? {
        try queue.read { db in
            guard let row = try db.row("SELECT header, signature, first_seq, last_seq FROM batch WHERE batch_seq = ?",
                                       [Int64(sequence)]) else { return nil }
            let records = try db.rows("SELECT record FROM log_record WHERE seq BETWEEN ? AND ? ORDER BY seq",
                                      [try row.get("first_seq", as: Int64.self), try row.get("last_seq", as: Int64.self)])
                .map { try $0.get(0, as: [UInt8].self) }
            return try SignedBatch(headerBytes: try row.get("header", as: [UInt8].self),
                                   signature: try row.get("signature", as: [UInt8].self), recordBytes: records)
        }
    }

    /// The canonical record at position `sequence` of the log, as stored and sent.
    public func recordBytes(_ sequence: UInt64) throws -> [UInt8]? {
        try queue.read { db in
            try db.scalar("SELECT record FROM log_record WHERE seq = ?", [Int64(sequence)], as: [UInt8].self)
        }
    }

    /// Folds the write-ahead log into the main file (`PRAGMA wal_checkpoint(TRUNCATE)`),
    /// e.g. before the file is copied or measured.
    public func checkpoint() throws {
        try queue.inDatabase { db in try db.checkpoint() }
    }

    /// Sequence numbers of all batches.
    public func batchSequences() throws -> [UInt64] {
        try queue.read { db in
            try db.rows("SELECT batch_seq FROM batch ORDER BY batch_seq").map { UInt64(try $0.get(0, as: Int64.self)) }
        }
    }
}

/// How big a batch may grow. A single record larger than `maxBytes` travels alone.
public struct BatchLimits: Sendable {
    public var maxRecords: Int
    public var maxBytes: Int

    public init(maxRecords: Int = 100, maxBytes: Int = 1024 * 1024) {
        self.maxRecords = max(1, min(maxRecords, Int(BatchHeader.maxRecordCount)))
        self.maxBytes = max(1, maxBytes)
    }
}
