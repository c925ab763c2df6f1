// Helpers shared by the hand-written `Decodable` conformances of the application model:
// unknown keys are refused (a misspelt optional field must not vanish silently) and enums
// report the values they accept.

/// A coding key that accepts any string, used to list the keys actually present in an object.
struct AnyCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Decoder {
    /// Throws a field-precise error for the first key of the current object that `Keys` does not declare.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_: Keys.Type) throws {
        let container = try container(keyedBy: AnyCodingKey.self)
        let known = Set(Keys.allCases.map(\.stringValue))
        let unknown = container.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
        if let first = unknown.first {
            let allowed = Keys.allCases.map(\.stringValue).joined(separator: ", ")
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [AnyCodingKey(stringValue: first)],
                debugDescription: "unknown field '\(first)'; this object accepts: \(allowed)"))
        }
    }
}

/// An enum whose JSON form is one of a closed set of strings.
protocol StringEnumDecodable: RawRepresentable, CaseIterable where RawValue == String {}

extension StringEnumDecodable {
    /// Decodes the raw string, failing with the list of accepted values.
    static func decodeClosedSet(from decoder: any Decoder) throws -> Self {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            let allowed = allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not one of \(allowed)")
        }
        return value
    }
}
