import COpenSSL

/// Calls `body` with the bytes of `bytes` as one contiguous buffer (copying only if
/// the collection is not contiguous). The base address is never nil, even for
/// empty input, so it can be passed to C functions that reject NULL.
func withContiguousBytes<C: Collection<UInt8>, R>(
    _ bytes: C, _ body: (UnsafeRawBufferPointer) throws -> R
) rethrows -> R {
    if let result = try bytes.withContiguousStorageIfAvailable({ buffer in
        try nonNullBytes(UnsafeRawBufferPointer(buffer), body)
    }) {
        return result
    }
    return try Array(bytes).withUnsafeBytes { try nonNullBytes($0, body) }
}

private func nonNullBytes<R>(
    _ buffer: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> R
) rethrows -> R {
    if buffer.baseAddress != nil { return try body(buffer) }
    var empty: UInt8 = 0
    return try withUnsafeBytes(of: &empty) { try body(UnsafeRawBufferPointer(rebasing: $0[0..<0])) }
}

extension UnsafeRawBufferPointer {
    /// The base address typed as `const unsigned char *` for OpenSSL.
    var uint8: UnsafePointer<UInt8> { baseAddress!.assumingMemoryBound(to: UInt8.self) }
}

/// Compares two byte sequences in time independent of where they differ (CRYPTO_memcmp).
func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBytes { pa in b.withUnsafeBytes { pb in
        CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, a.count) == 0
    } }
}

/// Overwrites a buffer holding secret material before it is released (OPENSSL_cleanse).
func cleanse(_ bytes: inout [UInt8]) {
    bytes.withUnsafeMutableBytes { buffer in
        if let base = buffer.baseAddress { OPENSSL_cleanse(base, buffer.count) }
    }
}
