import COpenSSL

/// Owns one OpenSSL memory `BIO`: the bridge for PEM and DER in and out of OpenSSL.
final class MemoryBIO {
    let pointer: OpaquePointer

    /// An empty, writable memory BIO.
    init() throws {
        pointer = try openSSLCall("BIO_new") { BIO_new(BIO_s_mem()) }
    }

    /// A memory BIO holding a copy of `bytes`, ready to be read from.
    convenience init(bytes: [UInt8]) throws {
        try self.init()
        if bytes.isEmpty { return }
        let pointer = self.pointer
        _ = try bytes.withUnsafeBytes { buffer in
            try openSSLCall("BIO_write") { BIO_write(pointer, buffer.baseAddress, Int32(buffer.count)) }
        }
    }

    convenience init(string: String) throws {
        try self.init(bytes: Array(string.utf8))
    }

    deinit { BIO_free(pointer) }

    /// Everything written to the BIO so far.
    var bytes: [UInt8] {
        var data: UnsafeMutablePointer<CChar>? = nil
        let length = COpenSSL_BIO_get_mem_data(pointer, &data)
        guard length > 0, let data else { return [] }
        return data.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
