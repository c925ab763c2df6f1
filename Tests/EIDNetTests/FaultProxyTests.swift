import EIDCrypto
import EIDNet
import EIDTestSupport
import Foundation
import Testing

private func withProxy<R>(to port: UInt16, _ plan: FaultPlan, _ body: (FaultProxy) throws -> R) throws -> R {
    let proxy = try FaultProxy(targetHost: "127.0.0.1", targetPort: port, plan: plan)
    proxy.start()
    defer { proxy.stop() }
    return try body(proxy)
}

/// Sends `bytes` through a proxy with `plan` to a recording server; returns what arrived.
private func sendThrough(_ plan: FaultPlan, _ bytes: [UInt8]) throws -> (delivered: [UInt8], statistics: FaultProxyStatistics) {
    let sink = try PlainTCPServer(.record)
    defer { sink.stop() }
    return try withProxy(to: sink.port, plan) { proxy in
        let socket = try TCPSocket.connect(host: "127.0.0.1", port: proxy.port, timeout: .seconds(5))
        try? socket.send(bytes, deadline: Deadline(after: .seconds(20), for: "test send"))
        socket.shutdownWrite()
        _ = readAll(socket)
        socket.close()
        #expect(eventually(timeout: .seconds(10)) { sink.recordings.count == 1 })
        #expect(eventually { proxy.statistics.connectionsAccepted == 1 && proxy.statistics.upstreamBytesForwarded == sink.recordings.first?.count })
        return (sink.recordings.first ?? [], proxy.statistics)
    }
}

private func payload(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) } }

@Suite struct FaultProxyTests {
    @Test func forwardsUntouchedWithoutFaultsAndCountsBytes() throws {
        let bytes = payload(100_000)
        let (delivered, statistics) = try sendThrough(FaultPlan(), bytes)
        #expect(delivered == bytes)
        #expect(statistics.upstreamBytesReceived == 100_000)
        #expect(statistics.upstreamBytesForwarded == 100_000)
        #expect(statistics.connectionsCut == 0)
    }

    @Test func unreachableTargetResetsTheClientAndIsCounted() throws {
        let closed = try TCPListener()
        let port = closed.port
        closed.close()
        try withProxy(to: port, FaultPlan()) { proxy in
            // Under load the proxy's reset can arrive before connect() has returned: that is
            // the same outcome seen one step earlier.
            do {
                let socket = try TCPSocket.connect(host: "127.0.0.1", port: proxy.port, timeout: .seconds(5))
                let (bytes, ending) = readAll(socket)
                #expect(bytes.isEmpty && (ending == "reset" || ending == "eof"), "\(ending)")
            } catch {
                #expect("\(error)".contains("Connection reset by peer"), "\(error)")
            }
            #expect(eventually { proxy.statistics.upstreamFailures == 1 })
        }
    }

    @Test func cutsAtTheSeededOffsetEveryTime() throws {
        let plan = FaultPlan(seed: 42, cutEveryBytes: 20_000)
        let offset = try #require(plan.schedule(forConnection: 0).cutAfterBytes)
        #expect(offset < 200_000)
        let bytes = payload(200_000)
        for _ in 0..<2 {
            let (delivered, statistics) = try sendThrough(plan, bytes)
            #expect(delivered == Array(bytes[..<offset]), "exactly the first \(offset) bytes arrive")
            #expect(statistics.connectionsCut == 1)
            #expect(statistics.upstreamBytesForwarded == offset)
        }
        // Another seed cuts elsewhere.
        let other = FaultPlan(seed: 43, cutEveryBytes: 20_000).schedule(forConnection: 0).cutAfterBytes
        #expect(other != offset)
        // Offsets average out near the mean over many connections.
        let offsets = (0..<2000).compactMap { plan.schedule(forConnection: $0).cutAfterBytes }
        let mean = Double(offsets.reduce(0, +)) / Double(offsets.count)
        #expect(abs(mean - 20_000) < 2_000, "mean cut offset \(mean)")
    }

    @Test func flipsBitsAtTheSeededOffsets() throws {
        let plan = FaultPlan(seed: 9, flipEveryBytes: 2_000, affected: [.upstream])
        let bytes = [UInt8](repeating: 0, count: 30_000)
        let expected = plan.schedule(forConnection: 0).flipOffsets(.upstream, count: 100).filter { $0 < bytes.count }
        #expect(expected.count >= 5)
        let (delivered, statistics) = try sendThrough(plan, bytes)
        #expect(delivered.count == bytes.count)
        let changed = delivered.indices.filter { delivered[$0] != 0 }
        #expect(changed == expected)
        #expect(changed.allSatisfy { delivered[$0].nonzeroBitCount == 1 }, "one bit per flip")
        #expect(statistics.bitsFlipped == expected.count)
    }

    @Test func truncatesTheChosenDirectionWithACleanClose() throws {
        let source = try PlainTCPServer(.send(payload(5_000)))
        defer { source.stop() }
        try withProxy(to: source.port, FaultPlan(truncateAfterBytes: 1_234, truncateDirection: .downstream)) { proxy in
            let socket = try TCPSocket.connect(host: "127.0.0.1", port: proxy.port, timeout: .seconds(5))
            let (bytes, ending) = readAll(socket)
            #expect(bytes == Array(payload(5_000)[..<1_234]))
            #expect(ending == "eof")
            #expect(eventually { proxy.statistics.connectionsTruncated == 1 })
        }
    }

    @Test func dropsTheSeededConnections() throws {
        let echo = try PlainTCPServer(.echo)
        defer { echo.stop() }
        let plan = FaultPlan(seed: 5, dropRate: 0.5)
        let expected = (0..<12).map { plan.schedule(forConnection: $0).dropped }
        #expect(expected.contains(true) && expected.contains(false))
        try withProxy(to: echo.port, plan) { proxy in
            var observed: [Bool] = []
            for _ in expected {
                // A reset can arrive before connect() returns: that is a drop too.
                guard let socket = try? TCPSocket.connect(host: "127.0.0.1", port: proxy.port, timeout: .seconds(5)) else {
                    observed.append(true)
                    continue
                }
                try? socket.send(Array("ping".utf8), deadline: Deadline(after: .seconds(2), for: "ping"))
                var buffer = [UInt8](repeating: 0, count: 4)
                let count = (try? buffer.withUnsafeMutableBytes { try socket.receive(into: $0, deadline: Deadline(after: .seconds(5), for: "pong")) }) ?? 0
                observed.append(count == 0)
                socket.close()
            }
            #expect(observed == expected)
            #expect(proxy.statistics.connectionsDropped == expected.filter { $0 }.count)
        }
    }

    @Test func stallsAtTheSeededOffsets() throws {
        let plan = FaultPlan(seed: 3, stallEveryBytes: 4_000, stallDuration: .milliseconds(150), affected: [.upstream])
        let bytes = payload(12_000)
        let expected = plan.schedule(forConnection: 0).stallOffsets(.upstream, count: 50).filter { $0 < bytes.count }
        #expect(!expected.isEmpty)
        let started = Date()
        let (delivered, statistics) = try sendThrough(plan, bytes)
        #expect(delivered == bytes, "a stall delays, it loses nothing")
        #expect(statistics.stalls == expected.count)
        #expect(Date().timeIntervalSince(started) >= 0.15 * Double(expected.count) * 0.9)
    }

    @Test func limitsBandwidthAndAddsDelay() throws {
        let started = Date()
        let (delivered, _) = try sendThrough(FaultPlan(bandwidthBytesPerSecond: 20_000, affected: [.upstream]), payload(20_000))
        let elapsed = Date().timeIntervalSince(started)
        #expect(delivered.count == 20_000)
        #expect(elapsed >= 0.85, "20 KB at 20 KB/s took \(elapsed) s")

        let echo = try PlainTCPServer(.echo)
        defer { echo.stop() }
        try withProxy(to: echo.port, FaultPlan(delay: .milliseconds(150))) { proxy in
            let socket = try TCPSocket.connect(host: "127.0.0.1", port: proxy.port, timeout: .seconds(5))
            let begin = Date()
            try socket.send(Array("x".utf8), deadline: Deadline(after: .seconds(2), for: "ping"))
            var buffer = [UInt8](repeating: 0, count: 1)
            _ = try buffer.withUnsafeMutableBytes { try socket.receive(into: $0, deadline: Deadline(after: .seconds(5), for: "pong")) }
            #expect(Date().timeIntervalSince(begin) >= 0.28, "one round trip crosses the delay twice")
        }
    }

    @Test func tlsSurvivesFlipsAndCutsCleanlyAndTheClientReconnects() throws {
        let pki = try TestPKI()
        try pki.issueNode("field-kit-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        try withProxy(to: server.port, FaultPlan(seed: 11, flipEveryBytes: 300)) { proxy in
            let client = try makeClient(pki, node: "field-kit-01", port: proxy.port, timeout: .seconds(5))
            for _ in 0..<3 {
                let error = try #require(throws: HTTPClientError.self) { try client.get("/flipped") }
                #expect(error.underlying is TLSError || error.underlying is LinkError, "\(error)")
            }
            // The link heals: the same client reconnects and succeeds.
            proxy.plan = FaultPlan()
            #expect(try client.get("/healed").bodyText == "hello field-kit-01: GET /healed 0 bytes")
            #expect(proxy.statistics.connectionsAccepted == 4, "each failure dropped the connection; each request opened a new one")

            // A seed whose cut lands in the middle of the next connection's 50 KB upload.
            let next = proxy.statistics.connectionsAccepted
            let seed = try #require((UInt64(1)...1000).first { seed in
                let offset = FaultPlan(seed: seed, cutEveryBytes: 20_000).schedule(forConnection: next).cutAfterBytes!
                return offset > 5_000 && offset < 40_000
            })
            proxy.plan = FaultPlan(seed: seed, cutEveryBytes: 20_000)
            client.close()  // the kept-alive connection has the old (fault-free) plan
            let big = [UInt8](repeating: 0x41, count: 50_000)
            let cut = try #require(throws: HTTPClientError.self) { try client.post("/big", body: big) }
            #expect(!cut.isTimeout, "a cut is reported at once: \(cut)")
            proxy.plan = FaultPlan()
            #expect(try client.post("/big", body: big).bodyText == "hello field-kit-01: POST /big 50000 bytes")
            #expect(proxy.statistics.connectionsCut == 1)
        }
        // Flipped bytes never reach the handler as data: TLS refuses the record instead.
        #expect(Set(server.calls.all.map(\.0.path)).isSubset(of: ["/flipped", "/healed", "/big"]))
    }
}
