/// Moves a freshly accepted socket to the thread that serves it.
///
/// `@unchecked Sendable`: the accepting thread stores the socket before starting that
/// thread and never touches it again; the new thread takes it exactly once.
final class SocketHandoff: @unchecked Sendable {
    private var socket: TCPSocket?

    init(_ socket: TCPSocket) { self.socket = socket }

    func take() -> TCPSocket {
        defer { socket = nil }
        return socket!
    }
}
