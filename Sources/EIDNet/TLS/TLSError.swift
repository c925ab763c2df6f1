/// A TLS failure: what was being done, why it failed, and every entry OpenSSL put on
/// its error queue for it.
public struct TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// The peer's certificate chain was refused: OpenSSL's `X509_V_ERR_*` code and text
        /// ("certificate revoked", "unable to get local issuer certificate", ...).
        case certificateRejected(code: Int32, reason: String)
        /// The peer sent no certificate (the server requires one).
        case noPeerCertificate
        /// The certificate verified but does not name a usable identity (e.g. no CN, or the
        /// CN is not among its DNS subject alternative names).
        case unusableIdentity(String)
        /// The handshake failed for another reason: protocol version, an alert from the peer
        /// (it refused our certificate), malformed records.
        case handshakeFailed
        /// A record failed after the handshake (bad MAC after a flipped byte, an alert).
        case protocolError
        /// Loading certificates, keys or the revocation list failed.
        case configuration(String)
        /// OpenSSL itself failed (allocation, internal error).
        case library
    }

    /// The OpenSSL call or step, e.g. `"SSL_do_handshake"`, `"SSL_read"`.
    public let operation: String
    public let reason: Reason
    /// OpenSSL's error queue, oldest first (`ERR_error_string_n` texts).
    public let openSSLErrors: [String]

    public init(operation: String, reason: Reason, openSSLErrors: [String] = []) {
        self.operation = operation
        self.reason = reason
        self.openSSLErrors = openSSLErrors
    }

    public var description: String {
        var text: String
        switch reason {
        case let .certificateRejected(code, reason): text = "peer certificate rejected: \(reason) [X509_V_ERR \(code)]"
        case .noPeerCertificate: text = "the peer did not send a certificate"
        case let .unusableIdentity(why): text = "peer certificate has no usable identity: \(why)"
        case .handshakeFailed: text = "TLS handshake failed"
        case .protocolError: text = "TLS protocol error"
        case let .configuration(why): text = "TLS configuration: \(why)"
        case .library: text = "OpenSSL failure"
        }
        text += " (\(operation))"
        if !openSSLErrors.isEmpty { text += ": " + openSSLErrors.joined(separator: "; ") }
        return text
    }
}
