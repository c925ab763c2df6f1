import Foundation
public import EIDCore
public import EIDCrypto

/// Reads who may replicate from the deployment: every node in the topology whose
/// batch-signing public key the PKI folder holds (`nodes/<id>/signing.pub`), marked
/// revoked when its TLS certificate's serial is on the CRL (`ca/crl.pem`).
public enum NodeRegistry {
    /// A topology node that could not be registered, and why.
    public struct Skipped: Sendable, Equatable, CustomStringConvertible {
        public var nodeID: NodeID
        public var reason: String
        public var description: String { "\(nodeID): \(reason)" }
    }

    /// The registrations found, and the topology nodes left out.
    public static func load(topology: Topology, pki: PKILayout) throws -> (registrations: [NodeRegistration], skipped: [Skipped]) {
        var revokedSerials = Set<String>()
        if FileManager.default.fileExists(atPath: pki.revocationList) {
            let crl = try CertificateRevocationList(pemRepresentation: try PEMFile.read(pki.revocationList))
            revokedSerials = Set(crl.revokedSerialNumbers.map { $0.uppercased() })
        }
        var registrations: [NodeRegistration] = []
        var skipped: [Skipped] = []
        for node in topology.nodes {
            let id = node.id.rawValue
            let keyPath = pki.nodeSigningPublicKey(id)
            guard FileManager.default.fileExists(atPath: keyPath) else {
                skipped.append(Skipped(nodeID: node.id, reason: "no batch-signing key at \(keyPath) (run 'eid pki issue-node --node \(id)')"))
                continue
            }
            let key = try Ed25519PublicKey(pemRepresentation: try PEMFile.read(keyPath))
            var revoked = false
            if FileManager.default.fileExists(atPath: pki.nodeTLSCertificate(id)) {
                let certificate = try Certificate(pemRepresentation: try PEMFile.read(pki.nodeTLSCertificate(id)))
                revoked = revokedSerials.contains(certificate.serialNumber.uppercased())
            }
            registrations.append(NodeRegistration(nodeID: node.id, code: node.code, province: node.province,
                                                  kind: node.kind, signingKey: key, isRevoked: revoked))
        }
        return (registrations, skipped)
    }
}
