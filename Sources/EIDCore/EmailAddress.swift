/// An email address in the practical subset of RFC 5322 that mail systems accept everywhere.
///
/// `local@domain` where:
/// - the whole address is at most 254 characters, the local part at most 64;
/// - the local part is a dot-atom: letters, digits and ``!#$%&'*+/=?^_`{|}~-``, in runs separated
///   by single dots (no leading, trailing or doubled dot); quoted local parts are refused;
/// - the domain has at least two labels separated by dots; each label is 1...63 letters, digits or
///   hyphens, not starting or ending with a hyphen; the last label (top-level domain) has at least
///   two characters and is not all digits; IP-address literals are refused;
/// - ASCII only (internationalised domains must be given in their `xn--` form).
/// The address is kept as given (case preserved).
public struct EmailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The address as given.
    public let value: String

    /// Validates `text` as an email address.
    public init(validating text: String) throws(EmailAddressError) {
        guard !text.isEmpty else { throw .empty }
        guard text.utf8.count <= 254 else { throw .tooLong(text, length: text.utf8.count) }
        if let bad = text.unicodeScalars.first(where: { !$0.isASCII || $0.value < 0x21 || $0.value == 0x7F }) {
            throw .invalidCharacter(text, Character(bad))
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .notOneAtSign(text, count: parts.count - 1) }
        let local = parts[0], domain = parts[1]

        guard !local.isEmpty else { throw .emptyLocalPart(text) }
        guard local.count <= 64 else { throw .localPartTooLong(text, length: local.count) }
        for atom in local.split(separator: ".", omittingEmptySubsequences: false) {
            guard !atom.isEmpty else { throw .misplacedDot(text) }
            if let bad = atom.first(where: { !Self.isAtomCharacter($0) }) {
                throw .invalidCharacter(text, bad)
            }
        }

        guard !domain.isEmpty else { throw .emptyDomain(text) }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { throw .domainWithoutDot(text) }
        for label in labels {
            guard !label.isEmpty, label.count <= 63 else { throw .invalidDomainLabel(text, label: String(label)) }
            guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }),
                  label.first != "-", label.last != "-"
            else { throw .invalidDomainLabel(text, label: String(label)) }
        }
        let topLevel = labels[labels.count - 1]
        guard topLevel.count >= 2, !topLevel.allSatisfy(\.isNumber) else {
            throw .invalidTopLevelDomain(text, label: String(topLevel))
        }
        value = text
    }

    public var description: String { value }

    private static func isAtomCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "!#$%&'*+/=?^_`{|}~-".contains(character)
    }

    /// JSON form: the address string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(validating: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// Why a text is not an acceptable email address. Each case carries the text as given.
public enum EmailAddressError: Error, Sendable, Hashable, CustomStringConvertible {
    case empty
    case tooLong(String, length: Int)
    case invalidCharacter(String, Character)
    case notOneAtSign(String, count: Int)
    case emptyLocalPart(String)
    case localPartTooLong(String, length: Int)
    case misplacedDot(String)
    case emptyDomain(String)
    case domainWithoutDot(String)
    case invalidDomainLabel(String, label: String)
    case invalidTopLevelDomain(String, label: String)

    public var description: String {
        switch self {
        case .empty: "the email address is empty"
        case .tooLong(let text, let length): "'\(text)' is \(length) characters long; at most 254 are allowed"
        case .invalidCharacter(let text, let character):
            "'\(text)' contains \(Self.visible(character)), which is not allowed in an email address"
        case .notOneAtSign(let text, let count): "'\(text)' has \(count) '@' signs; exactly one is required"
        case .emptyLocalPart(let text): "'\(text)' has nothing before the '@'"
        case .localPartTooLong(let text, let length):
            "'\(text)' has \(length) characters before the '@'; at most 64 are allowed"
        case .misplacedDot(let text): "'\(text)' has a dot at the start or end of the part before '@', or two dots in a row"
        case .emptyDomain(let text): "'\(text)' has no domain after the '@'"
        case .domainWithoutDot(let text): "'\(text)' has a domain without a dot"
        case .invalidDomainLabel(let text, let label):
            "'\(text)' has the domain label '\(label)'; labels are 1-63 letters, digits or inner hyphens"
        case .invalidTopLevelDomain(let text, let label):
            "'\(text)' ends in '.\(label)', which is not a top-level domain (two or more characters, not all digits)"
        }
    }

    /// `'x'` for a printable ASCII character, `U+0020` style otherwise (spaces, controls, non-ASCII).
    private static func visible(_ character: Character) -> String {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first, scalar.value > 0x20, scalar.value < 0x7F {
            return "'\(character)'"
        }
        return scalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
    }
}
