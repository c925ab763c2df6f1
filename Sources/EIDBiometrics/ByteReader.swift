/// Reads big-endian fields from a byte array, throwing `.truncated` instead of reading past the end.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var remaining: Int { bytes.count - offset }

    /// Fails unless `count` more bytes are available.
    func require(_ count: Int, for part: MinutiaeRecordPart) throws(MinutiaeRecordError) {
        guard count <= remaining else {
            throw .truncated(part, offset: offset, needed: count, available: remaining)
        }
    }

    mutating func bytes(_ count: Int, for part: MinutiaeRecordPart) throws(MinutiaeRecordError) -> [UInt8] {
        try require(count, for: part)
        defer { offset += count }
        return Array(bytes[offset ..< offset + count])
    }

    mutating func uint8(for part: MinutiaeRecordPart) throws(MinutiaeRecordError) -> UInt8 {
        try require(1, for: part)
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint16(for part: MinutiaeRecordPart) throws(MinutiaeRecordError) -> UInt16 {
        try require(2, for: part)
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func uint32(for part: MinutiaeRecordPart) throws(MinutiaeRecordError) -> UInt32 {
        try require(4, for: part)
        defer { offset += 4 }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16
            | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }
}

extension Array where Element == UInt8 {
    /// Big-endian 16-bit value at `offset` (caller checks bounds).
    func bigEndianUInt16(at offset: Int) -> UInt16 {
        UInt16(self[offset]) << 8 | UInt16(self[offset + 1])
    }

    /// Big-endian 32-bit value at `offset` (caller checks bounds).
    func bigEndianUInt32(at offset: Int) -> UInt32 {
        UInt32(self[offset]) << 24 | UInt32(self[offset + 1]) << 16 | UInt32(self[offset + 2]) << 8 | UInt32(self[offset + 3])
    }

    mutating func appendBigEndian(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8(value >> 16 & 0xFF))
        append(UInt8(value >> 8 & 0xFF))
        append(UInt8(value & 0xFF))
    }
}
