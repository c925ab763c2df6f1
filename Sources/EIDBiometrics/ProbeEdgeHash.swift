/// The probe's edges (every ordered pair of its minutiae up to a maximum length) filed by shape, so
/// that the candidate edges matching a given shape are found with one lookup.
///
/// The shape space (length, reference angle, neighbour angle) is cut into cells of 32 px × 16 × 16
/// units; each probe edge is filed in every cell its tolerance box touches (at most 2 × 2 × 2, since
/// a cell is at least twice the tolerance), so a candidate edge only looks in its own cell and then
/// checks the exact tolerances. Built once per probe (SourceAFIS builds the same kind of table).
struct ProbeEdgeHash: Sendable {
    static let lengthCell = 32
    static let angleCellShift = 4  // 16 units per cell, 16 cells per turn
    static let angleCells = 256 >> angleCellShift

    /// A probe edge as filed: both ends and its shape.
    struct Entry: Sendable {
        var length: Int16
        var reference: UInt8
        var neighbor: UInt8
        var referenceAngle: UInt8
        var neighborAngle: UInt8
    }

    let lengthCells: Int
    /// `cellStarts[c] ..< cellStarts[c + 1]` are the entries of cell `c`.
    let cellStarts: ContiguousArray<Int32>
    let entries: ContiguousArray<Entry>

    init(probe: FingerprintTemplate, parameters: MatchParameters) {
        precondition(2 * parameters.maximumDistanceError <= Self.lengthCell
            && 2 * parameters.maximumAngleError <= 1 << Self.angleCellShift)
        lengthCells = parameters.maximumHashedEdgeLength / Self.lengthCell + 1
        let cellCount = lengthCells * Self.angleCells * Self.angleCells
        var edges: [Entry] = []
        let minutiae = probe.minutiae
        for reference in minutiae.indices {
            for neighbor in minutiae.indices where neighbor != reference {
                let dx = Int(minutiae[neighbor].x) - Int(minutiae[reference].x)
                let dy = Int(minutiae[neighbor].y) - Int(minutiae[reference].y)
                guard dx * dx + dy * dy <= (parameters.maximumHashedEdgeLength + 1) * (parameters.maximumHashedEdgeLength + 1)
                else { continue }
                let edge = EdgeTableBuilder.edge(from: minutiae[reference], to: minutiae[neighbor], neighborIndex: neighbor)
                guard Int(edge.length) <= parameters.maximumHashedEdgeLength,
                      Int(edge.length) >= FingerprintTemplate.minimumEdgeLength else { continue }
                edges.append(Entry(length: edge.length, reference: UInt8(reference), neighbor: UInt8(neighbor),
                                   referenceAngle: edge.referenceAngle, neighborAngle: edge.neighborAngle))
            }
        }
        // Counting sort into cells: count, prefix sums, fill.
        var counts = [Int32](repeating: 0, count: cellCount + 1)
        let lengthCells = self.lengthCells
        for edge in edges {
            Self.forEachCoveredCell(edge, parameters, lengthCells) { counts[$0 + 1] += 1 }
        }
        for cell in 0 ..< cellCount { counts[cell + 1] += counts[cell] }
        var fill = Array(counts[0 ..< cellCount])
        let placeholder = Entry(length: 0, reference: 0, neighbor: 0, referenceAngle: 0, neighborAngle: 0)
        var filed = ContiguousArray(repeating: placeholder, count: Int(counts[cellCount]))
        for edge in edges {
            Self.forEachCoveredCell(edge, parameters, lengthCells) { cell in
                filed[Int(fill[cell])] = edge
                fill[cell] += 1
            }
        }
        cellStarts = ContiguousArray(counts)
        entries = filed
    }

    /// The cell a candidate edge of this shape looks in, or nil if it is longer than anything filed.
    @inline(__always)
    func cell(length: Int, referenceAngle: UInt8, neighborAngle: UInt8) -> Int? {
        let lengthIndex = length / Self.lengthCell
        guard lengthIndex < lengthCells else { return nil }
        return (lengthIndex * Self.angleCells + Int(referenceAngle >> Self.angleCellShift)) * Self.angleCells
            + Int(neighborAngle >> Self.angleCellShift)
    }

    /// Calls `body` with every cell the tolerance box of `edge` touches.
    @inline(__always)
    private static func forEachCoveredCell(_ edge: Entry, _ parameters: MatchParameters, _ lengthCells: Int,
                                           _ body: (Int) -> Void) {
        let length = Int(edge.length), tolerance = parameters.maximumDistanceError
        let lowLength = max(0, length - tolerance) / lengthCell
        let highLength = min(lengthCells - 1, (length + tolerance) / lengthCell)
        guard lowLength <= highLength else { return }
        let angleTolerance = UInt8(parameters.maximumAngleError)
        let referenceLow = Int((edge.referenceAngle &- angleTolerance) >> angleCellShift)
        let referenceHigh = Int((edge.referenceAngle &+ angleTolerance) >> angleCellShift)
        let neighborLow = Int((edge.neighborAngle &- angleTolerance) >> angleCellShift)
        let neighborHigh = Int((edge.neighborAngle &+ angleTolerance) >> angleCellShift)
        for lengthIndex in lowLength ... highLength {
            var referenceCell = referenceLow
            while true {
                let base = (lengthIndex * angleCells + referenceCell) * angleCells
                body(base + neighborLow)
                if neighborHigh != neighborLow { body(base + neighborHigh) }
                if referenceCell == referenceHigh { break }
                referenceCell = referenceHigh
            }
        }
    }
}
