import COpenSSL

/// A failure reported by OpenSSL itself: the name of the C call that failed
/// and every entry that was on OpenSSL's (per-thread) error queue right after it.
///
/// Thrown only for library-level failures (allocation, malformed encodings,
/// unsupported parameters). Expected cryptographic outcomes such as a bad
/// signature or a tampered ciphertext are reported as `false` or as
/// ``CryptoError`` instead.
public struct OpenSSLError: Error, Sendable, CustomStringConvertible {
    /// The OpenSSL function that reported failure, e.g. `"PEM_read_bio_PrivateKey"`.
    public let function: String
    /// Human-readable entries drained from the error queue, oldest first
    /// (`ERR_error_string_n` plus any attached data). May be empty.
    public let messages: [String]

    public init(function: String, messages: [String]) {
        self.function = function
        self.messages = messages
    }

    public var description: String {
        if messages.isEmpty {
            return "OpenSSL \(function) failed (error queue empty)"
        }
        return "OpenSSL \(function) failed: " + messages.joined(separator: "; ")
    }

    /// Builds an error for `function` by draining the calling thread's error queue.
    /// Must be called on the same thread, right after the failing call (no `await` in between).
    static func drain(_ function: String) -> OpenSSLError {
        OpenSSLError(function: function, messages: drainErrorQueue())
    }
}

/// One entry of OpenSSL's per-thread error queue: the packed error code and its text.
public struct OpenSSLErrorEntry: Sendable, Equatable {
    /// The packed code (`ERR_get_error_all`).
    public let code: UInt
    /// `ERR_error_string_n` plus any attached data.
    public let text: String
    /// The reason part of the code (`ERR_GET_REASON`), e.g. `SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE`.
    public var reason: Int32 { Int32(truncatingIfNeeded: code & UInt(ERR_REASON_MASK)) }
}

extension OpenSSLError {
    /// Empties the calling thread's OpenSSL error queue and returns its entries, oldest first.
    /// Call it on the thread that made the failing call, right after it (no `await` in between).
    public static func drainQueue() -> [OpenSSLErrorEntry] {
        var entries: [OpenSSLErrorEntry] = []
        while true {
            var data: UnsafePointer<CChar>? = nil
            var flags: Int32 = 0
            let code = ERR_get_error_all(nil, nil, nil, &data, &flags)
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            var message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if let data, flags & ERR_TXT_STRING != 0 {
                let extra = String(cString: data)
                if !extra.isEmpty { message += " (\(extra))" }
            }
            entries.append(OpenSSLErrorEntry(code: code, text: message))
        }
        return entries
    }
}

/// Empties the calling thread's OpenSSL error queue and returns its entries as text.
func drainErrorQueue() -> [String] {
    OpenSSLError.drainQueue().map(\.text)
}

// MARK: - Call helpers
//
// Every OpenSSL call goes through one of these: the error queue is cleared
// before the call and drained into an `OpenSSLError` naming the call if it
// fails. Calls are synchronous, so the queue is read on the thread that wrote it.

/// Runs an OpenSSL call that returns 1 (or any positive value) on success.
@discardableResult
func openSSLCall(_ function: String, _ call: () -> Int32) throws -> Int32 {
    ERR_clear_error()
    let result = call()
    guard result > 0 else { throw OpenSSLError.drain(function) }
    return result
}

/// Runs an OpenSSL call that returns a non-NULL pointer on success.
func openSSLCall<T>(_ function: String, _ call: () -> T?) throws -> T {
    ERR_clear_error()
    guard let result = call() else { throw OpenSSLError.drain(function) }
    return result
}
