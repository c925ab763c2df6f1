/// Bounds on what a parser accepts, so a peer cannot make it allocate without limit.
public struct HTTPLimits: Sendable, Hashable {
    /// The request line or status line, without CRLF. Longer: 414 (request) / refused (response).
    public var maxStartLineBytes: Int
    /// The whole head: start line and every header line with their CRLFs. Larger: 431.
    public var maxHeadBytes: Int
    /// Number of header fields. More: 431.
    public var maxHeaderCount: Int
    /// The body. A larger Content-Length is refused before any of the body is read: 413.
    public var maxBodyBytes: Int

    public init(maxStartLineBytes: Int = 8 * 1024, maxHeadBytes: Int = 32 * 1024, maxHeaderCount: Int = 100,
                maxBodyBytes: Int = 16 * 1024 * 1024) {
        self.maxStartLineBytes = maxStartLineBytes
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}
