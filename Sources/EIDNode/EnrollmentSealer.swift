public import EIDCore
public import EIDCrypto

/// Seals enrollment payloads to the authority's X25519 public key (docs/crypto.md).
///
/// The node id and receipt number are authenticated as associated data, so a
/// sealed payload cannot be moved to another record without detection.
public struct EnrollmentSealer: Sendable {
    /// The purpose label bound into the sealing key.
    public static let context = "eid-enrollment-payload-v1"

    let recipient: X25519PublicKey

    public init(authorityPublicKeyPEM: String) throws {
        recipient = try X25519PublicKey(pemRepresentation: authorityPublicKeyPEM)
    }

    public func seal(_ payload: EnrollmentPayload, nodeID: NodeID, receiptNumber: String) throws -> [UInt8] {
        try SealedBox.seal(payload.encoded(), to: recipient, context: Self.context,
                           authenticating: Self.associatedData(nodeID: nodeID, receiptNumber: receiptNumber))
    }

    /// `node id || 0x00 || receipt number` (UTF-8).
    public static func associatedData(nodeID: NodeID, receiptNumber: String) -> [UInt8] {
        Array(nodeID.rawValue.utf8) + [0] + Array(receiptNumber.utf8)
    }
}

/// Signs batch headers with the node's Ed25519 key.
public struct BatchSigner: Sendable {
    let key: Ed25519PrivateKey

    public init(privateKeyPEM: String) throws {
        key = try Ed25519PrivateKey(pemRepresentation: privateKeyPEM)
    }

    public init(key: Ed25519PrivateKey) {
        self.key = key
    }

    public func sign(_ headerBytes: [UInt8]) throws -> [UInt8] {
        try key.signature(for: headerBytes)
    }

    public var publicKey: Ed25519PublicKey { key.publicKey }
}
