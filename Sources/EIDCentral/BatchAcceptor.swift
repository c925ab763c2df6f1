public import EIDCore
import EIDCrypto

/// The rules by which central accepts a node's batch, with no I/O: given the
/// uploaded bytes, who sent them (from the verified certificate) and what central
/// already holds, it says accept, replay, equivocation or refuse (docs/central.md,
/// "Acceptance"). ``CentralStore/accept(_:batch:from:)`` gathers the inputs and
/// applies the verdict in one transaction.
public struct BatchAcceptor: Sendable {
    public var limits: CentralLimits

    public init(limits: CentralLimits = CentralLimits()) {
        self.limits = limits
    }

    /// What central holds that bears on one batch.
    public struct Holdings: Sendable, Equatable {
        /// The node's chain as central holds it.
        public var chain: ChainState
        /// The batch central accepted under the same number, if any.
        public var accepted: AcceptedBatch?
        /// Those of the batch's receipt numbers central already holds.
        public var heldReceiptNumbers: Set<String>

        public init(chain: ChainState, accepted: AcceptedBatch? = nil, heldReceiptNumbers: Set<String> = []) {
            self.chain = chain
            self.accepted = accepted
            self.heldReceiptNumbers = heldReceiptNumbers
        }
    }

    /// An accepted batch's hash and the receipt issued for it.
    public struct AcceptedBatch: Sendable, Equatable {
        public var batchHash: [UInt8]
        public var receipt: [UInt8]

        public init(batchHash: [UInt8], receipt: [UInt8]) {
            self.batchHash = batchHash
            self.receipt = receipt
        }
    }

    /// The decision.
    public enum Verdict: Sendable, Equatable {
        /// Store the batch and its records and issue a receipt.
        case accept(SignedBatch, batchHash: [UInt8])
        /// The same batch was accepted before: answer with its stored receipt, store nothing.
        case replay(receipt: [UInt8])
        /// A different, validly signed batch under an accepted number: record it, refuse it.
        case equivocation(SignedBatch, batchHash: [UInt8], acceptedHash: [UInt8], BatchRefusal)
        /// Refuse; nothing is stored.
        case refuse(BatchRefusal)
    }

    /// Decides on `bytes`, uploaded as batch `sequence` by `peer` (nil without a
    /// verified certificate). `lookup` reads what central holds for the parsed batch.
    public func evaluate(_ bytes: [UInt8], batchSequence sequence: UInt64, peer: NodeID?,
                         registration: NodeRegistration?,
                         lookup: (SignedBatch) throws -> Holdings) rethrows -> Verdict {
        if let refusal = identityRefusal(peer: peer, registration: registration) { return .refuse(refusal) }
        let batch: SignedBatch
        switch parse(bytes, batchSequence: sequence) {
        case .success(let parsed): batch = parsed
        case .failure(let refusal): return .refuse(refusal)
        }
        // identityRefusal returned nil, so both are present.
        guard let peer, let registration else { return .refuse(BatchRefusal(.unauthenticated, "no node identity")) }
        return decide(batch, peer: peer, registration: registration, holdings: try lookup(batch))
    }

    /// Refuses a sender without a certificate, an unregistered one, or a revoked one.
    public func identityRefusal(peer: NodeID?, registration: NodeRegistration?) -> BatchRefusal? {
        guard let peer else {
            return BatchRefusal(.unauthenticated, "the connection carries no verified node certificate")
        }
        guard let registration, registration.nodeID == peer else {
            return BatchRefusal(.unknownNode, "node \(peer) is not registered at central")
        }
        guard !registration.isRevoked else {
            return BatchRefusal(.revokedNode, "node \(peer)'s credentials are revoked; its uploads are refused")
        }
        return nil
    }

    /// Size and structure: the bytes must be one well-formed `SignedBatch` (lengths,
    /// records, Merkle root) numbered as the request says.
    public func parse(_ bytes: [UInt8], batchSequence sequence: UInt64) -> Result<SignedBatch, BatchRefusal> {
        guard bytes.count <= limits.maxBatchBytes else {
            return .failure(BatchRefusal(.tooLarge, "the batch is \(bytes.count) bytes; central accepts at most \(limits.maxBatchBytes)"))
        }
        let batch: SignedBatch
        do {
            batch = try SignedBatch(decoding: bytes, hash: { SHA256.hash($0) })
        } catch {
            return .failure(BatchRefusal(.malformed, "the batch does not decode: \(error)"))
        }
        guard batch.header.batchSequence == sequence else {
            return .failure(BatchRefusal(.malformed, "uploaded as batch \(sequence) but its header says batch \(batch.header.batchSequence)"))
        }
        return .success(batch)
    }

    /// The rules after parsing: node, signature, records, replay/equivocation, chain.
    public func decide(_ batch: SignedBatch, peer: NodeID, registration: NodeRegistration, holdings: Holdings) -> Verdict {
        let header = batch.header
        guard header.nodeID == peer else {
            return .refuse(BatchRefusal(.wrongNode, "the batch is from node \(header.nodeID) but was sent by node \(peer)"))
        }
        guard registration.signingKey.isValidSignature(batch.signature, for: batch.headerBytes) else {
            return .refuse(BatchRefusal(.badSignature, "the signature over batch \(header.batchSequence)'s header does not verify with node \(peer)'s registered key"))
        }
        var seen = Set<String>()
        for record in batch.records {
            guard let number = ReceiptNumber(record.receiptNumber), number.description == record.receiptNumber else {
                return .refuse(BatchRefusal(.malformed, "record \(record.sequence): '\(record.receiptNumber)' is not a canonical receipt number"))
            }
            guard number.nodeCode == registration.code else {
                return .refuse(BatchRefusal(.malformed, "record \(record.sequence): receipt number \(record.receiptNumber) does not carry node \(peer)'s code \(registration.code)"))
            }
            guard seen.insert(record.receiptNumber).inserted else {
                return .refuse(BatchRefusal(.malformed, "record \(record.sequence): receipt number \(record.receiptNumber) appears twice in the batch"))
            }
        }
        let hash = SHA256.hash(batch.headerBytes)
        if let accepted = holdings.accepted {
            if accepted.batchHash == hash { return .replay(receipt: accepted.receipt) }
            let refusal = BatchRefusal(.equivocation, "node \(peer) already had batch \(header.batchSequence) accepted with hash \(Hex.encode(accepted.batchHash)); this different batch (hash \(Hex.encode(hash))) is refused and reported to operators")
            return .equivocation(batch, batchHash: hash, acceptedHash: accepted.batchHash, refusal)
        }
        let chain = holdings.chain
        guard header.batchSequence == chain.expectedBatchSequence else {
            return .refuse(BatchRefusal(.gap, "central holds batches up to \(chain.lastBatchSequence) from node \(peer) and expects batch \(chain.expectedBatchSequence), not \(header.batchSequence)",
                                        expectedBatch: chain.expectedBatchSequence))
        }
        guard header.previousBatchHash == chain.lastBatchHash else {
            return .refuse(BatchRefusal(.brokenChain, "batch \(header.batchSequence) chains to \(Hex.encode(header.previousBatchHash)) but batch \(chain.lastBatchSequence) at central has hash \(Hex.encode(chain.lastBatchHash))"))
        }
        guard header.firstRecordSequence == chain.expectedRecordSequence else {
            return .refuse(BatchRefusal(.recordGap, "batch \(header.batchSequence) starts at record \(header.firstRecordSequence); central holds records up to \(chain.lastRecordSequence) and expects \(chain.expectedRecordSequence)"))
        }
        if let held = holdings.heldReceiptNumbers.sorted().first {
            return .refuse(BatchRefusal(.duplicateReceipt, "receipt number \(held) is already held by central for another record"))
        }
        return .accept(batch, batchHash: hash)
    }
}

extension BatchAcceptor {
    /// Bytes of an upload's beginning that hold the header and its signature.
    public static let prefixLength = 4 + SignedBatch.maxHeaderLength + SignedBatch.signatureLength

    /// Checks what the first bytes of an upload already decide, so a batch that will be
    /// refused is refused before the rest crosses a slow link: the header decodes, is
    /// numbered as uploaded, is the sender's, is validly signed, and declares the
    /// uploaded length. Returns nil when nothing is wrong yet (or too few bytes are in).
    public func prefixRefusal(_ prefix: [UInt8], totalLength: Int, batchSequence sequence: UInt64,
                              peer: NodeID, registration: NodeRegistration) -> BatchRefusal? {
        guard prefix.count >= 4 else { return nil }
        let headerLength = prefix.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard headerLength <= SignedBatch.maxHeaderLength else {
            return BatchRefusal(.malformed, "the batch does not decode: header length \(headerLength) exceeds \(SignedBatch.maxHeaderLength)")
        }
        let signatureEnd = 4 + headerLength + SignedBatch.signatureLength
        guard prefix.count >= signatureEnd else { return nil }
        let headerBytes = Array(prefix[4..<(4 + headerLength)])
        let header: BatchHeader
        do {
            header = try BatchHeader(decoding: headerBytes)
        } catch {
            return BatchRefusal(.malformed, "the batch does not decode: \(error)")
        }
        guard header.batchSequence == sequence else {
            return BatchRefusal(.malformed, "uploaded as batch \(sequence) but its header says batch \(header.batchSequence)")
        }
        guard header.nodeID == peer else {
            return BatchRefusal(.wrongNode, "the batch is from node \(header.nodeID) but was sent by node \(peer)")
        }
        let signature = prefix[(4 + headerLength)..<signatureEnd]
        guard registration.signingKey.isValidSignature(signature, for: headerBytes) else {
            return BatchRefusal(.badSignature, "the signature over batch \(sequence)'s header does not verify with node \(peer)'s registered key")
        }
        guard UInt64(totalLength) == UInt64(signatureEnd) + header.recordsByteLength else {
            return BatchRefusal(.malformed, "the upload is declared as \(totalLength) bytes but the header makes the batch \(UInt64(signatureEnd) + header.recordsByteLength)")
        }
        return nil
    }
}
