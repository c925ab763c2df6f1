import Foundation

extension Application {
    /// Decodes an application from its JSON form (UTF-8 bytes), with field-precise errors.
    ///
    /// Unknown fields are refused, dates must be real `YYYY-MM-DD` dates, enums must use one of
    /// their listed values. Decoding does not apply the eligibility rules.
    public static func decode(json bytes: [UInt8]) throws(ApplicationDecodingError) -> Application {
        do {
            return try JSONDecoder().decode(Application.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw ApplicationDecodingError(error)
        } catch {
            throw ApplicationDecodingError(field: "", reason: "\(error)")
        }
    }

    /// Decodes an application from its JSON text.
    public static func decode(json text: String) throws(ApplicationDecodingError) -> Application {
        try decode(json: Array(text.utf8))
    }

    /// The JSON form: snake_case keys, sorted, absent optionals omitted.
    public func jsonString(prettyPrinted: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = prettyPrinted
            ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a value made only of strings, enums and dates cannot fail.
        let data = try! encoder.encode(self)
        return String(decoding: data, as: UTF8.self)
    }
}
