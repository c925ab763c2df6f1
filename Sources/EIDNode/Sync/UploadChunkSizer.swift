import Synchronization

/// How many bytes each upload request carries, adapted to the link much like TCP's
/// window. It starts at ``initial`` and doubles after each request central took
/// ("slow start") until the first loss or ``maximum``; after a loss it halves (down to
/// ``minimum``) and from then on grows by a sixteenth (at least ``minimum``) per success.
/// On a link that cuts every 256 KiB on average this settles near 64 KiB, so a cut
/// costs little; on a clean link it reaches ``maximum`` within a few requests, so a
/// whole batch travels in one request and central commits it once. Requests are also
/// kept to about ``targetSeconds`` at the rate the last one achieved, so a slow (2G)
/// link never gets a request that would outlast the timeout.
/// Shared by the rounds of a long-running agent, so what it learnt survives a round.
public final class UploadChunkSizer: Sendable {
    public let minimum: Int
    public let maximum: Int
    public let initial: Int
    /// The longest a request should take at the measured rate.
    public let targetSeconds: Double
    private let state: Mutex<State>

    private struct State {
        var size: Int
        var slowStart = true
    }

    public init(minimum: Int = 4 * 1024, maximum: Int = 2 * 1024 * 1024, initial: Int = 64 * 1024, targetSeconds: Double = 5) {
        self.maximum = max(1, maximum)
        self.minimum = max(1, min(minimum, self.maximum))
        self.initial = max(self.minimum, min(initial, self.maximum))
        self.targetSeconds = max(0.1, targetSeconds)
        state = Mutex(State(size: self.initial))
    }

    /// The size of the next request.
    public var size: Int { state.withLock { $0.size } }

    /// Central took a chunk: try larger ones. With `bytes` and `seconds` (how long the
    /// request took), the next one is kept to about ``targetSeconds`` at that rate.
    public func chunkSucceeded(bytes: Int? = nil, seconds: Double? = nil) {
        state.withLock { state in
            var next = state.slowStart ? state.size * 2 : state.size + max(minimum, state.size / 16)
            if let bytes, let seconds, seconds > 0, bytes > 0 {
                next = min(next, max(minimum, Int(min(Double(maximum), Double(bytes) / seconds * targetSeconds))))
            }
            state.size = max(minimum, min(maximum, next))
        }
    }

    /// The link failed during a chunk: try smaller ones.
    public func chunkFailed() {
        state.withLock { state in
            state.slowStart = false
            state.size = max(minimum, state.size / 2)
        }
    }
}
