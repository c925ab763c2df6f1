/// Why a central store operation failed (as opposed to a protocol refusal, which is
/// a ``BatchRefusal``). Each case reads as a sentence an operator can act on.
public enum CentralError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The store's contents contradict themselves.
    case corruptStore(String)
    /// No record with this receipt number has reached central.
    case unknownReceipt(String)
    /// A registration contradicts another one or the store.
    case badRegistration(String)
    /// An operator request is not valid (the message says why); nothing changed.
    case invalidRequest(String)
    /// The audit log's hash chain is broken at `sequence`.
    case auditChainBroken(sequence: UInt64, reason: String)

    public var description: String {
        switch self {
        case .corruptStore(let reason): return "central store is damaged: \(reason)"
        case .unknownReceipt(let receipt): return "no record with receipt number \(receipt) has reached central"
        case .badRegistration(let reason): return "node registration refused: \(reason)"
        case .invalidRequest(let reason): return reason
        case .auditChainBroken(let sequence, let reason): return "audit log broken at entry \(sequence): \(reason)"
        }
    }
}
