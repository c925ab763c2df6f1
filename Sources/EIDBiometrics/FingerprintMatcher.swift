/// Compares one probe fingerprint against candidates: `FingerprintMatcher(probe:).match(candidate)`.
///
/// The score is calibrated to a false-match rate like SourceAFIS's: score ≈ 10 · (−log10 FMR), so
/// 40 means about one impostor in 10,000 scores as high (see `FingerprintScoreCalibration`).
/// Rotation and translation of either impression do not matter; scores are deterministic and
/// nearly, but not exactly, symmetric.
///
/// Building a matcher files the probe's edges (tens of microseconds); each `match` then allocates
/// nothing. A matcher owns working memory and is not thread-safe: use one per thread.
public final class FingerprintMatcher {
    /// The template every candidate is compared with.
    public let probe: FingerprintTemplate
    let parameters: MatchParameters
    let hash: ProbeEdgeHash
    private let scratch = PairingScratch()

    public init(probe: FingerprintTemplate) {
        self.probe = probe
        parameters = .standard
        hash = ProbeEdgeHash(probe: probe, parameters: parameters)
    }

    /// The calibrated score of `candidate` against the probe: 0 (nothing in common) upwards.
    public func match(_ candidate: FingerprintTemplate) -> Double {
        FingerprintScoreCalibration.score(raw: rawScore(candidate))
    }

    /// The uncalibrated score of the best pairing tree (what the calibration was measured on).
    func rawScore(_ candidate: FingerprintTemplate) -> Double {
        let scratch = self.scratch
        return probe.minutiae.withUnsafeBufferPointer { probeMinutiae in
            probe.edges.withUnsafeBufferPointer { probeEdges in
                probe.edgeCounts.withUnsafeBufferPointer { probeCounts in
                    candidate.minutiae.withUnsafeBufferPointer { candidateMinutiae in
                        candidate.edges.withUnsafeBufferPointer { candidateEdges in
                            candidate.edgeCounts.withUnsafeBufferPointer { candidateCounts in
                                hash.cellStarts.withUnsafeBufferPointer { hashStarts in
                                    hash.entries.withUnsafeBufferPointer { hashEntries in
                                        var tree = PairingTree(
                                            probe: probeMinutiae, probeEdges: probeEdges, probeCounts: probeCounts,
                                            candidate: candidateMinutiae, candidateEdges: candidateEdges,
                                            candidateCounts: candidateCounts, hash: hash, hashStarts: hashStarts,
                                            hashEntries: hashEntries, scratch: scratch, parameters: parameters)
                                        return tree.bestRawScore()
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
