/// One finger impression preprocessed once into the form the matcher works on, so a comparison does
/// no parsing, no trigonometry and no allocation.
///
/// Built from a finger view of an ISO/IEC 19794-2 / ANSI 378 record: positions are scaled to
/// 500 dpi (197 px/cm), angles rounded to 1/256 of a turn, at most `maximumMinutiae` minutiae are
/// kept (the best by quality), they are put in a canonical order (so the template does not depend on
/// the order the extractor wrote them in) and every minutia gets its edge table: the edges to its
/// `neighborsPerMinutia` nearest neighbours, each described by rotation- and translation-invariant
/// numbers (length, and the angles of both minutiae relative to the edge), sorted by length.
///
/// `serialized()` gives the compact stored form (see docs/biometrics.md): the normalised minutiae
/// only, 6 bytes each, since the edge table is a deterministic function of them and is rebuilt by
/// `init(serialized:)` in a few microseconds.
public struct FingerprintTemplate: Sendable, Hashable {
    /// At most this many minutiae are kept (SourceAFIS keeps 100 as well).
    public static let maximumMinutiae = 100
    /// Edges kept per minutia in the edge table.
    static let neighborsPerMinutia = 9
    /// Edges shorter than this (pixels) have unstable directions and are left out of edge tables.
    static let minimumEdgeLength = 4
    /// The resolution templates are normalised to, pixels per centimetre (≈ 500 dpi).
    public static let normalisedResolution: UInt16 = 197

    /// Which finger the impression is of.
    public let position: FingerPosition
    /// The normalised minutiae in canonical order.
    let minutiae: ContiguousArray<MatchMinutia>
    /// `neighborsPerMinutia` slots per minutia; the first `edgeCounts[i]` slots of minutia `i` are
    /// used, shortest edge first.
    let edges: ContiguousArray<NeighborEdge>
    let edgeCounts: ContiguousArray<UInt8>

    /// The number of minutiae kept.
    public var minutiaCount: Int { minutiae.count }

    /// The kept minutiae as they are matched: 500-dpi pixels, angles in ISO units, canonical order,
    /// quality 0 (not kept).
    public var normalisedMinutiae: [Minutia] {
        minutiae.map {
            Minutia(type: MinutiaType(rawValue: $0.type) ?? .other, x: UInt16(bitPattern: $0.x), y: UInt16(bitPattern: $0.y),
                    angle: MinutiaAngle(isoUnits: $0.direction), quality: 0)
        }
    }

    /// Preprocesses one finger view. `horizontalResolution`/`verticalResolution` are the record's,
    /// in pixels per centimetre (0 is treated as 500 dpi).
    public init(view: FingerView, horizontalResolution: UInt16 = 197, verticalResolution: UInt16 = 197) {
        let scaleX = Double(Self.normalisedResolution) / Double(horizontalResolution == 0 ? 197 : horizontalResolution)
        let scaleY = Double(Self.normalisedResolution) / Double(verticalResolution == 0 ? 197 : verticalResolution)
        var chosen = view.minutiae
        if chosen.count > Self.maximumMinutiae {
            // Keep the best by quality; ties keep record order (a stable choice).
            chosen = chosen.enumerated()
                .sorted { $0.element.quality != $1.element.quality ? $0.element.quality > $1.element.quality : $0.offset < $1.offset }
                .prefix(Self.maximumMinutiae).map(\.element)
        }
        let normalised = chosen.map { minutia in
            MatchMinutia(x: Self.scaled(minutia.x, scaleX), y: Self.scaled(minutia.y, scaleY),
                         direction: minutia.angle.isoUnits, type: minutia.type.rawValue)
        }
        self.init(position: view.position, canonical: Self.canonicalOrder(normalised))
    }

    /// One template per view of a record, using the record's resolution.
    public static func templates(of record: MinutiaeTemplate) -> [FingerprintTemplate] {
        record.views.map {
            FingerprintTemplate(view: $0, horizontalResolution: record.horizontalResolution,
                                verticalResolution: record.verticalResolution)
        }
    }

    /// A template from minutiae already normalised and in canonical order; builds the edge table.
    init(position: FingerPosition, canonical minutiae: [MatchMinutia]) {
        self.position = position
        self.minutiae = ContiguousArray(minutiae)
        let table = EdgeTableBuilder.build(minutiae, neighbors: Self.neighborsPerMinutia,
                                           minimumLength: Self.minimumEdgeLength)
        edges = table.edges
        edgeCounts = table.counts
    }

    /// Sorts by (y, x, direction, type) and drops exact duplicates.
    static func canonicalOrder(_ minutiae: [MatchMinutia]) -> [MatchMinutia] {
        var sorted = minutiae.sorted()
        var write = 0
        for index in sorted.indices where index == 0 || sorted[index] != sorted[write - 1] {
            sorted[write] = sorted[index]
            write += 1
        }
        return Array(sorted.prefix(write))
    }

    private static func scaled(_ value: UInt16, _ scale: Double) -> Int16 {
        Int16(min(Double(Int16.max), (Double(value) * scale).rounded()))
    }

    public static func == (lhs: FingerprintTemplate, rhs: FingerprintTemplate) -> Bool {
        lhs.position == rhs.position && lhs.minutiae == rhs.minutiae
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(position)
        hasher.combine(minutiae)
    }
}

/// A minutia as the matcher holds it: position in 500-dpi pixels, direction in 1/256 turn, type code.
struct MatchMinutia: Sendable, Hashable, Comparable {
    var x: Int16
    var y: Int16
    var direction: UInt8
    var type: UInt8

    static func < (lhs: MatchMinutia, rhs: MatchMinutia) -> Bool {
        (lhs.y, lhs.x, lhs.direction, lhs.type) < (rhs.y, rhs.x, rhs.direction, rhs.type)
    }
}

/// One edge of a minutia's edge table: to `neighbor`, `length` pixels long; `referenceAngle` and
/// `neighborAngle` are the edge's direction minus each minutia's direction (1/256 turn), so the
/// shape does not change when the finger is moved or turned.
struct NeighborEdge: Sendable, Hashable {
    var length: Int16
    var neighbor: UInt8
    var referenceAngle: UInt8
    var neighborAngle: UInt8
}
