import Foundation

/// One answer of the replication protocol, independent of the transport.
public struct ProtocolResponse: Sendable, Equatable {
    public var status: Int
    /// Header fields with lower-case names.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    public static let octetStream = "application/octet-stream"
    public static let json = "application/json"

    /// Binary bytes (receipts, feed pages).
    public static func bytes(_ status: Int, _ body: [UInt8], headers: [String: String] = [:]) -> ProtocolResponse {
        ProtocolResponse(status: status, headers: headers.merging(["content-type": octetStream]) { _, new in new }, body: body)
    }

    /// A JSON body, keys sorted (the value's own coding keys decide the names).
    public static func json(_ status: Int, _ value: some Encodable, headers: [String: String] = [:]) -> ProtocolResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding these plain value types cannot fail; an empty object is the fallback.
        let body = (try? encoder.encode(value)).map { [UInt8]($0) } ?? Array("{}".utf8)
        return ProtocolResponse(status: status, headers: headers.merging(["content-type": json]) { _, new in new }, body: body)
    }

    /// The error body for a refusal.
    public static func error(_ status: Int, _ body: ProtocolErrorBody, headers: [String: String] = [:]) -> ProtocolResponse {
        json(status, body, headers: headers)
    }

    /// Decodes a JSON body as `T`, or nil when it is not one.
    public func decodeJSON<T: Decodable>(_ type: T.Type) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(body))
    }
}
