import COpenSSL

/// Owns one `EVP_PKEY` (private or public) and frees it in `deinit`.
///
/// `@unchecked Sendable`: the key is never modified after `init`, and OpenSSL 3
/// allows a constructed `EVP_PKEY` to be used from several threads at once
/// (every operation creates its own `EVP_PKEY_CTX`/`EVP_MD_CTX`; reference
/// counting is atomic). See openssl-threads(7).
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer`.
    init(taking pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }

    // MARK: Creation

    /// Generates a key: `algorithm` is an OpenSSL key type name ("ED25519", "X25519", "EC");
    /// `group` is the curve for EC ("P-256").
    static func generate(algorithm: String, group: String? = nil) throws -> EVPKey {
        let context = try openSSLCall("EVP_PKEY_CTX_new_from_name") {
            EVP_PKEY_CTX_new_from_name(nil, algorithm, nil)
        }
        defer { EVP_PKEY_CTX_free(context) }
        try openSSLCall("EVP_PKEY_keygen_init") { EVP_PKEY_keygen_init(context) }
        if let group {
            try openSSLCall("EVP_PKEY_CTX_set_group_name") { EVP_PKEY_CTX_set_group_name(context, group) }
        }
        var key: OpaquePointer? = nil
        try openSSLCall("EVP_PKEY_generate") { EVP_PKEY_generate(context, &key) }
        return EVPKey(taking: key!)
    }

    /// Reads a private key from PEM: PKCS#8 "PRIVATE KEY" or a traditional form
    /// such as SEC1 "EC PRIVATE KEY". Encrypted PEM is refused (never prompts).
    static func privateKey(pem: String) throws -> EVPKey {
        let bio = try MemoryBIO(string: pem)
        let key = try openSSLCall("PEM_read_bio_PrivateKey") {
            PEM_read_bio_PrivateKey(bio.pointer, nil, refusePassphrase, nil)
        }
        return EVPKey(taking: key)
    }

    /// Reads a public key from PEM SubjectPublicKeyInfo ("PUBLIC KEY").
    static func publicKey(pem: String) throws -> EVPKey {
        let bio = try MemoryBIO(string: pem)
        let key = try openSSLCall("PEM_read_bio_PUBKEY") {
            PEM_read_bio_PUBKEY(bio.pointer, nil, refusePassphrase, nil)
        }
        return EVPKey(taking: key)
    }

    /// Reads a public key from DER SubjectPublicKeyInfo.
    static func publicKey(der: [UInt8]) throws -> EVPKey {
        let key = try der.withUnsafeBytes { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.uint8
            return try openSSLCall("d2i_PUBKEY") { d2i_PUBKEY(nil, &cursor, buffer.count) }
        }
        return EVPKey(taking: key)
    }

    static func privateKey(raw: [UInt8], algorithm: String) throws -> EVPKey {
        let key = try raw.withUnsafeBytes { buffer in
            try openSSLCall("EVP_PKEY_new_raw_private_key_ex") {
                EVP_PKEY_new_raw_private_key_ex(nil, algorithm, nil, buffer.uint8, buffer.count)
            }
        }
        return EVPKey(taking: key)
    }

    static func publicKey(raw: [UInt8], algorithm: String) throws -> EVPKey {
        let key = try raw.withUnsafeBytes { buffer in
            try openSSLCall("EVP_PKEY_new_raw_public_key_ex") {
                EVP_PKEY_new_raw_public_key_ex(nil, algorithm, nil, buffer.uint8, buffer.count)
            }
        }
        return EVPKey(taking: key)
    }

    // MARK: Inspection

    func isA(_ name: String) -> Bool { EVP_PKEY_is_a(pointer, name) == 1 }

    /// The algorithm name for error messages, e.g. "ED25519", "EC (prime256v1)", "RSA".
    var typeDescription: String {
        let name = EVP_PKEY_get0_type_name(pointer).map { String(cString: $0) } ?? "unknown"
        if let group = groupName { return "\(name) (\(group))" }
        return name
    }

    /// The curve name for EC keys ("prime256v1" for P-256), nil otherwise.
    var groupName: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        var length = 0
        guard EVP_PKEY_get_group_name(pointer, &buffer, buffer.count, &length) == 1 else {
            ERR_clear_error()
            return nil
        }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Throws ``CryptoError/wrongKeyType(expected:actual:)`` unless the key is `algorithm`
    /// (and, for EC, on curve P-256).
    func require(_ algorithm: String, displayName: String, p256: Bool = false) throws {
        var ok = isA(algorithm)
        if ok && p256 { ok = groupName == "prime256v1" || groupName == "P-256" }
        guard ok else { throw CryptoError.wrongKeyType(expected: displayName, actual: typeDescription) }
    }

    // MARK: Encodings

    func rawPrivateKey() throws -> [UInt8] {
        var length = 0
        try openSSLCall("EVP_PKEY_get_raw_private_key") { EVP_PKEY_get_raw_private_key(pointer, nil, &length) }
        var raw = [UInt8](repeating: 0, count: length)
        try openSSLCall("EVP_PKEY_get_raw_private_key") { EVP_PKEY_get_raw_private_key(pointer, &raw, &length) }
        return Array(raw.prefix(length))
    }

    func rawPublicKey() throws -> [UInt8] {
        var length = 0
        try openSSLCall("EVP_PKEY_get_raw_public_key") { EVP_PKEY_get_raw_public_key(pointer, nil, &length) }
        var raw = [UInt8](repeating: 0, count: length)
        try openSSLCall("EVP_PKEY_get_raw_public_key") { EVP_PKEY_get_raw_public_key(pointer, &raw, &length) }
        return Array(raw.prefix(length))
    }

    /// Unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").
    func privateKeyPEM() throws -> String {
        let bio = try MemoryBIO()
        try openSSLCall("PEM_write_bio_PKCS8PrivateKey") {
            PEM_write_bio_PKCS8PrivateKey(bio.pointer, pointer, nil, nil, 0, nil, nil)
        }
        return bio.string
    }

    /// SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
    func publicKeyPEM() throws -> String {
        let bio = try MemoryBIO()
        try openSSLCall("PEM_write_bio_PUBKEY") { PEM_write_bio_PUBKEY(bio.pointer, pointer) }
        return bio.string
    }

    /// SubjectPublicKeyInfo DER.
    func publicKeyDER() throws -> [UInt8] {
        let length = try openSSLCall("i2d_PUBKEY") { i2d_PUBKEY(pointer, nil) }
        var der = [UInt8](repeating: 0, count: Int(length))
        try der.withUnsafeMutableBytes { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
            try openSSLCall("i2d_PUBKEY") { i2d_PUBKEY(pointer, &cursor) }
        }
        return der
    }

    /// A new `EVP_PKEY` holding only the public half (round trip through SPKI DER).
    func publicOnly() throws -> EVPKey {
        try EVPKey.publicKey(der: publicKeyDER())
    }

    // MARK: Signatures (EVP_DigestSign / EVP_DigestVerify)

    /// `digest` is nil for Ed25519 (PureEdDSA hashes internally) and "SHA256" for ECDSA.
    func sign(_ message: some Collection<UInt8>, digest: String?) throws -> [UInt8] {
        let context = try openSSLCall("EVP_MD_CTX_new") { EVP_MD_CTX_new() }
        defer { EVP_MD_CTX_free(context) }
        try openSSLCall("EVP_DigestSignInit_ex") {
            EVP_DigestSignInit_ex(context, nil, digest, nil, nil, pointer, nil)
        }
        return try withContiguousBytes(message) { buffer in
            var length = 0
            try openSSLCall("EVP_DigestSign") { EVP_DigestSign(context, nil, &length, buffer.uint8, buffer.count) }
            var signature = [UInt8](repeating: 0, count: length)
            try openSSLCall("EVP_DigestSign") {
                EVP_DigestSign(context, &signature, &length, buffer.uint8, buffer.count)
            }
            return Array(signature.prefix(length))
        }
    }

    /// True only for a valid signature. Malformed signatures are simply invalid (false).
    func verify(_ signature: some Collection<UInt8>, for message: some Collection<UInt8>, digest: String?) -> Bool {
        ERR_clear_error()
        defer { ERR_clear_error() }  // a rejected signature leaves entries; they are not errors
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit_ex(context, nil, digest, nil, nil, pointer, nil) == 1 else { return false }
        return withContiguousBytes(signature) { sig in
            withContiguousBytes(message) { msg in
                EVP_DigestVerify(context, sig.uint8, sig.count, msg.uint8, msg.count) == 1
            }
        }
    }

    // MARK: Key agreement

    /// Raw ECDH/X25519 shared secret with `peer` (EVP_PKEY_derive).
    func deriveSharedSecret(with peer: EVPKey) throws -> [UInt8] {
        let context = try openSSLCall("EVP_PKEY_CTX_new_from_pkey") { EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) }
        defer { EVP_PKEY_CTX_free(context) }
        try openSSLCall("EVP_PKEY_derive_init") { EVP_PKEY_derive_init(context) }
        try openSSLCall("EVP_PKEY_derive_set_peer") { EVP_PKEY_derive_set_peer(context, peer.pointer) }
        var length = 0
        try openSSLCall("EVP_PKEY_derive") { EVP_PKEY_derive(context, nil, &length) }
        var secret = [UInt8](repeating: 0, count: length)
        // OpenSSL refuses an all-zero X25519 result (a low-order peer point) here.
        try openSSLCall("EVP_PKEY_derive") { EVP_PKEY_derive(context, &secret, &length) }
        return Array(secret.prefix(length))
    }
}

/// Passphrase callback that refuses: an encrypted PEM fails to load instead of
/// OpenSSL prompting on the terminal.
private func refusePassphrase(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int32, _ rwflag: Int32, _ userdata: UnsafeMutableRawPointer?
) -> Int32 { 0 }
