public import EIDCore
public import EIDCrypto

/// A node central accepts batches from: its identity, where it is, the public key
/// its batches are signed with, and whether its credentials are revoked.
public struct NodeRegistration: Sendable, Equatable {
    public var nodeID: NodeID
    public var code: String
    public var province: String
    public var kind: Topology.Node.Kind
    public var signingKey: Ed25519PublicKey
    /// Set when the node's certificate is on the CRL: its uploads are refused.
    public var isRevoked: Bool

    public init(nodeID: NodeID, code: String, province: String, kind: Topology.Node.Kind,
                signingKey: Ed25519PublicKey, isRevoked: Bool = false) {
        self.nodeID = nodeID
        self.code = code
        self.province = province
        self.kind = kind
        self.signingKey = signingKey
        self.isRevoked = isRevoked
    }
}
