import COpenSSL

/// An X25519 key-agreement private key (RFC 7748): the authority's sealing key,
/// or the ephemeral half of a ``SealedBox``.
///
/// PEM is unencrypted PKCS#8 as `openssl genpkey -algorithm x25519` writes;
/// raw is the 32-byte scalar.
public struct X25519PrivateKey: Sendable {
    let key: EVPKey
    public let publicKey: X25519PublicKey

    public static let rawByteCount = 32

    private init(key: EVPKey) throws {
        try key.require("X25519", displayName: "X25519")
        self.key = key
        self.publicKey = try X25519PublicKey(key: key.publicOnly())
    }

    public static func generate() throws -> X25519PrivateKey {
        try X25519PrivateKey(key: EVPKey.generate(algorithm: "X25519"))
    }

    public init(pemRepresentation pem: String) throws {
        try self.init(key: EVPKey.privateKey(pem: pem))
    }

    public init(rawRepresentation raw: [UInt8]) throws {
        guard raw.count == Self.rawByteCount else {
            throw CryptoError.invalidLength(what: "X25519 private key", expected: Self.rawByteCount, actual: raw.count)
        }
        try self.init(key: EVPKey.privateKey(raw: raw, algorithm: "X25519"))
    }

    /// Unencrypted PKCS#8 PEM. Secret.
    public var pemRepresentation: String { get throws { try key.privateKeyPEM() } }

    /// The 32-byte scalar. Secret.
    public var rawRepresentation: [UInt8] { get throws { try key.rawPrivateKey() } }

    /// Raw X25519 output with `peer`. Internal: callers use ``SealedBox``, which
    /// never uses the raw secret as a key without HKDF.
    func sharedSecret(with peer: X25519PublicKey) throws -> [UInt8] {
        try key.deriveSharedSecret(with: peer.key)
    }
}

/// An X25519 public key: SubjectPublicKeyInfo PEM ("PUBLIC KEY") or 32 raw bytes.
public struct X25519PublicKey: Sendable, Hashable {
    let key: EVPKey
    public let rawRepresentation: [UInt8]
    public let pemRepresentation: String

    public static let rawByteCount = 32

    init(key: EVPKey) throws {
        try key.require("X25519", displayName: "X25519")
        self.key = key
        self.rawRepresentation = try key.rawPublicKey()
        self.pemRepresentation = try key.publicKeyPEM()
    }

    public init(pemRepresentation pem: String) throws {
        try self.init(key: EVPKey.publicKey(pem: pem))
    }

    public init(rawRepresentation raw: [UInt8]) throws {
        guard raw.count == Self.rawByteCount else {
            throw CryptoError.invalidLength(what: "X25519 public key", expected: Self.rawByteCount, actual: raw.count)
        }
        try self.init(key: EVPKey.publicKey(raw: raw, algorithm: "X25519"))
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.rawRepresentation == rhs.rawRepresentation }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawRepresentation) }
}
