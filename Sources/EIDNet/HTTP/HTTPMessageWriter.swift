/// A message that cannot be sent as asked: a header name that is not a token, or a value
/// with CR, LF or another control character (which would let one header inject another).
public struct HTTPEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    public let detail: String
    public var description: String { "cannot encode HTTP message: \(detail)" }
}

/// Serialises responses (server) and requests (client) to HTTP/1.1 bytes.
/// The writer owns framing: it sets `Content-Length` and `Connection` itself and drops
/// any `Content-Length`, `Transfer-Encoding` or `Connection` the caller put in the headers.
enum HTTPMessageWriter {
    private static let framingHeaders = ["Content-Length", "Transfer-Encoding", "Connection"]

    /// A response. `headRequest`: send the headers (with the body's length) but no body.
    /// `closing`: add `Connection: close`.
    static func serialize(_ response: HTTPResponse, headRequest: Bool = false, closing: Bool) throws(HTTPEncodingError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + response.body.count)
        let status = response.status
        guard (100...999).contains(status.code), status.reasonPhrase.utf8.allSatisfy(HTTPHeadParser.isFieldValueByte) else {
            throw HTTPEncodingError(detail: "invalid status \(status.code) \(status.reasonPhrase.prefix(40))")
        }
        bytes += Array("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n".utf8)
        try appendHeaders(response.headers, to: &bytes)
        if !status.forbidsBody { bytes += Array("Content-Length: \(response.body.count)\r\n".utf8) }
        if closing { bytes += Array("Connection: close\r\n".utf8) }
        bytes += [0x0D, 0x0A]
        if !headRequest && !status.forbidsBody { bytes += response.body }
        return bytes
    }

    /// An interim "100 Continue".
    static let continueResponse: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// A request to `host` (the `Host` header, e.g. "127.0.0.1:8443").
    static func serialize(_ request: HTTPRequest, host: String) throws(HTTPEncodingError) -> [UInt8] {
        guard !request.method.rawValue.isEmpty, request.method.rawValue.utf8.allSatisfy(HTTPHeadParser.isTokenByte) else {
            throw HTTPEncodingError(detail: "invalid method \(request.method.rawValue.prefix(40))")
        }
        guard request.target.first == "/", request.target.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw HTTPEncodingError(detail: "request target must be a path starting with \"/\" without spaces: \(request.target.prefix(40))")
        }
        var bytes = Array("\(request.method.rawValue) \(request.target) HTTP/1.1\r\n".utf8)
        var headers = request.headers
        if !headers.contains("Host") { headers.set("Host", host) }
        try appendHeaders(headers, to: &bytes)
        if !request.body.isEmpty || request.method == .post || request.method == .put {
            bytes += Array("Content-Length: \(request.body.count)\r\n".utf8)
        }
        bytes += [0x0D, 0x0A]
        bytes += request.body
        return bytes
    }

    private static func appendHeaders(_ headers: HTTPHeaders, to bytes: inout [UInt8]) throws(HTTPEncodingError) {
        for field in headers where !framingHeaders.contains(where: { field.name.caseInsensitiveEquals($0) }) {
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(HTTPHeadParser.isTokenByte) else {
                throw HTTPEncodingError(detail: "invalid header name \(HTTPHeadParser.quoted(Array(field.name.utf8)[...]))")
            }
            guard field.value.utf8.allSatisfy(HTTPHeadParser.isFieldValueByte) else {
                throw HTTPEncodingError(detail: "control character (CR, LF, ...) in the value of header \(field.name)")
            }
            bytes += Array("\(field.name): \(field.value)\r\n".utf8)
        }
    }
}
