/// Writes real PNG files (signature, IHDR, IDAT, IEND with CRC-32; zlib stream with
/// Adler-32) for synthetic portraits. 1-bit greyscale in stored (uncompressed) deflate
/// blocks keeps a 480×640 portrait at about 38 KB, the size of a typical compressed ID
/// photo; `compressed` uses ``DeflateEncoder`` instead (a few KB for a plain image).
public enum PNGWriter {
    /// A 1-bit greyscale image; `rows[y]` holds `(width + 7) / 8` packed bytes.
    public static func grayscale1Bit(width: Int, height: Int, rows: [[UInt8]], compressed: Bool = false) -> [UInt8] {
        precondition(rows.count == height && rows.allSatisfy { $0.count == (width + 7) / 8 })
        var raw: [UInt8] = []
        raw.reserveCapacity(height * (1 + (width + 7) / 8))
        for row in rows {
            raw.append(0)  // filter type: none
            raw.append(contentsOf: row)
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        ihdr += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
        ihdr += [1, 0, 0, 0, 0]  // bit depth 1, colour type 0 (greyscale), deflate, filter 0, no interlace
        png += chunk("IHDR", ihdr)
        // Matches one row back (a row like the one above) and one byte back (runs).
        png += chunk("IDAT", compressed ? DeflateEncoder.zlib(raw, distances: [1 + (width + 7) / 8, 1]) : zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
    }

    /// zlib (RFC 1950) around deflate (RFC 1951) stored blocks of at most 65,535 bytes.
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out.append(final)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        return out + bigEndian(adler32(data))
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        // Indexing a buffer pointer keeps this fast in debug builds too (tests make thousands).
        data.withUnsafeBufferPointer { bytes in
            // 5,552 bytes is the most that can be summed before b could overflow (RFC 1950).
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + 5_552)
                var index = start
                while index < end {
                    a &+= UInt32(bytes[index])
                    b &+= a
                    index += 1
                }
                a %= 65_521
                b %= 65_521
                start = end
            }
        }
        return b << 16 | a
    }

    static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
