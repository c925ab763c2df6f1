import Glibc

/// A failed system call on a socket: the call, `errno`, and the endpoint it concerned.
public struct SocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system call, e.g. `"connect"`, `"recv"`, `"bind"`.
    public let call: String
    /// `errno` right after the call.
    public let code: Int32
    /// "127.0.0.1:8443" when known.
    public let endpoint: String?

    public init(call: String, code: Int32, endpoint: String? = nil) {
        self.call = call
        self.code = code
        self.endpoint = endpoint
    }

    /// `strerror(code)`.
    public var message: String { String(cString: strerror(code)) }

    /// A connection reset or broken pipe: the peer or the network cut the link.
    public var isConnectionCut: Bool { [ECONNRESET, EPIPE, ECONNABORTED, ENOTCONN].contains(code) }

    public var description: String {
        let target = endpoint.map { "(\($0))" } ?? ""
        return "\(call)\(target) failed: \(message) (errno \(code))"
    }
}

/// A link failure that is not a system-call error: a timeout, the peer closing the
/// connection, or an address that cannot be used.
public enum LinkError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `purpose` did not finish within `limit`.
    case timedOut(purpose: String, limit: Duration)
    /// The peer closed the connection (TCP FIN without a TLS close_notify, or before a
    /// complete message) while `during` was in progress.
    case closedByPeer(during: String)
    /// A host or port that cannot be resolved or used.
    case invalidAddress(String, reason: String)

    public var description: String {
        switch self {
        case let .timedOut(purpose, limit): return "\(purpose) did not complete within \(formatDuration(limit))"
        case let .closedByPeer(during): return "the peer closed the connection during \(during)"
        case let .invalidAddress(address, reason): return "cannot use address \(address): \(reason)"
        }
    }
}

/// Runs a system call returning -1 on failure, retrying on EINTR.
@discardableResult
func systemCall(_ call: String, endpoint: String? = nil, _ body: () -> Int32) throws(SocketError) -> Int32 {
    while true {
        let result = body()
        if result >= 0 { return result }
        let code = errno
        if code == EINTR { continue }
        throw SocketError(call: call, code: code, endpoint: endpoint)
    }
}
