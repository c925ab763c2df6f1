public import EIDCore

/// Why central refused a batch or an upload: the protocol code (which fixes the HTTP
/// status), a sentence for the node's operator, and where the node should resume.
public struct BatchRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    public var code: ProtocolErrorCode
    public var message: String
    /// With `gap`: the batch central expects next.
    public var expectedBatch: UInt64?
    /// With `offset_mismatch`: the offset the next chunk must start at.
    public var expectedOffset: Int?

    public init(_ code: ProtocolErrorCode, _ message: String, expectedBatch: UInt64? = nil, expectedOffset: Int? = nil) {
        self.code = code
        self.message = message
        self.expectedBatch = expectedBatch
        self.expectedOffset = expectedOffset
    }

    /// The JSON error body.
    public var body: ProtocolErrorBody {
        ProtocolErrorBody(code: code, message: message, expectedBatch: expectedBatch, expectedOffset: expectedOffset)
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
