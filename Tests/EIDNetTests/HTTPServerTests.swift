import EIDCrypto
import EIDNet
import EIDTestSupport
import Foundation
import Testing

@Suite struct HTTPServerTests {
    @Test func keepAliveReusesOneConnection() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let client = try makeClient(pki, node: "hanoi-01", port: server.port)
        for index in 1...5 {
            let response = try client.get("/ping/\(index)")
            #expect(response.bodyText == "hello hanoi-01: GET /ping/\(index) 0 bytes")
        }
        #expect(client.connectionsOpened == 1)
        #expect(server.server.statistics.connectionsAccepted == 1)
        #expect(server.server.statistics.requestsHandled == 5)
    }

    @Test func clientReconnectsAfterTheServerClosesAnIdleConnection() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki) { $0.idleTimeout = .milliseconds(200) }
        defer { server.stop() }
        let client = try makeClient(pki, node: "hanoi-01", port: server.port)
        #expect(try client.get("/a").status == .ok)
        usleep(600_000)  // the server closes the idle connection
        #expect(try client.get("/b").status == .ok)
        #expect(client.connectionsOpened == 2)
    }

    @Test func handlerConnectionCloseIsHonoured() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki, handler: { _, _ in
            HTTPResponse(status: .ok, headers: ["Connection": "close", "X-Kind": "last"], body: Array("bye".utf8))
        })
        defer { server.stop() }
        let client = try makeClient(pki, node: "hanoi-01", port: server.port)
        let response = try client.get("/")
        #expect(response.headers["Connection"] == "close")
        #expect(response.headers["X-Kind"] == "last")
        #expect(try client.get("/").bodyText == "bye")
        #expect(client.connectionsOpened == 2)
    }

    @Test func invalidResponseHeadersBecome500() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki, handler: { _, _ in
            HTTPResponse(status: .ok, headers: ["X-Injected": "a\r\nSet-Cookie: evil"], body: [])
        })
        defer { server.stop() }
        let response = try makeClient(pki, node: "hanoi-01", port: server.port).get("/")
        #expect(response.status == .internalServerError)
        #expect(response.headers["Set-Cookie"] == nil)
    }

    @Test func garbageInsteadOfHTTPGets400AndClose() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let raw = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        try raw.send([0x16, 0x03, 0x01, 0xFF, 0x00] + Array("this is not HTTP at all\r\n\r\n".utf8))
        let (text, closed) = raw.readToEnd()
        #expect(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"), "\(text)")
        #expect(text.contains("Connection: close"))
        #expect(closed)
        #expect(server.calls.count == 0)
        #expect(server.server.statistics.requestsRefused[400] == 1)
    }

    @Test func slowlorisHeadIsCutWith408ByTheTotalDeadline() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        // Idle timeout (5 s) is longer than the head deadline (1 s): only the total deadline can stop this client.
        let server = try TestServer(pki: pki) { $0.requestHeadTimeout = .seconds(1) }
        defer { server.stop() }
        let raw = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        let request = Array("GET /slow HTTP/1.1\r\nHost: central\r\nX-Padding: aaaaaaaaaaaaaaaa\r\n\r\n".utf8)
        let started = Date()
        var answer: String? = nil
        for byte in request {
            try? raw.send([byte])
            if let text = try raw.readSome(timeout: .milliseconds(300)) {
                answer = text
                break
            }
        }
        let elapsed = Date().timeIntervalSince(started)
        let text = try #require(answer, "the server never answered")
        #expect(text.hasPrefix("HTTP/1.1 408 Request Timeout\r\n"), "\(text)")
        #expect(elapsed >= 0.9 && elapsed < 3, "cut at the 1 s deadline, after \(elapsed) s")
        #expect(server.calls.count == 0)
    }

    @Test func slowBodyIsCutWith408() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki) {
            $0.bodyTimeout = .seconds(1)
            $0.minimumBodyRate = 1_000_000
        }
        defer { server.stop() }
        let raw = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        try raw.send("POST /up HTTP/1.1\r\nHost: central\r\nContent-Length: 100\r\n\r\nabc")
        var answer: String? = nil
        for _ in 0..<20 where answer == nil {
            try? raw.send("x")
            answer = try raw.readSome(timeout: .milliseconds(250))
        }
        #expect(answer?.hasPrefix("HTTP/1.1 408 Request Timeout\r\n") == true, "\(answer ?? "nothing")")
        #expect(server.calls.count == 0)
    }

    @Test func oversizedBodyGets413BeforeAnyBodyIsSent() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki) { $0.limits.maxBodyBytes = 1024 }
        defer { server.stop() }
        let raw = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        try raw.send("POST /v1/batches/1 HTTP/1.1\r\nHost: central\r\nContent-Length: 1025\r\n\r\n")
        let (text, closed) = raw.readToEnd()
        #expect(text.hasPrefix("HTTP/1.1 413 Content Too Large\r\n"), "\(text)")
        #expect(closed)
        #expect(server.calls.count == 0)

        // Through the client too: a status, not an exception.
        let client = try makeClient(pki, node: "hanoi-01", port: server.port)
        #expect(try client.post("/v1/batches/1", body: [UInt8](repeating: 1, count: 2048)).status == .payloadTooLarge)
        #expect(try client.post("/v1/batches/1", body: [UInt8](repeating: 1, count: 1024)).status == .ok)
        #expect(server.calls.count == 1)
    }

    @Test func expectContinueGetsA100ThenTheResponse() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let raw = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        try raw.send("PUT /x HTTP/1.1\r\nHost: central\r\nExpect: 100-continue\r\nContent-Length: 4\r\nConnection: close\r\n\r\n")
        let interim = try raw.readSome(timeout: .seconds(5))
        #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
        try raw.send("body")
        let (text, _) = raw.readToEnd()
        #expect(text.hasPrefix("HTTP/1.1 200 OK\r\n") && text.hasSuffix("PUT /x 4 bytes"), "\(text)")
    }

    @Test func truncatedBodyNeverReachesTheHandler() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let raw = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        try raw.send("POST /v1/batches/1 HTTP/1.1\r\nHost: central\r\nContent-Length: 1000\r\n\r\n" + String(repeating: "x", count: 400))
        raw.connection.socket.close()  // TCP close in the middle of the body, no close_notify
        #expect(eventually { server.server.statistics.truncatedRequests == 1 })

        let clean = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        try clean.send("POST /v1/batches/1 HTTP/1.1\r\nHost: central\r\nContent-Length: 1000\r\n\r\nabc")
        clean.connection.close()  // TLS close_notify in the middle of the body
        #expect(eventually { server.server.statistics.truncatedRequests == 2 })
        #expect(server.calls.count == 0)
    }

    @Test func connectionBoundRefusesFastAndRecovers() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki) { $0.maxConnections = 2 }
        defer { server.stop() }
        let first = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        let second = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        #expect(eventually { server.server.statistics.activeConnections == 2 })
        let started = Date()
        #expect(throws: (any Error).self) { try RawTLSClient(pki, node: "hanoi-01", port: server.port) }
        #expect(Date().timeIntervalSince(started) < 2, "refused at once, not after a timeout")
        #expect(server.server.statistics.connectionsRefused == 1)
        // The admitted connections still work.
        try first.send("GET /one HTTP/1.1\r\nHost: central\r\nConnection: close\r\n\r\n")
        #expect(first.readToEnd().text.hasSuffix("GET /one 0 bytes"))
        #expect(eventually { server.server.statistics.activeConnections == 1 })
        // A slot is free again.
        let third = try RawTLSClient(pki, node: "hanoi-01", port: server.port)
        try third.send("GET /three HTTP/1.1\r\nHost: central\r\nConnection: close\r\n\r\n")
        #expect(third.readToEnd().text.hasSuffix("GET /three 0 bytes"))
        _ = second
    }

    @Test func shutdownFinishesRequestsInFlightThenRefusesConnections() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let entered = DispatchSemaphore(value: 0)
        let server = try TestServer(pki: pki, handler: { _, _ in
            entered.signal()
            usleep(400_000)
            return .text(.ok, "finished")
        })
        let idle = try makeClient(pki, node: "hanoi-01", port: server.port)
        #expect(try idle.get("/warm").status == .ok)
        _ = entered.wait(timeout: .now() + 1)
        let busy = try makeClient(pki, node: "hanoi-01", port: server.port)
        let result = Mutex<Result<HTTPResponse, HTTPClientError>?>(nil)
        let answered = DispatchSemaphore(value: 0)
        let thread = Thread {
            let outcome = Result { () throws(HTTPClientError) -> HTTPResponse in try busy.get("/slow") }
            result.withLock { $0 = outcome }
            answered.signal()
        }
        thread.start()
        #expect(entered.wait(timeout: .now() + 5) == .success)
        let started = Date()
        server.server.shutdown(gracePeriod: .seconds(5))
        #expect(Date().timeIntervalSince(started) < 3)
        // shutdown() returns once the server has written the response and closed the
        // connection; the client thread may still be reading it. Wait for the client.
        #expect(answered.wait(timeout: .now() + 10) == .success, "the in-flight request never completed at the client")
        let response = try #require(try result.withLock { $0 }?.get())
        #expect(response.bodyText == "finished")
        #expect(response.headers["Connection"] == "close")
        #expect(server.server.statistics.activeConnections == 0)
        #expect(throws: HTTPClientError.self) { try idle.get("/after") }
        #expect(throws: SocketError.self) { try TCPSocket.connect(host: "127.0.0.1", port: server.port, timeout: .seconds(1)) }
    }
}

import Synchronization

@Suite struct HTTPClientEarlyResponseTests {
    @Test func largeBodyRefusedEarlyStillYields413() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki) { $0.limits.maxBodyBytes = 64 * 1024 }
        defer { server.stop() }
        let client = try makeClient(pki, node: "hanoi-01", port: server.port)
        // Far more than the server reads while it lingers: the write fails, the 413 is still read.
        let response = try client.post("/v1/batches/1", body: [UInt8](repeating: 3, count: 32 << 20))
        #expect(response.status == .payloadTooLarge)
        #expect(server.calls.count == 0)
        #expect(try client.get("/after").status == .ok)
    }
}

@Suite struct HTTPClientTimeoutTests {
    @Test func perRequestTimeoutThenAFreshConnection() throws {
        let pki = try TestPKI()
        try pki.issueNode("hanoi-01")
        let server = try TestServer(pki: pki, handler: { request, _ in
            if request.path == "/slow" { usleep(1_500_000) }
            return .text(.ok, request.path)
        })
        defer { server.stop() }
        let client = try makeClient(pki, node: "hanoi-01", port: server.port)
        let started = Date()
        let error = try #require(throws: HTTPClientError.self) { try client.get("/slow", timeout: .milliseconds(300)) }
        #expect(error.isTimeout, "\(error)")
        #expect(error.description.contains("GET /slow to 127.0.0.1:\(server.port) failed"))
        #expect(Date().timeIntervalSince(started) < 1.2)
        #expect(try client.get("/fast").bodyText == "/fast", "the timed-out connection was dropped, a new one answers")
        #expect(client.connectionsOpened == 2)
    }
}
