/// An incremental, strict and bounded HTTP/1.1 response parser with no I/O, for clients.
///
/// Same head rules and limits as ``HTTPRequestParser``. Bodies are framed by
/// `Content-Length`, or (without it) by the end of the connection, never beyond
/// ``HTTPLimits/maxBodyBytes``; chunked responses are refused. Interim 1xx responses
/// (e.g. 100 Continue) are skipped, at most 8 of them.
public struct HTTPResponseParser: Sendable {
    public let limits: HTTPLimits
    /// HEAD responses have no body whatever their headers say.
    public let requestMethod: HTTPMethod
    private var buffer: [UInt8] = []
    private var scanner: HTTPHeadParser.Scanner?
    private var pending: (status: HTTPStatus, headers: HTTPHeaders, bodyStart: Int, length: Int?)?
    private var interimCount = 0

    public init(limits: HTTPLimits = HTTPLimits(), requestMethod: HTTPMethod = .get) {
        self.limits = limits
        self.requestMethod = requestMethod
    }

    public mutating func append(_ bytes: some Collection<UInt8>) { buffer.append(contentsOf: bytes) }

    /// True once any byte of the response has arrived.
    public var hasReceivedBytes: Bool { !buffer.isEmpty || pending != nil || interimCount > 0 }

    /// The response, once complete; nil if more bytes are needed.
    public mutating func parse() throws(HTTPParseError) -> HTTPResponse? {
        while true {
            if let pending {
                guard let length = pending.length else {
                    if buffer.count - pending.bodyStart > limits.maxBodyBytes {
                        throw HTTPParseError(.bodyTooLarge, "response body exceeds \(limits.maxBodyBytes) bytes")
                    }
                    return nil  // delimited by the end of the connection: see finish()
                }
                guard buffer.count - pending.bodyStart >= length else { return nil }
                let end = pending.bodyStart + length
                let response = HTTPResponse(status: pending.status, headers: pending.headers,
                                            body: Array(buffer[pending.bodyStart..<end]))
                buffer.removeFirst(end)
                self.pending = nil
                scanner = nil
                return response
            }
            if buffer.isEmpty { return nil }
            if scanner == nil { scanner = HTTPHeadParser.Scanner(start: 0, limits: limits, isRequest: false) }
            guard let headEnd = try scanner!.scan(buffer) else { return nil }
            let head = try HTTPHeadParser.parse(buffer[..<headEnd], limits: limits)
            let status = try HTTPResponseParser.parseStatusLine(head.startLine)
            if (100..<200).contains(status.code) {
                guard status.code != 101 else { throw HTTPParseError(.malformed, "the server switched protocols (101), which is not supported") }
                interimCount += 1
                guard interimCount <= 8 else { throw HTTPParseError(.malformed, "more than 8 interim (1xx) responses") }
                buffer.removeFirst(headEnd)
                scanner = nil
                continue
            }
            let headers = head.headers
            var length: Int?
            if requestMethod == .head || status.forbidsBody {
                length = 0
            } else {
                if headers.contains("Transfer-Encoding") {
                    throw HTTPParseError(.unsupportedTransferCoding, "responses with Transfer-Encoding are not supported")
                }
                length = try HTTPHeadParser.contentLength(headers, maxBodyBytes: limits.maxBodyBytes)
            }
            pending = (status, headers, headEnd, length)
        }
    }

    /// Call at end of stream: completes a body delimited by the close, or throws
    /// ``HTTPParseError/Kind/truncated`` if the response was cut short.
    public mutating func finish() throws(HTTPParseError) -> HTTPResponse {
        if let response = try parse() { return response }
        guard let pending, pending.length == nil else {
            throw HTTPParseError(.truncated, hasReceivedBytes ? "the connection closed in the middle of the response"
                                                              : "the connection closed before any response")
        }
        let response = HTTPResponse(status: pending.status, headers: pending.headers, body: Array(buffer[pending.bodyStart...]))
        buffer.removeAll()
        self.pending = nil
        return response
    }

    static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPStatus {
        let bytes = Array(line)
        guard bytes.count >= 12, bytes[8] == 0x20, bytes[9...11].allSatisfy(HTTPHeadParser.isDigit),
              bytes.count == 12 || bytes[12] == 0x20 else {
            throw HTTPParseError(.malformed, "invalid status line \(HTTPHeadParser.quoted(line))")
        }
        _ = try HTTPHeadParser.parseVersion(line.prefix(8))
        let code = Int(bytes[9] - 0x30) * 100 + Int(bytes[10] - 0x30) * 10 + Int(bytes[11] - 0x30)
        guard code >= 100 else { throw HTTPParseError(.malformed, "invalid status code \(code)") }
        let reason = bytes.count > 13 ? Array(bytes[13...]) : []
        guard reason.allSatisfy(HTTPHeadParser.isFieldValueByte) else {
            throw HTTPParseError(.malformed, "control character in the reason phrase")
        }
        return HTTPStatus(code: code, reasonPhrase: String(decoding: reason, as: UTF8.self))
    }
}
