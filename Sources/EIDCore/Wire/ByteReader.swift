/// Reads big-endian integers and length-prefixed fields, throwing
/// ``WireFormatError`` with the field name and offset on short input.
public struct ByteReader: Sendable {
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes not yet read.
    public var remaining: Int { bytes.count - offset }

    private mutating func take(_ count: Int, _ field: String) throws(WireFormatError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else {
            throw .truncated(field: field, offset: offset, needed: count - max(0, remaining))
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    public mutating func readUInt8(_ field: String) throws(WireFormatError) -> UInt8 {
        try take(1, field).first!
    }

    public mutating func readUInt16(_ field: String) throws(WireFormatError) -> UInt16 {
        try take(2, field).reduce(0) { $0 << 8 | UInt16($1) }
    }

    public mutating func readUInt32(_ field: String) throws(WireFormatError) -> UInt32 {
        try take(4, field).reduce(0) { $0 << 8 | UInt32($1) }
    }

    public mutating func readUInt64(_ field: String) throws(WireFormatError) -> UInt64 {
        try take(8, field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    public mutating func readInt64(_ field: String) throws(WireFormatError) -> Int64 {
        Int64(bitPattern: try readUInt64(field))
    }

    /// Exactly `count` raw bytes.
    public mutating func readRaw(_ count: Int, _ field: String) throws(WireFormatError) -> [UInt8] {
        Array(try take(count, field))
    }

    /// UTF-8 text with a 2-byte length prefix, at most `maxLength` bytes.
    public mutating func readString(_ field: String, maxLength: Int = 1024) throws(WireFormatError) -> String {
        let length = Int(try readUInt16(field))
        guard length <= maxLength else {
            throw .invalidField(field: field, reason: "length \(length) exceeds \(maxLength)")
        }
        let raw = try take(length, field)
        guard let text = String(validating: raw, as: UTF8.self) else {
            throw .invalidField(field: field, reason: "not valid UTF-8")
        }
        return text
    }

    /// Bytes with a 4-byte length prefix, at most `maxLength` bytes.
    public mutating func readBlob(_ field: String, maxLength: Int) throws(WireFormatError) -> [UInt8] {
        let length = Int(try readUInt32(field))
        guard length <= maxLength else {
            throw .invalidField(field: field, reason: "length \(length) exceeds \(maxLength)")
        }
        return Array(try take(length, field))
    }

    /// Checks and consumes the magic bytes.
    public mutating func expectMagic(_ magic: [UInt8], structure: String) throws(WireFormatError) {
        let found = try take(magic.count, "\(structure) magic")
        guard Array(found) == magic else { throw .badMagic(expected: structure, found: Array(found)) }
    }

    /// Throws when bytes remain.
    public func expectEnd(_ structure: String) throws(WireFormatError) {
        if remaining > 0 { throw .trailingBytes(structure: structure, count: remaining) }
    }
}
