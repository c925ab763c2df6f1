public import EIDCore

/// Where one node's chain stands at central: the last accepted batch and record.
public struct ChainState: Sendable, Equatable {
    /// 0 when nothing is accepted yet.
    public var lastBatchSequence: UInt64
    /// The genesis (zero) hash when nothing is accepted yet.
    public var lastBatchHash: [UInt8]
    /// 0 when nothing is accepted yet.
    public var lastRecordSequence: UInt64

    public init(lastBatchSequence: UInt64 = 0, lastBatchHash: [UInt8] = BatchHeader.genesisHash, lastRecordSequence: UInt64 = 0) {
        self.lastBatchSequence = lastBatchSequence
        self.lastBatchHash = lastBatchHash
        self.lastRecordSequence = lastRecordSequence
    }

    /// The batch number central will accept next.
    public var expectedBatchSequence: UInt64 { lastBatchSequence + 1 }
    /// The record sequence the next batch must start at.
    public var expectedRecordSequence: UInt64 { lastRecordSequence + 1 }
}
