/// An incremental, strict and bounded HTTP/1.1 request parser with no I/O: feed it bytes
/// with ``append(_:)`` and call ``parse()`` until it yields a request. Bytes after a
/// request stay buffered for the next one (pipelining).
///
/// What it refuses (the error's ``HTTPParseError/status`` is what a server answers):
/// - 400: bad request line, bare LF/CR, obsolete folding, whitespace before a colon,
///   control characters, missing or repeated `Host` in HTTP/1.1, non-numeric or
///   conflicting `Content-Length`, `Content-Length` with `Transfer-Encoding`, absolute-form targets;
/// - 414: request line over ``HTTPLimits/maxStartLineBytes``;
/// - 431: head over ``HTTPLimits/maxHeadBytes`` or more than ``HTTPLimits/maxHeaderCount`` fields;
/// - 413: `Content-Length` over ``HTTPLimits/maxBodyBytes``, decided from the head alone;
/// - 411: `Transfer-Encoding: chunked` (send `Content-Length`); 501: other transfer codings;
/// - 505: versions other than HTTP/1.0 and HTTP/1.1; 417: an `Expect` other than 100-continue.
/// After an error the parser must be discarded (the server closes the connection).
public struct HTTPRequestParser: Sendable {
    /// What ``parse()`` found.
    public enum Progress: Sendable, Hashable {
        /// More bytes are needed.
        case needMore
        /// The head is complete and acceptable; the body (if any) follows. Reported once per request.
        case head(HTTPRequestHead)
        /// A whole request.
        case complete(HTTPRequest)
    }

    public let limits: HTTPLimits
    private var buffer: [UInt8] = []
    private var scanner: HTTPHeadParser.Scanner?
    private var pending: (head: HTTPRequestHead, bodyStart: Int)?
    private var emptyLinesSkipped = 0

    /// Empty lines tolerated before a request line (RFC 9112 §2.2 asks for at least one);
    /// more is refused, so CRLFs cannot keep a connection open forever.
    public static let maxEmptyLinesBeforeRequest = 4

    public init(limits: HTTPLimits = HTTPLimits()) { self.limits = limits }

    public mutating func append(_ bytes: some Collection<UInt8>) { buffer.append(contentsOf: bytes) }

    /// Bytes received but not yet returned as part of a request.
    public var bufferedByteCount: Int { buffer.count }

    /// True once part of a request has been received (a clean place to close is when this is false).
    public var isMidMessage: Bool { pending != nil || !buffer.isEmpty || emptyLinesSkipped > 0 }

    /// Advances as far as the buffered bytes allow.
    public mutating func parse() throws(HTTPParseError) -> Progress {
        if let (head, bodyStart) = pending {
            guard buffer.count - bodyStart >= head.contentLength else { return .needMore }
            let end = bodyStart + head.contentLength
            let request = HTTPRequest(method: head.method, target: head.target, headers: head.headers,
                                      body: Array(buffer[bodyStart..<end]), version: head.version)
            buffer.removeFirst(end)
            pending = nil
            scanner = nil
            emptyLinesSkipped = 0
            return .complete(request)
        }
        if scanner == nil {
            // RFC 9112 §2.2: ignore empty lines before a request line.
            var skip = 0
            while buffer.count - skip >= 2, buffer[skip] == 0x0D, buffer[skip + 1] == 0x0A {
                skip += 2
                emptyLinesSkipped += 1
                guard emptyLinesSkipped <= HTTPRequestParser.maxEmptyLinesBeforeRequest else {
                    throw HTTPParseError(.malformed, "more than \(HTTPRequestParser.maxEmptyLinesBeforeRequest) empty lines before the request line")
                }
            }
            if skip > 0 { buffer.removeFirst(skip) }
            if buffer.isEmpty || buffer == [0x0D] { return .needMore }
            scanner = HTTPHeadParser.Scanner(start: 0, limits: limits, isRequest: true)
        }
        guard let headEnd = try scanner!.scan(buffer) else { return .needMore }
        let head = try HTTPRequestParser.parseHead(buffer[..<headEnd], limits: limits)
        pending = (head, headEnd)
        return .head(head)
    }

    static func parseHead(_ bytes: ArraySlice<UInt8>, limits: HTTPLimits) throws(HTTPParseError) -> HTTPRequestHead {
        let head = try HTTPHeadParser.parse(bytes, limits: limits)
        let parts = head.startLine.split(separator: 0x20, maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw HTTPParseError(.malformed, "request line must be METHOD SP TARGET SP VERSION, got \(HTTPHeadParser.quoted(head.startLine))")
        }
        guard !parts[0].isEmpty, parts[0].allSatisfy(HTTPHeadParser.isTokenByte) else {
            throw HTTPParseError(.malformed, "invalid method \(HTTPHeadParser.quoted(parts[0]))")
        }
        let method = HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self))
        let target = parts[1]
        guard !target.isEmpty, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTPParseError(.malformed, "invalid request target \(HTTPHeadParser.quoted(target))")
        }
        let isAsterisk = target.count == 1 && target.first == UInt8(ascii: "*")
        guard target.first == UInt8(ascii: "/") || (isAsterisk && method == .options) else {
            throw HTTPParseError(.malformed, "request target must be a path starting with \"/\", got \(HTTPHeadParser.quoted(target))")
        }
        let version = try HTTPHeadParser.parseVersion(parts[2])
        let headers = head.headers

        if version == .http1_1 && headers.values("Host").count != 1 {
            throw HTTPParseError(.malformed, "an HTTP/1.1 request must have exactly one Host header")
        }
        let contentLength = try HTTPHeadParser.contentLength(headers, maxBodyBytes: limits.maxBodyBytes)
        if headers.contains("Transfer-Encoding") {
            if contentLength != nil {
                throw HTTPParseError(.malformed, "a request must not have both Content-Length and Transfer-Encoding")
            }
            let codings = headers.values("Transfer-Encoding").flatMap { $0.split(separator: ",") }.map { $0.trimmingSpaces() }
            if codings.last?.caseInsensitiveEquals("chunked") == true {
                throw HTTPParseError(.lengthRequired, "chunked request bodies are not accepted: send Content-Length")
            }
            throw HTTPParseError(.unsupportedTransferCoding, "transfer coding \(HTTPHeadParser.quoted(Array((codings.last ?? "").utf8)[...])) is not supported")
        }
        var expectsContinue = false
        if let expect = headers["Expect"] {
            guard expect.trimmingSpaces().caseInsensitiveEquals("100-continue"), headers.values("Expect").count == 1 else {
                throw HTTPParseError(.unsupportedExpectation, "only Expect: 100-continue is supported")
            }
            expectsContinue = version == .http1_1
        }
        return HTTPRequestHead(method: method, target: String(decoding: target, as: UTF8.self), version: version,
                               headers: headers, contentLength: contentLength ?? 0, expectsContinue: expectsContinue)
    }
}

/// A request's head, accepted before its body is read.
public struct HTTPRequestHead: Sendable, Hashable {
    public let method: HTTPMethod
    public let target: String
    public let version: HTTPVersion
    public let headers: HTTPHeaders
    /// Body length from `Content-Length` (0 without one).
    public let contentLength: Int
    /// The client sent `Expect: 100-continue` and waits for a 100 response before the body.
    public let expectsContinue: Bool
}
