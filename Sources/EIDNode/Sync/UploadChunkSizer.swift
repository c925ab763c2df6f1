import Synchronization

/// How many bytes each upload request carries, adapted to the link like TCP's window
/// (additive increase, multiplicative decrease): halved after a request the link lost
/// (down to ``minimum``), grown by ``minimum`` after one central took (up to ``maximum``). On a link that cuts every few tens of kilobytes, 64 KiB requests would
/// rarely get through; smaller ones do, and each is kept by central as it arrives.
/// Shared by the rounds of a long-running agent, so what it learnt survives a round.
public final class UploadChunkSizer: Sendable {
    public let minimum: Int
    public let maximum: Int
    private let current: Mutex<Int>

    public init(minimum: Int = 4 * 1024, maximum: Int = 64 * 1024) {
        self.maximum = max(1, maximum)
        self.minimum = max(1, min(minimum, self.maximum))
        current = Mutex(self.maximum)
    }

    /// The size of the next request.
    public var size: Int { current.withLock { $0 } }

    /// Central took a chunk: try larger ones.
    public func chunkSucceeded() {
        current.withLock { $0 = min(maximum, $0 + minimum) }
    }

    /// The link failed during a chunk: try smaller ones.
    public func chunkFailed() {
        current.withLock { $0 = max(minimum, $0 / 2) }
    }
}
