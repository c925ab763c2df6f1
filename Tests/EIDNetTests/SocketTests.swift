import EIDNet
import Foundation
import Testing

@Suite struct SocketTests {
    @Test func refusedConnectNamesTheCallAndErrno() throws {
        let listener = try TCPListener()
        let port = listener.port
        listener.close()
        let error = try #require(throws: SocketError.self) { try TCPSocket.connect(host: "127.0.0.1", port: port, timeout: .seconds(2)) }
        #expect(error.call == "connect")
        #expect(error.code == ECONNREFUSED)
        #expect(error.description.contains("connect(127.0.0.1:\(port)) failed: Connection refused (errno 111)"))
    }

    @Test func readsTimeOutAtTheDeadline() throws {
        let listener = try TCPListener()
        let client = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(2))
        let started = Date()
        var buffer = [UInt8](repeating: 0, count: 16)
        let error = try #require(throws: LinkError.self) {
            try buffer.withUnsafeMutableBytes { try client.receive(into: $0, deadline: Deadline(after: .milliseconds(200), for: "test read")) }
        }
        #expect(error == .timedOut(purpose: "test read", limit: .milliseconds(200)))
        #expect("\(error)" == "test read did not complete within 200 ms")
        let elapsed = Date().timeIntervalSince(started)
        #expect(elapsed >= 0.19 && elapsed < 2)
    }

    @Test func listensOnEveryInterfaceAndReusesAPortInTimeWait() throws {
        let any = try TCPListener(host: "0.0.0.0")
        #expect(any.localAddress == "0.0.0.0:\(any.port)")
        let client = try TCPSocket.connect(host: "127.0.0.1", port: any.port, timeout: .seconds(2))
        let accepted = try #require(try any.accept())
        try client.send(Array("hi".utf8), deadline: Deadline(after: .seconds(2), for: "send"))
        var buffer = [UInt8](repeating: 0, count: 2)
        #expect(try buffer.withUnsafeMutableBytes { try accepted.receive(into: $0, deadline: Deadline(after: .seconds(2), for: "recv")) } == 2)
        // The server side closes first, leaving its end in TIME_WAIT; SO_REUSEADDR lets the port be bound again.
        accepted.close()
        client.close()
        let port = any.port
        any.close()
        let again = try TCPListener(host: "0.0.0.0", port: port)
        #expect(again.port == port)
    }

    @Test func invalidAddressesAreTypedErrors() {
        #expect(throws: LinkError.self) { try TCPListener(host: "localhost") }  // listening takes IPv4 literals
        #expect(throws: LinkError.self) { try TCPSocket.connect(host: "no-such-host.invalid", port: 1, timeout: .seconds(2)) }
    }

    @Test func acceptCanBeInterrupted() throws {
        let listener = try TCPListener()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { listener.interrupt() }
        #expect(try listener.accept() == nil)
    }

    @Test func writingToAClosedPeerIsAnErrorNotSIGPIPE() throws {
        let listener = try TCPListener()
        let client = try TCPSocket.connect(host: "127.0.0.1", port: listener.port, timeout: .seconds(2))
        let accepted = try #require(try listener.accept())
        accepted.setResetOnClose()
        accepted.close()
        usleep(50_000)
        let chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let error = try #require(throws: SocketError.self) {
            for _ in 0..<100 { try client.send(chunk, deadline: Deadline(after: .seconds(2), for: "send")) }
        }
        #expect(error.isConnectionCut, "\(error)")
    }

    @Test func serverHandshakeTimeoutClosesSilentClients() throws {
        let pki = try TestPKI()
        let server = try TestServer(pki: pki) { $0.handshakeTimeout = .milliseconds(300) }
        defer { server.stop() }
        let silent = try TCPSocket.connect(host: "127.0.0.1", port: server.port, timeout: .seconds(2))
        let started = Date()
        let (bytes, ending) = readAll(silent, timeout: .seconds(5))
        #expect(bytes.isEmpty && (ending == "eof" || ending == "reset"), "\(ending)")
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(eventually { server.server.statistics.handshakesFailed == 1 })
    }
}
