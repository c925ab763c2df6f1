/// SplitMix64 (Steele, Lea and Flood 2014): a small, fast, seedable generator whose output is the same
/// on every platform, so synthetic data and randomized tests are reproducible from a seed.
/// Not for cryptographic use.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    // The standard library's `random(in:using:)` algorithms may change between Swift versions; these
    // fixed ones keep generated data identical across toolchains.

    /// Uniform in `[0, 1)` with 53 random bits.
    mutating func unitDouble() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform in `range`.
    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unitDouble() * (range.upperBound - range.lowerBound)
    }

    /// Uniform in `0..<bound` (Lemire's multiply-shift; the bias is below 2^-32 for bounds used here).
    mutating func int(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// Uniform in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + int(below: range.count)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unitDouble() < probability
    }
}
