import Synchronization

/// Where an ``HTTPClient`` connects and how long it waits.
public struct HTTPClientConfiguration: Sendable {
    public var host: String
    public var port: UInt16
    /// The name the server's certificate must carry (DNS SAN, or IP SAN for a literal).
    /// Defaults to `host`.
    public var serverName: String?
    public var connectTimeout: Duration
    public var handshakeTimeout: Duration
    /// Default limit for one whole exchange (connecting if needed, sending, receiving).
    public var requestTimeout: Duration
    /// Bounds on the response (a broken or hostile server cannot make the client allocate without limit).
    public var limits: HTTPLimits

    public init(host: String, port: UInt16, serverName: String? = nil, connectTimeout: Duration = .seconds(10),
                handshakeTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(60),
                limits: HTTPLimits = HTTPLimits(maxBodyBytes: 64 * 1024 * 1024)) {
        self.host = host
        self.port = port
        self.serverName = serverName
        self.connectTimeout = connectTimeout
        self.handshakeTimeout = handshakeTimeout
        self.requestTimeout = requestTimeout
        self.limits = limits
    }
}

/// A failed exchange: which request, to where, and the underlying error
/// (``SocketError``, ``LinkError``, ``TLSError``, ``HTTPParseError`` or ``HTTPEncodingError``).
/// Any of them except ``HTTPEncodingError`` is a link failure worth retrying (with backoff).
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// "POST /v1/batches/3".
    public let request: String
    /// "127.0.0.1:8443".
    public let endpoint: String
    public let underlying: any Error & Sendable

    public var isTimeout: Bool {
        if case .timedOut = underlying as? LinkError { return true }
        return false
    }

    public var description: String { "\(request) to \(endpoint) failed: \(underlying)" }
}

/// A synchronous HTTP/1.1 client over mutual TLS 1.3, for one server. Keeps one
/// connection alive between requests and reuses it; a connection that the server closed
/// while idle is noticed before use and replaced; after any failure (cut, timeout,
/// malformed response) the connection is dropped and the next request reconnects.
/// Requests are never retried automatically: the caller decides (the replication
/// protocol's requests are idempotent).
///
/// `Sendable`; requests from several threads are serialised. Blocking: call it from
/// your own thread or queue, not from Swift's cooperative pool.
public final class HTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    private let tls: TLSContext
    private let state = Mutex(State())

    private struct State: ~Copyable {
        var connection: TLSConnection?
        var server: PeerIdentity?
        var connectionsOpened = 0
    }

    public init(configuration: HTTPClientConfiguration, tls: TLSContext) throws {
        guard tls.role == .client else {
            throw TLSError(operation: "HTTPClient", reason: .configuration("the TLS context must have the client role"))
        }
        self.configuration = configuration
        self.tls = tls
    }

    /// The server's verified identity from the most recent connection.
    public var serverIdentity: PeerIdentity? { state.withLock { $0.server } }

    /// How many connections (TCP + TLS handshakes) this client has opened.
    public var connectionsOpened: Int { state.withLock { $0.connectionsOpened } }

    /// Sends `request` and returns the response, whatever its status. Throws
    /// ``HTTPClientError`` if the exchange itself fails within `timeout`
    /// (default ``HTTPClientConfiguration/requestTimeout``).
    public func send(_ request: HTTPRequest, timeout: Duration? = nil) throws(HTTPClientError) -> HTTPResponse {
        let label = "\(request.method) \(request.path)"
        let endpoint = "\(configuration.host):\(configuration.port)"
        let deadline = Deadline(after: timeout ?? configuration.requestTimeout, for: label)
        do {
            return try state.withLock { state throws -> HTTPResponse in
                try exchange(request, deadline: deadline, state: &state)
            }
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw HTTPClientError(request: label, endpoint: endpoint, underlying: error)
        }
    }

    /// `GET target`.
    public func get(_ target: String, headers: HTTPHeaders = HTTPHeaders(), timeout: Duration? = nil) throws(HTTPClientError) -> HTTPResponse {
        try send(HTTPRequest(method: .get, target: target, headers: headers), timeout: timeout)
    }

    /// `POST target` with `body`.
    public func post(_ target: String, body: [UInt8], contentType: String = "application/octet-stream",
                     headers: HTTPHeaders = HTTPHeaders(), timeout: Duration? = nil) throws(HTTPClientError) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", contentType)
        return try send(HTTPRequest(method: .post, target: target, headers: headers, body: body), timeout: timeout)
    }

    /// Closes the kept-alive connection (the next request opens a new one).
    public func close() {
        state.withLock { state in
            state.connection?.close()
            state.connection = nil
        }
    }

    private func exchange(_ request: HTTPRequest, deadline: Deadline, state: inout State) throws -> HTTPResponse {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        let bytes = try HTTPMessageWriter.serialize(request, host: "\(host):\(configuration.port)")
        // A kept-alive connection with something to read has been closed by the server
        // (or sent something unsolicited): do not send on it.
        if let connection = state.connection, connection.socket.isReadable {
            connection.close()
            state.connection = nil
        }
        let connection: TLSConnection
        if let existing = state.connection {
            connection = existing
        } else {
            connection = try connect(deadline: deadline)
            state.connectionsOpened += 1
            state.server = connection.peer
            state.connection = connection
        }
        do {
            do {
                try connection.write(bytes, deadline: deadline)
            } catch {
                // The server may have answered early (e.g. 413 before the body) and closed:
                // prefer its response, if one is readable, over the write error.
                if let (early, _) = try? readResponse(connection, method: request.method,
                                                      deadline: deadline.earliest(Deadline(after: .milliseconds(500), for: "early response"))) {
                    connection.close()
                    state.connection = nil
                    return early
                }
                throw error
            }
            let (response, ended) = try readResponse(connection, method: request.method, deadline: deadline)
            if ended || response.closesConnection {
                connection.close()
                state.connection = nil
            }
            return response
        } catch {
            connection.close()
            state.connection = nil
            throw error
        }
    }

    /// Reads one response, and whether the server ended the connection to delimit it.
    private func readResponse(_ connection: TLSConnection, method: HTTPMethod, deadline: Deadline) throws -> (HTTPResponse, Bool) {
        var parser = HTTPResponseParser(limits: configuration.limits, requestMethod: method)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = try buffer.withUnsafeMutableBytes { try connection.read(into: $0, deadline: deadline) }
            if count == 0 { return (try parser.finish(), true) }
            parser.append(buffer[..<count])
            if let response = try parser.parse() { return (response, false) }
        }
    }

    private func connect(deadline: Deadline) throws -> TLSConnection {
        let name = configuration.serverName ?? configuration.host
        let connectDeadline = deadline.earliest(Deadline(after: configuration.connectTimeout,
                                                         for: "TCP connect to \(configuration.host):\(configuration.port)"))
        let socket = try TCPSocket.connect(host: configuration.host, port: configuration.port, deadline: connectDeadline)
        let connection = try TLSConnection(socket: socket, context: tls, expectedServerName: name)
        try connection.handshake(deadline: deadline.earliest(Deadline(after: configuration.handshakeTimeout,
                                                                      for: "TLS handshake with \(configuration.host):\(configuration.port)")))
        return connection
    }
}
