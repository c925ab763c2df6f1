import COpenSSL

/// An ECDSA P-256 (prime256v1/secp256r1) private key, for TLS certificates and the CA.
///
/// Batch signing uses ``Ed25519PrivateKey``; P-256 exists because browsers and
/// common TLS clients do not accept Ed25519 certificates.
/// `pemRepresentation` is unencrypted PKCS#8 ("PRIVATE KEY", as
/// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256` writes);
/// loading also accepts SEC1 "EC PRIVATE KEY".
public struct P256PrivateKey: Sendable {
    let key: EVPKey
    public let publicKey: P256PublicKey

    private init(key: EVPKey) throws {
        try key.require("EC", displayName: "ECDSA P-256", p256: true)
        self.key = key
        self.publicKey = try P256PublicKey(key: key.publicOnly())
    }

    public static func generate() throws -> P256PrivateKey {
        try P256PrivateKey(key: EVPKey.generate(algorithm: "EC", group: "P-256"))
    }

    public init(pemRepresentation pem: String) throws {
        try self.init(key: EVPKey.privateKey(pem: pem))
    }

    /// Unencrypted PKCS#8 PEM. Secret.
    public var pemRepresentation: String { get throws { try key.privateKeyPEM() } }

    /// ECDSA with SHA-256 over `message`; DER-encoded `Ecdsa-Sig-Value` (70-72 bytes),
    /// as `openssl dgst -sha256 -sign` produces.
    public func signature(for message: some Collection<UInt8>) throws -> [UInt8] {
        try key.sign(message, digest: "SHA256")
    }
}

/// An ECDSA P-256 public key; PEM is SubjectPublicKeyInfo ("PUBLIC KEY").
public struct P256PublicKey: Sendable, Hashable {
    let key: EVPKey
    public let pemRepresentation: String
    /// SubjectPublicKeyInfo DER.
    public let derRepresentation: [UInt8]

    init(key: EVPKey) throws {
        try key.require("EC", displayName: "ECDSA P-256", p256: true)
        self.key = key
        self.pemRepresentation = try key.publicKeyPEM()
        self.derRepresentation = try key.publicKeyDER()
    }

    public init(pemRepresentation pem: String) throws {
        try self.init(key: EVPKey.publicKey(pem: pem))
    }

    /// True only for a valid DER ECDSA-SHA256 signature of `message` by this key.
    public func isValidSignature(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>) -> Bool {
        key.verify(signature, for: message, digest: "SHA256")
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.derRepresentation == rhs.derRepresentation }
    public func hash(into hasher: inout Hasher) { hasher.combine(derRepresentation) }
}
