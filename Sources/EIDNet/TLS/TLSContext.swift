import COpenSSL
public import EIDCrypto

/// A configured OpenSSL `SSL_CTX` for one role, shared by every connection of a server
/// or client: TLS 1.3 only (min = max = TLS1_3), peer verification against the
/// trusted CA (servers require a client certificate), no session tickets or session
/// cache (so every connection runs a full handshake and is checked against the current
/// revocation list), no compression or renegotiation.
///
/// `@unchecked Sendable`: the `SSL_CTX` is fully configured in `init` and never changed
/// afterwards, which OpenSSL allows to be shared between threads; the revocation list
/// is swapped inside ``TrustStore`` under its own lock and attached per connection.
public final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer
    let trust: TrustStore
    public let configuration: TLSConfiguration
    /// This side's own certificate (the leaf of the chain file).
    public let certificate: Certificate

    public var role: TLSConfiguration.Role { configuration.role }

    public init(_ configuration: TLSConfiguration) throws {
        self.configuration = configuration
        let leaf: Certificate
        do {
            leaf = try Certificate(pemRepresentation: try PEMFile.read(configuration.certificatePath))
        } catch {
            throw TLSError(operation: "load certificate",
                           reason: .configuration("cannot read a PEM certificate from \(configuration.certificatePath): \(error)"))
        }
        trust = try TrustStore(caPath: configuration.trustedCAPath, revocationListPath: configuration.revocationListPath)
        let method = configuration.role == .server ? TLS_server_method() : TLS_client_method()
        let context = try OpenSSLErrorQueue.check("SSL_CTX_new") { SSL_CTX_new(method) }
        do {
            try TLSContext.configure(context, configuration)
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        pointer = context
        certificate = leaf
    }

    deinit { SSL_CTX_free(pointer) }

    private static func configure(_ context: OpaquePointer, _ configuration: TLSConfiguration) throws {
        let version = COpenSSL_TLS1_3_VERSION()
        try OpenSSLErrorQueue.check("SSL_CTX_set_min_proto_version") { COpenSSL_SSL_CTX_set_min_proto_version(context, version) }
        try OpenSSLErrorQueue.check("SSL_CTX_set_max_proto_version") { COpenSSL_SSL_CTX_set_max_proto_version(context, version) }
        SSL_CTX_set_options(context, COpenSSL_SSL_OP_NO_TICKET() | COpenSSL_SSL_OP_NO_COMPRESSION() | COpenSSL_SSL_OP_NO_RENEGOTIATION())
        _ = COpenSSL_SSL_CTX_set_mode(context, COpenSSL_SSL_MODE_ENABLE_PARTIAL_WRITE() | COpenSSL_SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER())
        _ = COpenSSL_SSL_CTX_set_session_cache_mode(context, COpenSSL_SSL_SESS_CACHE_OFF())
        try OpenSSLErrorQueue.check("SSL_CTX_set_num_tickets") { SSL_CTX_set_num_tickets(context, 0) }
        // Never prompt on the terminal for an encrypted key: refuse it.
        SSL_CTX_set_default_passwd_cb(context) { _, _, _, _ in 0 }

        let certificatePath = configuration.certificatePath, keyPath = configuration.privateKeyPath
        do {
            try OpenSSLErrorQueue.check("SSL_CTX_use_certificate_chain_file") {
                SSL_CTX_use_certificate_chain_file(context, certificatePath)
            }
            try OpenSSLErrorQueue.check("SSL_CTX_use_PrivateKey_file") {
                SSL_CTX_use_PrivateKey_file(context, keyPath, SSL_FILETYPE_PEM)
            }
            try OpenSSLErrorQueue.check("SSL_CTX_check_private_key") { SSL_CTX_check_private_key(context) }
        } catch let error as TLSError {
            throw TLSError(operation: error.operation,
                           reason: .configuration("cannot use certificate \(certificatePath) with key \(keyPath)"),
                           openSSLErrors: error.openSSLErrors)
        }

        var flags = UInt(X509_V_FLAG_X509_STRICT)
        if configuration.revocationListPath != nil { flags |= UInt(X509_V_FLAG_CRL_CHECK) }
        try OpenSSLErrorQueue.check("X509_VERIFY_PARAM_set_flags") {
            X509_VERIFY_PARAM_set_flags(SSL_CTX_get0_param(context), flags)
        }
        switch configuration.role {
        case .server:
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
            // Tell clients (curl, browsers) which CA their certificate must come from.
            let names = try OpenSSLErrorQueue.check("SSL_load_client_CA_file") { SSL_load_client_CA_file(configuration.trustedCAPath) }
            SSL_CTX_set_client_CA_list(context, names)
            let sessionContext: [UInt8] = Array("eid".utf8)
            try OpenSSLErrorQueue.check("SSL_CTX_set_session_id_context") {
                SSL_CTX_set_session_id_context(context, sessionContext, UInt32(sessionContext.count))
            }
        case .client:
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        }
    }

    /// How many times the revocation list has been re-read because it changed on disk.
    public var revocationListReloads: Int { trust.reloadCount }
}
