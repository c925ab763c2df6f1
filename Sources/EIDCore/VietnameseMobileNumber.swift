/// A Vietnamese mobile subscriber number, normalised to E.164 (`+84` and nine digits).
///
/// Accepted input: an optional `+84`, `84` or `0` prefix is required, followed by the nine-digit
/// national number whose first two digits are a mobile prefix allocated today:
/// 032–039, 052, 055, 056, 058, 059, 070, 076–079, 081–089, 090–094, 096–099
/// (in national form). Spaces, dots, hyphens and parentheses are ignored; `+` may only come
/// before the first digit.
/// Refused: landlines (`024...`), a bare nine-digit number with no prefix, `+84` followed by the
/// trunk `0` (`+840912...`), and any other character.
public struct VietnameseMobileNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The nine-digit national significant number, e.g. `"912345678"`.
    public let nationalSignificantNumber: String

    /// Parses and normalises `text`.
    public init(parsing text: String) throws(VietnameseMobileNumberError) {
        var digits = ""
        var hasPlus = false
        for character in text {
            switch character {
            case "0"..."9": digits.append(character)
            case " ", ".", "-", "(", ")": continue
            case "+" where digits.isEmpty && !hasPlus: hasPlus = true
            default: throw .invalidCharacter(text, character)
            }
        }
        if digits.isEmpty { throw .empty }

        let national: Substring
        if hasPlus {
            guard digits.hasPrefix("84") else { throw .notVietnameseCountryCode(text) }
            national = digits.dropFirst(2)
            if national.hasPrefix("0") { throw .trunkPrefixAfterCountryCode(text) }
        } else if digits.hasPrefix("84"), digits.count == 11 {
            national = digits.dropFirst(2)
        } else if digits.hasPrefix("0") {
            national = digits.dropFirst(1)
        } else {
            throw .missingPrefix(text)
        }
        guard national.count == 9 else { throw .wrongLength(text, nationalDigits: national.count) }
        let prefix = String(national.prefix(2))
        guard Self.mobilePrefixes.contains(prefix) else { throw .notMobilePrefix(text, prefix: "0" + prefix) }
        nationalSignificantNumber = String(national)
    }

    /// The E.164 form, e.g. `"+84912345678"`.
    public var e164: String { "+84" + nationalSignificantNumber }

    /// The domestic form with the trunk prefix, e.g. `"0912345678"`.
    public var nationalForm: String { "0" + nationalSignificantNumber }

    public var description: String { e164 }

    /// The first two digits of the national significant number allocated to mobile networks.
    static let mobilePrefixes: Set<String> = {
        var prefixes: Set<String> = []
        for second in 2...9 { prefixes.insert("3\(second)") }
        for second in [2, 5, 6, 8, 9] { prefixes.insert("5\(second)") }
        for second in [0, 6, 7, 8, 9] { prefixes.insert("7\(second)") }
        for second in 1...9 { prefixes.insert("8\(second)") }
        for second in [0, 1, 2, 3, 4, 6, 7, 8, 9] { prefixes.insert("9\(second)") }
        return prefixes
    }()

    /// JSON form: the E.164 string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(e164)
    }
}

/// Why a text is not a Vietnamese mobile number. Each case carries the text as given.
public enum VietnameseMobileNumberError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case invalidCharacter(String, Character)
    /// `+` followed by a country code other than 84.
    case notVietnameseCountryCode(String)
    /// `+84` followed by the domestic trunk prefix `0`.
    case trunkPrefixAfterCountryCode(String)
    /// Neither `+84`, `84` nor `0` at the start.
    case missingPrefix(String)
    /// The national significant number does not have nine digits.
    case wrongLength(String, nationalDigits: Int)
    /// The number is not in a mobile range (a landline or unallocated prefix).
    case notMobilePrefix(String, prefix: String)

    public var description: String {
        switch self {
        case .empty:
            "the mobile number is empty"
        case .invalidCharacter(let text, let character):
            "'\(text)' contains '\(character)'; only digits, a leading '+', spaces, dots, hyphens and parentheses are allowed"
        case .notVietnameseCountryCode(let text):
            "'\(text)' has a country code other than +84"
        case .trunkPrefixAfterCountryCode(let text):
            "'\(text)' has the domestic prefix 0 after +84; write +84 then the nine digits"
        case .missingPrefix(let text):
            "'\(text)' must start with +84, 84 or 0"
        case .wrongLength(let text, let count):
            "'\(text)' has \(count) digits after the prefix; a Vietnamese mobile number has 9"
        case .notMobilePrefix(let text, let prefix):
            "'\(text)' starts with \(prefix), which is not a Vietnamese mobile prefix (03x, 05x, 07x, 08x, 09x)"
        }
    }
}
