import Glibc

/// Which way bytes flow through a ``FaultProxy``.
public enum FaultDirection: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Client to server (requests, uploads).
    case upstream
    /// Server to client (responses).
    case downstream

    public var description: String { rawValue }
}

/// What a ``FaultProxy`` does to the traffic. Every random choice comes from `seed`
/// and the connection's number (0, 1, 2, ... in accept order), and faults are placed at
/// byte offsets, not at read boundaries, so the same seed and the same traffic give
/// the same faults at the same bytes, however the network chunks them.
public struct FaultPlan: Sendable, Hashable {
    public var seed: UInt64
    /// Probability that a new connection is reset right after accept (nothing forwarded).
    public var dropRate: Double
    /// Mean number of bytes (both directions together) a connection carries before it is
    /// cut (reset both ways). Each connection draws its cut offset from an exponential
    /// distribution with this mean: a constant chance per byte, "a cut every N KiB on average".
    public var cutEveryBytes: Int?
    /// After this many bytes in ``truncateDirection`` the proxy forwards nothing more and
    /// closes the connection cleanly (FIN): the receiver sees a message cut short.
    public var truncateAfterBytes: Int?
    public var truncateDirection: FaultDirection
    /// Mean bytes between single-bit flips (exponential gaps) in each affected direction.
    public var flipEveryBytes: Int?
    /// Mean bytes between stalls (exponential gaps) in each affected direction; each stall
    /// holds the direction for ``stallDuration``.
    public var stallEveryBytes: Int?
    public var stallDuration: Duration
    /// Latency added before each forwarded piece.
    public var delay: Duration
    /// Throughput limit per direction per connection (2G: 2_000–5_000 bytes/s).
    public var bandwidthBytesPerSecond: Int?
    /// Directions that get flips, stalls, delay and the bandwidth limit.
    public var affected: Set<FaultDirection>

    /// No faults: a plain forwarder (faults are then switched on field by field).
    public init(seed: UInt64 = 1, dropRate: Double = 0, cutEveryBytes: Int? = nil, truncateAfterBytes: Int? = nil,
                truncateDirection: FaultDirection = .downstream, flipEveryBytes: Int? = nil, stallEveryBytes: Int? = nil,
                stallDuration: Duration = .seconds(1), delay: Duration = .zero, bandwidthBytesPerSecond: Int? = nil,
                affected: Set<FaultDirection> = Set(FaultDirection.allCases)) {
        self.seed = seed
        self.dropRate = dropRate
        self.cutEveryBytes = cutEveryBytes
        self.truncateAfterBytes = truncateAfterBytes
        self.truncateDirection = truncateDirection
        self.flipEveryBytes = flipEveryBytes
        self.stallEveryBytes = stallEveryBytes
        self.stallDuration = stallDuration
        self.delay = delay
        self.bandwidthBytesPerSecond = bandwidthBytesPerSecond
        self.affected = affected
    }

    /// The faults connection number `index` gets under this plan: pure, so tests (and the
    /// proxy's log) can say in advance where each fault lands.
    public func schedule(forConnection index: Int) -> FaultSchedule {
        var random = FaultRandom(seed: seed ^ (UInt64(index) &+ 1) &* 0x9E37_79B9_7F4A_7C15)
        let dropped = dropRate > 0 && random.unit() < dropRate
        let cut = cutEveryBytes.map { random.exponentialOffset(mean: $0) }
        var streams: [FaultDirection: FaultStream] = [:]
        for direction in FaultDirection.allCases {
            let salt: UInt64 = direction == .upstream ? 0x5555_AAAA_0F0F_F0F0 : 0x0123_4567_89AB_CDEF
            streams[direction] = FaultStream(seed: random.next() ^ salt, plan: self, direction: direction)
        }
        return FaultSchedule(index: index, dropped: dropped, cutAfterBytes: cut, streams: streams)
    }
}

/// One connection's faults.
public struct FaultSchedule: Sendable {
    public let index: Int
    /// Reset right after accept.
    public let dropped: Bool
    /// Cut once this many bytes (both directions) have been forwarded.
    public let cutAfterBytes: Int?
    var streams: [FaultDirection: FaultStream]

    /// The first `count` flip offsets in `direction` (for tests and logs).
    public func flipOffsets(_ direction: FaultDirection, count: Int) -> [Int] {
        var stream = streams[direction]!
        return (0..<count).compactMap { _ in stream.takeFlip() }
    }

    /// The first `count` stall offsets in `direction`.
    public func stallOffsets(_ direction: FaultDirection, count: Int) -> [Int] {
        var stream = streams[direction]!
        return (0..<count).compactMap { _ in stream.takeStall() }
    }
}

/// The flip and stall offsets of one direction, drawn lazily in order.
struct FaultStream: Sendable {
    private var flips: FaultRandom
    private var stalls: FaultRandom
    private let flipMean: Int?
    private let stallMean: Int?
    /// The next offsets (byte index within the direction), nil when that fault is off.
    private(set) var nextFlip: Int?
    private(set) var nextStall: Int?
    /// Which bit the next flip toggles.
    private(set) var nextFlipMask: UInt8 = 1

    init(seed: UInt64, plan: FaultPlan, direction: FaultDirection) {
        flips = FaultRandom(seed: seed)
        stalls = FaultRandom(seed: seed ^ 0xD1B5_4A32_D192_ED03)
        let affected = plan.affected.contains(direction)
        flipMean = affected ? plan.flipEveryBytes : nil
        stallMean = affected ? plan.stallEveryBytes : nil
        nextFlip = flipMean.map { flips.exponentialOffset(mean: $0) - 1 }
        nextFlipMask = 1 << UInt8(flips.next() % 8)
        nextStall = stallMean.map { stalls.exponentialOffset(mean: $0) - 1 }
    }

    /// Returns the current flip offset and draws the next.
    mutating func takeFlip() -> Int? {
        guard let current = nextFlip, let mean = flipMean else { return nil }
        nextFlip = current + flips.exponentialOffset(mean: mean)
        nextFlipMask = 1 << UInt8(flips.next() % 8)
        return current
    }

    mutating func takeStall() -> Int? {
        guard let current = nextStall, let mean = stallMean else { return nil }
        nextStall = current + stalls.exponentialOffset(mean: mean)
        return current
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): small, seedable and the same on every platform.
struct FaultRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// An exponentially distributed offset with the given mean, at least 1.
    mutating func exponentialOffset(mean: Int) -> Int {
        let draw = -Double(max(1, mean)) * Glibc.log(1 - unit())
        return max(1, Int(min(draw, Double(Int32.max))))
    }
}
