/// A fixed-length bit vector summarising one finger for the 1:N pre-filter: impressions of the same
/// finger share many set bits, so a gallery is scanned with AND and popcount and only the best
/// candidates go on to the full matcher (`FingerprintGallery`).
///
/// Each bit stands for cells of the space of minutia-pair shapes. Every minutia is paired with its
/// `neighbors` (14) nearest neighbours at least `minimumLength` px away; the pair's edge length
/// (10 px cells), the angles of both minutiae relative to the edge (45° cells) and both types
/// (ending or not) make the cell. The pair is taken in whichever of its
/// two directions gives the smaller cell, so a pair sets one bit however it is reached. Rotation and
/// translation do not change any of this. Cells are spread over the 1024 bits by a fixed hash.
/// This is the "hashed minutia-pair invariants" family of fingerprint indexing (e.g. Germain et al.
/// 1997 use triplets the same way); the number of neighbours, the cell sizes and the code length were
/// measured here (docs/biometrics.md).
public struct FingerprintPrefilterCode: Sendable, Hashable {
    /// Bits per code.
    public static let bitCount = 1024
    /// 64-bit words per code.
    public static let wordCount = bitCount / 64
    static let neighbors = 14
    static let minimumLength = 8
    static let lengthCell = 10
    static let angleCellShift: UInt8 = 5  // 8 cells per turn
    static let serializationVersion: UInt8 = 1
    static let magic: [UInt8] = [0x45, 0x46, 0x43]  // "EFC"

    /// The bits, `wordCount` words; bit i is `words[i / 64] >> (i % 64) & 1`.
    public let words: [UInt64]
    /// Which finger.
    public let position: FingerPosition
    /// Number of set bits.
    public var bitsSet: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The code of a preprocessed template.
    public init(template: FingerprintTemplate) {
        var words = [UInt64](repeating: 0, count: Self.wordCount)
        let minutiae = template.minutiae
        let angleCells = 256 >> Int(Self.angleCellShift), halfTurn = angleCells / 2
        // The nearest neighbours of every minutia (more than the matcher's edge table holds).
        let table = EdgeTableBuilder.build(Array(minutiae), neighbors: Self.neighbors, minimumLength: Self.minimumLength)
        for reference in minutiae.indices {
            for slot in 0 ..< Int(table.counts[reference]) {
                let edge = table.edges[reference * Self.neighbors + slot]
                let neighbor = Int(edge.neighbor)
                // Forward: (reference angle, neighbour angle, types); the reverse direction of the
                // same pair has the angles swapped and turned by half a turn.
                let forward = (Int(edge.referenceAngle >> Self.angleCellShift), Int(edge.neighborAngle >> Self.angleCellShift),
                               Int(minutiae[reference].type & 1), Int(minutiae[neighbor].type & 1))
                let reverse = ((forward.1 + halfTurn) % angleCells, (forward.0 + halfTurn) % angleCells, forward.3, forward.2)
                let key = reverse < forward ? reverse : forward
                let lengthIndex = (Int(edge.length) - Self.minimumLength) / Self.lengthCell
                let cell = ((lengthIndex << 8 | key.0) << 8 | key.1) << 2 | key.2 << 1 | key.3
                let bit = Self.bitIndex(ofCell: cell)
                words[bit >> 6] |= 1 << UInt64(bit & 63)
            }
        }
        self.words = words
        position = template.position
    }

    /// A code from its words (as stored by a gallery).
    init(words: [UInt64], position: FingerPosition) {
        precondition(words.count == Self.wordCount)
        self.words = words
        self.position = position
    }

    /// Cells are spread over the bits by a fixed hash (SplitMix64's finaliser, top 10 bits).
    static func bitIndex(ofCell cell: Int) -> Int {
        var h = UInt64(cell) &+ 0x9E37_79B9_7F4A_7C15
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return Int(h >> UInt64(64 - bitCount.trailingZeroBitCount))
    }

    /// Bits set in both codes.
    public func sharedBits(with other: FingerprintPrefilterCode) -> Int {
        var shared = 0
        for index in 0 ..< Self.wordCount { shared += (words[index] & other.words[index]).nonzeroBitCount }
        return shared
    }

    /// How much more the two codes share than two unrelated codes with as many bits set would,
    /// (shared − expected) / √expected with expected = bits × other bits / bitCount. (A gallery
    /// search uses the gallery's own bit frequencies instead, which is better.)
    public func similarity(to other: FingerprintPrefilterCode) -> Double {
        let expected = Double(bitsSet * other.bitsSet) / Double(Self.bitCount)
        return expected > 0 ? (Double(sharedBits(with: other)) - expected) / expected.squareRoot() : 0
    }

    /// Stored form: "EFC", version 1, finger position, then the 16 words little-endian (133 bytes).
    public func serialized() -> [UInt8] {
        var bytes = Self.magic + [Self.serializationVersion, position.rawValue]
        bytes.reserveCapacity(5 + 8 * Self.wordCount)
        for word in words {
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return bytes
    }

    /// Reads a stored code; nil unless the bytes are exactly what `serialized()` writes.
    public init?<Bytes: Collection>(serialized input: Bytes) where Bytes.Element == UInt8 {
        let bytes = Array(input)
        guard bytes.count == 5 + 8 * Self.wordCount, Array(bytes[0 ..< 3]) == Self.magic,
              bytes[3] == Self.serializationVersion, let position = FingerPosition(rawValue: bytes[4]) else { return nil }
        var words: [UInt64] = []
        for index in 0 ..< Self.wordCount {
            var word: UInt64 = 0
            for byte in 0 ..< 8 { word |= UInt64(bytes[5 + index * 8 + byte]) << UInt64(8 * byte) }
            words.append(word)
        }
        self.words = words
        self.position = position
    }
}
