import COpenSSL

/// AES-256-GCM authenticated encryption with a caller-supplied key (EVP "AES-256-GCM").
///
/// 32-byte key, 12-byte nonce, 16-byte tag. A nonce must never repeat under one
/// key; by default a random nonce is drawn for every message.
public enum AES256GCM {
    public static let keyByteCount = 32
    public static let nonceByteCount = 12
    public static let tagByteCount = 16

    /// The three parts of a GCM message.
    public struct SealedMessage: Sendable, Hashable {
        public var nonce: [UInt8]
        public var ciphertext: [UInt8]
        public var tag: [UInt8]

        public init(nonce: [UInt8], ciphertext: [UInt8], tag: [UInt8]) {
            self.nonce = nonce
            self.ciphertext = ciphertext
            self.tag = tag
        }

        /// `nonce (12) || ciphertext || tag (16)`.
        public var combined: [UInt8] { nonce + ciphertext + tag }

        /// Splits `nonce (12) || ciphertext || tag (16)`.
        public init(combined: [UInt8]) throws {
            let minimum = AES256GCM.nonceByteCount + AES256GCM.tagByteCount
            guard combined.count >= minimum else {
                throw CryptoError.truncated(what: "AES-256-GCM message", minimum: minimum, actual: combined.count)
            }
            nonce = Array(combined.prefix(AES256GCM.nonceByteCount))
            ciphertext = Array(combined[AES256GCM.nonceByteCount..<(combined.count - AES256GCM.tagByteCount)])
            tag = Array(combined.suffix(AES256GCM.tagByteCount))
        }
    }

    /// Encrypts `plaintext` and authenticates it together with `associatedData`.
    public static func seal(
        _ plaintext: some Collection<UInt8>, key: [UInt8], nonce: [UInt8]? = nil,
        authenticating associatedData: some Collection<UInt8> = [UInt8]()
    ) throws -> SealedMessage {
        let nonce = nonce ?? SecureRandom.bytes(count: nonceByteCount)
        try checkLengths(key: key, nonce: nonce)
        let context = try openSSLCall("EVP_CIPHER_CTX_new") { EVP_CIPHER_CTX_new() }
        defer { EVP_CIPHER_CTX_free(context) }
        _ = try key.withUnsafeBytes { k in
            try nonce.withUnsafeBytes { n in
                try openSSLCall("EVP_EncryptInit_ex2") {
                    EVP_EncryptInit_ex2(context, EVP_aes_256_gcm(), k.uint8, n.uint8, nil)
                }
            }
        }
        var outLength: Int32 = 0
        if !associatedData.isEmpty {
            _ = try withContiguousBytes(associatedData) { aad in
                try openSSLCall("EVP_EncryptUpdate(AAD)") {
                    EVP_EncryptUpdate(context, nil, &outLength, aad.uint8, Int32(aad.count))
                }
            }
        }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count + 16)
        var total = 0
        if !plaintext.isEmpty {
            try withContiguousBytes(plaintext) { input in
                try ciphertext.withUnsafeMutableBytes { out in
                    let outBase = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    try openSSLCall("EVP_EncryptUpdate") {
                        EVP_EncryptUpdate(context, outBase, &outLength, input.uint8, Int32(input.count))
                    }
                }
            }
            total = Int(outLength)
        }
        try ciphertext.withUnsafeMutableBytes { out in
            let outBase = out.baseAddress!.assumingMemoryBound(to: UInt8.self).advanced(by: total)
            try openSSLCall("EVP_EncryptFinal_ex") { EVP_EncryptFinal_ex(context, outBase, &outLength) }
        }
        total += Int(outLength)
        var tag = [UInt8](repeating: 0, count: tagByteCount)
        try openSSLCall("EVP_CIPHER_CTX_ctrl(GET_TAG)") {
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(tagByteCount), &tag)
        }
        return SealedMessage(nonce: nonce, ciphertext: Array(ciphertext.prefix(total)), tag: tag)
    }

    /// Decrypts and verifies. Throws ``CryptoError/authenticationFailed`` if the
    /// ciphertext, nonce, tag or associated data were altered or the key is wrong;
    /// no plaintext is returned in that case.
    public static func open(
        _ message: SealedMessage, key: [UInt8],
        authenticating associatedData: some Collection<UInt8> = [UInt8]()
    ) throws -> [UInt8] {
        try checkLengths(key: key, nonce: message.nonce)
        guard message.tag.count == tagByteCount else {
            throw CryptoError.invalidLength(what: "AES-256-GCM tag", expected: tagByteCount, actual: message.tag.count)
        }
        let context = try openSSLCall("EVP_CIPHER_CTX_new") { EVP_CIPHER_CTX_new() }
        defer { EVP_CIPHER_CTX_free(context) }
        _ = try key.withUnsafeBytes { k in
            try message.nonce.withUnsafeBytes { n in
                try openSSLCall("EVP_DecryptInit_ex2") {
                    EVP_DecryptInit_ex2(context, EVP_aes_256_gcm(), k.uint8, n.uint8, nil)
                }
            }
        }
        var outLength: Int32 = 0
        if !associatedData.isEmpty {
            _ = try withContiguousBytes(associatedData) { aad in
                try openSSLCall("EVP_DecryptUpdate(AAD)") {
                    EVP_DecryptUpdate(context, nil, &outLength, aad.uint8, Int32(aad.count))
                }
            }
        }
        var plaintext = [UInt8](repeating: 0, count: message.ciphertext.count + 16)
        var total = 0
        if !message.ciphertext.isEmpty {
            try message.ciphertext.withUnsafeBytes { input in
                try plaintext.withUnsafeMutableBytes { out in
                    let outBase = out.baseAddress!.assumingMemoryBound(to: UInt8.self)
                    try openSSLCall("EVP_DecryptUpdate") {
                        EVP_DecryptUpdate(context, outBase, &outLength, input.uint8, Int32(input.count))
                    }
                }
            }
            total = Int(outLength)
        }
        var tag = message.tag
        try openSSLCall("EVP_CIPHER_CTX_ctrl(SET_TAG)") {
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(tagByteCount), &tag)
        }
        let verified = plaintext.withUnsafeMutableBytes { out in
            let outBase = out.baseAddress!.assumingMemoryBound(to: UInt8.self).advanced(by: total)
            ERR_clear_error()
            return EVP_DecryptFinal_ex(context, outBase, &outLength)
        }
        guard verified == 1 else {
            ERR_clear_error()  // a tag mismatch is an expected outcome, not a library error
            cleanse(&plaintext)
            throw CryptoError.authenticationFailed
        }
        total += Int(outLength)
        return Array(plaintext.prefix(total))
    }

    private static func checkLengths(key: [UInt8], nonce: [UInt8]) throws {
        guard key.count == keyByteCount else {
            throw CryptoError.invalidLength(what: "AES-256-GCM key", expected: keyByteCount, actual: key.count)
        }
        guard nonce.count == nonceByteCount else {
            throw CryptoError.invalidLength(what: "AES-256-GCM nonce", expected: nonceByteCount, actual: nonce.count)
        }
    }
}
