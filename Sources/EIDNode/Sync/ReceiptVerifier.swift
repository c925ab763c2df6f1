public import EIDCore
import EIDCrypto

/// Checks a receipt from central before the node believes it: central's Ed25519
/// signature over the receipt bytes, and that it names this node, this batch, and
/// this batch's hash and last record.
public struct ReceiptVerifier: Sendable {
    let authorityKey: Ed25519PublicKey

    public init(authoritySigningPublicKeyPEM: String) throws {
        authorityKey = try Ed25519PublicKey(pemRepresentation: authoritySigningPublicKeyPEM)
    }

    /// Parses and verifies `bytes` as the receipt for `batch`; throws why not.
    public func verify(_ bytes: [UInt8], for batch: BatchHeader, batchHash: [UInt8]) throws(NodeError) -> BatchReceipt {
        let receipt: BatchReceipt
        do {
            receipt = try BatchReceipt(decoding: bytes)
        } catch {
            throw .badReceipt("malformed: \(error)")
        }
        guard authorityKey.isValidSignature(receipt.signature, for: receipt.signedBytes()) else {
            throw .badReceipt("central's signature does not verify")
        }
        guard receipt.nodeID == batch.nodeID else {
            throw .badReceipt("it is for node \(receipt.nodeID), not \(batch.nodeID)")
        }
        guard receipt.batchSequence == batch.batchSequence else {
            throw .badReceipt("it is for batch \(receipt.batchSequence), not \(batch.batchSequence)")
        }
        guard receipt.batchHash == batchHash else {
            throw .badReceipt("it acknowledges a different batch \(receipt.batchSequence) (hash mismatch)")
        }
        guard receipt.lastRecordSequence == batch.lastRecordSequence else {
            throw .badReceipt("it covers records up to \(receipt.lastRecordSequence), the batch ends at \(batch.lastRecordSequence)")
        }
        return receipt
    }
}
