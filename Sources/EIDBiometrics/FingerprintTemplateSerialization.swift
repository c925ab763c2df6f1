/// The stored form of a `FingerprintTemplate` (version 1, all integers big-endian):
///
/// | Offset | Size | Field |
/// |---|---|---|
/// | 0 | 4 | "EFT\0" |
/// | 4 | 1 | version, 1 |
/// | 5 | 1 | finger position 0...10 |
/// | 6 | 1 | minutia count n, 0...100 |
/// | 7 | 1 | reserved, 0 |
/// | 8 | 6n | minutiae in canonical order: x (2), y (2) in 500-dpi pixels 0...32767, direction (1) in 1/256 turn, type (1) 0 other, 1 ending, 2 bifurcation |
/// | 8 + 6n | 4 | CRC-32 (PNG polynomial) of bytes 0 ..< 8 + 6n |
extension FingerprintTemplate {
    static let magic: [UInt8] = [0x45, 0x46, 0x54, 0x00]
    static let serializationVersion: UInt8 = 1
    static let headerSize = 8

    /// The template's stored form: 12 + 6 × minutiae bytes.
    public func serialized() -> [UInt8] {
        var bytes = Self.magic
        bytes.reserveCapacity(Self.headerSize + 6 * minutiae.count + 4)
        bytes += [Self.serializationVersion, position.rawValue, UInt8(minutiae.count), 0]
        for minutia in minutiae {
            let x = UInt16(bitPattern: minutia.x), y = UInt16(bitPattern: minutia.y)
            bytes += [UInt8(x >> 8), UInt8(x & 0xFF), UInt8(y >> 8), UInt8(y & 0xFF), minutia.direction, minutia.type]
        }
        let crc = CRC32.checksum(bytes[...])
        bytes += [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
        return bytes
    }

    /// Reads a stored template, refusing anything `serialized()` would not have written.
    public init<Bytes: Collection>(serialized input: Bytes) throws(FingerprintTemplateError) where Bytes.Element == UInt8 {
        let bytes = Array(input)
        guard bytes.count >= Self.headerSize + 4 else {
            throw .truncated(needed: Self.headerSize + 4, available: bytes.count)
        }
        guard Array(bytes[0 ..< 4]) == Self.magic else { throw .badMagic(Array(bytes[0 ..< 4])) }
        guard bytes[4] == Self.serializationVersion else { throw .unsupportedVersion(bytes[4]) }
        guard let position = FingerPosition(rawValue: bytes[5]) else { throw .invalidFingerPosition(bytes[5]) }
        let count = Int(bytes[6])
        guard count <= Self.maximumMinutiae else { throw .tooManyMinutiae(count) }
        guard bytes[7] == 0 else { throw .reservedByteNotZero(bytes[7]) }
        let expected = Self.headerSize + 6 * count + 4
        guard bytes.count >= expected else { throw .truncated(needed: expected, available: bytes.count) }
        guard bytes.count == expected else { throw .trailingBytes(expected: expected, available: bytes.count) }
        let body = expected - 4
        let stored = bytes[body ..< expected].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let computed = CRC32.checksum(bytes[0 ..< body])
        guard stored == computed else { throw .checksumMismatch(stored: stored, computed: computed) }
        var minutiae: [MatchMinutia] = []
        minutiae.reserveCapacity(count)
        for index in 0 ..< count {
            let offset = Self.headerSize + 6 * index
            let x = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
            let y = UInt16(bytes[offset + 2]) << 8 | UInt16(bytes[offset + 3])
            guard x <= UInt16(Int16.max), y <= UInt16(Int16.max), bytes[offset + 5] <= 2 else {
                throw .invalidMinutia(index: index)
            }
            let minutia = MatchMinutia(x: Int16(x), y: Int16(y), direction: bytes[offset + 4], type: bytes[offset + 5])
            if let previous = minutiae.last, !(previous < minutia) { throw .notCanonical(index: index) }
            minutiae.append(minutia)
        }
        self.init(position: position, canonical: minutiae)
    }
}
