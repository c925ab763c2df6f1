import COpenSSL

/// One entry of OpenSSL's per-thread error queue.
struct OpenSSLErrorEntry: Sendable, Equatable {
    let code: UInt
    let text: String
    var reason: Int32 { Int32(code & 0x7FFFFF) }  // ERR_GET_REASON for OpenSSL 3 (ERR_REASON_MASK)
}

/// Reads OpenSSL's error queue for the calling thread. Call it right after the failing
/// call, on the same thread, with nothing in between that could touch the queue.
enum OpenSSLErrorQueue {
    static func drain() -> [OpenSSLErrorEntry] {
        var entries: [OpenSSLErrorEntry] = []
        while true {
            var data: UnsafePointer<CChar>? = nil
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            var text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let data, flags & ERR_TXT_STRING != 0 {
                let extra = String(cString: data)
                if !extra.isEmpty { text += " (\(extra))" }
            }
            entries.append(OpenSSLErrorEntry(code: code, text: text))
        }
        return entries
    }

    /// Runs a call returning 1 (positive) on success; otherwise throws ``TLSError`` naming it.
    @discardableResult
    static func check(_ function: String, _ call: () -> Int32) throws -> Int32 {
        ERR_clear_error()
        let result = call()
        guard result > 0 else { throw TLSError(operation: function, reason: .library, openSSLErrors: drain().map(\.text)) }
        return result
    }

    /// Runs a call returning a pointer; nil throws ``TLSError`` naming it.
    static func check<T>(_ function: String, _ call: () -> T?) throws -> T {
        ERR_clear_error()
        guard let result = call() else {
            throw TLSError(operation: function, reason: .library, openSSLErrors: drain().map(\.text))
        }
        return result
    }
}
