/// Where the deployment's keys and certificates live under one root directory.
/// Pure paths, no I/O; the `eid pki ...` commands and the services share it.
///
/// ```
/// <root>/ca/ca.pem                    root CA certificate (0644)
/// <root>/ca/ca.key                    root CA P-256 private key, PKCS#8 (0600)
/// <root>/ca/crl.pem                   current CRL (0644)
/// <root>/authority/signing.key        central's Ed25519 receipt-signing key (0600)
/// <root>/authority/signing.pub        its public key, SPKI PEM (0644)
/// <root>/authority/sealing.key        X25519 sealing key: nodes seal to sealing.pub (0600)
/// <root>/authority/sealing.pub        (0644)
/// <root>/authority/tls.pem, tls.key   central's TLS certificate and P-256 key
/// <root>/nodes/<id>/tls.pem, tls.key  a node's TLS certificate and P-256 key
/// <root>/nodes/<id>/signing.key/.pub  a node's Ed25519 batch-signing key pair
/// ```
public struct PKILayout: Sendable, Hashable {
    public var root: String

    public init(root: String) { self.root = root }

    public var caDirectory: String { "\(root)/ca" }
    public var caCertificate: String { "\(caDirectory)/ca.pem" }
    public var caPrivateKey: String { "\(caDirectory)/ca.key" }
    public var revocationList: String { "\(caDirectory)/crl.pem" }

    public var authorityDirectory: String { "\(root)/authority" }
    public var authoritySigningKey: String { "\(authorityDirectory)/signing.key" }
    public var authoritySigningPublicKey: String { "\(authorityDirectory)/signing.pub" }
    public var authoritySealingKey: String { "\(authorityDirectory)/sealing.key" }
    public var authoritySealingPublicKey: String { "\(authorityDirectory)/sealing.pub" }
    public var authorityTLSCertificate: String { "\(authorityDirectory)/tls.pem" }
    public var authorityTLSKey: String { "\(authorityDirectory)/tls.key" }

    /// `nodeID` is used as a path component unchecked: validate it first (the CA refuses
    /// anything but a DNS name, so no "/" or ".." can reach here through issuance).
    public func nodeDirectory(_ nodeID: String) -> String { "\(root)/nodes/\(nodeID)" }
    public func nodeTLSCertificate(_ nodeID: String) -> String { "\(nodeDirectory(nodeID))/tls.pem" }
    public func nodeTLSKey(_ nodeID: String) -> String { "\(nodeDirectory(nodeID))/tls.key" }
    public func nodeSigningKey(_ nodeID: String) -> String { "\(nodeDirectory(nodeID))/signing.key" }
    public func nodeSigningPublicKey(_ nodeID: String) -> String { "\(nodeDirectory(nodeID))/signing.pub" }
}
