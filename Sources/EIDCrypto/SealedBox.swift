/// "Seal to a recipient": anyone holding the recipient's X25519 public key can
/// encrypt; only the holder of the private key can decrypt. Used to seal
/// personal and biometric data on a node to the authority's sealing key, so a
/// stolen node cannot read what it has already sealed.
///
/// Construction (ECIES-style, all primitives from OpenSSL):
/// 1. a fresh ephemeral X25519 key pair per message;
/// 2. `shared = X25519(ephemeral private, recipient public)`;
/// 3. `key = HKDF-SHA256(ikm: shared, salt: empty, info: info, L: 32)` with
///    `info = "eid-sealed-box-v1" (17 ASCII bytes) || ephemeral public (32) || recipient public (32) || context (UTF-8)`;
/// 4. AES-256-GCM with a random 12-byte nonce; associated data
///    `= version (1) || ephemeral public (32) || caller's associated data`.
///
/// Byte layout of a sealed box (version 1), 61 bytes of overhead:
/// ```
/// offset 0        1   version = 0x01
/// offset 1       32   ephemeral X25519 public key (raw)
/// offset 33      12   AES-GCM nonce
/// offset 45       n   ciphertext (same length as the plaintext)
/// offset 45+n    16   AES-GCM tag
/// ```
/// The context label is not stored: the opener must supply the same label
/// (e.g. "eid.enrollment.v1"), which keeps a box sealed for one purpose from
/// being accepted as another.
public enum SealedBox {
    public static let version: UInt8 = 1
    public static let headerByteCount = 1 + X25519PublicKey.rawByteCount + AES256GCM.nonceByteCount
    /// Bytes added to the plaintext: header (45) + tag (16).
    public static let overhead = headerByteCount + AES256GCM.tagByteCount
    static let infoPrefix = Array("eid-sealed-box-v1".utf8)

    /// Seals `plaintext` to `recipient`. `context` is a purpose label bound into the key;
    /// `associatedData` is authenticated but not encrypted and not stored.
    public static func seal(
        _ plaintext: some Collection<UInt8>, to recipient: X25519PublicKey, context: String,
        authenticating associatedData: some Collection<UInt8> = [UInt8]()
    ) throws -> [UInt8] {
        // The ephemeral key is used at the EVP level: building an X25519PrivateKey would
        // also round-trip its public half through DER and PEM, which costs more in
        // OpenSSL 3 than the whole seal of a 40 KB payload.
        let ephemeral = try EVPKey.generate(algorithm: "X25519")
        let ephemeralPublic = try ephemeral.rawPublicKey()
        var key = try deriveKey(
            sharedSecret: ephemeral.deriveSharedSecret(with: recipient.key), ephemeralPublic: ephemeralPublic,
            recipientPublic: recipient.rawRepresentation, context: context)
        defer { cleanse(&key) }
        let header = [version] + ephemeralPublic
        let sealed = try AES256GCM.seal(plaintext, key: key, authenticating: header + Array(associatedData))
        return header + sealed.nonce + sealed.ciphertext + sealed.tag
    }

    /// Opens a box sealed to `recipient`'s public key.
    ///
    /// Throws ``CryptoError/truncated(what:minimum:actual:)`` for input shorter than 61 bytes,
    /// ``CryptoError/unsupportedVersion(_:)`` for an unknown version byte, and
    /// ``CryptoError/authenticationFailed`` for any other change to the box, a
    /// different recipient key, a different context or different associated data.
    public static func open(
        _ box: [UInt8], with recipient: X25519PrivateKey, context: String,
        authenticating associatedData: some Collection<UInt8> = [UInt8]()
    ) throws -> [UInt8] {
        guard box.count >= overhead else {
            throw CryptoError.truncated(what: "sealed box", minimum: overhead, actual: box.count)
        }
        guard box[0] == version else { throw CryptoError.unsupportedVersion(box[0]) }
        let ephemeralRaw = Array(box[1..<(1 + X25519PublicKey.rawByteCount)])
        let nonce = Array(box[(1 + X25519PublicKey.rawByteCount)..<headerByteCount])
        let ciphertext = Array(box[headerByteCount..<(box.count - AES256GCM.tagByteCount)])
        let tag = Array(box.suffix(AES256GCM.tagByteCount))

        var key: [UInt8]
        do {
            let ephemeral = try X25519PublicKey(rawRepresentation: ephemeralRaw)
            key = try deriveKey(
                sharedSecret: recipient.sharedSecret(with: ephemeral), ephemeralPublic: ephemeralRaw,
                recipientPublic: recipient.publicKey.rawRepresentation, context: context)
        } catch is OpenSSLError {
            // A tampered ephemeral key can be a low-order point, for which X25519
            // yields all zeros and OpenSSL refuses to derive: same outcome as a bad tag.
            throw CryptoError.authenticationFailed
        }
        defer { cleanse(&key) }
        return try AES256GCM.open(
            AES256GCM.SealedMessage(nonce: nonce, ciphertext: ciphertext, tag: tag), key: key,
            authenticating: [version] + ephemeralRaw + Array(associatedData))
    }

    /// The HKDF info string: `"eid-sealed-box-v1" || ephemeral public || recipient public || context`.
    static func info(ephemeralPublic: [UInt8], recipientPublic: [UInt8], context: String) -> [UInt8] {
        infoPrefix + ephemeralPublic + recipientPublic + Array(context.utf8)
    }

    private static func deriveKey(
        sharedSecret: [UInt8], ephemeralPublic: [UInt8], recipientPublic: [UInt8], context: String
    ) throws -> [UInt8] {
        var secret = sharedSecret
        defer { cleanse(&secret) }
        return try HKDFSHA256.deriveKey(
            inputKeyMaterial: secret,
            info: info(ephemeralPublic: ephemeralPublic, recipientPublic: recipientPublic, context: context),
            outputByteCount: AES256GCM.keyByteCount)
    }
}
