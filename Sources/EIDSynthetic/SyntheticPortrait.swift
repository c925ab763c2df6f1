import EIDBiometrics

/// A seeded 1-bit greyscale PNG standing in for the portrait photo: an oval "face"
/// over dithered noise, so its size is that of a real compressed ID photo.
enum SyntheticPortrait {
    static func png(width: Int, height: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed ^ 0x9047)
        let rowBytes = (width + 7) / 8
        var rows: [[UInt8]] = []
        rows.reserveCapacity(height)
        for y in 0..<height {
            var row = [UInt8](repeating: 0, count: rowBytes)
            for byteIndex in 0..<rowBytes {
                var byte: UInt8 = 0
                let noise = rng.next()
                for bit in 0..<8 {
                    let x = byteIndex * 8 + bit
                    let fx = Double(x - width / 2) / Double(width / 3), fy = Double(y - height * 2 / 5) / Double(height / 3)
                    let inside = fx * fx + fy * fy < 1
                    let on = inside ? (noise >> UInt64(bit)) & 3 != 0 : (noise >> UInt64(bit + 8)) & 7 == 0
                    if on { byte |= 0x80 >> UInt8(bit) }
                }
                row[byteIndex] = byte
            }
            rows.append(row)
        }
        return PNGWriter.grayscale1Bit(width: width, height: height, rows: rows)
    }
}
