/// Why a sync round stopped in a way retrying will not fix: an operator must look.
public enum SyncError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Central refused a batch for a reason other than a transient one.
    case refused(batch: UInt64, status: Int, code: String, message: String)
    /// Central's history of this node differs from the node's own log.
    case diverged(String)

    public var description: String {
        switch self {
        case .refused(let batch, let status, let code, let message):
            return "central refused batch \(batch) (\(status) \(code)): \(message)"
        case .diverged(let reason):
            return "central and this node disagree: \(reason); an operator must reconcile"
        }
    }
}
