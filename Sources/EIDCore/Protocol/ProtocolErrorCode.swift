/// The machine-readable reason of every refusal in the replication protocol
/// (docs/PROTOCOL.md §3), with the HTTP status that carries it.
public enum ProtocolErrorCode: String, Sendable, Codable, CaseIterable {
    /// The bytes do not parse, a field is out of range, or the request is ill-formed.
    case malformed
    /// The batch or chunk exceeds a size bound.
    case tooLarge = "too_large"
    /// The connection carries no node identity (no verified client certificate).
    case unauthenticated
    /// The certificate's node is not registered at central.
    case unknownNode = "unknown_node"
    /// The node's credentials are revoked.
    case revokedNode = "revoked_node"
    /// The batch names another node than the certificate that sent it.
    case wrongNode = "wrong_node"
    /// The node's Ed25519 signature over the header does not verify with its registered key.
    case badSignature = "bad_signature"
    /// The batch number is beyond the next one central expects (`expected_batch` says which).
    case gap
    /// The batch does not chain to the hash of the batch central holds before it.
    case brokenChain = "broken_chain"
    /// The batch's records do not continue the node's log where central holds it.
    case recordGap = "record_gap"
    /// A record's receipt number is already held by central for another record.
    case duplicateReceipt = "duplicate_receipt"
    /// A different batch under a number central already accepted: refused and raised to operators.
    case equivocation
    /// The chunk does not start where central's persisted bytes end (`expected_offset` says where).
    case offsetMismatch = "offset_mismatch"
    /// Nothing at this path (or no such receipt).
    case notFound = "not_found"
    /// The path exists but not with this method.
    case methodNotAllowed = "method_not_allowed"
    /// Central failed; nothing was changed by this request. Retry later.
    case `internal`

    /// The HTTP status code that carries this refusal.
    public var httpStatus: Int {
        switch self {
        case .malformed, .badSignature: return 400
        case .unauthenticated: return 401
        case .unknownNode, .revokedNode, .wrongNode: return 403
        case .notFound: return 404
        case .methodNotAllowed: return 405
        case .gap, .brokenChain, .recordGap, .duplicateReceipt, .equivocation, .offsetMismatch: return 409
        case .tooLarge: return 413
        case .internal: return 500
        }
    }
}
