public import EIDCore
public import EIDCrypto

/// Central's Ed25519 signing key (`<pki>/authority/signing.key`): it signs every
/// receipt and every feed page; nodes hold the public key (`signing.pub`).
public struct AuthoritySigner: Sendable {
    let key: Ed25519PrivateKey

    public init(privateKeyPEM: String) throws {
        key = try Ed25519PrivateKey(pemRepresentation: privateKeyPEM)
    }

    public init(key: Ed25519PrivateKey) {
        self.key = key
    }

    public var publicKey: Ed25519PublicKey { key.publicKey }

    /// The receipt with central's signature over its signed bytes.
    public func sign(_ receipt: BatchReceipt) throws -> BatchReceipt {
        var signed = receipt
        signed.signature = try key.signature(for: receipt.signedBytes())
        return signed
    }

    /// The page with central's signature over its signed bytes.
    public func sign(_ page: FeedPage) throws -> FeedPage {
        var signed = page
        signed.signature = try key.signature(for: page.signedBytes())
        return signed
    }
}
