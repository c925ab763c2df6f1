/// Scores one pairing tree, as SourceAFIS does: a weighted sum of how many minutiae paired, what
/// fraction of each template that is, how many pairs are supported by extra consistent edges, how
/// many agree on type, and how small the edge length and angle errors are. The weights are
/// SourceAFIS's published ones; the sum is a raw score, turned into a false-match-rate score by
/// `FingerprintScoreCalibration`.
enum MatchScoring {
    static let minutiaWeight = 0.032
    static let minutiaFractionWeight = 8.98
    static let minutiaTypeWeight = 0.629
    static let supportedMinutiaWeight = 0.193
    static let edgeWeight = 0.265
    static let distanceAccuracyWeight = 9.9
    static let angleAccuracyWeight = 2.79
    /// Errors below these fractions of the tolerance count as no error at all.
    static let distanceErrorFlatness = 0.69
    static let angleErrorFlatness = 0.27

    static func innerDistanceRadius(_ parameters: MatchParameters) -> Int {
        Int((distanceErrorFlatness * Double(parameters.maximumDistanceError)).rounded())
    }

    static func innerAngleRadius(_ parameters: MatchParameters) -> Int {
        Int((angleErrorFlatness * Double(parameters.maximumAngleError)).rounded())
    }

    static func rawScore(of tree: PairingTree) -> Double {
        let count = tree.treeCount
        var supportingEdges = 0, supportedMinutiae = 0, typeHits = 0
        for index in 0 ..< count {
            let support = Int(tree.treeSupport[index])
            supportingEdges += support
            if support >= 1 { supportedMinutiae += 1 }
            if tree.probeMinutiae[Int(tree.treeProbe[index])].type == tree.candidateMinutiae[Int(tree.treeCandidate[index])].type {
                typeHits += 1
            }
        }
        let fraction = 0.5 * (Double(count) / Double(tree.probeMinutiae.count) + Double(count) / Double(tree.candidateMinutiae.count))
        var score = minutiaWeight * Double(count) + minutiaFractionWeight * fraction
            + supportedMinutiaWeight * Double(supportedMinutiae) + edgeWeight * Double(count + supportingEdges)
            + minutiaTypeWeight * Double(typeHits)
        let treeEdges = max(0, count - 1)
        if treeEdges > 0 {
            let distancePotential = Double(tree.parameters.maximumDistanceError * treeEdges)
            score += distanceAccuracyWeight * (distancePotential - Double(tree.distanceErrorSum)) / distancePotential
            let anglePotential = Double(tree.parameters.maximumAngleError * treeEdges * 2)
            score += angleAccuracyWeight * (anglePotential - Double(tree.angleErrorSum)) / anglePotential
        }
        return score
    }
}
