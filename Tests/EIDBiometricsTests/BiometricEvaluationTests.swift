import EIDBiometrics
import Testing

/// The evaluation on a small set with four fingers under the realistic capture mix: the fused
/// decision must beat each modality alone, on scores the matchers computed from template bytes.
@Suite struct BiometricEvaluationTests {
    @Test func fusedBeatsFourFingersAndTheFaceUnderPoorCaptures() throws {
        // Hard-to-capture people at 5 % so that a set of 300 has some (the default is 2 %).
        let evaluation = BiometricEvaluation(
            people: 300, fingers: 4, impostorPairs: 3_000, seed: 7,
            fingerConditions: FingerCaptureConditions(poorCaptureRate: 0.05, hardToCaptureRate: 0.05))
        let (report, scores) = try evaluation.run()
        let systems = Dictionary(uniqueKeysWithValues: report.systems.map { ($0.stem, $0) })
        let face = try #require(systems["face"]), fingers = try #require(systems["fingerprints"])
        let one = try #require(systems["finger"]), fused = try #require(systems["fused"])
        #expect(report.set.hardToCapturePeople > 5 && report.set.poorImpressions > report.set.hardToCapturePeople * 8)
        // Each modality alone errs on this set...
        #expect(face.equalErrorRate > 0 && fingers.equalErrorRate > 0 && one.equalErrorRate > fingers.equalErrorRate)
        // ...and the fused decision errs less than either.
        #expect(fused.equalErrorRate < fingers.equalErrorRate, "fused \(fused.equalErrorRate), fingers \(fingers.equalErrorRate)")
        #expect(fused.equalErrorRate < face.equalErrorRate, "fused \(fused.equalErrorRate), face \(face.equalErrorRate)")
        let fnmr = { (system: BiometricEvaluationReport.SystemResult) in
            system.operatingPoints.first { $0.falseMatchRate == 1e-2 }!.falseNonMatchRate
        }
        #expect(fnmr(fused) < fnmr(fingers) && fnmr(fused) < fnmr(face))
        // Scores are what was scored: one genuine per person (per finger for one finger).
        let finger = try #require(scores.systems.first { $0.stem == "finger" })
        #expect(finger.genuine.count == 1_200 && fused.genuine.count == 300)
    }
}
