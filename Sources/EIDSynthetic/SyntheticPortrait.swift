import EIDBiometrics

/// A seeded 1-bit greyscale PNG standing in for the portrait photo: an oval "face"
/// over dithered noise, so its size is that of a real compressed ID photo.
enum SyntheticPortrait {
    /// A light oval on a dark ground with seeded speckle (`compact` false: stored
    /// deflate, ~38 KB at 480×640), or a plain oval marked with the seed's 64 bits
    /// (`compact`: deflate-compressed, about 2 KB; same header, same pixel size).
    static func png(width: Int, height: Int, seed: UInt64, compact: Bool = false) -> [UInt8] {
        var rng = SplitMix64(seed: seed ^ 0x9047)
        let rowBytes = (width + 7) / 8
        let centreX = width / 2
        let radiusX = Double(width / 3), radiusY = Double(height / 3)
        var rows: [[UInt8]] = []
        rows.reserveCapacity(height)
        for y in 0..<height {
            // Pixels with |x - centre| < half are inside the oval on this row.
            let fy = Double(y - height * 2 / 5) / radiusY
            let half = fy * fy < 1 ? radiusX * (1 - fy * fy).squareRoot() : -1
            let first = Int((Double(centreX) - half).rounded(.up)), last = Int((Double(centreX) + half).rounded(.down))
            var row = [UInt8](repeating: 0, count: rowBytes)
            for byteIndex in 0..<rowBytes {
                let low = byteIndex * 8, high = byteIndex * 8 + 7
                var inside: UInt8 = 0
                if low >= first && high <= last {
                    inside = 0xFF
                } else if high >= first && low <= last {
                    for bit in 0..<8 where (first...last).contains(low + bit) { inside |= 0x80 >> UInt8(bit) }
                }
                if compact {
                    row[byteIndex] = inside
                    continue
                }
                let noise = rng.next()
                // Inside: a pixel is on when either of two noise bits is (3 in 4);
                // outside: when three noise bits are all off (1 in 8).
                let dense = UInt8(truncatingIfNeeded: noise | noise >> 1)
                let sparse = ~UInt8(truncatingIfNeeded: noise >> 8 | noise >> 9 | noise >> 10)
                row[byteIndex] = (inside & dense) | (~inside & sparse)
            }
            rows.append(row)
        }
        if compact, height > 8, rowBytes >= 8 {
            // The seed in the last row, so no two applicants' portraits are the same.
            let mark = rng.next()
            for index in 0..<8 { rows[height - 2][index] = UInt8(truncatingIfNeeded: mark >> UInt64(8 * index)) }
        }
        return PNGWriter.grayscale1Bit(width: width, height: height, rows: rows, compressed: compact)
    }
}
