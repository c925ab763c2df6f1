/// Serves one accepted connection on its own thread: TLS handshake, then requests one
/// at a time until the client closes, a limit or timeout is hit, or the server drains.
struct ServerConnection {
    let server: HTTPServer
    let id: Int
    let socket: TCPSocket
    private var configuration: HTTPServerConfiguration { server.configuration }

    init(server: HTTPServer, id: Int, socket: TCPSocket) {
        self.server = server
        self.id = id
        self.socket = socket
    }

    func run() {
        let connection: TLSConnection
        let peer: PeerIdentity
        do {
            connection = try TLSConnection(socket: socket, context: server.tls)
            peer = try connection.handshake(deadline: Deadline(after: configuration.handshakeTimeout, for: "TLS handshake"))
        } catch {
            server.record { $0.handshakesFailed += 1 }
            server.log("TLS handshake with \(socket.remoteAddress) refused: \(error)")
            return
        }
        serveRequests(connection, peer: peer)
        connection.shutdown()  // the server closes the socket after unregistering it
    }

    private enum Outcome { case keepOpen, close }

    private func serveRequests(_ connection: TLSConnection, peer: PeerIdentity) {
        var parser = HTTPRequestParser(limits: configuration.limits)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            do {
                if !parser.isMidMessage {
                    guard server.markIdle(id) else { return }
                    let count = try read(connection, &buffer, Deadline(after: configuration.idleTimeout, for: "next request"))
                    server.markBusy(id)
                    if count == 0 { return }
                    parser.append(buffer[..<count])
                }
                let request = try readRequest(connection, &parser, &buffer)
                if try respond(to: request, peer: peer, connection) == .close { return }
            } catch let error as HTTPParseError {
                refuse(error.status, error.detail, connection)
                return
            } catch let error as LinkError {
                switch error {
                case .timedOut(let purpose, _) where parser.isMidMessage:
                    refuse(.requestTimeout, "\(purpose) not received within the time limit", connection)
                case .closedByPeer where parser.isMidMessage:
                    server.record { $0.truncatedRequests += 1 }
                    server.log("\(peer): connection closed in the middle of a request")
                default:
                    break  // idle timeout or the client closed between requests: normal
                }
                return
            } catch let error as SocketError where error.isConnectionCut && !parser.isMidMessage {
                return
            } catch {
                if parser.isMidMessage { server.record { $0.truncatedRequests += 1 } }
                server.log("\(peer): connection failed: \(error)")
                return
            }
        }
    }

    /// Reads until `parser` yields a whole request, within the head and body deadlines.
    private func readRequest(_ connection: TLSConnection, _ parser: inout HTTPRequestParser, _ buffer: inout [UInt8]) throws -> HTTPRequest {
        var deadline = Deadline(after: configuration.requestHeadTimeout, for: "request head")
        while true {
            switch try parser.parse() {
            case .needMore:
                let count = try read(connection, &buffer, deadline)
                if count == 0 { throw LinkError.closedByPeer(during: deadline.purpose) }
                parser.append(buffer[..<count])
            case .head(let head):
                if head.expectsContinue {
                    try connection.write(HTTPMessageWriter.continueResponse,
                                         deadline: Deadline(after: configuration.writeTimeout, for: "100 Continue"))
                }
                deadline = Deadline(after: configuration.scaled(configuration.bodyTimeout, for: head.contentLength),
                                    for: "request body")
            case .complete(let request):
                return request
            }
        }
    }

    private func read(_ connection: TLSConnection, _ buffer: inout [UInt8], _ deadline: Deadline) throws -> Int {
        try buffer.withUnsafeMutableBytes { try connection.read(into: $0, deadline: deadline) }
    }

    private func respond(to request: HTTPRequest, peer: PeerIdentity, _ connection: TLSConnection) throws -> Outcome {
        server.record { $0.requestsHandled += 1 }
        let response = server.handler(request, peer)
        let closing = !request.wantsKeepAlive || response.closesConnection || server.isDraining
        let bytes: [UInt8]
        do {
            bytes = try HTTPMessageWriter.serialize(response, headRequest: request.method == .head, closing: closing)
        } catch {
            server.log("\(peer): handler returned an invalid response for \(request.method) \(request.path): \(error)")
            let fallback = HTTPResponse.text(.internalServerError, "500 Internal Server Error: invalid response\n")
            try write(try HTTPMessageWriter.serialize(fallback, closing: true), connection)
            return .close
        }
        try write(bytes, connection)
        return closing ? .close : .keepOpen
    }

    private func write(_ bytes: [UInt8], _ connection: TLSConnection) throws {
        try connection.write(bytes, deadline: Deadline(after: configuration.scaled(configuration.writeTimeout, for: bytes.count),
                                                       for: "response"))
    }

    /// Answers with an error status and closes. Whatever the client is still sending is
    /// read and discarded for a moment first ("lingering close"), so the kernel does not
    /// reset the connection and destroy the response before the client reads it.
    private func refuse(_ status: HTTPStatus, _ detail: String, _ connection: TLSConnection) {
        server.record { $0.requestsRefused[status.code, default: 0] += 1 }
        server.log("\(connection.peer?.description ?? socket.remoteAddress): refused with \(status): \(detail)")
        let response = HTTPResponse.text(status, "\(status.code) \(status.reasonPhrase): \(detail)\n")
        if let bytes = try? HTTPMessageWriter.serialize(response, closing: true) {
            try? connection.write(bytes, deadline: Deadline(after: .seconds(2), for: "error response"))
        }
        connection.shutdown()
        let linger = Deadline(after: .milliseconds(500), for: "lingering close")
        var discard = [UInt8](repeating: 0, count: 16 * 1024)
        var total = 0
        while total < 1 << 20, !linger.hasPassed {
            guard let count = try? discard.withUnsafeMutableBytes({ try socket.receive(into: $0, deadline: linger) }), count > 0 else { break }
            total += count
        }
    }
}
