internal import Foundation

/// How face and fingerprint scores become decisions: calibrations, thresholds, and the review band.
///
/// Every score is first turned into evidence, −log10 of its false-match rate (`ScoreCalibration`:
/// measured on impostor comparisons for the face; the fingerprint matcher's score is already
/// 10 · −log10 FMR). The modalities and fingers are independent for impostors, so their evidence
/// combines by Fisher's rule (`ComparisonEvidence.combined`) into one fused evidence that is itself
/// −log10 of a false-match rate. Thresholds are therefore chosen as false-match rates:
///
/// * 1:1 verification (applicant against the immigration record of the passport): **accept** when the
///   fused FMR ≤ `verificationAcceptFMR` and the fingerprints alone reach `minimumFingerprintEvidence`
///   (a face alone never accepts); **reject** when the fused FMR > `verificationRejectFMR`; in between,
///   **manual review**.
/// * 1:N de-duplication against N enrolled people: the false-positive identification rate is at most
///   N × FMR (each enrolled person is one chance of a false match), so a candidate is a **duplicate**
///   when fused FMR ≤ `deduplicationFPIR` / N (and the fingerprints alone reach
///   `minimumFingerprintEvidence`), goes to **review** when fused FMR ≤ `deduplicationReviewFPIR` / N.
///   At N = 1,000,000 and FPIR 0.1 % that is fused evidence ≥ 9 (FMR ≤ 10⁻⁹).
public struct FusionPolicy: Sendable, Hashable, Codable {
    /// Face similarity → evidence.
    public var faceCalibration: ScoreCalibration
    /// Fingerprint score → evidence.
    public var fingerprintCalibration: ScoreCalibration
    /// Verification accepts at or below this fused FMR. Default 10⁻⁵.
    public var verificationAcceptFMR: Double
    /// Verification rejects above this fused FMR. Default 10⁻³.
    public var verificationRejectFMR: Double
    /// Evidence the fingerprints must give on their own to accept or call a duplicate. Default 3 (FMR 10⁻³).
    public var minimumFingerprintEvidence: Double
    /// Target false-positive identification rate of de-duplication. Default 10⁻³.
    public var deduplicationFPIR: Double
    /// Rate of impostor candidates sent to review in de-duplication, at most. Default 10⁻².
    public var deduplicationReviewFPIR: Double

    public init(faceCalibration: ScoreCalibration,
                fingerprintCalibration: ScoreCalibration = .linear(scorePerDecade: 10, maximumEvidence: 10),
                verificationAcceptFMR: Double = 1e-5, verificationRejectFMR: Double = 1e-3,
                minimumFingerprintEvidence: Double = 3, deduplicationFPIR: Double = 1e-3,
                deduplicationReviewFPIR: Double = 1e-2)
    {
        precondition(verificationAcceptFMR > 0 && verificationAcceptFMR <= verificationRejectFMR && verificationRejectFMR <= 1)
        precondition(deduplicationFPIR > 0 && deduplicationFPIR <= deduplicationReviewFPIR)
        self.faceCalibration = faceCalibration
        self.fingerprintCalibration = fingerprintCalibration
        self.verificationAcceptFMR = verificationAcceptFMR
        self.verificationRejectFMR = verificationRejectFMR
        self.minimumFingerprintEvidence = minimumFingerprintEvidence
        self.deduplicationFPIR = deduplicationFPIR
        self.deduplicationReviewFPIR = deduplicationReviewFPIR
    }

    /// Scores to evidence. `faceSimilarity` is nil when either side has no face; `fingers` holds the
    /// fingers both sides have.
    public func evidence(faceSimilarity: Double?, fingers: [FingerScore]) -> ComparisonEvidence {
        let faceEvidence = faceSimilarity.map { faceCalibration.evidence($0) }
        let fingerEvidence = fingers.map { fingerprintCalibration.evidence($0.score) }
        return ComparisonEvidence(
            faceSimilarity: faceSimilarity, faceEvidence: faceEvidence, fingers: fingers, fingerEvidence: fingerEvidence,
            fingerprintEvidence: ComparisonEvidence.combined(fingerEvidence),
            fusedEvidence: ComparisonEvidence.combined(fingerEvidence + (faceEvidence.map { [$0] } ?? [])))
    }

    /// The 1:1 decision for an applicant against the record of the person they claim to be.
    public func verify(_ evidence: ComparisonEvidence) -> VerificationDecision {
        let outcome: VerificationDecision.Outcome
        let reason: VerificationDecision.Reason
        if evidence.termCount == 0 {
            (outcome, reason) = (.review, .nothingToCompare)
        } else if evidence.fusedEvidence >= -log10(verificationAcceptFMR) {
            if evidence.fingerprintEvidence >= minimumFingerprintEvidence {
                (outcome, reason) = (.accept, .match)
            } else {
                (outcome, reason) = (.review, evidence.fingers.isEmpty ? .noFingerprints : .fingerprintsInconclusive)
            }
        } else if evidence.fusedEvidence < -log10(verificationRejectFMR) {
            (outcome, reason) = (.reject, .noMatch)
        } else {
            (outcome, reason) = (.review, .betweenThresholds)
        }
        return VerificationDecision(outcome: outcome, reason: reason, evidence: evidence)
    }

    /// Fused evidence thresholds for de-duplication against `gallerySize` enrolled people.
    public func deduplicationThresholds(gallerySize: Int) -> (duplicate: Double, review: Double) {
        let size = Double(max(1, gallerySize))
        let duplicate = max(-log10(verificationAcceptFMR), log10(size / deduplicationFPIR))
        let review = min(duplicate, max(-log10(verificationRejectFMR), log10(size / deduplicationReviewFPIR)))
        return (duplicate, review)
    }
}
