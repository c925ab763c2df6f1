/// Bytes that do not follow one of the project's binary formats (records, batches,
/// receipts). Each case says where parsing stopped and why.
public enum WireFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The input ended inside `field` at `offset`, `needed` more bytes were required.
    case truncated(field: String, offset: Int, needed: Int)
    /// The magic bytes were not those of the expected structure.
    case badMagic(expected: String, found: [UInt8])
    /// A version this program does not know.
    case unsupportedVersion(structure: String, version: UInt8)
    /// A field's value is outside its allowed range or format.
    case invalidField(field: String, reason: String)
    /// Bytes remain after the structure ended.
    case trailingBytes(structure: String, count: Int)

    public var description: String {
        switch self {
        case .truncated(let field, let offset, let needed):
            return "truncated input: \(field) at byte \(offset) needs \(needed) more byte(s)"
        case .badMagic(let expected, let found):
            let shown = found.map { (0x20...0x7E).contains($0) ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }
            return "not a \(expected): magic bytes are \"\(shown.joined())\""
        case .unsupportedVersion(let structure, let version):
            return "\(structure) version \(version) is not supported"
        case .invalidField(let field, let reason):
            return "invalid \(field): \(reason)"
        case .trailingBytes(let structure, let count):
            return "\(count) unexpected byte(s) after the \(structure)"
        }
    }
}
