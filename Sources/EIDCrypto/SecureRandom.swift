import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG (`RAND_bytes`).
public enum SecureRandom {
    /// Returns `count` random bytes.
    ///
    /// A failing `RAND_bytes` means the process cannot get entropy; continuing
    /// with weak randomness would be worse than stopping, so this traps with
    /// the OpenSSL error instead of throwing (as CryptoKit and BoringSSL do).
    public static func bytes(count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes(count:) needs a non-negative count")
        var output = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let chunk = min(count - offset, Int(Int32.max))
            do {
                try output.withUnsafeMutableBytes { (buffer) in
                    let start = buffer.baseAddress!.advanced(by: offset).assumingMemoryBound(to: UInt8.self)
                    try openSSLCall("RAND_bytes") { RAND_bytes(start, Int32(chunk)) }
                }
            } catch {
                fatalError("no secure randomness available: \(error)")
            }
            offset += chunk
        }
        return output
    }
}
