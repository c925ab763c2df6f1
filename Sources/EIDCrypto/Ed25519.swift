import COpenSSL

/// An Ed25519 signing key (RFC 8032, PureEdDSA) used to sign batches and receipts.
///
/// Encodings match the `openssl` command line: `pemRepresentation` is what
/// `openssl genpkey -algorithm ed25519` writes (unencrypted PKCS#8, "PRIVATE KEY"),
/// `rawRepresentation` is the 32-byte seed.
public struct Ed25519PrivateKey: Sendable {
    let key: EVPKey
    /// The matching public key.
    public let publicKey: Ed25519PublicKey

    /// Size of the raw private key (seed) in bytes.
    public static let rawByteCount = 32

    private init(key: EVPKey) throws {
        try key.require("ED25519", displayName: "Ed25519")
        self.key = key
        self.publicKey = try Ed25519PublicKey(key: key.publicOnly())
    }

    /// A fresh random key.
    public static func generate() throws -> Ed25519PrivateKey {
        try Ed25519PrivateKey(key: EVPKey.generate(algorithm: "ED25519"))
    }

    /// Loads a PKCS#8 PEM private key. Throws ``CryptoError/wrongKeyType(expected:actual:)`` for other key types.
    public init(pemRepresentation pem: String) throws {
        try self.init(key: EVPKey.privateKey(pem: pem))
    }

    /// Loads a 32-byte raw private key (the RFC 8032 seed).
    public init(rawRepresentation raw: [UInt8]) throws {
        guard raw.count == Self.rawByteCount else {
            throw CryptoError.invalidLength(what: "Ed25519 private key", expected: Self.rawByteCount, actual: raw.count)
        }
        try self.init(key: EVPKey.privateKey(raw: raw, algorithm: "ED25519"))
    }

    /// Unencrypted PKCS#8 PEM. Secret: write it only with ``PEMFile/writePrivate(_:to:overwrite:)``; never log it.
    public var pemRepresentation: String { get throws { try key.privateKeyPEM() } }

    /// The 32-byte seed. Secret.
    public var rawRepresentation: [UInt8] { get throws { try key.rawPrivateKey() } }

    /// A 64-byte Ed25519 signature over `message` (the message itself, not a digest of it;
    /// same as `openssl pkeyutl -sign -rawin`). Ed25519 signing is deterministic.
    public func signature(for message: some Collection<UInt8>) throws -> [UInt8] {
        try key.sign(message, digest: nil)
    }
}

/// An Ed25519 verification key. `pemRepresentation` is SubjectPublicKeyInfo ("PUBLIC KEY",
/// as `openssl pkey -pubout` writes); `rawRepresentation` is the 32-byte point.
public struct Ed25519PublicKey: Sendable, Hashable {
    let key: EVPKey
    /// The 32-byte public key.
    public let rawRepresentation: [UInt8]
    /// SubjectPublicKeyInfo PEM.
    public let pemRepresentation: String

    /// Size of a raw public key in bytes.
    public static let rawByteCount = 32
    /// Size of a signature in bytes.
    public static let signatureByteCount = 64

    init(key: EVPKey) throws {
        try key.require("ED25519", displayName: "Ed25519")
        self.key = key
        self.rawRepresentation = try key.rawPublicKey()
        self.pemRepresentation = try key.publicKeyPEM()
    }

    public init(pemRepresentation pem: String) throws {
        try self.init(key: EVPKey.publicKey(pem: pem))
    }

    public init(rawRepresentation raw: [UInt8]) throws {
        guard raw.count == Self.rawByteCount else {
            throw CryptoError.invalidLength(what: "Ed25519 public key", expected: Self.rawByteCount, actual: raw.count)
        }
        try self.init(key: EVPKey.publicKey(raw: raw, algorithm: "ED25519"))
    }

    /// True only if `signature` is a valid Ed25519 signature of exactly `message` by this key.
    /// Wrong-length or malformed signatures return false.
    public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
        guard signature.count == Self.signatureByteCount else { return false }
        return key.verify(signature, for: message, digest: nil)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawRepresentation == rhs.rawRepresentation }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawRepresentation) }
}
