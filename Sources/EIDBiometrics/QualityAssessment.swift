/// The outcome of a quality check: every issue found, and the accepted value when none refuses it.
public struct QualityAssessment<Accepted: Sendable>: Sendable {
    /// The checked value (templates, portrait, embedding…), nil when any issue is a refusal.
    public let accepted: Accepted?
    /// All issues found, refusals and warnings, in the order checked.
    public let issues: [QualityIssue]

    public init(accepted: Accepted?, issues: [QualityIssue]) {
        self.accepted = issues.contains { $0.severity == .refusal } ? nil : accepted
        self.issues = issues
    }

    /// Whether nothing refuses the capture.
    public var isAccepted: Bool { accepted != nil }

    /// The issues that refuse the capture.
    public var refusals: [QualityIssue] { issues.filter { $0.severity == .refusal } }

    /// The issues that only flag it.
    public var warnings: [QualityIssue] { issues.filter { $0.severity == .warning } }

    /// The accepted value, or a `QualityRefusal` carrying every issue.
    public func get() throws(QualityRefusal) -> Accepted {
        guard let accepted else { throw QualityRefusal(issues: issues) }
        return accepted
    }
}

/// A refused capture, with every reason.
public struct QualityRefusal: Error, Sendable, CustomStringConvertible {
    /// All issues (refusals first, then warnings).
    public let issues: [QualityIssue]

    public init(issues: [QualityIssue]) {
        self.issues = issues.filter { $0.severity == .refusal } + issues.filter { $0.severity == .warning }
    }

    /// One message per line.
    public var description: String { issues.map(\.message).joined(separator: "\n") }
}
