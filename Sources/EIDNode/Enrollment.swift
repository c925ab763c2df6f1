public import EIDCore
import EIDStorage

/// An application that passed every intake check, ready to be appended to the log.
public struct CheckedEnrollment: Sendable {
    /// Lookup fields kept in the clear at the node.
    public var fullName: String
    public var passportNumber: String
    public var level: UInt8
    /// The payload to seal (application, portrait, templates, embedding).
    public var payload: EnrollmentPayload
    /// Quality-gate notes that did not refuse the capture (e.g. an embedding scaled to unit norm).
    public var warnings: [String]

    public init(fullName: String, passportNumber: String, level: UInt8, payload: EnrollmentPayload,
                warnings: [String] = []) {
        self.fullName = fullName
        self.passportNumber = passportNumber
        self.level = level
        self.payload = payload
        self.warnings = warnings
    }
}

/// What the node tells the applicant once the enrollment is committed.
public struct AcceptedEnrollment: Sendable, Equatable, Codable {
    public var sequence: UInt64
    public var receiptNumber: String
    public var fullName: String
    public var passportNumber: String
    public var enrolledAt: String
}

/// One line of the log as an officer sees it (lookup fields, status, batch, decision).
public struct EnrollmentSummary: Sendable, Equatable, Codable {
    public var sequence: Int64
    public var receiptNumber: String
    public var fullName: String
    public var passportNumber: String
    public var level: Int
    public var status: String
    public var enrolledAt: String
    public var batchSequence: Int64?
    public var decision: String?
    public var decisionReason: String?

    static let selectSQL = """
        SELECT e.seq, e.receipt_number, e.full_name, e.passport_number, e.level, e.status, e.enrolled_at, e.batch_seq,
               d.outcome, d.reason
        FROM enrollment e LEFT JOIN decision d ON d.receipt_number = e.receipt_number
        """

    init(row: Row) throws {
        sequence = try row.get("seq")
        receiptNumber = try row.get("receipt_number")
        fullName = try row.get("full_name")
        passportNumber = try row.get("passport_number")
        level = try row.get("level")
        status = try row.get("status")
        enrolledAt = try row.get("enrolled_at")
        batchSequence = try row.get("batch_seq", as: Int64?.self)
        decision = try row.get("outcome", as: String?.self)
        decisionReason = try row.get("reason", as: String?.self)
    }

    /// Absent values are written as `null`, so every key is always present for scripts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(receiptNumber, forKey: .receiptNumber)
        try container.encode(fullName, forKey: .fullName)
        try container.encode(passportNumber, forKey: .passportNumber)
        try container.encode(level, forKey: .level)
        try container.encode(status, forKey: .status)
        try container.encode(enrolledAt, forKey: .enrolledAt)
        try container.encode(batchSequence, forKey: .batchSequence)
        try container.encode(decision, forKey: .decision)
        try container.encode(decisionReason, forKey: .decisionReason)
    }
}

/// Counts for `eid node status`.
public struct NodeStatus: Sendable, Equatable, Codable {
    public var nodeID: String
    public var enrolled: Int
    public var lastSequence: Int
    public var unbatched: Int
    public var batched: Int
    public var batches: Int
    public var acknowledgedBatches: Int
    public var acknowledged: Int
    public var decisionsReceived: Int
    public var lastContact: String?

    /// Absent values are written as `null`, so every key is always present for scripts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nodeID, forKey: .nodeID)
        try container.encode(enrolled, forKey: .enrolled)
        try container.encode(lastSequence, forKey: .lastSequence)
        try container.encode(unbatched, forKey: .unbatched)
        try container.encode(batched, forKey: .batched)
        try container.encode(batches, forKey: .batches)
        try container.encode(acknowledgedBatches, forKey: .acknowledgedBatches)
        try container.encode(acknowledged, forKey: .acknowledged)
        try container.encode(decisionsReceived, forKey: .decisionsReceived)
        try container.encode(lastContact, forKey: .lastContact)
    }
}
