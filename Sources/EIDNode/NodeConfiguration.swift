public import EIDCore

/// Who a node is and where its credentials are, stored in `node_config` by
/// `eid node init` from the topology and the PKI folder.
public struct NodeConfiguration: Equatable, Sendable {
    public var nodeID: NodeID
    /// Short code used in receipt numbers.
    public var code: String
    public var province: String
    public var kind: Topology.Node.Kind
    /// host:port of central (or of a proxy in front of it).
    public var centralAddress: String
    /// Absolute paths of the credentials issued by `eid pki issue-node`.
    public var signingKeyPath: String
    public var tlsCertificatePath: String
    public var tlsKeyPath: String
    public var caCertificatePath: String
    /// The authority's public keys, copied into the store at init (PEM).
    public var authoritySealingPublicKeyPEM: String
    public var authoritySigningPublicKeyPEM: String

    public init(nodeID: NodeID, code: String, province: String, kind: Topology.Node.Kind, centralAddress: String,
                signingKeyPath: String, tlsCertificatePath: String, tlsKeyPath: String, caCertificatePath: String,
                authoritySealingPublicKeyPEM: String, authoritySigningPublicKeyPEM: String) {
        self.nodeID = nodeID
        self.code = code
        self.province = province
        self.kind = kind
        self.centralAddress = centralAddress
        self.signingKeyPath = signingKeyPath
        self.tlsCertificatePath = tlsCertificatePath
        self.tlsKeyPath = tlsKeyPath
        self.caCertificatePath = caCertificatePath
        self.authoritySealingPublicKeyPEM = authoritySealingPublicKeyPEM
        self.authoritySigningPublicKeyPEM = authoritySigningPublicKeyPEM
    }

    var keyValues: [(String, String)] {
        [("node_id", nodeID.rawValue), ("code", code), ("province", province), ("kind", kind.rawValue),
         ("central_address", centralAddress), ("signing_key_path", signingKeyPath),
         ("tls_certificate_path", tlsCertificatePath), ("tls_key_path", tlsKeyPath),
         ("ca_certificate_path", caCertificatePath),
         ("authority_sealing_public_key", authoritySealingPublicKeyPEM),
         ("authority_signing_public_key", authoritySigningPublicKeyPEM)]
    }

    init(keyValues: [String: String]) throws(NodeError) {
        func value(_ key: String) throws(NodeError) -> String {
            guard let value = keyValues[key] else { throw .corruptStore("node_config has no '\(key)'") }
            return value
        }
        guard let id = NodeID(rawValue: try value("node_id")) else { throw .corruptStore("node_config has a bad node_id") }
        guard let kind = Topology.Node.Kind(rawValue: try value("kind")) else { throw .corruptStore("node_config has a bad kind") }
        self.init(nodeID: id, code: try value("code"), province: try value("province"), kind: kind,
                  centralAddress: try value("central_address"), signingKeyPath: try value("signing_key_path"),
                  tlsCertificatePath: try value("tls_certificate_path"), tlsKeyPath: try value("tls_key_path"),
                  caCertificatePath: try value("ca_certificate_path"),
                  authoritySealingPublicKeyPEM: try value("authority_sealing_public_key"),
                  authoritySigningPublicKeyPEM: try value("authority_signing_public_key"))
    }
}
