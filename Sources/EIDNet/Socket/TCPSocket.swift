import Glibc

/// A connected TCP socket. Owns the file descriptor and closes it in `deinit`.
///
/// The descriptor is non-blocking; every read and write waits with `poll` until a
/// ``Deadline``, so no call can hang. `EINTR` is retried; writes use `MSG_NOSIGNAL`,
/// so a peer that has gone away yields `EPIPE` instead of killing the process with SIGPIPE.
///
/// Not `Sendable`: one thread owns a socket at a time.
public final class TCPSocket {
    let descriptor: Int32
    /// "host:port" of the other end.
    public let remoteAddress: String
    private var isClosed = false

    /// Adopts a connected, non-blocking descriptor.
    init(adopting descriptor: Int32, remoteAddress: String) {
        self.descriptor = descriptor
        self.remoteAddress = remoteAddress
    }

    deinit { close() }

    /// Connects to `host:port` (a name or an IPv4/IPv6 literal), trying each resolved
    /// address in turn until one accepts within what is left of `timeout`.
    public static func connect(host: String, port: UInt16, timeout: Duration) throws -> TCPSocket {
        try connect(host: host, port: port, deadline: Deadline(after: timeout, for: "TCP connect to \(host):\(port)"))
    }

    static func connect(host: String, port: UInt16, deadline: Deadline) throws -> TCPSocket {
        let endpoint = "\(host):\(port)"
        let addresses = try SocketAddress.resolve(host: host, port: port)
        var lastError: any Error = LinkError.invalidAddress(endpoint, reason: "no addresses")
        for address in addresses {
            do {
                return try connect(to: address, endpoint: endpoint, deadline: deadline)
            } catch let error as LinkError {
                throw error
            } catch {
                lastError = error
            }
        }
        throw lastError
    }

    private static func connect(to address: SocketAddress, endpoint: String, deadline: Deadline) throws -> TCPSocket {
        let fd = try systemCall("socket", endpoint: endpoint) {
            socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        let connection = TCPSocket(adopting: fd, remoteAddress: address.description)
        let result = address.withSockAddr { Glibc.connect(fd, $0, $1) }
        if result != 0 {
            let code = errno
            guard code == EINPROGRESS || code == EINTR else { throw SocketError(call: "connect", code: code, endpoint: endpoint) }
            try connection.wait(for: Int16(POLLOUT), deadline: deadline)
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            try systemCall("getsockopt(SO_ERROR)", endpoint: endpoint) { getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) }
            if failure != 0 { throw SocketError(call: "connect", code: failure, endpoint: endpoint) }
        }
        connection.setNoDelay()
        return connection
    }

    /// Sets O_NONBLOCK and FD_CLOEXEC on a descriptor from `accept`/`pipe`.
    static func makeNonBlocking(_ fd: Int32) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    }

    /// Disables Nagle's algorithm: requests and responses are small and latency-bound.
    func setNoDelay() {
        var one: Int32 = 1
        _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Waits until the socket is readable (`POLLIN`) or writable (`POLLOUT`), or throws
    /// ``LinkError/timedOut(purpose:limit:)`` at `deadline`.
    func wait(for events: Int16, deadline: Deadline) throws {
        while true {
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, deadline.pollTimeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw SocketError(call: "poll", code: errno, endpoint: remoteAddress)
            }
            if ready > 0 { return }  // readiness, hang-up or error: the next call reports which
            if deadline.hasPassed { throw deadline.expired }
        }
    }

    /// True if a read would not block right now (data, end of stream or an error is pending).
    public var isReadable: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) > 0
    }

    /// Reads up to `buffer.count` bytes; 0 means the peer closed its side (end of stream).
    public func receive(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        precondition(buffer.count > 0)
        while true {
            let count = recv(descriptor, buffer.baseAddress, buffer.count, 0)
            if count >= 0 { return count }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLIN), deadline: deadline)
            default: throw SocketError(call: "recv", code: code, endpoint: remoteAddress)
            }
        }
    }

    /// Writes all of `bytes` before `deadline`.
    public func send(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws {
        var offset = 0
        while offset < bytes.count {
            let count = Glibc.send(descriptor, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            if count >= 0 {
                offset += count
                continue
            }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLOUT), deadline: deadline)
            default: throw SocketError(call: "send", code: code, endpoint: remoteAddress)
            }
        }
    }

    /// Writes as much of `bytes` as the socket takes, waiting until at least one byte
    /// fits or `deadline` passes (then returns 0 instead of throwing).
    public func sendSome(_ bytes: UnsafeRawBufferPointer, deadline: Deadline) throws -> Int {
        precondition(bytes.count > 0)
        while true {
            let count = Glibc.send(descriptor, bytes.baseAddress!, bytes.count, Int32(MSG_NOSIGNAL))
            if count >= 0 { return count }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK:
                do { try wait(for: Int16(POLLOUT), deadline: deadline) } catch is LinkError { return 0 }
            default: throw SocketError(call: "send", code: code, endpoint: remoteAddress)
            }
        }
    }

    /// Writes all of `bytes` before `deadline`.
    public func send(_ bytes: [UInt8], deadline: Deadline) throws {
        try bytes.withUnsafeBytes { try send($0, deadline: deadline) }
    }

    /// Sends FIN: the peer reads end of stream; this side can still read.
    public func shutdownWrite() { _ = Glibc.shutdown(descriptor, Int32(SHUT_WR)) }

    /// Makes pending and later reads on this side return end of stream (sends nothing).
    public func shutdownRead() { _ = Glibc.shutdown(descriptor, Int32(SHUT_RD)) }

    /// Makes the next `close` reset the connection (RST) instead of closing it gracefully.
    public func setResetOnClose() {
        var option = linger(l_onoff: 1, l_linger: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
    }

    /// Closes the descriptor (idempotent).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(descriptor)
    }
}
