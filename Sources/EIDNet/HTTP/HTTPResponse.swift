/// An HTTP response: what a handler returns and what a client receives.
/// The writer adds `Content-Length` (and `Connection: close` when closing); a handler
/// sets only its own headers.
public struct HTTPResponse: Sendable, Hashable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ status: HTTPStatus, _ text: String) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// An `application/json` response from already-encoded bytes.
    public static func json(_ status: HTTPStatus, _ body: [UInt8]) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }

    /// The body as UTF-8 text (for messages and tests).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Whether the peer will close the connection after this response.
    var closesConnection: Bool { headers.containsToken("close", in: "Connection") }
}
