/// Why bytes are not a valid serialised `FingerprintTemplate`.
public enum FingerprintTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer bytes than the fixed header, or than the header's minutia count requires.
    case truncated(needed: Int, available: Int)
    /// More bytes than the header's minutia count allows.
    case trailingBytes(expected: Int, available: Int)
    /// Bytes 0...3 are not "EFT\0".
    case badMagic([UInt8])
    /// A format version this software does not read.
    case unsupportedVersion(UInt8)
    /// A finger position code above 10.
    case invalidFingerPosition(UInt8)
    /// More minutiae than `FingerprintTemplate.maximumMinutiae`.
    case tooManyMinutiae(Int)
    /// The reserved header byte is not zero.
    case reservedByteNotZero(UInt8)
    /// The CRC-32 at the end does not match the content (the bytes were damaged).
    case checksumMismatch(stored: UInt32, computed: UInt32)
    /// Minutia `index` has a coordinate above 32767 or a type code above 2.
    case invalidMinutia(index: Int)
    /// Minutia `index` is not after the previous one in canonical order (or repeats it).
    case notCanonical(index: Int)

    public var description: String {
        switch self {
        case let .truncated(needed, available):
            "fingerprint template truncated: needs \(needed) bytes, has \(available)"
        case let .trailingBytes(expected, available):
            "fingerprint template has \(available - expected) unexpected bytes after its \(expected)-byte content"
        case let .badMagic(bytes):
            "not a fingerprint template: starts with \(bytes.map { String($0, radix: 16) }) instead of \"EFT\\0\""
        case let .unsupportedVersion(version):
            "fingerprint template version \(version) is not supported (this software reads version 1)"
        case let .invalidFingerPosition(code):
            "fingerprint template: invalid finger position code \(code) (0...10)"
        case let .tooManyMinutiae(count):
            "fingerprint template: \(count) minutiae, more than the limit of \(FingerprintTemplate.maximumMinutiae)"
        case let .reservedByteNotZero(value):
            "fingerprint template: reserved byte 7 is \(value), must be 0"
        case let .checksumMismatch(stored, computed):
            "fingerprint template damaged: CRC-32 is \(String(stored, radix: 16)), content gives \(String(computed, radix: 16))"
        case let .invalidMinutia(index):
            "fingerprint template: minutia \(index) has a coordinate above 32767 or a type code above 2"
        case let .notCanonical(index):
            "fingerprint template: minutia \(index) is out of canonical order or repeated"
        }
    }
}
