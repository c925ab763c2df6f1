public import EIDCore
import EIDCrypto

/// Checks a page of the down-sync feed before the node applies it: central's Ed25519
/// signature, that it is addressed to this node, that it starts at the cursor the node
/// asked from and holds no more than it asked for.
public struct FeedPageVerifier: Sendable {
    let authorityKey: Ed25519PublicKey

    public init(authoritySigningPublicKeyPEM: String) throws {
        authorityKey = try Ed25519PublicKey(pemRepresentation: authoritySigningPublicKeyPEM)
    }

    /// Parses and verifies `bytes` as the page after `cursor` for `node`; throws why not.
    public func verify(_ bytes: [UInt8], for node: NodeID, after cursor: UInt64, limit: Int) throws(NodeError) -> FeedPage {
        let page: FeedPage
        do {
            page = try FeedPage(decoding: bytes)
        } catch {
            throw .badFeedPage("malformed: \(error)")
        }
        guard authorityKey.isValidSignature(page.signature, for: page.signedBytes()) else {
            throw .badFeedPage("central's signature does not verify")
        }
        guard page.nodeID == node else { throw .badFeedPage("it is addressed to node \(page.nodeID), not \(node)") }
        guard page.after == cursor else { throw .badFeedPage("it starts after event \(page.after), the node asked after \(cursor)") }
        guard page.events.count <= limit else {
            throw .badFeedPage("it holds \(page.events.count) events, the node asked for at most \(limit)")
        }
        guard !page.events.isEmpty || !page.hasMore else {
            throw .badFeedPage("it is empty yet says events up to \(page.latestSequence) exist")
        }
        return page
    }
}
