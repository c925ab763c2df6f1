/// How a ``Database`` connection is opened.
public struct DatabaseConfiguration: Sendable {
    /// `PRAGMA synchronous` levels. `full` makes every commit durable at the cost of
    /// an fsync per transaction; it is the default because an acknowledged write
    /// must survive a crash.
    public enum Synchronous: String, Sendable {
        case off = "OFF", normal = "NORMAL", full = "FULL", extra = "EXTRA"
    }

    /// Use write-ahead logging (the default).
    public var walMode = true
    public var synchronous = Synchronous.full
    /// Enforce foreign keys (the default).
    public var foreignKeys = true
    /// How long a writer waits for a lock held by another connection, in milliseconds.
    public var busyTimeoutMilliseconds: Int32 = 5_000
    /// Open read-only.
    public var readOnly = false
    /// Create the file when it does not exist.
    public var createIfMissing = true

    public init() {}
}
