import Glibc

/// A point in monotonic time by which an operation must finish, with the limit it came
/// from and what it was for, so a timeout error can say "request head not received
/// within 10 s" instead of just "timed out".
public struct Deadline: Sendable, CustomStringConvertible {
    /// CLOCK_MONOTONIC nanoseconds.
    let instant: UInt64
    /// The duration this deadline was set from.
    public let limit: Duration
    /// What must happen before it, e.g. "TLS handshake" or "request head".
    public let purpose: String

    /// `limit` from now.
    public init(after limit: Duration, for purpose: String) {
        self.limit = limit
        self.purpose = purpose
        let nanoseconds = max(0, limit.components.seconds) * 1_000_000_000
            + max(0, limit.components.attoseconds / 1_000_000_000)
        self.instant = Deadline.now() &+ UInt64(nanoseconds)
    }

    private init(instant: UInt64, limit: Duration, purpose: String) {
        self.instant = instant
        self.limit = limit
        self.purpose = purpose
    }

    /// The earlier of the two (its purpose and limit go with it).
    public func earliest(_ other: Deadline) -> Deadline { other.instant < instant ? other : self }

    public var hasPassed: Bool { Deadline.now() >= instant }

    /// Time left, zero once passed.
    public var remaining: Duration {
        let now = Deadline.now()
        return now >= instant ? .zero : .nanoseconds(Int64(instant - now))
    }

    /// Milliseconds left for `poll`, rounded up so a poll never returns just before the deadline.
    var pollTimeout: Int32 {
        let now = Deadline.now()
        guard instant > now else { return 0 }
        return Int32(min(UInt64(Int32.max), (instant - now + 999_999) / 1_000_000))
    }

    /// The error to throw when this deadline has passed.
    var expired: LinkError { .timedOut(purpose: purpose, limit: limit) }

    public var description: String { "\(purpose) within \(formatDuration(limit))" }

    static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}

/// "10 s", "250 ms".
func formatDuration(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    if attoseconds == 0 { return "\(seconds) s" }
    let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
    return "\(milliseconds) ms"
}
