/// Exponential backoff with full jitter between sync attempts: after the n-th
/// consecutive failure wait a random time in [base, min(cap, base·2ⁿ)].
/// Jitter keeps many nodes that lost the link together from retrying together.
public struct Backoff: Sendable {
    public var baseSeconds: Double
    public var capSeconds: Double
    public private(set) var failures = 0
    private var state: UInt64

    public init(baseSeconds: Double = 1, capSeconds: Double = 60, seed: UInt64 = 0x5EED) {
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
        self.state = seed
    }

    /// Records a failure and returns how long to wait before the next attempt.
    public mutating func nextDelay() -> Double {
        failures += 1
        let ceiling = min(capSeconds, baseSeconds * Double(1 << min(failures, 30)))
        return baseSeconds + (ceiling - baseSeconds) * unitRandom()
    }

    /// Records a success: the next failure starts from the base again.
    public mutating func reset() {
        failures = 0
    }

    private mutating func unitRandom() -> Double {
        // SplitMix64
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
