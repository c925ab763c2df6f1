import COpenSSL

/// SHA-256 through OpenSSL's EVP digest API.
///
/// Failure of SHA-256 on the default provider means a broken OpenSSL
/// installation, so these functions trap with the OpenSSL error rather than throw.
public enum SHA256 {
    /// Length of a SHA-256 digest in bytes.
    public static let byteCount = 32

    /// The 32-byte SHA-256 digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalize()
    }
}

/// Incremental SHA-256 for inputs too large to hold at once. Owns one `EVP_MD_CTX`.
///
/// Not `Sendable`: it is mutable state; use it from one task at a time.
public final class SHA256Hasher {
    private let context: OpaquePointer
    private var finalized = false

    public init() {
        do {
            context = try openSSLCall("EVP_MD_CTX_new") { EVP_MD_CTX_new() }
            let context = self.context
            try openSSLCall("EVP_DigestInit_ex2") { EVP_DigestInit_ex2(context, EVP_sha256(), nil) }
        } catch {
            fatalError("SHA-256 unavailable: \(error)")
        }
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds more bytes into the digest.
    public func update(_ bytes: some Collection<UInt8>) {
        precondition(!finalized, "SHA256Hasher.update called after finalize()")
        let context = self.context
        withContiguousBytes(bytes) { buffer in
            do {
                try openSSLCall("EVP_DigestUpdate") { EVP_DigestUpdate(context, buffer.baseAddress, buffer.count) }
            } catch {
                fatalError("SHA-256 failed: \(error)")
            }
        }
    }

    /// Returns the 32-byte digest. The hasher cannot be used afterwards.
    public func finalize() -> [UInt8] {
        precondition(!finalized, "SHA256Hasher.finalize called twice")
        finalized = true
        var digest = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        let context = self.context
        do {
            try openSSLCall("EVP_DigestFinal_ex") { EVP_DigestFinal_ex(context, &digest, &length) }
        } catch {
            fatalError("SHA-256 failed: \(error)")
        }
        precondition(Int(length) == SHA256.byteCount)
        return digest
    }
}
