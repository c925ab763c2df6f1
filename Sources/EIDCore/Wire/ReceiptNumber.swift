/// The number a node prints for the applicant when it accepts an application:
/// `<NODE CODE>-<YYYYMMDD>-<NNNNNN>-<C>`, e.g. `QN01-20260701-000042-K`.
///
/// - node code: the node's short code from the topology, 2–8 of `A-Z0-9`;
/// - the node's local date of acceptance;
/// - the day's sequence at that node, from 1;
/// - a check character computed with ISO/IEC 7064 MOD 37,36 (hybrid system over
///   `0-9A-Z`) on the code, date and sequence (dashes excluded). It catches every
///   single-character error and every transposition of adjacent characters.
public struct ReceiptNumber: Hashable, Sendable, CustomStringConvertible {
    public let nodeCode: String
    public let date: String
    public let sequence: Int
    public let checkCharacter: Character

    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// Builds the number for a node code, a `YYYYMMDD` date and a day sequence.
    public init?(nodeCode: String, date: String, sequence: Int) {
        guard Self.isValidCode(nodeCode), date.count == 8, date.allSatisfy(\.isASCIIDigitLike),
              (1...999_999).contains(sequence) else { return nil }
        self.nodeCode = nodeCode
        self.date = date
        self.sequence = sequence
        let sequenceText = Self.sequenceText(sequence)
        guard let check = Self.checkCharacter(for: nodeCode + date + sequenceText) else { return nil }
        self.checkCharacter = check
    }

    /// Parses and verifies a printed receipt number (case-insensitive, surrounding spaces ignored).
    public init?(_ text: String) {
        let parts = text.trimmingSpaces().uppercased().split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[2].count == 6, parts[3].count == 1,
              parts[2].allSatisfy(\.isASCIIDigitLike), let sequence = Int(parts[2]),
              let built = ReceiptNumber(nodeCode: parts[0], date: parts[1], sequence: sequence),
              built.checkCharacter == parts[3].first else { return nil }
        self = built
    }

    public var description: String {
        "\(nodeCode)-\(date)-\(Self.sequenceText(sequence))-\(checkCharacter)"
    }

    static func sequenceText(_ sequence: Int) -> String {
        let digits = String(sequence)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    static func isValidCode(_ code: String) -> Bool {
        (2...8).contains(code.count) && code.allSatisfy { alphabet.contains($0) }
    }

    /// ISO/IEC 7064 MOD 37,36 check character for `text` (characters of `0-9A-Z`).
    static func checkCharacter(for text: String) -> Character? {
        let modulus = 36
        var product = modulus
        for character in text {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            var sum = (product + value) % modulus
            if sum == 0 { sum = modulus }
            product = (sum * 2) % (modulus + 1)
        }
        return alphabet[(modulus + 1 - product) % modulus]
    }
}

extension Character {
    fileprivate var isASCIIDigitLike: Bool { ("0"..."9").contains(self) }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars = scalars.dropFirst() }
        while scalars.last == " " { scalars = scalars.dropLast() }
        return String(scalars)
    }
}
