/// Why an HTTP message was refused, and the status a server answers with.
public struct HTTPParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Syntax error: 400.
        case malformed
        /// Request line longer than the limit: 414.
        case startLineTooLong
        /// Head larger than the limit or too many header fields: 431.
        case headersTooLarge
        /// Content-Length above the body limit: 413.
        case bodyTooLarge
        /// Chunked transfer coding (send Content-Length instead): 411.
        case lengthRequired
        /// Another transfer coding: 501.
        case unsupportedTransferCoding
        /// Not HTTP/1.0 or HTTP/1.1: 505.
        case unsupportedVersion
        /// An `Expect` other than 100-continue: 417.
        case unsupportedExpectation
        /// The connection ended in the middle of a message.
        case truncated
    }

    public let kind: Kind
    /// What exactly was wrong, safe to send back (never echoes more than a few bytes of input).
    public let detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }

    /// The status a server sends for this error.
    public var status: HTTPStatus {
        switch kind {
        case .malformed, .truncated: return .badRequest
        case .startLineTooLong: return .uriTooLong
        case .headersTooLarge: return .requestHeaderFieldsTooLarge
        case .bodyTooLarge: return .payloadTooLarge
        case .lengthRequired: return .lengthRequired
        case .unsupportedTransferCoding: return .notImplemented
        case .unsupportedVersion: return .httpVersionNotSupported
        case .unsupportedExpectation: return .expectationFailed
        }
    }

    public var description: String { "\(status): \(detail)" }
}
