import EIDBiometrics
import Testing

@Suite struct FingerprintMatcherTests {
    static let set = FingerprintTestData.templates(fingers: 40)

    @Test func genuineScoresStandWellAboveImpostorScores() {
        var genuine: [Double] = [], impostor: [Double] = []
        for (index, finger) in Self.set.enumerated() {
            let matcher = FingerprintMatcher(probe: finger[0])
            genuine.append(matcher.match(finger[1]))
            for step in 1 ... 5 { impostor.append(matcher.match(Self.set[(index + step) % Self.set.count][1])) }
        }
        genuine.sort()
        impostor.sort()
        // Calibrated: an impostor reaches 40 about once in 10,000; here none of 200 gets near it.
        #expect(impostor.last! < 35)
        #expect(genuine[genuine.count / 2] > 100)
        // At most one genuine pair in 40 (a small overlap) scores below the decision score of 40.
        #expect(genuine.filter { $0 < 40 }.count <= 1)
        let genuineMean: Double = genuine.reduce(0, +) / Double(genuine.count)
        let impostorMean: Double = impostor.reduce(0, +) / Double(impostor.count)
        #expect(genuineMean > 5 * impostorMean)
    }

    @Test func aTemplateMatchesItselfAboveAnyThreshold() {
        let template = Self.set[0][0]
        #expect(FingerprintMatcher(probe: template).match(template) > 150)
    }

    @Test func rotatingAndMovingTheProbeChangesLittle() {
        for index in 0 ..< 6 {
            let finger = SyntheticFingerprint(seed: 900 + UInt64(index))
            let probeView = finger.impression(seed: 1), candidate = FingerprintTemplate(view: finger.impression(seed: 2))
            let original = FingerprintMatcher(probe: FingerprintTemplate(view: probeView)).match(candidate)
            for (degrees, dx, dy) in [(90.0, 300.0, 300.0), (-35.0, 250.0, 200.0), (180.0, 500.0, 600.0), (12.0, 150.0, 180.0)] {
                let moved = FingerprintTemplate(view: FingerprintTestData.transformed(probeView, degrees: degrees, dx: dx, dy: dy))
                let score = FingerprintMatcher(probe: moved).match(candidate)
                // Rounding moved positions to whole pixels and angles to ISO units shifts a few edges.
                #expect(abs(score - original) <= 0.25 * original + 5,
                        "finger \(index), \(degrees)°: \(score) vs \(original)")
                #expect(score > 40)
            }
        }
    }

    @Test func scoresAreNearlySymmetric() {
        var differences: [Double] = []
        for finger in Self.set.prefix(20) {
            let forward = FingerprintMatcher(probe: finger[0]).match(finger[1])
            let backward = FingerprintMatcher(probe: finger[1]).match(finger[0])
            differences.append(abs(forward - backward) / max(forward, backward, 1))
        }
        differences.sort()
        #expect(differences[differences.count / 2] < 0.15)
        #expect(differences[differences.count - 2] < 0.5)
    }

    @Test func matchingIsDeterministic() {
        let probe = Self.set[3][0], candidate = Self.set[3][1], stranger = Self.set[4][1]
        let first = FingerprintMatcher(probe: probe)
        let scores = [first.match(candidate), first.match(stranger), first.match(candidate)]
        let second = FingerprintMatcher(probe: probe)
        #expect(scores == [second.match(candidate), second.match(stranger), second.match(candidate)])
        #expect(scores[0] == scores[2])
    }

    @Test func tinyTemplatesScoreZero() {
        let empty = FingerprintTemplate(view: FingerView(position: .rightIndex, fingerQuality: 0, minutiae: []))
        let one = FingerprintTemplate(view: FingerView(position: .rightIndex, fingerQuality: 0, minutiae: [
            Minutia(type: .ridgeEnding, x: 10, y: 10, angle: MinutiaAngle(isoUnits: 0), quality: 50),
        ]))
        #expect(FingerprintMatcher(probe: empty).match(Self.set[0][0]) == 0)
        #expect(FingerprintMatcher(probe: Self.set[0][0]).match(one) == 0)
    }

    @Test func calibrationMapsScoresToFalseMatchRates() {
        #expect(FingerprintScoreCalibration.falseMatchRate(forScore: 40) == 1e-4)
        #expect(abs(FingerprintScoreCalibration.falseMatchRate(forScore: 25) - 3.1622776601683795e-3) < 1e-12)
        #expect(FingerprintScoreCalibration.falseMatchRate(forScore: 0) == 1)
        #expect(FingerprintScoreCalibration.score(forFalseMatchRate: 1e-3) == 30)
    }

    /// Re-measures the calibration table roughly: 3,000 impostor comparisons on synthetic fingers the
    /// table was not measured on; the rates at scores 10 and 20 must be near 10 % and 1 %.
    @Test func calibrationHoldsOnFreshImpostors() {
        let result = FingerprintCalibrationRun(fingers: 300, impostorsPerFinger: 10, seed: 0x5EED_F00D).run()
        let scores = result.impostorScores
        #expect(scores.count == 3000)
        let at10 = Double(scores.filter { $0 >= 10 }.count) / Double(scores.count)
        let at20 = Double(scores.filter { $0 >= 20 }.count) / Double(scores.count)
        #expect((0.06 ... 0.16).contains(at10), "FMR at score 10: \(at10)")
        #expect((0.004 ... 0.02).contains(at20), "FMR at score 20: \(at20)")
        // The measured table is increasing in both columns.
        #expect(zip(result.table, result.table.dropFirst()).allSatisfy { $0.raw < $1.raw && $0.score < $1.score })
    }
}
