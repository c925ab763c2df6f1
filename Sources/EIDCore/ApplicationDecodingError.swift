/// Why a JSON document is not an `Application`, naming the exact field.
public struct ApplicationDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The dotted path of the offending field, e.g. `"applicant.date_of_birth"` or
    /// `"passport.type"`; empty when the document as a whole is at fault (not JSON, not an object).
    public let field: String
    /// What is wrong with it, in English.
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String {
        field.isEmpty ? "application: \(reason)" : "\(field): \(reason)"
    }

    /// Converts a `DecodingError` into the field-precise form.
    init(_ error: DecodingError) {
        let (field, reason) = Self.fieldAndReason(error)
        self.init(field: field, reason: reason)
    }

    /// The dotted field path and an English reason for a `DecodingError` (shared with other JSON inputs).
    static func fieldAndReason(_ error: DecodingError) -> (field: String, reason: String) {
        switch error {
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "required field is missing")
        case .valueNotFound(_, let context):
            return (path(context.codingPath), "must not be null")
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(jsonKind(type))")
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            let reason = context.codingPath.isEmpty
                ? "not valid JSON: \(context.debugDescription)\(underlying)"
                : context.debugDescription
            return (path(context.codingPath), reason)
        @unknown default:
            return ("", "\(error)")
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        var result = ""
        for key in codingPath {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return result
    }

    private static func jsonKind(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is Bool.Type: "true or false"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
