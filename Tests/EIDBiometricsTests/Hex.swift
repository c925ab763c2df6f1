/// Bytes from hex text: whitespace between pairs is ignored and `//` starts a comment to end of line,
/// so fixtures can be written one field per line with the field named beside it.
func hexBytes(_ text: String) -> [UInt8] {
    var digits: [UInt8] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let code = line.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        for character in code where !character.isWhitespace {
            guard let value = character.hexDigitValue else { fatalError("not a hex digit: \(character) in \(line)") }
            digits.append(UInt8(value))
        }
    }
    precondition(digits.count % 2 == 0, "odd number of hex digits")
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

/// A copy of `bytes` with `value` at `offset`.
func patched(_ bytes: [UInt8], _ offset: Int, _ values: UInt8...) -> [UInt8] {
    var copy = bytes
    for (index, value) in values.enumerated() { copy[offset + index] = value }
    return copy
}
