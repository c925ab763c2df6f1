import Foundation
import EIDNet
import EIDTestSupport

/// The baseline for replication goodput: the same bytes pushed through one EIDNet TLS
/// 1.3 connection on loopback (mutual authentication, same certificates), with no
/// HTTP, no protocol and no storage: what the link itself can carry on this machine.
enum RawTLSStream {
    /// Seconds from the first byte written to the receiver's acknowledgement that it
    /// has read every byte of `pieces` (sent in order, one write each).
    static func seconds(sending pieces: [[UInt8]], server: TLSContext, client: TLSContext) throws -> Double {
        let listener = try TCPListener(host: "127.0.0.1", port: 0)
        let total = pieces.reduce(0) { $0 + $1.count }
        let received = Locked<Result<Int, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let receiver = Thread {
            let outcome = Result { () throws -> Int in
                guard let socket = try listener.accept() else { throw RawTLSStreamFailure("listener interrupted") }
                defer { socket.close() }
                let connection = try TLSConnection(socket: socket, context: server)
                try connection.handshake(deadline: Deadline(after: .seconds(10), for: "handshake"))
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                var count = 0
                let deadline = Deadline(after: .seconds(600), for: "stream")
                while count < total {
                    let read = try buffer.withUnsafeMutableBytes { try connection.read(into: $0, deadline: deadline) }
                    guard read > 0 else { break }
                    count += read
                }
                try connection.write([1], deadline: deadline)  // the acknowledgement
                connection.shutdown()
                return count
            }
            received.withLock { $0 = outcome }
            done.signal()
        }
        receiver.start()
        defer { listener.interrupt(); listener.close() }
        let socket = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(10))
        defer { socket.close() }
        let connection = try TLSConnection(socket: socket, context: client, expectedServerName: "127.0.0.1")
        try connection.handshake(deadline: Deadline(after: .seconds(10), for: "handshake"))
        let deadline = Deadline(after: .seconds(600), for: "stream")
        let seconds = try measureSeconds {
            for piece in pieces { try connection.write(piece, deadline: deadline) }
            guard try connection.read(maxCount: 1, deadline: deadline) == [1] else {
                throw RawTLSStreamFailure("no acknowledgement from the receiver")
            }
        }
        done.wait()
        let count = try received.withLock { $0 }!.get()
        guard count == total else { throw RawTLSStreamFailure("the receiver read \(count) of \(total) bytes") }
        return seconds
    }

    struct RawTLSStreamFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
