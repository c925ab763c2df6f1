public import EIDNet

/// A TLS connection without the HTTP client on top, for tests that send what a real
/// client never would: garbage, a head one byte at a time, a body cut short.
public final class RawTLSClient {
    public let connection: TLSConnection

    /// Connects to `host:port` and completes the handshake with `context` (a client role).
    public init(context: TLSContext, host: String = "127.0.0.1", port: UInt16, serverName: String = "127.0.0.1") throws {
        let socket = try TCPSocket.connect(host: host, port: port, timeout: .seconds(5))
        connection = try TLSConnection(socket: socket, context: context, expectedServerName: serverName)
        try connection.handshake(deadline: Deadline(after: .seconds(5), for: "test handshake"))
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws { try connection.write(bytes, deadline: Deadline(after: .seconds(5), for: "test write")) }

    /// Everything the server sends until it closes (close_notify or FIN) or `timeout` passes.
    public func readToEnd(timeout: Duration = .seconds(10)) -> (text: String, closed: Bool) {
        let deadline = Deadline(after: timeout, for: "test read")
        var received: [UInt8] = []
        while true {
            do {
                let chunk = try connection.read(maxCount: 16 * 1024, deadline: deadline)
                if chunk.isEmpty { return (String(decoding: received, as: UTF8.self), true) }
                received += chunk
            } catch LinkError.timedOut {
                return (String(decoding: received, as: UTF8.self), false)
            } catch {
                return (String(decoding: received, as: UTF8.self), true)
            }
        }
    }

    /// Reads whatever arrives within `timeout` (nil if nothing did).
    public func readSome(timeout: Duration) throws -> String? {
        do {
            let chunk = try connection.read(maxCount: 16 * 1024, deadline: Deadline(after: timeout, for: "test read"))
            return String(decoding: chunk, as: UTF8.self)
        } catch LinkError.timedOut {
            return nil
        }
    }
}
