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
