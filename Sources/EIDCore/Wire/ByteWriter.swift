/// Appends big-endian integers and length-prefixed fields to a byte buffer.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    public mutating func write(_ value: UInt8) { bytes.append(value) }

    public mutating func write(_ value: UInt16) {
        bytes.append(UInt8(value >> 8)); bytes.append(UInt8(value & 0xFF))
    }

    public mutating func write(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }

    public mutating func write(_ value: UInt64) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((value >> UInt64(shift)) & 0xFF)) }
    }

    public mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }

    /// Raw bytes with no length prefix (fixed-size fields, magic).
    public mutating func write<C: Collection>(raw value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
    }

    /// UTF-8 text with a 2-byte length prefix.
    public mutating func write(string value: String) {
        let utf8 = Array(value.utf8)
        precondition(utf8.count <= Int(UInt16.max), "string field longer than 65535 bytes")
        write(UInt16(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// Bytes with a 4-byte length prefix.
    public mutating func write(blob value: [UInt8]) {
        precondition(value.count <= Int(UInt32.max), "blob field longer than 4 GiB")
        write(UInt32(value.count))
        bytes.append(contentsOf: value)
    }
}
