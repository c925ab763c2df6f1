import Foundation
import Glibc
import Synchronization

/// An HTTP/1.1 server over mutual TLS 1.3.
///
/// Threading: one accept thread, and one thread per connection up to
/// ``HTTPServerConfiguration/maxConnections``. All blocking I/O (accept, handshake,
/// reads, writes) and the handler run on these threads, never on Swift's cooperative pool.
/// The handler is called on the connection's thread, one request at a time per connection,
/// with the identity taken from the client's verified certificate.
///
/// ```swift
/// let tls = try TLSContext(.central(PKILayout(root: "pki")))
/// let server = try HTTPServer(configuration: .init(port: 8443), tls: tls) { request, peer in
///     .text(.ok, "hello \(peer.nodeID)\n")
/// }
/// server.start()
/// // on SIGTERM:
/// server.shutdown(gracePeriod: .seconds(10))
/// ```
public final class HTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest, PeerIdentity) -> HTTPResponse

    public let configuration: HTTPServerConfiguration
    /// The bound port.
    public var port: UInt16 { listener.port }
    /// The bound address, e.g. "127.0.0.1:8443".
    public var localAddress: String { listener.localAddress }

    let tls: TLSContext
    let handler: Handler
    private let listener: TCPListener
    private let state = Mutex(State())

    private struct State {
        var statistics = HTTPServerStatistics()
        var started = false
        var draining = false
        var acceptLoopRunning = false
        var nextConnectionID = 0
        /// Open connections: descriptor and whether it is waiting for a request.
        var connections: [Int: (descriptor: Int32, idle: Bool)] = [:]
    }

    /// Binds and listens (so ``port`` is known), but accepts nothing until ``start()``.
    public init(configuration: HTTPServerConfiguration, tls: TLSContext, handler: @escaping Handler) throws {
        guard tls.role == .server else {
            throw TLSError(operation: "HTTPServer", reason: .configuration("the TLS context must have the server role"))
        }
        guard configuration.maxConnections > 0 else {
            throw TLSError(operation: "HTTPServer", reason: .configuration("maxConnections must be positive"))
        }
        self.configuration = configuration
        self.tls = tls
        self.handler = handler
        self.listener = try TCPListener(host: configuration.host, port: configuration.port)
    }

    public var statistics: HTTPServerStatistics { state.withLock { $0.statistics } }

    /// Starts the accept thread (once).
    public func start() {
        let first = state.withLock { state -> Bool in
            guard !state.started, !state.draining else { return false }
            state.started = true
            state.acceptLoopRunning = true
            return true
        }
        guard first else { return }
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "eid-http-accept-\(port)"
        thread.start()
    }

    /// Stops accepting, lets requests in progress finish (their responses carry
    /// `Connection: close`), closes idle keep-alive connections, and waits up to
    /// `gracePeriod` for every connection to end; connections still open then are cut
    /// (a handler that is still running is waited for 2 s more, then abandoned).
    /// Blocks the calling thread; safe to call more than once.
    public func shutdown(gracePeriod: Duration = .seconds(10)) {
        let idle = state.withLock { state -> [Int32] in
            state.draining = true
            return state.connections.values.filter(\.idle).map(\.descriptor)
        }
        listener.interrupt()
        if !state.withLock({ $0.started }) { listener.close() }
        // Wake connections waiting for a request: their next read sees end of stream.
        for descriptor in idle { _ = Glibc.shutdown(descriptor, Int32(SHUT_RD)) }
        let deadline = Deadline(after: gracePeriod, for: "graceful shutdown")
        var forcedAt: Deadline? = nil
        while true {
            let (open, acceptRunning) = state.withLock { ($0.connections, $0.acceptLoopRunning) }
            if open.isEmpty && !acceptRunning { return }
            if deadline.hasPassed && forcedAt == nil {
                forcedAt = Deadline(after: .seconds(2), for: "forced shutdown")
                log("shutdown: cutting \(open.count) connection(s) still open after \(formatDuration(gracePeriod))")
                for connection in open.values { _ = Glibc.shutdown(connection.descriptor, Int32(SHUT_RDWR)) }
            }
            if let forcedAt, forcedAt.hasPassed {
                // Only a handler that never returns can hold a thread this long; do not hang the caller.
                log("shutdown: \(open.count) connection thread(s) still busy in the handler; returning anyway")
                return
            }
            usleep(5_000)
        }
    }

    // MARK: Accepting

    private func acceptLoop() {
        defer { state.withLock { $0.acceptLoopRunning = false } }
        listener.acceptUntilInterrupted(onError: { log("accept failed: \($0)") }) { socket in
            let admitted = state.withLock { state -> Int? in
                guard !state.draining, state.connections.count < configuration.maxConnections else {
                    state.statistics.connectionsRefused += 1
                    return nil
                }
                state.nextConnectionID += 1
                state.connections[state.nextConnectionID] = (socket.descriptor, false)
                state.statistics.connectionsAccepted += 1
                state.statistics.activeConnections = state.connections.count
                return state.nextConnectionID
            }
            guard let id = admitted else {
                socket.setResetOnClose()
                socket.close()
                return
            }
            let handoff = SocketHandoff(socket)
            let thread = Thread { [self] in
                let socket = handoff.take()
                ServerConnection(server: self, id: id, socket: socket).run()
                // Unregister before the descriptor is closed, so shutdown() never touches a reused number.
                state.withLock { state in
                    state.connections[id] = nil
                    state.statistics.activeConnections = state.connections.count
                }
                socket.close()
            }
            thread.name = "eid-http-connection-\(id)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    // MARK: Used by connections

    /// Marks a connection as waiting for a request; false if the server is draining (close now).
    func markIdle(_ id: Int) -> Bool {
        state.withLock { state in
            guard !state.draining else { return false }
            state.connections[id]?.idle = true
            return true
        }
    }

    func markBusy(_ id: Int) { state.withLock { $0.connections[id]?.idle = false } }

    var isDraining: Bool { state.withLock { $0.draining } }

    func record(_ update: (inout HTTPServerStatistics) -> Void) {
        state.withLock { update(&$0.statistics) }
    }

    func log(_ message: @autoclosure () -> String) {
        configuration.log?(message())
    }
}
