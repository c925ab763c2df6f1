import Glibc
import Synchronization

/// A listening IPv4 TCP socket (`SO_REUSEADDR`, non-blocking) whose `accept` can be
/// interrupted from another thread through a self-pipe, so a server can stop cleanly.
///
/// `Sendable`: the descriptors are fixed after `init`; `accept` is called by one thread,
/// `interrupt` and `close` may be called by any.
public final class TCPListener: Sendable {
    let descriptor: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    /// The bound address, e.g. "127.0.0.1:8443".
    public let localAddress: String
    /// The bound port (the one the system chose when asked for port 0).
    public let port: UInt16
    private let closed = Mutex(false)

    /// Binds and listens on `host` ("127.0.0.1" for loopback, "0.0.0.0" for every
    /// interface) and `port` (0 picks a free one).
    public init(host: String = "127.0.0.1", port: UInt16 = 0, backlog: Int32 = 128) throws {
        let requested = "\(host):\(port)"
        let address = try SocketAddress(ipv4: host, port: port)
        let fd = try systemCall("socket", endpoint: requested) {
            socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        var pipeEnds: [Int32] = [-1, -1]
        do {
            var one: Int32 = 1
            try systemCall("setsockopt(SO_REUSEADDR)", endpoint: requested) {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            try systemCall("bind", endpoint: requested) { address.withSockAddr { bind(fd, $0, $1) } }
            try systemCall("listen", endpoint: requested) { listen(fd, backlog) }
            var bound = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            try systemCall("getsockname", endpoint: requested) {
                withUnsafeMutablePointer(to: &bound) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
                }
            }
            let local = SocketAddress(storage: bound, length: length)
            try systemCall("pipe") { pipe(&pipeEnds) }
            TCPSocket.makeNonBlocking(pipeEnds[0])
            TCPSocket.makeNonBlocking(pipeEnds[1])
            self.descriptor = fd
            self.wakeRead = pipeEnds[0]
            self.wakeWrite = pipeEnds[1]
            self.localAddress = local.description
            self.port = local.port
        } catch {
            _ = Glibc.close(fd)
            throw error
        }
    }

    deinit {
        close()
        _ = Glibc.close(wakeRead)
        _ = Glibc.close(wakeWrite)
    }

    /// Waits for the next connection. Returns nil once ``interrupt()`` has been called.
    /// The accepted socket is non-blocking with `TCP_NODELAY`.
    public func accept() throws -> TCPSocket? {
        while true {
            var entries = [pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&entries, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                throw SocketError(call: "poll", code: errno, endpoint: localAddress)
            }
            if entries[1].revents != 0 { return nil }
            var peer = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let fd = withUnsafeMutablePointer(to: &peer) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.accept(descriptor, $0, &length)
                }
            }
            if fd < 0 {
                switch errno {
                // Transient: retry. ECONNABORTED: the client gave up before we accepted.
                case EINTR, EAGAIN, EWOULDBLOCK, ECONNABORTED, EPROTO: continue
                default: throw SocketError(call: "accept", code: errno, endpoint: localAddress)
                }
            }
            TCPSocket.makeNonBlocking(fd)
            let socket = TCPSocket(adopting: fd, remoteAddress: SocketAddress(storage: peer, length: length).description)
            socket.setNoDelay()
            return socket
        }
    }

    /// Stops listening: new connection attempts are refused (ECONNREFUSED). Call it from
    /// the accepting thread after ``accept()`` returned nil, or when no thread is in it.
    public func close() {
        let first = closed.withLock { closed -> Bool in
            defer { closed = true }
            return !closed
        }
        if first { _ = Glibc.close(descriptor) }
    }

    /// Accepts until ``interrupt()``, handing each connection to `handle`, then closes the
    /// listener. A failing accept (EMFILE, ENFILE, ENOBUFS, ...) goes to `onError` and is
    /// retried after 50 ms instead of spinning.
    func acceptUntilInterrupted(onError: (any Error) -> Void, _ handle: (TCPSocket) -> Void) {
        defer { close() }
        while true {
            do {
                guard let socket = try accept() else { return }
                handle(socket)
            } catch {
                onError(error)
                usleep(50_000)
            }
        }
    }

    /// Makes the current and every later ``accept()`` return nil.
    public func interrupt() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }
}
