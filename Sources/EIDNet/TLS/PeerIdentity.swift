public import EIDCrypto

/// Who is at the other end of a TLS connection, taken from its certificate after
/// OpenSSL verified the chain against the authority's CA and the revocation list.
/// Never derived from anything the peer says in a message.
public struct PeerIdentity: Sendable, Hashable, CustomStringConvertible {
    /// The node id: the certificate's subject CN, which the CA also puts first among
    /// the DNS subject alternative names (checked when the identity is built).
    public let nodeID: String
    /// Lowercase hex SHA-256 of the certificate's DER (what `openssl x509 -fingerprint -sha256` shows).
    public let fingerprintSHA256: String
    /// Uppercase hex serial number (what the CRL lists).
    public let serialNumber: String
    /// The verified leaf certificate.
    public let certificate: Certificate
    /// "127.0.0.1:54321": the TCP peer (for logs only; not an identity).
    public let remoteAddress: String

    /// The certificate's subject CN (same as ``nodeID``).
    public var commonName: String { nodeID }

    /// Builds the identity from a verified certificate; throws if it names no node.
    public init(certificate: Certificate, remoteAddress: String) throws {
        guard let commonName = certificate.subjectCommonName, !commonName.isEmpty else {
            throw TLSError(operation: "peer identity", reason: .unusableIdentity("no subject common name"))
        }
        let dnsNames = certificate.subjectAlternativeNames.compactMap { name -> String? in
            if case let .dnsName(dns) = name { return dns.lowercased() }
            return nil
        }
        guard dnsNames.contains(commonName.lowercased()) else {
            throw TLSError(operation: "peer identity",
                           reason: .unusableIdentity("CN \"\(commonName)\" is not among the DNS subject alternative names"))
        }
        self.nodeID = commonName
        self.fingerprintSHA256 = Hex.encode(certificate.fingerprintSHA256)
        self.serialNumber = certificate.serialNumber
        self.certificate = certificate
        self.remoteAddress = remoteAddress
    }

    public var description: String { "\(nodeID) (serial \(serialNumber), \(remoteAddress))" }
}
