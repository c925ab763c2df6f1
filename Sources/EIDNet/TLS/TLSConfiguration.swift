public import EIDCrypto

/// How a ``TLSContext`` is set up: its role, its own certificate and key, the CA it
/// trusts for peers, and an optional revocation list. All are PEM files, read when the
/// context is made; the revocation list is re-read whenever it changes on disk.
///
/// Every context speaks TLS 1.3 only and authenticates both ends: a server requires
/// and verifies a client certificate, a client verifies the server's certificate and name.
public struct TLSConfiguration: Sendable, Hashable {
    public enum Role: Sendable, Hashable { case server, client }

    public var role: Role
    /// PEM certificate chain, leaf first (e.g. `authority/tls.pem`).
    public var certificatePath: String
    /// PEM private key for the leaf (unencrypted; encrypted keys are refused, never prompted for).
    public var privateKeyPath: String
    /// PEM file of the CA certificate(s) that must have issued the peer's certificate.
    public var trustedCAPath: String
    /// PEM CRL from that CA. When set, every handshake checks the peer's certificate
    /// against it (`X509_V_FLAG_CRL_CHECK`) and the file is re-read when it changes, so a
    /// revocation takes effect without a restart. A missing, unreadable or wrongly signed
    /// file refuses every handshake until it is fixed (fail closed).
    public var revocationListPath: String?

    public init(role: Role, certificatePath: String, privateKeyPath: String, trustedCAPath: String,
                revocationListPath: String?) {
        self.role = role
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
        self.trustedCAPath = trustedCAPath
        self.revocationListPath = revocationListPath
    }

    /// Central's listener: `authority/tls.pem` + `tls.key`, peers verified against
    /// `ca/ca.pem` and `ca/crl.pem`.
    public static func central(_ layout: PKILayout) -> TLSConfiguration {
        TLSConfiguration(role: .server, certificatePath: layout.authorityTLSCertificate,
                         privateKeyPath: layout.authorityTLSKey, trustedCAPath: layout.caCertificate,
                         revocationListPath: layout.revocationList)
    }

    /// A node's client: `nodes/<id>/tls.pem` + `tls.key`, central verified against `ca/ca.pem`
    /// (and against `ca/crl.pem` too when `checkRevocation` is true).
    public static func node(_ nodeID: String, _ layout: PKILayout, checkRevocation: Bool = false) -> TLSConfiguration {
        TLSConfiguration(role: .client, certificatePath: layout.nodeTLSCertificate(nodeID),
                         privateKeyPath: layout.nodeTLSKey(nodeID), trustedCAPath: layout.caCertificate,
                         revocationListPath: checkRevocation ? layout.revocationList : nil)
    }
}
