import COpenSSL
import EIDCrypto
import Glibc

/// One TLS 1.3 connection over a ``TCPSocket``. Owns its `SSL` and the network side
/// of a BIO pair and frees both in `deinit`.
///
/// OpenSSL never touches the socket: it reads and writes a memory BIO pair, and this
/// class moves the bytes between the pair and the socket itself. So every byte on the
/// wire goes through ``TCPSocket`` (poll-based deadlines, EINTR retried, MSG_NOSIGNAL),
/// and a peer that closes without a TLS close_notify is seen as a truncation.
///
/// Not `Sendable`: one thread owns a connection at a time.
public final class TLSConnection {
    public let socket: TCPSocket
    private let ssl: OpaquePointer
    private let network: OpaquePointer
    private let context: TLSContext
    private var chunk = [UInt8](repeating: 0, count: 32 * 1024)
    private var receivedEndOfStream = false
    private var isShutDown = false
    /// The verified peer, once the handshake has completed.
    public private(set) var peer: PeerIdentity?

    /// Size of each direction's buffer in the BIO pair: two full TLS records.
    private static let bioBufferSize = 34 * 1024

    /// Prepares a connection for `context`'s role. A client names the server it expects
    /// (`expectedServerName`, a DNS name or IP literal matched against the certificate's
    /// subject alternative names); a server passes nil.
    public init(socket: TCPSocket, context: TLSContext, expectedServerName: String? = nil) throws {
        self.socket = socket
        self.context = context
        let ssl = try OpenSSLErrorQueue.check("SSL_new") { SSL_new(context.pointer) }
        var internalBIO: OpaquePointer? = nil
        var networkBIO: OpaquePointer? = nil
        do {
            try OpenSSLErrorQueue.check("BIO_new_bio_pair") {
                BIO_new_bio_pair(&internalBIO, TLSConnection.bioBufferSize, &networkBIO, TLSConnection.bioBufferSize)
            }
        } catch {
            SSL_free(ssl)
            throw error
        }
        SSL_set_bio(ssl, internalBIO, internalBIO)  // the SSL now owns the internal half
        self.ssl = ssl
        self.network = networkBIO!
        let store = try context.trust.current()
        try OpenSSLErrorQueue.check("SSL_set1_verify_cert_store") { COpenSSL_SSL_set1_verify_cert_store(ssl, store.pointer) }
        switch context.role {
        case .server:
            SSL_set_accept_state(ssl)
        case .client:
            SSL_set_connect_state(ssl)
            guard let name = expectedServerName, !name.isEmpty else {
                throw TLSError(operation: "client setup", reason: .configuration("a client must name the server it expects"))
            }
            if isIPAddressLiteral(name) {
                try OpenSSLErrorQueue.check("X509_VERIFY_PARAM_set1_ip_asc") {
                    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name)
                }
            } else {
                try OpenSSLErrorQueue.check("SSL_set1_host") { SSL_set1_host(ssl, name) }
                try OpenSSLErrorQueue.check("SSL_set_tlsext_host_name") { COpenSSL_SSL_set_tlsext_host_name(ssl, name) }
            }
        }
    }

    deinit {
        SSL_free(ssl)
        BIO_free(network)
    }

    /// Runs the handshake and returns the verified peer.
    @discardableResult
    public func handshake(deadline: Deadline) throws -> PeerIdentity {
        _ = try drive("SSL_do_handshake", deadline: deadline) { SSL_do_handshake(ssl) }
        let verifyResult = SSL_get_verify_result(ssl)
        guard verifyResult == Int(X509_V_OK) else {
            throw TLSError(operation: "SSL_do_handshake",
                           reason: .certificateRejected(code: Int32(verifyResult), reason: verifyErrorText(Int32(verifyResult))))
        }
        guard let x509 = SSL_get1_peer_certificate(ssl) else {
            throw TLSError(operation: "SSL_get1_peer_certificate", reason: .noPeerCertificate)
        }
        defer { X509_free(x509) }
        let length = i2d_X509(x509, nil)
        guard length > 0 else { throw TLSError(operation: "i2d_X509", reason: .library, openSSLErrors: OpenSSLErrorQueue.drain().map(\.text)) }
        var der = [UInt8](repeating: 0, count: Int(length))
        der.withUnsafeMutableBufferPointer { buffer in
            var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
            _ = i2d_X509(x509, &cursor)
        }
        let identity = try PeerIdentity(certificate: try Certificate(derRepresentation: der), remoteAddress: socket.remoteAddress)
        peer = identity
        return identity
    }

    /// Reads decrypted bytes into `buffer`; returns 0 when the peer closed the TLS session
    /// cleanly (close_notify). A TCP close without close_notify throws
    /// ``LinkError/closedByPeer(during:)``.
    public func read(into buffer: UnsafeMutableRawBufferPointer, deadline: Deadline) throws -> Int {
        let count = Int32(clamping: buffer.count)
        return Int(try drive("SSL_read", deadline: deadline) { SSL_read(ssl, buffer.baseAddress, count) })
    }

    /// Reads up to `maxCount` bytes; empty at a clean close.
    public func read(maxCount: Int, deadline: Deadline) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: maxCount)
        let count = try bytes.withUnsafeMutableBytes { try read(into: $0, deadline: deadline) }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Encrypts and sends all of `bytes` before `deadline`.
    public func write(_ bytes: [UInt8], deadline: Deadline) throws {
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Int32(clamping: min(buffer.count - offset, 16 * 1024))
                let written = try drive("SSL_write", deadline: deadline) { SSL_write(ssl, buffer.baseAddress! + offset, count) }
                guard written > 0 else { throw LinkError.closedByPeer(during: "TLS write") }
                offset += Int(written)
            }
        }
    }

    /// Sends close_notify and FIN (best effort, within `deadline`); the socket stays open
    /// for reading until ``close(deadline:)`` or the socket's owner closes it.
    public func shutdown(deadline: Deadline = Deadline(after: .milliseconds(200), for: "TLS close")) {
        guard !isShutDown else { return }
        isShutDown = true
        if SSL_is_init_finished(ssl) == 1 {
            ERR_clear_error()
            _ = SSL_shutdown(ssl)
            ERR_clear_error()
            try? flush(deadline: deadline)
        }
        socket.shutdownWrite()
    }

    /// Sends close_notify (best effort, within `deadline`) and closes the socket.
    public func close(deadline: Deadline = Deadline(after: .milliseconds(200), for: "TLS close")) {
        shutdown(deadline: deadline)
        socket.close()
    }

    // MARK: Moving bytes between the BIO pair and the socket

    /// Calls `body` until it succeeds, feeding it socket input and flushing its output.
    private func drive(_ operation: String, deadline: Deadline, _ body: () -> Int32) throws -> Int32 {
        while true {
            ERR_clear_error()
            let result = body()
            let code = SSL_get_error(ssl, result)
            let queue = result > 0 ? [] : OpenSSLErrorQueue.drain()
            switch code {
            case SSL_ERROR_NONE:
                try flush(deadline: deadline)
                return result
            case SSL_ERROR_ZERO_RETURN:
                try? flush(deadline: deadline)
                return 0
            case SSL_ERROR_WANT_READ:
                try flush(deadline: deadline)
                try fill(operation: operation, deadline: deadline)
            case SSL_ERROR_WANT_WRITE:
                try flush(deadline: deadline)
            default:
                // Send whatever alert OpenSSL queued, so the peer learns why.
                try? flush(deadline: Deadline(after: .milliseconds(200), for: "TLS alert"))
                throw failure(operation, queue: queue)
            }
        }
    }

    private func failure(_ operation: String, queue: [OpenSSLErrorEntry]) -> any Error {
        let texts = queue.map(\.text)
        if receivedEndOfStream && queue.isEmpty { return LinkError.closedByPeer(during: operation) }
        let verifyResult = Int32(SSL_get_verify_result(ssl))
        if verifyResult != X509_V_OK {
            return TLSError(operation: operation, reason: .certificateRejected(code: verifyResult, reason: verifyErrorText(verifyResult)),
                            openSSLErrors: texts)
        }
        if queue.contains(where: { $0.reason == SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE }) {
            return TLSError(operation: operation, reason: .noPeerCertificate, openSSLErrors: texts)
        }
        if receivedEndOfStream { return LinkError.closedByPeer(during: operation) }
        let inHandshake = SSL_is_init_finished(ssl) != 1
        return TLSError(operation: operation, reason: inHandshake ? .handshakeFailed : .protocolError, openSSLErrors: texts)
    }

    /// Sends everything OpenSSL has written to the network BIO.
    private func flush(deadline: Deadline) throws {
        while BIO_ctrl_pending(network) > 0 {
            let count = chunk.withUnsafeMutableBytes { BIO_read(network, $0.baseAddress, Int32($0.count)) }
            guard count > 0 else { return }
            try chunk.withUnsafeBytes { try socket.send(UnsafeRawBufferPointer(rebasing: $0[..<Int(count)]), deadline: deadline) }
        }
    }

    /// Reads what the socket has (waiting until `deadline`) into the network BIO.
    private func fill(operation: String, deadline: Deadline) throws {
        if receivedEndOfStream { throw LinkError.closedByPeer(during: operation) }
        let room = min(BIO_ctrl_get_write_guarantee(network), chunk.count)
        guard room > 0 else { return }
        let count = try chunk.withUnsafeMutableBytes { buffer in
            try socket.receive(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<room]), deadline: deadline)
        }
        if count == 0 {
            receivedEndOfStream = true
            _ = COpenSSL_BIO_shutdown_wr(network)  // OpenSSL now reads end of stream
            return
        }
        let written = chunk.withUnsafeBytes { BIO_write(network, $0.baseAddress, Int32(count)) }
        precondition(written == Int32(count), "BIO pair accepted fewer bytes than its write guarantee")
    }
}

/// `X509_verify_cert_error_string`.
func verifyErrorText(_ code: Int32) -> String {
    X509_verify_cert_error_string(Int(code)).map { String(cString: $0) } ?? "unknown verification error"
}

/// True for IPv4 and IPv6 literals.
func isIPAddressLiteral(_ text: String) -> Bool {
    var v4 = in_addr(), v6 = in6_addr()
    return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
}
