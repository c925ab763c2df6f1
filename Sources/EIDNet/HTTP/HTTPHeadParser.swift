/// The syntax shared by requests and responses (RFC 9112): finding the end of the head
/// within limits, splitting it into CRLF-terminated lines, and parsing header fields.
/// Strict: bare LF, bare CR, obsolete line folding, whitespace before a colon and
/// control characters in values are refused.
enum HTTPHeadParser {
    /// A head split into its start line and fields.
    struct Head {
        var startLine: ArraySlice<UInt8>
        var headers: HTTPHeaders
    }

    /// Finds the blank line ending a head, resuming where the previous call stopped, so
    /// a head arriving one byte at a time is scanned once, not once per byte.
    struct Scanner {
        let start: Int
        let limits: HTTPLimits
        /// The error for an overlong start line: 414 for requests.
        let isRequest: Bool
        private var index: Int
        private var lineStart: Int
        private var sawStartLine = false

        init(start: Int, limits: HTTPLimits, isRequest: Bool) {
            self.start = start
            self.limits = limits
            self.isRequest = isRequest
            index = start
            lineStart = start
        }

        /// The index just past the head's blank line, or nil if more bytes are needed.
        /// Throws as soon as a limit is certainly exceeded or a bare LF is seen.
        mutating func scan(_ buffer: [UInt8]) throws(HTTPParseError) -> Int? {
            let searchEnd = min(buffer.count, start + limits.maxHeadBytes)
            while index < searchEnd {
                if buffer[index] == 0x0A {  // LF
                    guard index > lineStart, buffer[index - 1] == 0x0D else {
                        throw HTTPParseError(.malformed, "line ending is a bare LF, CRLF required")
                    }
                    if !sawStartLine {
                        sawStartLine = true
                        if index - 1 - start > limits.maxStartLineBytes { throw startLineTooLong(limits, isRequest) }
                    } else if index - 1 == lineStart {
                        index += 1
                        return index  // empty line: end of head
                    }
                    lineStart = index + 1
                }
                index += 1
            }
            let available = buffer.count - start
            if !sawStartLine && available > limits.maxStartLineBytes + 1 { throw startLineTooLong(limits, isRequest) }
            if available >= limits.maxHeadBytes {
                throw HTTPParseError(.headersTooLarge, "head is larger than \(limits.maxHeadBytes) bytes")
            }
            return nil
        }
    }

    private static func startLineTooLong(_ limits: HTTPLimits, _ isRequest: Bool) -> HTTPParseError {
        HTTPParseError(isRequest ? .startLineTooLong : .malformed,
                       "\(isRequest ? "request" : "status") line is longer than \(limits.maxStartLineBytes) bytes")
    }

    /// Splits a complete head (ending with CRLF CRLF) and parses its header fields.
    static func parse(_ head: ArraySlice<UInt8>, limits: HTTPLimits) throws(HTTPParseError) -> Head {
        var lines: [ArraySlice<UInt8>] = []
        var lineStart = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            let byte = head[index]
            if byte == 0x0D {
                guard index + 1 < head.endIndex, head[index + 1] == 0x0A else {
                    throw HTTPParseError(.malformed, "bare CR in the head")
                }
                lines.append(head[lineStart..<index])
                index += 2
                lineStart = index
                continue
            }
            index += 1
        }
        // The last line is the empty one ending the head.
        guard let startLine = lines.first, lines.last?.isEmpty == true else {
            throw HTTPParseError(.malformed, "head does not end with an empty line")
        }
        let fieldLines = lines.dropFirst().dropLast()
        guard fieldLines.count <= limits.maxHeaderCount else {
            throw HTTPParseError(.headersTooLarge, "more than \(limits.maxHeaderCount) header fields")
        }
        var headers = HTTPHeaders()
        for line in fieldLines {
            let field = try parseField(line)
            headers.add(field.name, field.value)
        }
        return Head(startLine: startLine, headers: headers)
    }

    private static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPHeaderField {
        guard let first = line.first else { throw HTTPParseError(.malformed, "empty header line") }
        if first == 0x20 || first == 0x09 {
            throw HTTPParseError(.malformed, "obsolete line folding (a header line starting with whitespace)")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else {
            throw HTTPParseError(.malformed, "header line without a colon")
        }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(isTokenByte) else {
            throw HTTPParseError(.malformed, "invalid header name \(quoted(name))")
        }
        var value = line[(colon + 1)...]
        while let byte = value.first, byte == 0x20 || byte == 0x09 { value = value.dropFirst() }
        while let byte = value.last, byte == 0x20 || byte == 0x09 { value = value.dropLast() }
        guard value.allSatisfy(isFieldValueByte) else {
            throw HTTPParseError(.malformed, "control character in the value of header \(quoted(name))")
        }
        return HTTPHeaderField(name: String(decoding: name, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// Parses "HTTP/1.1" strictly (`HTTP/` DIGIT `.` DIGIT); only 1.0 and 1.1 are supported.
    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let text = Array(bytes)
        guard text.count == 8, text.starts(with: Array("HTTP/".utf8)), isDigit(text[5]), text[6] == UInt8(ascii: "."),
              isDigit(text[7]) else {
            throw HTTPParseError(.malformed, "invalid HTTP version \(quoted(bytes))")
        }
        let version = HTTPVersion(major: Int(text[5] - 0x30), minor: Int(text[7] - 0x30))
        guard version == .http1_0 || version == .http1_1 else {
            throw HTTPParseError(.unsupportedVersion, "\(version) is not supported (HTTP/1.1 and HTTP/1.0 are)")
        }
        return version
    }

    /// The body length from `Content-Length` (nil when absent). Several fields or a list
    /// must all agree; anything but digits is refused; a length above `maxBodyBytes` is 413.
    static func contentLength(_ headers: HTTPHeaders, maxBodyBytes: Int) throws(HTTPParseError) -> Int? {
        let values = headers.values("Content-Length").flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard !values.isEmpty else { return nil }
        var result: Int? = nil
        for raw in values {
            let value = raw.trimmingSpaces()
            guard !value.isEmpty, value.utf8.allSatisfy(isDigit) else {
                throw HTTPParseError(.malformed, "Content-Length \(quoted(Array(value.utf8)[...])) is not a number")
            }
            let digits = value.drop { $0 == "0" }
            // More digits than maxBodyBytes has, or larger: too large (no overflow possible).
            guard digits.count <= String(maxBodyBytes).count, let length = Int(digits.isEmpty ? "0" : String(digits)),
                  length <= maxBodyBytes else {
                throw HTTPParseError(.bodyTooLarge, "body of \(value.prefix(20)) bytes exceeds the limit of \(maxBodyBytes) bytes")
            }
            if let result, result != length {
                throw HTTPParseError(.malformed, "conflicting Content-Length values")
            }
            result = length
        }
        return result
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }

    /// HTAB, SP, visible ASCII and obs-text (0x80-0xFF).
    static func isFieldValueByte(_ byte: UInt8) -> Bool { byte == 0x09 || (byte >= 0x20 && byte != 0x7F) }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Up to 40 bytes of input, quoted, with non-printable bytes escaped: safe in an error message.
    static func quoted(_ bytes: ArraySlice<UInt8>) -> String {
        var text = "\""
        for byte in bytes.prefix(40) {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return text + (bytes.count > 40 ? "…\"" : "\"")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
