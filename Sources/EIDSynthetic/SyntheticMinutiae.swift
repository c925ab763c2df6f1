import Foundation
import EIDBiometrics

/// Seeded fingerprint minutiae for synthetic applicants: a master set per
/// (person, finger) and, per capture, an impression with rotation, translation,
/// position and angle noise, and missing and spurious minutiae.
///
/// This is the simple generator the node's intake needs (valid, plausible records).
/// The biometrics module's evaluation uses its own, richer generator.
enum SyntheticMinutiae {
    static let width: UInt16 = 400
    static let height: UInt16 = 500

    static func master(personSeed: UInt64, finger: FingerPosition) -> [(x: Double, y: Double, angle: Double, bifurcation: Bool)] {
        var rng = SplitMix64(seed: personSeed ^ (UInt64(finger.rawValue) &* 0xA24B_AED4_963E_E407))
        let count = 40 + Int(rng.next() % 21)
        var points: [(x: Double, y: Double, angle: Double, bifurcation: Bool)] = []
        var attempts = 0
        while points.count < count && attempts < 10_000 {
            attempts += 1
            let x = 40 + Double(rng.next() % 320)
            let y = 40 + Double(rng.next() % 420)
            guard points.allSatisfy({ hypot($0.x - x, $0.y - y) >= 18 }) else { continue }
            // A smooth, ridge-like orientation field around a core near the centre.
            let angle = atan2(y - 250, x - 200) + .pi / 2 + Double(rng.next() % 100) / 400
            points.append((x, y, angle, rng.next() % 2 == 0))
        }
        return points
    }

    static func impression(personSeed: UInt64, finger: FingerPosition, captureSeed: UInt64) -> MinutiaeTemplate {
        var rng = SplitMix64(seed: captureSeed)
        func uniform() -> Double { Double(rng.next() % 1_000_000) / 1_000_000 }
        let rotation = (uniform() - 0.5) * 0.35
        let dx = (uniform() - 0.5) * 30, dy = (uniform() - 0.5) * 30
        var minutiae: [Minutia] = []
        for point in master(personSeed: personSeed, finger: finger) where uniform() > 0.12 {
            let cx = point.x - 200, cy = point.y - 250
            let x = 200 + cx * cos(rotation) - cy * sin(rotation) + dx + (uniform() - 0.5) * 6
            let y = 250 + cx * sin(rotation) + cy * cos(rotation) + dy + (uniform() - 0.5) * 6
            guard x >= 0, y >= 0, x < Double(width), y < Double(height) else { continue }
            let angle = point.angle + rotation + (uniform() - 0.5) * 0.2
            minutiae.append(makeMinutia(x: x, y: y, angle: angle, bifurcation: point.bifurcation,
                                        quality: UInt8(50 + rng.next() % 50)))
        }
        for _ in 0..<Int(rng.next() % 5) {
            minutiae.append(makeMinutia(x: Double(rng.next() % UInt64(width)), y: Double(rng.next() % UInt64(height)),
                                        angle: uniform() * 2 * .pi, bifurcation: false, quality: UInt8(20 + rng.next() % 40)))
        }
        let view = FingerView(position: finger, fingerQuality: UInt8(60 + rng.next() % 40), minutiae: minutiae)
        return MinutiaeTemplate(imageWidth: width, imageHeight: height, horizontalResolution: 197,
                                verticalResolution: 197, views: [view])
    }

    static func makeMinutia(x: Double, y: Double, angle: Double, bifurcation: Bool, quality: UInt8) -> Minutia {
        var degrees = angle * 180 / .pi
        degrees = degrees.truncatingRemainder(dividingBy: 360)
        if degrees < 0 { degrees += 360 }
        return Minutia(type: bifurcation ? .bifurcation : .ridgeEnding, x: UInt16(x), y: UInt16(y),
                       angle: MinutiaAngle(isoUnits: UInt8(Int(degrees / 360 * 256) % 256)), quality: quality)
    }
}

/// Seeded face embeddings: a unit identity vector per person, and per capture the
/// identity plus Gaussian noise, renormalised; written as little-endian float32.
enum SyntheticFace {
    static func gaussian(_ rng: inout SplitMix64) -> Double {
        let u1 = max(Double(rng.next() >> 11) / Double(1 << 53), 1e-12)
        let u2 = Double(rng.next() >> 11) / Double(1 << 53)
        return sqrt(-2 * log(u1)) * cos(2 * .pi * u2)
    }

    static func capture(personSeed: UInt64, captureSeed: UInt64, length: Int, noise: Double = 0.35) -> [UInt8] {
        var identityRNG = SplitMix64(seed: personSeed ^ 0xFACE)
        var captureRNG = SplitMix64(seed: captureSeed)
        var vector = (0..<length).map { _ in gaussian(&identityRNG) }
        let identityNorm = sqrt(vector.reduce(0) { $0 + $1 * $1 })
        vector = vector.map { $0 / identityNorm + noise / sqrt(Double(length)) * gaussian(&captureRNG) }
        let norm = sqrt(vector.reduce(0) { $0 + $1 * $1 })
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length * 4)
        for value in vector {
            let bits = Float(value / norm).bitPattern
            bytes += [UInt8(bits & 0xFF), UInt8((bits >> 8) & 0xFF), UInt8((bits >> 16) & 0xFF), UInt8(bits >> 24)]
        }
        return bytes
    }
}

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
