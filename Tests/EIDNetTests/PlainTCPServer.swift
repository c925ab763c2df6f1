import EIDNet
import Foundation
import Synchronization

/// A plain TCP server for proxy tests: each connection either echoes, records what it
/// receives until end of stream, or sends a fixed payload and closes.
final class PlainTCPServer: Sendable {
    enum Mode: Sendable { case echo, record, send([UInt8]) }

    private let listener: TCPListener
    private let received = Mutex<[[UInt8]]>([])
    let mode: Mode

    init(_ mode: Mode) throws {
        self.mode = mode
        listener = try TCPListener()
        let thread = Thread { [self] in
            while let socket = try? listener.accept() {
                let box = Box(socket)
                Thread { [self] in serve(box.socket) }.start()
            }
        }
        thread.start()
    }

    var port: UInt16 { listener.port }

    /// What each finished `record` connection received, in the order they ended.
    var recordings: [[UInt8]] { received.withLock { $0 } }

    func stop() { listener.interrupt() }

    private func serve(_ socket: TCPSocket) {
        let deadline = Deadline(after: .seconds(30), for: "plain server")
        switch mode {
        case .echo:
            while let chunk = try? read(socket, deadline), !chunk.isEmpty {
                try? socket.send(chunk, deadline: deadline)
            }
        case .record:
            var all: [UInt8] = []
            while let chunk = try? read(socket, deadline), !chunk.isEmpty { all += chunk }
            received.withLock { $0.append(all) }
        case .send(let payload):
            try? socket.send(payload, deadline: deadline)
            socket.shutdownWrite()
            while let chunk = try? read(socket, deadline), !chunk.isEmpty {}
        }
        socket.close()
    }

    private func read(_ socket: TCPSocket, _ deadline: Deadline) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let count = try buffer.withUnsafeMutableBytes { try socket.receive(into: $0, deadline: deadline) }
        return Array(buffer[..<count])
    }

    private final class Box: @unchecked Sendable {  // handed from the accept thread to one serving thread
        let socket: TCPSocket
        init(_ socket: TCPSocket) { self.socket = socket }
    }
}

/// Reads from `socket` until end of stream, an error or `timeout`; returns the bytes and how it ended.
func readAll(_ socket: TCPSocket, timeout: Duration = .seconds(10)) -> (bytes: [UInt8], ending: String) {
    let deadline = Deadline(after: timeout, for: "test read")
    var all: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
        do {
            let count = try buffer.withUnsafeMutableBytes { try socket.receive(into: $0, deadline: deadline) }
            if count == 0 { return (all, "eof") }
            all += buffer[..<count]
        } catch let error as SocketError {
            return (all, error.isConnectionCut ? "reset" : "\(error)")
        } catch {
            return (all, "\(error)")
        }
    }
}
