/// Computes a log digest (docs/PROTOCOL.md 1.11) one record at a time, so a store can
/// page through millions of records: every record's hash is recomputed from its bytes
/// and must equal the stored one, and sequences must run 1, 2, 3, ... with no gap.
///
/// Not `Sendable` (mutable, holds a ``SHA256Hasher``); use it from one thread, once.
public final class LogDigester {
    /// One stored record: its position, the hash stored beside it, its bytes.
    public typealias Entry = (sequence: UInt64, storedHash: [UInt8], bytes: [UInt8])

    private let hasher = SHA256Hasher()
    /// Records added so far (the sequence of the last one).
    public private(set) var count: UInt64 = 0

    public init() {}

    /// Adds the next record; throws a description of the first disagreement.
    public func add(_ entry: Entry) throws(LogDigesterError) {
        guard entry.sequence == count + 1 else {
            throw LogDigesterError(sequence: count + 1,
                                   reason: "missing (the next record stored is \(entry.sequence)): the log has a gap or a repeat")
        }
        let hash = SHA256.hash(entry.bytes)
        guard hash == entry.storedHash else {
            throw LogDigesterError(sequence: entry.sequence, reason: "its stored hash is not the SHA-256 of its stored bytes")
        }
        hasher.update(hash)
        count = entry.sequence
    }

    /// The digest over every record added.
    public func finish() -> [UInt8] { hasher.finalize() }

    /// The digest of records `1 ... last`, read `pageSize` at a time with `page` (which
    /// returns the stored records of a range in sequence order).
    public static func digest(through last: UInt64, pageSize: UInt64 = 500,
                              page: (ClosedRange<UInt64>) throws -> [Entry]) throws -> [UInt8] {
        let digester = LogDigester()
        var next: UInt64 = 1
        while next <= last {
            let upper = min(last, next + max(1, pageSize) - 1)
            for entry in try page(next...upper) { try digester.add(entry) }
            guard digester.count == upper else {
                throw LogDigesterError(sequence: digester.count + 1, reason: "missing from the log")
            }
            next = upper + 1
        }
        return digester.finish()
    }
}

/// A record that does not fit the log digest's rules.
public struct LogDigesterError: Error, Sendable, CustomStringConvertible {
    public let sequence: UInt64
    public let reason: String

    public var description: String { "record \(sequence): \(reason)" }
}
