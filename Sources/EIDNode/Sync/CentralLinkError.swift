/// Central answered, but not with what the node asked for.
public enum CentralLinkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Central failed or is overloaded (5xx, 429): retry after a backoff.
    case unavailable(status: Int, message: String)
    /// Central refused the request (4xx) for a reason the node cannot fix by retrying
    /// (`unknown_node`, `revoked_node`, ...): an operator must look.
    case refused(status: Int, code: String, message: String)
    /// The answer does not follow the protocol.
    case badResponse(String)

    public var description: String {
        switch self {
        case .unavailable(let status, let message):
            return "central is unavailable (\(status)): \(message)"
        case .refused(let status, let code, let message):
            return "central refused the request (\(status) \(code)): \(message)"
        case .badResponse(let reason):
            return "central's answer does not follow the protocol: \(reason)"
        }
    }

    /// Whether retrying later may succeed without anyone changing anything.
    public var isTransient: Bool {
        switch self {
        case .unavailable, .badResponse: return true
        case .refused: return false
        }
    }
}
