import Foundation
import EIDCrypto

/// Creates and maintains the deployment's PKI folder (layout in ``PKILayout``):
/// the authority's CA, its receipt-signing and sealing keys and TLS certificate,
/// node credentials, and the revocation list. Private keys are written 0600 and
/// never replaced by accident.
struct PKIProvisioner {
    let layout: PKILayout

    init(root: String) {
        layout = PKILayout(root: root)
    }

    /// What `initialise` made, for printing.
    struct Summary {
        var lines: [(String, String)] = []
        mutating func add(_ path: String, _ what: String) { lines.append((path, what)) }
    }

    /// The common name of central's TLS certificate; nodes verify it as the host name.
    static let centralName = "central"

    /// Creates the CA, the authority's keys and central's TLS certificate, and an empty CRL.
    func initialise(caName: String, centralDNSNames: [String], centralIPAddresses: [String],
                    validityYears: Int) throws -> Summary {
        if FileManager.default.fileExists(atPath: layout.caPrivateKey) {
            throw ProvisioningError("\(layout.root) already holds a CA (\(layout.caPrivateKey)); refusing to replace it")
        }
        for directory in [layout.caDirectory, layout.authorityDirectory, "\(layout.root)/nodes"] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var summary = Summary()
        let ca = try CertificateAuthority.createRoot(commonName: caName, organization: "Ministry of Public Security",
                                                     country: "VN", validityYears: validityYears)
        try PEMFile.writePrivate(try ca.privateKey.pemRepresentation, to: layout.caPrivateKey)
        try PEMFile.writePublic(ca.certificate.pemRepresentation, to: layout.caCertificate)
        summary.add(layout.caCertificate, "root CA certificate, \(caName) (ECDSA P-256)")
        summary.add(layout.caPrivateKey, "root CA private key (0600)")

        let signing = try Ed25519PrivateKey.generate()
        try PEMFile.writePrivate(try signing.pemRepresentation, to: layout.authoritySigningKey)
        try PEMFile.writePublic(signing.publicKey.pemRepresentation, to: layout.authoritySigningPublicKey)
        summary.add(layout.authoritySigningKey, "central's receipt-signing key (Ed25519, 0600)")

        let sealing = try X25519PrivateKey.generate()
        try PEMFile.writePrivate(try sealing.pemRepresentation, to: layout.authoritySealingKey)
        try PEMFile.writePublic(sealing.publicKey.pemRepresentation, to: layout.authoritySealingPublicKey)
        summary.add(layout.authoritySealingKey, "authority's sealing key (X25519, 0600); nodes seal to sealing.pub")

        let tlsKey = try P256PrivateKey.generate()
        let tls = try ca.issueNodeCertificate(nodeID: Self.centralName, publicKey: tlsKey.publicKey,
                                              dnsNames: ["localhost"] + centralDNSNames,
                                              ipAddresses: ["127.0.0.1"] + centralIPAddresses)
        try PEMFile.writePrivate(try tlsKey.pemRepresentation, to: layout.authorityTLSKey)
        try PEMFile.writePublic(tls.pemRepresentation, to: layout.authorityTLSCertificate)
        summary.add(layout.authorityTLSCertificate, "central's TLS certificate (CN=central)")

        let crl = try ca.issueRevocationList(revoked: [], crlNumber: 1, validityDays: 3650)
        try PEMFile.writePublic(crl.pemRepresentation, to: layout.revocationList)
        summary.add(layout.revocationList, "certificate revocation list (empty)")
        return summary
    }

    /// Loads the CA from the folder.
    func loadAuthority() throws -> CertificateAuthority {
        guard FileManager.default.fileExists(atPath: layout.caPrivateKey) else {
            throw ProvisioningError("no CA in \(layout.root): run 'eid pki init --out \(layout.root)' first")
        }
        let certificate = try Certificate(pemRepresentation: try PEMFile.read(layout.caCertificate))
        let key = try P256PrivateKey(pemRepresentation: try PEMFile.read(layout.caPrivateKey))
        return try CertificateAuthority(certificate: certificate, privateKey: key)
    }

    /// Issues a node's TLS certificate and key and its Ed25519 batch-signing key.
    func issueNode(_ nodeID: String, dnsNames: [String], ipAddresses: [String], validityDays: Int) throws -> Summary {
        let ca = try loadAuthority()
        let directory = layout.nodeDirectory(nodeID)
        if FileManager.default.fileExists(atPath: layout.nodeSigningKey(nodeID)) {
            throw ProvisioningError("node \(nodeID) already has credentials in \(directory); revoke them before issuing new ones")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var summary = Summary()
        let tlsKey = try P256PrivateKey.generate()
        let certificate = try ca.issueNodeCertificate(nodeID: nodeID, publicKey: tlsKey.publicKey,
                                                      dnsNames: dnsNames, ipAddresses: ipAddresses,
                                                      validityDays: validityDays)
        try PEMFile.writePrivate(try tlsKey.pemRepresentation, to: layout.nodeTLSKey(nodeID))
        try PEMFile.writePublic(certificate.pemRepresentation, to: layout.nodeTLSCertificate(nodeID))
        summary.add(layout.nodeTLSCertificate(nodeID), "TLS certificate CN=\(nodeID), serial \(certificate.serialNumber)")
        summary.add(layout.nodeTLSKey(nodeID), "TLS private key (ECDSA P-256, 0600)")

        let signing = try Ed25519PrivateKey.generate()
        try PEMFile.writePrivate(try signing.pemRepresentation, to: layout.nodeSigningKey(nodeID))
        try PEMFile.writePublic(signing.publicKey.pemRepresentation, to: layout.nodeSigningPublicKey(nodeID))
        summary.add(layout.nodeSigningKey(nodeID), "batch-signing key (Ed25519, 0600)")
        summary.add(layout.nodeSigningPublicKey(nodeID), "batch-signing public key (registered with central)")
        return summary
    }

    /// Adds a node's TLS certificate to the revocation list and re-signs it.
    func revokeNode(_ nodeID: String) throws -> (serial: String, revokedCount: Int) {
        let ca = try loadAuthority()
        let path = layout.nodeTLSCertificate(nodeID)
        guard FileManager.default.fileExists(atPath: path) else {
            throw ProvisioningError("node \(nodeID) has no certificate in \(layout.nodeDirectory(nodeID))")
        }
        let certificate = try Certificate(pemRepresentation: try PEMFile.read(path))
        var revoked: [RevokedCertificate] = []
        var number: UInt64 = 1
        if FileManager.default.fileExists(atPath: layout.revocationList) {
            let current = try CertificateRevocationList(pemRepresentation: try PEMFile.read(layout.revocationList))
            revoked = current.revokedSerialNumbers.map { RevokedCertificate(serialNumber: $0, revocationDate: current.thisUpdate) }
            number = UInt64(revoked.count) + 2
        }
        if !revoked.contains(where: { $0.serialNumber.lowercased() == certificate.serialNumber.lowercased() }) {
            revoked.append(RevokedCertificate(certificate))
        }
        let crl = try ca.issueRevocationList(revoked: revoked, crlNumber: number, validityDays: 3650)
        try PEMFile.writePublic(crl.pemRepresentation, to: layout.revocationList)
        return (certificate.serialNumber, revoked.count)
    }
}

/// A PKI folder that cannot be used as asked.
struct ProvisioningError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
