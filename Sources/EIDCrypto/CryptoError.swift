/// Failures of the caller's input rather than of OpenSSL: wrong sizes, wrong key
/// types, refused ciphertexts. Each case says what was expected.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A key, nonce or tag had the wrong length.
    case invalidLength(what: String, expected: Int, actual: Int)
    /// A PEM/DER key decoded fine but is not the algorithm the caller asked for.
    case wrongKeyType(expected: String, actual: String)
    /// Input is shorter than the smallest valid encoding.
    case truncated(what: String, minimum: Int, actual: Int)
    /// A sealed box starts with a version byte this code does not understand.
    case unsupportedVersion(UInt8)
    /// AES-GCM tag check failed: tampered data, wrong key, wrong context or wrong associated data.
    /// Deliberately does not say which.
    case authenticationFailed
    /// A string that should be hexadecimal is not.
    case invalidHex(String)
    /// A name or address that cannot go into a certificate.
    case invalidCertificateField(field: String, value: String, reason: String)
    /// A certificate and private key do not belong together.
    case keyDoesNotMatchCertificate

    public var description: String {
        switch self {
        case let .invalidLength(what, expected, actual):
            return "\(what) must be \(expected) bytes, got \(actual)"
        case let .wrongKeyType(expected, actual):
            return "expected a \(expected) key, got \(actual)"
        case let .truncated(what, minimum, actual):
            return "\(what) is truncated: at least \(minimum) bytes expected, got \(actual)"
        case let .unsupportedVersion(version):
            return "unsupported sealed box version \(version)"
        case .authenticationFailed:
            return "authentication failed: data was tampered with, or the key, context or associated data is wrong"
        case let .invalidHex(text):
            return "not a hexadecimal string: \(text.prefix(32))"
        case let .invalidCertificateField(field, value, reason):
            return "invalid \(field) \"\(value)\": \(reason)"
        case .keyDoesNotMatchCertificate:
            return "the private key does not match the certificate's public key"
        }
    }
}
