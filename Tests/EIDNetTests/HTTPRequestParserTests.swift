import EIDNet
import Testing

/// Parses `text` (fed in one piece, then byte by byte) and returns the request or the error.
private func parse(_ text: String, limits: HTTPLimits = HTTPLimits()) -> Result<HTTPRequest, HTTPParseError> {
    parse(Array(text.utf8), limits: limits)
}

private func parse(_ bytes: [UInt8], limits: HTTPLimits = HTTPLimits()) -> Result<HTTPRequest, HTTPParseError> {
    let whole = parseChunks([bytes], limits: limits)
    let trickled = parseChunks(bytes.map { [$0] }, limits: limits)
    #expect(whole == trickled, "same outcome whether the bytes arrive at once or one at a time")
    return whole
}

private func parseChunks(_ chunks: [[UInt8]], limits: HTTPLimits) -> Result<HTTPRequest, HTTPParseError> {
    var parser = HTTPRequestParser(limits: limits)
    do {
        for chunk in chunks {
            parser.append(chunk)
            while true {
                switch try parser.parse() {
                case .needMore: break
                case .head: continue
                case .complete(let request): return .success(request)
                }
                break
            }
        }
        return .failure(HTTPParseError(.truncated, "incomplete"))
    } catch {
        return .failure(error)
    }
}

private func expectStatus(_ text: String, _ status: Int, limits: HTTPLimits = HTTPLimits(),
                          sourceLocation: SourceLocation = #_sourceLocation) {
    switch parse(text, limits: limits) {
    case .success(let request): Issue.record("accepted \(request)", sourceLocation: sourceLocation)
    case .failure(let error): #expect(error.status.code == status, "\(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct HTTPRequestParserTests {
    @Test func parsesAGetWithHeadersAndQuery() throws {
        let request = try parse("GET /v1/events?after=3&limit=10&note=a%20b+c HTTP/1.1\r\nHost: central\r\nX-Trace:  abc \r\n\r\n").get()
        #expect(request.method == .get)
        #expect(request.target == "/v1/events?after=3&limit=10&note=a%20b+c")
        #expect(request.path == "/v1/events")
        #expect(request.queryValue("after") == "3")
        #expect(request.queryValue("note") == "a b c")
        #expect(request.headers["x-trace"] == "abc", "values are trimmed, names case-insensitive")
        #expect(request.version == .http1_1)
        #expect(request.body.isEmpty)
        #expect(request.wantsKeepAlive)
    }

    @Test func parsesAContentLengthBody() throws {
        let request = try parse("POST /v1/batches/1 HTTP/1.1\r\nHost: c\r\nContent-Length: 5\r\n\r\nhello").get()
        #expect(request.body == Array("hello".utf8))
    }

    @Test func keepsPipelinedRequestsApart() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST /a HTTP/1.1\r\nHost: c\r\nContent-Length: 2\r\n\r\nhiGET /b HTTP/1.1\r\nHost: c\r\n\r\n".utf8))
        var targets: [String] = []
        while targets.count < 2 {
            switch try parser.parse() {
            case .needMore: Issue.record("needs more"); return
            case .head: continue
            case .complete(let request): targets.append(request.target + ":" + String(decoding: request.body, as: UTF8.self))
            }
        }
        #expect(targets == ["/a:hi", "/b:"])
        #expect(!parser.isMidMessage)
    }

    @Test func reportsTheHeadBeforeTheBodyArrives() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("PUT /x HTTP/1.1\r\nHost: c\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n".utf8))
        guard case .head(let head) = try parser.parse() else { Issue.record("no head"); return }
        #expect(head.expectsContinue)
        #expect(head.contentLength == 3)
        #expect(try parser.parse() == .needMore)
        parser.append(Array("abc".utf8))
        guard case .complete(let request) = try parser.parse() else { Issue.record("not complete"); return }
        #expect(request.body == Array("abc".utf8))
    }

    @Test func http10ClosesUnlessKeepAliveAndNeedsNoHost() throws {
        #expect(try parse("GET / HTTP/1.0\r\n\r\n").get().wantsKeepAlive == false)
        #expect(try parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").get().wantsKeepAlive)
        #expect(try parse("GET / HTTP/1.1\r\nHost: c\r\nConnection: close\r\n\r\n").get().wantsKeepAlive == false)
    }

    @Test func ignoresEmptyLinesBeforeTheRequestLine() throws {
        #expect(try parse("\r\n\r\nGET / HTTP/1.1\r\nHost: c\r\n\r\n").get().target == "/")
        expectStatus(String(repeating: "\r\n", count: 5) + "GET / HTTP/1.1\r\nHost: c\r\n\r\n", 400)
    }

    @Test func refusesMalformedRequests() {
        let malformed = [
            "garbage\r\n\r\n",                                         // not a request line
            "GET /\r\nHost: c\r\n\r\n",                                // no version
            "GET  / HTTP/1.1\r\nHost: c\r\n\r\n",                      // double space
            "GET / HTTP/1.1 extra\r\nHost: c\r\n\r\n",
            "G(T / HTTP/1.1\r\nHost: c\r\n\r\n",                       // method not a token
            "GET http://evil/ HTTP/1.1\r\nHost: c\r\n\r\n",            // absolute form
            "GET relative HTTP/1.1\r\nHost: c\r\n\r\n",
            "GET /a\u{7F}b HTTP/1.1\r\nHost: c\r\n\r\n",               // DEL in target
            "GET / HTTP/1.1\nHost: c\r\n\r\n",                         // bare LF
            "GET / HTTP/1.1\r\nHost: c\rX: y\r\n\r\n",                 // bare CR
            "GET / HTTP/1.1\r\nHost: c\r\n folded\r\n\r\n",            // obs-fold
            "GET / HTTP/1.1\r\nHost : c\r\n\r\n",                      // space before colon
            "GET / HTTP/1.1\r\nHost c\r\n\r\n",                        // no colon
            "GET / HTTP/1.1\r\nHost: c\r\nX: a\u{01}b\r\n\r\n",        // control char in value
            "GET / HTTP/1.1\r\n\r\n",                                  // no Host
            "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",            // two Hosts
            "GET / HTTP/1.x\r\nHost: c\r\n\r\n",                       // bad version syntax
            "GET / http/1.1\r\nHost: c\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: c\r\nContent-Length: abc\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: c\r\nContent-Length: -1\r\n\r\n",
            "POST / HTTP/1.1\r\nHost: c\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
            "POST / HTTP/1.1\r\nHost: c\r\nContent-Length: 1, 2\r\n\r\nab",
            "POST / HTTP/1.1\r\nHost: c\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\nab",
        ]
        for text in malformed { expectStatus(text, 400) }
    }

    @Test func acceptsRepeatedIdenticalContentLength() throws {
        let request = try parse("POST / HTTP/1.1\r\nHost: c\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nab").get()
        #expect(request.body.count == 2)
    }

    @Test func refusesOverlongRequestLineWith414() {
        let limits = HTTPLimits(maxStartLineBytes: 64)
        expectStatus("GET /\(String(repeating: "a", count: 100)) HTTP/1.1\r\nHost: c\r\n\r\n", 414, limits: limits)
        // Without a line end at all, refused as soon as the limit is passed.
        expectStatus("GET /\(String(repeating: "a", count: 100))", 414, limits: limits)
        // Exactly at the limit is fine.
        let target = "/" + String(repeating: "a", count: 64 - "GET  HTTP/1.1".count - 1)
        #expect((try? parse("GET \(target) HTTP/1.1\r\nHost: c\r\n\r\n", limits: limits).get()) != nil)
    }

    @Test func refusesTooLargeHeadsAndTooManyFieldsWith431() {
        let limits = HTTPLimits(maxHeadBytes: 256, maxHeaderCount: 5)
        expectStatus("GET / HTTP/1.1\r\nHost: c\r\nX: \(String(repeating: "v", count: 300))\r\n\r\n", 431, limits: limits)
        expectStatus("GET / HTTP/1.1\r\nHost: c\r\nX: \(String(repeating: "v", count: 300))", 431, limits: limits)
        let six = (1...6).map { "X-\($0): v\r\n" }.joined()
        expectStatus("GET / HTTP/1.1\r\nHost: c\r\n\(six)\r\n", 431, limits: limits)
        let five = (1...4).map { "X-\($0): v\r\n" }.joined()
        #expect((try? parse("GET / HTTP/1.1\r\nHost: c\r\n\(five)\r\n", limits: limits).get()) != nil)
    }

    @Test func refusesOversizedBodyFromTheHeadAlone() throws {
        var parser = HTTPRequestParser(limits: HTTPLimits(maxBodyBytes: 1000))
        parser.append(Array("POST / HTTP/1.1\r\nHost: c\r\nContent-Length: 1001\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.parse() }
        expectStatus("POST / HTTP/1.1\r\nHost: c\r\nContent-Length: 1001\r\n\r\n", 413, limits: HTTPLimits(maxBodyBytes: 1000))
        expectStatus("POST / HTTP/1.1\r\nHost: c\r\nContent-Length: 99999999999999999999999999\r\n\r\n", 413)
        #expect((try? parse("POST / HTTP/1.1\r\nHost: c\r\nContent-Length: 0001000\r\n\r\n" + String(repeating: "x", count: 1000),
                            limits: HTTPLimits(maxBodyBytes: 1000)).get())?.body.count == 1000)
    }

    @Test func refusesTransferCodings() {
        expectStatus("POST / HTTP/1.1\r\nHost: c\r\nTransfer-Encoding: chunked\r\n\r\n", 411)
        expectStatus("POST / HTTP/1.1\r\nHost: c\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 411)
        expectStatus("POST / HTTP/1.1\r\nHost: c\r\nTransfer-Encoding: gzip\r\n\r\n", 501)
    }

    @Test func refusesOtherVersionsWith505() {
        expectStatus("GET / HTTP/2.0\r\nHost: c\r\n\r\n", 505)
        expectStatus("GET / HTTP/1.2\r\nHost: c\r\n\r\n", 505)
        expectStatus("GET / HTTP/0.9\r\nHost: c\r\n\r\n", 505)
    }

    @Test func refusesUnknownExpectationsWith417() {
        expectStatus("POST / HTTP/1.1\r\nHost: c\r\nExpect: something\r\nContent-Length: 1\r\n\r\nx", 417)
    }

    @Test func errorDetailsNeverEchoMuchInput() {
        let long = String(repeating: "(", count: 5000)
        guard case .failure(let error) = parse("\(long) / HTTP/1.1\r\nHost: c\r\n\r\n", limits: HTTPLimits(maxStartLineBytes: 10_000)) else {
            Issue.record("accepted"); return
        }
        #expect(error.detail.count < 200)
    }
}
