/// Where an ``HTTPServer`` listens, how many connections it serves at once, and how long
/// it waits for each step. Every timeout is configurable so tests can run fast.
///
/// Timeouts, per connection:
/// - ``handshakeTimeout``: TCP accept to the end of the TLS handshake.
/// - ``idleTimeout``: waiting for the first byte of the next request (keep-alive);
///   expiry closes the connection silently.
/// - ``requestHeadTimeout``: first byte of a request to the end of its head, however
///   the bytes trickle in (slowloris): expiry answers 408 and closes.
/// - ``bodyTimeout`` + `Content-Length / minimumBodyRate` seconds: end of the head to
///   the end of the body: expiry answers 408 and closes.
/// - ``writeTimeout`` + `response size / minimumBodyRate` seconds: sending the response.
public struct HTTPServerConfiguration: Sendable {
    /// IPv4 address to bind: "127.0.0.1" (loopback) or "0.0.0.0" (every interface).
    public var host: String
    /// 0 picks a free port (read it from ``HTTPServer/port``).
    public var port: UInt16
    /// Connections served at once, each on its own thread. Beyond it a new connection
    /// is closed right after accept (no TLS handshake), so a flood costs little.
    public var maxConnections: Int
    public var handshakeTimeout: Duration
    public var idleTimeout: Duration
    public var requestHeadTimeout: Duration
    public var bodyTimeout: Duration
    /// Bytes per second a slow link must at least sustain; extends the body and write
    /// deadlines in proportion to the size (1 KiB/s by default, below 2G speeds).
    public var minimumBodyRate: Int
    public var writeTimeout: Duration
    public var limits: HTTPLimits
    /// Receives one line per notable event (refused handshakes, refused requests, errors).
    /// Never given request bodies or key material.
    public var log: (@Sendable (String) -> Void)?

    public init(host: String = "127.0.0.1", port: UInt16 = 0, maxConnections: Int = 64,
                handshakeTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(30),
                requestHeadTimeout: Duration = .seconds(10), bodyTimeout: Duration = .seconds(10),
                minimumBodyRate: Int = 1024, writeTimeout: Duration = .seconds(10),
                limits: HTTPLimits = HTTPLimits(), log: (@Sendable (String) -> Void)? = nil) {
        self.host = host
        self.port = port
        self.maxConnections = maxConnections
        self.handshakeTimeout = handshakeTimeout
        self.idleTimeout = idleTimeout
        self.requestHeadTimeout = requestHeadTimeout
        self.bodyTimeout = bodyTimeout
        self.minimumBodyRate = minimumBodyRate
        self.writeTimeout = writeTimeout
        self.limits = limits
        self.log = log
    }

    /// `base` plus the time `byteCount` bytes take at ``minimumBodyRate``.
    func scaled(_ base: Duration, for byteCount: Int) -> Duration {
        base + .milliseconds(Int64(byteCount) * 1000 / Int64(max(1, minimumBodyRate)))
    }
}

/// Counters an ``HTTPServer`` keeps (read with ``HTTPServer/statistics``).
public struct HTTPServerStatistics: Sendable, Hashable {
    /// Connections taken on (served by a thread).
    public var connectionsAccepted = 0
    /// Connections closed right after accept: over ``HTTPServerConfiguration/maxConnections`` or shutting down.
    public var connectionsRefused = 0
    /// Connections open now.
    public var activeConnections = 0
    /// Handshakes that failed (no or bad client certificate, revoked, wrong protocol version, timeout).
    public var handshakesFailed = 0
    /// Requests passed to the handler.
    public var requestsHandled = 0
    /// Requests answered by the server itself with an error status (400, 408, 413, ...), by status code.
    public var requestsRefused: [Int: Int] = [:]
    /// Connections that ended in the middle of a request (which therefore never reached the handler).
    public var truncatedRequests = 0
}
