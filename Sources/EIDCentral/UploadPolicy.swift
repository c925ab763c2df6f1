import EIDCore

/// The rules for one chunk of a batch upload (`PUT /v1/batches/{seq}?offset=&total=`),
/// with no I/O: where a chunk may go given what central has persisted.
///
/// A node uploads batch `seq` as consecutive chunks; central persists each as it
/// arrives, so a cut link costs at most the chunk in flight. A chunk is taken only if
/// it starts exactly where the persisted bytes end; otherwise central names the offset
/// it holds (`offset_mismatch`) and the node resumes there.
public struct UploadPolicy: Sendable {
    public var limits: CentralLimits

    public init(limits: CentralLimits = CentralLimits()) {
        self.limits = limits
    }

    /// A chunk as the node sent it.
    public struct Chunk: Sendable, Equatable {
        public var batchSequence: UInt64
        public var offset: Int
        public var totalLength: Int
        public var length: Int

        public init(batchSequence: UInt64, offset: Int, totalLength: Int, length: Int) {
            self.batchSequence = batchSequence
            self.offset = offset
            self.totalLength = totalLength
            self.length = length
        }
    }

    /// What central holds of this upload.
    public struct Partial: Sendable, Equatable {
        public var totalLength: Int
        public var persistedLength: Int

        public init(totalLength: Int, persistedLength: Int) {
            self.totalLength = totalLength
            self.persistedLength = persistedLength
        }
    }

    /// What to do with the chunk.
    public enum Step: Sendable, Equatable {
        /// Append it to the partial upload (after discarding the one held, when `restart`).
        case append(restart: Bool)
        /// Refuse it; nothing is persisted.
        case refuse(BatchRefusal)
    }

    /// Decides on `chunk` for a node whose chain is `chain`, with `partial` held for this batch.
    public func step(for chunk: Chunk, chain: ChainState, partial: Partial?) -> Step {
        guard chunk.length <= limits.maxChunkBytes else {
            return .refuse(BatchRefusal(.tooLarge, "the chunk is \(chunk.length) bytes; central takes at most \(limits.maxChunkBytes) per request"))
        }
        guard chunk.totalLength <= limits.maxBatchBytes else {
            return .refuse(BatchRefusal(.tooLarge, "the batch is \(chunk.totalLength) bytes; central accepts at most \(limits.maxBatchBytes)"))
        }
        guard chunk.batchSequence >= 1, chunk.batchSequence <= BatchHeader.maxSequence else {
            return .refuse(BatchRefusal(.malformed, "batch number \(chunk.batchSequence) is out of range"))
        }
        guard chunk.totalLength >= 1 else {
            return .refuse(BatchRefusal(.malformed, "the total length must be at least 1"))
        }
        guard chunk.length >= 1 else {
            return .refuse(BatchRefusal(.malformed, "the chunk is empty"))
        }
        guard chunk.offset >= 0, chunk.offset <= chunk.totalLength - chunk.length else {
            return .refuse(BatchRefusal(.malformed, "a chunk of \(chunk.length) bytes at offset \(chunk.offset) does not fit a batch of \(chunk.totalLength) bytes"))
        }
        guard chunk.batchSequence <= chain.expectedBatchSequence else {
            return .refuse(BatchRefusal(.gap, "central holds batches up to \(chain.lastBatchSequence) and expects batch \(chain.expectedBatchSequence), not \(chunk.batchSequence)",
                                        expectedBatch: chain.expectedBatchSequence))
        }
        guard let partial, partial.totalLength == chunk.totalLength else {
            // Nothing held (or an upload of another length, which this one replaces): it starts at 0.
            guard chunk.offset == 0 else { return .refuse(mismatch(expected: 0, chunk)) }
            return .append(restart: true)
        }
        guard chunk.offset == partial.persistedLength else {
            return .refuse(mismatch(expected: partial.persistedLength, chunk))
        }
        return .append(restart: false)
    }

    func mismatch(expected: Int, _ chunk: Chunk) -> BatchRefusal {
        BatchRefusal(.offsetMismatch, "central holds \(expected) byte(s) of batch \(chunk.batchSequence); send from offset \(expected), not \(chunk.offset)",
                     expectedOffset: expected)
    }
}
