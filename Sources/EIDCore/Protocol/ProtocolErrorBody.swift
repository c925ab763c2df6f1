/// The JSON body of every refusal: `{"code", "message", "expected_batch"?, "expected_offset"?}`.
public struct ProtocolErrorBody: Sendable, Equatable, Codable, Error, CustomStringConvertible {
    /// One of ``ProtocolErrorCode``'s raw values (kept as text so a newer central's codes still decode).
    public var code: String
    /// A sentence for the operator.
    public var message: String
    /// With `gap`: the batch number central expects next.
    public var expectedBatch: UInt64?
    /// With `offset_mismatch`: the offset the next chunk must start at.
    public var expectedOffset: Int?

    public init(code: ProtocolErrorCode, message: String, expectedBatch: UInt64? = nil, expectedOffset: Int? = nil) {
        self.code = code.rawValue
        self.message = message
        self.expectedBatch = expectedBatch
        self.expectedOffset = expectedOffset
    }

    public var description: String { "\(code): \(message)" }

    enum CodingKeys: String, CodingKey {
        case code, message, expectedBatch = "expected_batch", expectedOffset = "expected_offset"
    }
}
