import Foundation
@testable import EIDBiometrics
import Testing

@Suite struct FusionPolicyTests {
    let policy = FusionPolicy(faceCalibration: .linear(scorePerDecade: 0.05, maximumEvidence: 8))

    @Test func fisherCombinationOfKnownValues() {
        #expect(ComparisonEvidence.combined([]) == 0)
        #expect(abs(ComparisonEvidence.combined([4]) - 4) < 1e-12)  // one term is its own FMR
        // Two terms of 10⁻³ each: t = 6 ln 10, P = e^−t (1 + t) = 10⁻⁶ · (1 + 13.8155) → evidence 4.829.
        #expect(abs(ComparisonEvidence.combined([3, 3]) - (6 - log10(1 + 6 * M_LN10))) < 1e-12)
        // Adding an uninformative term lowers the evidence: weak terms never add up by accident.
        #expect(ComparisonEvidence.combined([3, 0]) < 3)
    }

    @Test func fisherCombinationIsCalibratedForIndependentUniformTerms() {
        // Simulated impostors: 3 independent terms, each −log10 of a uniform FMR. The share reaching
        // combined evidence e must be 10^−e.
        var random = SplitMix64(seed: 9)
        let combined = (0 ..< 200_000).map { _ in
            ComparisonEvidence.combined((0 ..< 3).map { _ in -log10(1 - random.unitDouble()) })
        }
        for level in [1.0, 2, 3, 4] {
            let share = Double(combined.filter { $0 >= level }.count) / Double(combined.count)
            #expect(abs(log10(share) + level) < 0.1, "level \(level): \(share)")
        }
    }

    func fingers(_ scores: Double...) -> [FingerScore] {
        zip(BiometricEvaluation.positions, scores).map { FingerScore(position: $0, score: $1) }
    }

    @Test func verificationOutcomes() {
        // Fingers 60 and 50 (evidence 6 and 5, capped at 10 per finger) and a strong face: accept.
        let strong = policy.verify(policy.evidence(faceSimilarity: 0.3, fingers: fingers(60, 50)))
        #expect(strong.outcome == .accept && strong.reason == .match)
        #expect(strong.evidence.fusedEvidence > strong.evidence.fingerprintEvidence)
        // Nothing matches: reject.
        let none = policy.verify(policy.evidence(faceSimilarity: 0.01, fingers: fingers(5, 3)))
        #expect(none.outcome == .reject && none.reason == .noMatch)
        // A perfect face alone cannot accept.
        let faceOnly = policy.verify(policy.evidence(faceSimilarity: 0.9, fingers: []))
        #expect(faceOnly.outcome == .review && faceOnly.reason == .noFingerprints)
        // A perfect face with fingerprints that do not match: review, not accept.
        let conflict = policy.verify(policy.evidence(faceSimilarity: 0.9, fingers: fingers(22, 5)))
        #expect(conflict.evidence.fusedEvidence >= 5)
        #expect(conflict.outcome == .review && conflict.reason == .fingerprintsInconclusive)
        // In between: review.
        let middle = policy.verify(policy.evidence(faceSimilarity: 0.1, fingers: fingers(35, 10)))
        #expect(middle.outcome == .review && middle.reason == .betweenThresholds)
        #expect(policy.verify(policy.evidence(faceSimilarity: nil, fingers: [])).reason == .nothingToCompare)
    }

    @Test func deduplicationThresholdsFollowTheGallerySize() {
        let million = policy.deduplicationThresholds(gallerySize: 1_000_000)
        #expect(abs(million.duplicate - 9) < 1e-12)  // FPIR 10⁻³ over 10⁶ people: FMR 10⁻⁹
        #expect(abs(million.review - 8) < 1e-12)
        let small = policy.deduplicationThresholds(gallerySize: 10)
        #expect(small.duplicate == 5)  // never below the 1:1 accept threshold
        #expect(small.review == 3)
    }

    @Test func policyRoundTripsThroughJSON() throws {
        let data = try JSONEncoder().encode(policy)
        #expect(try JSONDecoder().decode(FusionPolicy.self, from: data) == policy)
    }
}
