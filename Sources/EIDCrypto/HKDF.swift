import COpenSSL

/// HKDF with SHA-256 (RFC 5869, extract-then-expand) through OpenSSL's `EVP_KDF` "HKDF".
public enum HKDFSHA256 {
    /// Derives `outputByteCount` bytes (at most 255 × 32) from `inputKeyMaterial`.
    /// An empty `salt` means the RFC 5869 default (32 zero bytes).
    public static func deriveKey(
        inputKeyMaterial: [UInt8], salt: [UInt8] = [], info: [UInt8], outputByteCount: Int
    ) throws -> [UInt8] {
        guard outputByteCount > 0, outputByteCount <= 255 * SHA256.byteCount else {
            throw CryptoError.invalidLength(what: "HKDF-SHA256 output", expected: 32, actual: outputByteCount)
        }
        let kdf = try openSSLCall("EVP_KDF_fetch") { EVP_KDF_fetch(nil, "HKDF", nil) }
        defer { EVP_KDF_free(kdf) }
        let context = try openSSLCall("EVP_KDF_CTX_new") { EVP_KDF_CTX_new(kdf) }
        defer { EVP_KDF_CTX_free(context) }

        var output = [UInt8](repeating: 0, count: outputByteCount)
        // OSSL_PARAM stores pointers, so every buffer it refers to must outlive
        // EVP_KDF_derive: parameter names and "SHA256" are static strings, the
        // byte buffers are pinned by the nested closures.
        try withContiguousBytes(inputKeyMaterial) { ikm in
            try withContiguousBytes(salt) { saltBytes in
                try withContiguousBytes(info) { infoBytes in
                    var params: [OSSL_PARAM] = [
                        OSSL_PARAM_construct_utf8_string(cString("digest"), mutableCString("SHA256"), 0),
                        OSSL_PARAM_construct_octet_string(cString("key"), UnsafeMutableRawPointer(mutating: ikm.baseAddress), ikm.count),
                        OSSL_PARAM_construct_octet_string(cString("info"), UnsafeMutableRawPointer(mutating: infoBytes.baseAddress), infoBytes.count),
                    ]
                    if !salt.isEmpty {
                        params.append(OSSL_PARAM_construct_octet_string(
                            cString("salt"), UnsafeMutableRawPointer(mutating: saltBytes.baseAddress), saltBytes.count))
                    }
                    params.append(OSSL_PARAM_construct_end())
                    try openSSLCall("EVP_KDF_derive") { EVP_KDF_derive(context, &output, output.count, params) }
                }
            }
        }
        return output
    }
}

/// A NUL-terminated pointer to static, immortal storage (for OSSL_PARAM names).
func cString(_ string: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(string.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// Same, typed as `char *` for OSSL_PARAM setters that OpenSSL only reads.
func mutableCString(_ string: StaticString) -> UnsafeMutablePointer<CChar> {
    UnsafeMutablePointer(mutating: cString(string))
}
