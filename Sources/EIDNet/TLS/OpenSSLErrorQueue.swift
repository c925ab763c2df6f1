import COpenSSL
import EIDCrypto

/// Calls into OpenSSL with its per-thread error queue cleared before and drained
/// right after (through ``OpenSSLError/drainQueue()``), on the same thread.
enum OpenSSLErrorQueue {
    static func drain() -> [OpenSSLErrorEntry] { OpenSSLError.drainQueue() }

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
