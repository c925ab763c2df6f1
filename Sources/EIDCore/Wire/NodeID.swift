/// A provincial node's identifier, e.g. `quang-ninh-01`: 2–32 characters of
/// lower-case letters, digits and dashes, starting with a letter. It is the
/// subject CN of the node's certificate and appears in every record and batch.
public struct NodeID: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// Validates `text`, throwing an error that says what is wrong.
    public init(validating text: String) throws(WireFormatError) {
        guard Self.isValid(text) else {
            throw .invalidField(field: "node id", reason: "'\(text)' must be 2–32 of a-z, 0-9 and '-', starting with a letter")
        }
        self.rawValue = text
    }

    static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (2...32).contains(bytes.count), let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            return false
        }
        return bytes.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") }
    }

    public var description: String { rawValue }
    public static func < (a: NodeID, b: NodeID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try NodeID(validating: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
