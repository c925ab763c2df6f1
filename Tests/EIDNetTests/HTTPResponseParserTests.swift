import EIDNet
import Testing

private func parseResponse(_ text: String, method: HTTPMethod = .get, limits: HTTPLimits = HTTPLimits(),
                           atEnd: Bool = false) throws -> HTTPResponse? {
    var parser = HTTPResponseParser(limits: limits, requestMethod: method)
    parser.append(Array(text.utf8))
    if let response = try parser.parse() { return response }
    return atEnd ? try parser.finish() : nil
}

@Suite struct HTTPResponseParserTests {
    @Test func parsesContentLengthResponses() throws {
        let response = try #require(try parseResponse("HTTP/1.1 201 Created\r\nContent-Length: 2\r\nX-A: b\r\n\r\nok"))
        #expect(response.status.code == 201)
        #expect(response.status.reasonPhrase == "Created")
        #expect(response.bodyText == "ok")
        #expect(response.headers["x-a"] == "b")
        #expect(try parseResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nabc") == nil, "waits for the rest")
    }

    @Test func skipsInterimResponses() throws {
        let response = try #require(try parseResponse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
        #expect(response.status == .ok)
        let many = String(repeating: "HTTP/1.1 100 Continue\r\n\r\n", count: 9) + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
        #expect(throws: HTTPParseError.self) { try parseResponse(many) }
    }

    @Test func headAnd204HaveNoBody() throws {
        #expect(try parseResponse("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", method: .head)?.body == [])
        #expect(try parseResponse("HTTP/1.1 204 No Content\r\n\r\n")?.body == [])
        #expect(try parseResponse("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n")?.status.code == 200, "reason phrase may be absent")
    }

    @Test func bodyWithoutLengthRunsToTheCloseWithinTheLimit() throws {
        #expect(try parseResponse("HTTP/1.1 200 OK\r\n\r\nall of it", atEnd: true)?.bodyText == "all of it")
        #expect(throws: HTTPParseError.self) {
            try parseResponse("HTTP/1.1 200 OK\r\n\r\n" + String(repeating: "x", count: 101), limits: HTTPLimits(maxBodyBytes: 100))
        }
    }

    @Test func truncatedResponsesAreErrors() {
        #expect(throws: HTTPParseError(.truncated, "the connection closed in the middle of the response")) {
            try parseResponse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", atEnd: true)
        }
        #expect(throws: HTTPParseError.self) { try parseResponse("HTTP/1.1 200 OK\r\nContent-", atEnd: true) }
        #expect(throws: HTTPParseError(.truncated, "the connection closed before any response")) { try parseResponse("", atEnd: true) }
    }

    @Test func refusesMalformedAndHostileResponses() {
        let bad = [
            "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "HTTP/1.1 101 Switching Protocols\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\n",
            "ICY 200 OK\r\n\r\n",
        ]
        for text in bad {
            #expect(throws: HTTPParseError.self, "\(text.debugDescription)") { try parseResponse(text) }
        }
        // An endless head is refused once it passes the limit.
        #expect(throws: HTTPParseError.self) {
            try parseResponse("HTTP/1.1 200 OK\r\n" + String(repeating: "X: y\r\n", count: 10_000))
        }
    }
}
