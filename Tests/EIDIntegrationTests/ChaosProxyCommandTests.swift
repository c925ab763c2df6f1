import EIDNet
import EIDTestSupport
import Foundation
import Testing

/// `eid chaos proxy` as a real process between real sockets.
@Suite struct ChaosProxyCommandTests {
    /// A one-connection server that sends `payload` and closes.
    private func serveOnce(_ payload: [UInt8]) throws -> TCPListener {
        let listener = try TCPListener()
        Thread {
            guard let socket = try? listener.accept() else { return }
            try? socket.send(payload, deadline: Deadline(after: .seconds(10), for: "payload"))
            socket.shutdownWrite()
            usleep(200_000)
            socket.close()
        }.start()
        return listener
    }

    @Test func truncatesForwardedTrafficAndPrintsTotals() throws {
        let payload = (0..<10_000).map { UInt8(truncatingIfNeeded: $0) }
        let target = try serveOnce(payload)
        defer { target.interrupt() }
        let proxy = try ChildProcess(EIDExecutable.path, ["chaos", "proxy", "--listen", "0", "--to", "127.0.0.1:\(target.port)",
                                                          "--seed", "7", "--truncate-after", "1K"])
        defer { proxy.kill() }
        let banner = try #require(proxy.nextLine(timeout: 30))
        #expect(banner.contains("truncate downstream after 1024 B"), "\(banner)")
        let port = try #require(banner.split(separator: " ").first { $0.hasPrefix("127.0.0.1:") }.flatMap { UInt16($0.dropFirst(10)) })

        let socket = try TCPSocket.connect(host: "127.0.0.1", port: port, timeout: .seconds(5))
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while let count = try? buffer.withUnsafeMutableBytes({ try socket.receive(into: $0, deadline: Deadline(after: .seconds(10), for: "read")) }),
              count > 0 {
            received += buffer[..<count]
        }
        #expect(received == Array(payload[..<1024]))
        let closed = try #require(proxy.nextLine(timeout: 10))
        #expect(closed.contains("connection 0: truncated after 1024 downstream bytes"), "\(closed)")

        proxy.kill(SIGTERM)
        var rest: [String] = []
        while let line = proxy.nextLine(timeout: 10) { rest.append(line) }  // until end of output
        #expect(proxy.waitForExit() == 0)
        let totals = try #require(rest.last)
        #expect(totals.hasPrefix("totals: connections 1"), "\(totals)")
        #expect(totals.contains("truncated 1"))
    }

    @Test func refusesBadOptions() throws {
        let bad = try CommandRunner.eid(["chaos", "proxy", "--listen", "0", "--to", "nowhere"])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("'--to' expects HOST:PORT"))
        let size = try CommandRunner.eid(["chaos", "proxy", "--listen", "0", "--to", "127.0.0.1:1", "--cut-every", "lots"])
        #expect(size.status == 2)
        #expect(size.standardError.contains("'--cut-every' expects a size"))
        let help = try CommandRunner.eid(["--help"])
        #expect(help.standardOutput.contains("chaos"))
    }

    @Test func jsonTotalsAfterADuration() throws {
        let result = try CommandRunner.eid(["chaos", "proxy", "--listen", "0", "--to", "127.0.0.1:1", "--duration", "0.2", "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let last = try #require(result.standardOutput.split(separator: "\n").last)
        let object = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Int]
        #expect(object?["connections_accepted"] == 0)
        #expect(object?["upstream_bytes_forwarded"] == 0)
    }
}
