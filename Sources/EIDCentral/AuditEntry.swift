public import EIDCore
import EIDCrypto

/// One entry of central's append-only, hash-chained audit log.
///
/// `entry_hash = SHA-256(bytes)` where `bytes` is (big-endian, docs/central.md):
/// `"EIDL" | u8 version=1 | u64 seq | i64 at_ms | str action | str node_id |
///  u64 batch_seq | [32] batch_hash | str code | str detail | [32] previous_hash`
/// and `previous_hash` is the previous entry's `entry_hash` (32 zero bytes for the
/// first). Changing, removing or reordering any entry breaks every hash after it.
public struct AuditEntry: Sendable, Equatable {
    public static let magic: [UInt8] = Array("EIDL".utf8)
    public static let version: UInt8 = 1

    /// What was decided.
    public enum Action: String, Sendable, CaseIterable {
        /// A node was registered, or its key or revocation changed.
        case register
        /// A batch was accepted and its receipt issued.
        case accept
        /// A batch (or an upload) was refused; `code` says why.
        case refuse
        /// A node sent a second, different batch under an accepted number.
        case equivocation
        /// An event was added to a node's down-sync feed.
        case event
    }

    public var sequence: UInt64
    public var atMilliseconds: Int64
    public var action: Action
    public var nodeID: String
    public var batchSequence: UInt64
    public var batchHash: [UInt8]
    public var code: String
    public var detail: String
    public var previousHash: [UInt8]

    public init(sequence: UInt64, atMilliseconds: Int64, action: Action, nodeID: String, batchSequence: UInt64 = 0,
                batchHash: [UInt8] = BatchHeader.genesisHash, code: String = "", detail: String = "",
                previousHash: [UInt8]) {
        self.sequence = sequence
        self.atMilliseconds = atMilliseconds
        self.action = action
        self.nodeID = nodeID
        self.batchSequence = batchSequence
        self.batchHash = batchHash
        self.code = code
        self.detail = Self.bounded(detail)
        self.previousHash = previousHash
    }

    /// The hashed bytes.
    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 128 + detail.utf8.count)
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        writer.write(sequence)
        writer.write(atMilliseconds)
        writer.write(string: action.rawValue)
        writer.write(string: nodeID)
        writer.write(batchSequence)
        writer.write(raw: batchHash)
        writer.write(string: code)
        writer.write(string: detail)
        writer.write(raw: previousHash)
        return writer.bytes
    }

    /// `SHA-256(encoded())`.
    public var entryHash: [UInt8] { SHA256.hash(encoded()) }

    /// Longest detail kept, in UTF-8 bytes (longer text is cut at a character boundary).
    public static let maxDetailBytes = 4096

    static func bounded(_ text: String) -> String {
        guard text.utf8.count > maxDetailBytes else { return text }
        var result = ""
        for character in text {
            if result.utf8.count + character.utf8.count > maxDetailBytes - 3 { break }
            result.append(character)
        }
        return result + "..."
    }
}
