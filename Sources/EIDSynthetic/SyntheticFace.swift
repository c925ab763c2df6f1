import Foundation
import EIDBiometrics

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
