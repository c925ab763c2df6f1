/// Builds a template's edge table: for every minutia, the edges to its nearest neighbours.
enum EdgeTableBuilder {
    /// The shape of the edge from minutia `reference` to minutia `neighbor`.
    static func edge(from reference: MatchMinutia, to neighbor: MatchMinutia, neighborIndex: Int) -> NeighborEdge {
        let dx = Int(neighbor.x) - Int(reference.x), dy = Int(neighbor.y) - Int(reference.y)
        let direction = MatchGeometry.direction(dx: dx, dy: dy)
        return NeighborEdge(length: Int16(min(Int(Int16.max), MatchGeometry.length(dx: dx, dy: dy))),
                            neighbor: UInt8(neighborIndex),
                            referenceAngle: direction &- reference.direction,
                            neighborAngle: direction &- neighbor.direction)
    }

    /// `neighbors` slots per minutia, nearest first (ties by index); edges shorter than
    /// `minimumLength` are left out.
    static func build(_ minutiae: [MatchMinutia], neighbors: Int, minimumLength: Int)
        -> (edges: ContiguousArray<NeighborEdge>, counts: ContiguousArray<UInt8>)
    {
        let empty = NeighborEdge(length: 0, neighbor: 0, referenceAngle: 0, neighborAngle: 0)
        var edges = ContiguousArray(repeating: empty, count: minutiae.count * neighbors)
        var counts = ContiguousArray<UInt8>(repeating: 0, count: minutiae.count)
        let minimumSquared = minimumLength * minimumLength
        // The nearest `neighbors` so far, by (squared distance, index), kept sorted by insertion.
        var nearest = [(squared: Int, index: Int)](repeating: (Int.max, 0), count: neighbors)
        for (index, reference) in minutiae.enumerated() {
            var kept = 0
            for (other, neighbor) in minutiae.enumerated() where other != index {
                let dx = Int(neighbor.x) - Int(reference.x), dy = Int(neighbor.y) - Int(reference.y)
                let squared = dx * dx + dy * dy
                guard squared >= minimumSquared else { continue }
                if kept == neighbors && squared >= nearest[neighbors - 1].squared { continue }
                // Later indices lose ties, so equal distances stay in index order.
                var slot = kept < neighbors ? kept : neighbors - 1
                while slot > 0 && nearest[slot - 1].squared > squared {
                    nearest[slot] = nearest[slot - 1]
                    slot -= 1
                }
                nearest[slot] = (squared, other)
                if kept < neighbors { kept += 1 }
            }
            for slot in 0 ..< kept {
                edges[index * neighbors + slot] = edge(from: reference, to: minutiae[nearest[slot].index],
                                                       neighborIndex: nearest[slot].index)
            }
            counts[index] = UInt8(kept)
        }
        return (edges, counts)
    }
}
