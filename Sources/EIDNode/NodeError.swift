public import EIDCore

/// Why the node refused or failed an operation. Each case reads as a sentence an
/// officer (or the operator reading a log) can act on.
public enum NodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The application broke eligibility rules and/or a capture failed the quality
    /// gate; every reason is listed and nothing was stored.
    case refused(eligibility: [EligibilityViolation], biometrics: [String])
    /// The application folder or one of its files is missing or malformed.
    case badApplication(String)
    /// An application with this passport is already in the log.
    case duplicate(passportNumber: String, receiptNumber: String)
    /// The store does not look like a node store, or disagrees with itself.
    case corruptStore(String)
    /// The node's store or credentials are missing.
    case notInitialised(String)
    /// `eid node init` on a folder that already holds a store.
    case alreadyInitialised(String)
    /// A receipt from central did not verify.
    case badReceipt(String)
    /// A page of the down-sync feed did not verify; nothing of it was applied.
    case badFeedPage(String)

    public var description: String {
        switch self {
        case .refused(let violations, let biometrics):
            var lines = ["application refused, nothing was stored:"]
            if !violations.isEmpty {
                lines.append("  \(violations.count) eligibility rule(s) failed:")
                lines += violations.map { "    - \($0.code.rawValue): \($0.reason)" }
            }
            if !biometrics.isEmpty {
                lines.append("  \(biometrics.count) biometric capture problem(s), recapture:")
                lines += biometrics.map { "    - \($0)" }
            }
            return lines.joined(separator: "\n")
        case .badApplication(let reason):
            return "application refused: \(reason)"
        case .duplicate(let passport, let receipt):
            return "passport \(passport) is already enrolled at this node (receipt \(receipt))"
        case .corruptStore(let reason):
            return "node store is damaged: \(reason)"
        case .notInitialised(let reason):
            return "node is not initialised: \(reason)"
        case .alreadyInitialised(let reason):
            return "node is already initialised: \(reason)"
        case .badReceipt(let reason):
            return "receipt from central refused: \(reason)"
        case .badFeedPage(let reason):
            return "feed page from central refused: \(reason)"
        }
    }
}
