/// A small deflate (RFC 1951) compressor: one block with the fixed Huffman codes, and
/// LZ77 matches looked for at a few given distances only (1 for runs, one row for an
/// image whose rows repeat). Enough to make synthetic PNG portraits a few kilobytes
/// instead of forty, for tests that enroll thousands of applicants; not a general
/// compressor.
enum DeflateEncoder {
    /// `data` as one final fixed-Huffman block, matching at `distances` (each 1...32,768).
    static func compress(_ data: [UInt8], distances: [Int]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1)  // BFINAL
        bits.write(1, count: 2)  // BTYPE = 01, fixed Huffman
        data.withUnsafeBufferPointer { bytes in
            var position = 0
            while position < bytes.count {
                var best = (length: 0, distance: 0)
                let limit = min(258, bytes.count - position)
                for distance in distances where distance <= position && distance <= 32_768 && best.length < limit {
                    var length = 0
                    while length < limit, bytes[position + length] == bytes[position + length - distance] { length += 1 }
                    if length > best.length { best = (length, distance) }
                }
                if best.length >= 3 {
                    writeLength(best.length, &bits)
                    writeDistance(best.distance, &bits)
                    position += best.length
                } else {
                    writeLiteral(Int(bytes[position]), &bits)
                    position += 1
                }
            }
        }
        writeLiteral(256, &bits)  // end of block
        return bits.finish()
    }

    /// zlib (RFC 1950) around ``compress(_:distances:)``: header, deflate, Adler-32.
    static func zlib(_ data: [UInt8], distances: [Int]) -> [UInt8] {
        // CMF 0x78 (deflate, 32 KiB window), FLG 0x01 (no dictionary, lowest level; 0x7801 % 31 == 0).
        [0x78, 0x01] + compress(data, distances: distances) + PNGWriter.bigEndian(PNGWriter.adler32(data))
    }

    /// Literal/length symbol with the fixed code (RFC 1951 3.2.6).
    private static func writeLiteral(_ symbol: Int, _ bits: inout BitWriter) {
        switch symbol {
        case 0...143: bits.writeHuffman(0x30 + symbol, count: 8)
        case 144...255: bits.writeHuffman(0x190 + symbol - 144, count: 9)
        case 256...279: bits.writeHuffman(symbol - 256, count: 7)
        default: bits.writeHuffman(0xC0 + symbol - 280, count: 8)
        }
    }

    static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                              131, 163, 195, 227, 258]
    static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private static func writeLength(_ length: Int, _ bits: inout BitWriter) {
        let index = lastIndex(atMost: length, in: lengthBases)
        writeLiteral(257 + index, &bits)
        bits.write(length - lengthBases[index], count: lengthExtraBits[index])
    }

    private static func writeDistance(_ distance: Int, _ bits: inout BitWriter) {
        let index = lastIndex(atMost: distance, in: distanceBases)
        bits.writeHuffman(index, count: 5)
        bits.write(distance - distanceBases[index], count: distanceExtraBits[index])
    }

    /// The last index of ascending `bases` whose value is at most `value` (a plain loop: fast in debug builds too).
    private static func lastIndex(atMost value: Int, in bases: [Int]) -> Int {
        var index = bases.count - 1
        while bases[index] > value { index -= 1 }
        return index
    }

    /// Packs bits least significant first, as deflate stores them.
    private struct BitWriter {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var filled = 0

        /// `value`'s low `count` bits, least significant first (header fields, extra bits).
        mutating func write(_ value: Int, count: Int) {
            guard count > 0 else { return }
            buffer |= UInt32(value & ((1 << count) - 1)) << UInt32(filled)
            filled += count
            while filled >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
                filled -= 8
            }
        }

        /// A Huffman code, which deflate stores most significant bit first.
        mutating func writeHuffman(_ code: Int, count: Int) {
            var reversed = 0
            for bit in 0..<count where code & (1 << bit) != 0 { reversed |= 1 << (count - 1 - bit) }
            write(reversed, count: count)
        }

        mutating func finish() -> [UInt8] {
            if filled > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
            return bytes
        }
    }
}
