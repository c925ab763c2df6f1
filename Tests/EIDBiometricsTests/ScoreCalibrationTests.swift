import Foundation
@testable import EIDBiometrics
import Testing

@Suite struct ScoreCalibrationTests {
    /// 100,000 impostor scores uniform on [0, 1): the share at or above s is 1 − s.
    let uniform: [Double] = {
        var random = SplitMix64(seed: 1)
        return (0 ..< 100_000).map { _ in random.unitDouble() }
    }()

    @Test func measuredEvidenceIsMinusLog10OfTheImpostorShare() {
        let calibration = ScoreCalibration.measured(impostorScores: uniform, maximumEvidence: 8)
        for share in [0.5, 0.1, 0.01, 0.003] {
            #expect(abs(calibration.evidence(1 - share) - -log10(share)) < 0.03, "share \(share)")
        }
        #expect(calibration.evidence(-5) == 0)
        #expect(calibration.evidence(0.999_99) <= 8)
        // Monotone everywhere.
        let grid = stride(from: -0.1, through: 1.2, by: 0.001).map(calibration.evidence)
        #expect(zip(grid, grid.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test func theTailIsExtrapolatedExponentially() {
        // Exponential impostor scores (rate 1): share above s is e^−s, evidence s / ln 10, even beyond the data.
        var random = SplitMix64(seed: 2)
        let scores = (0 ..< 200_000).map { _ in -log(1 - random.unitDouble()) }
        let calibration = ScoreCalibration.measured(impostorScores: scores, maximumEvidence: 12)
        for score in [2.0, 6.0, 9.0, 16.0, 23.0] {  // the largest sample is about ln 200,000 ≈ 12
            #expect(abs(calibration.evidence(score) - score / M_LN10) < 0.15, "score \(score)")
        }
        #expect(calibration.evidence(100) == 12)  // capped
    }

    @Test func aGaussianTailIsUnderCreditedNotOverCredited() {
        var random = SplitMix64(seed: 3)
        let scores = (0 ..< 200_000).map { _ in SyntheticFingerprint.gaussian(&random) }
        let calibration = ScoreCalibration.measured(impostorScores: scores, maximumEvidence: 12)
        // True Gaussian tail: P(X ≥ 5) = 2.9·10⁻⁷ (evidence 6.5); the exponential fit must say less.
        #expect(calibration.evidence(5) < 6.5)
        #expect(calibration.evidence(5) > 4.5)
    }

    @Test func tiesAreNotOverCredited() {
        // 90 % of impostors score exactly 0: a score of 0 is evidence 0, anything above is ≥ 1.
        let scores = [Double](repeating: 0, count: 9_000) + (1 ... 1_000).map { Double($0) }
        let calibration = ScoreCalibration.measured(impostorScores: scores, maximumEvidence: 6)
        #expect(calibration.evidence(0) == 0)
        #expect(calibration.evidence(1) <= 1 + 1e-9)
        #expect(abs(calibration.evidence(901) - 2) < 0.01)  // 100 of 10,000 reach 901
    }

    @Test func thresholdsInvertTheEvidence() {
        let calibration = ScoreCalibration.measured(impostorScores: uniform, maximumEvidence: 8)
        for evidence in [0.5, 1, 2, 3, 4.5, 7] {
            #expect(abs(calibration.evidence(calibration.score(forEvidence: evidence)) - evidence) < 1e-6)
        }
        #expect(calibration.score(forEvidence: 9) == .infinity)
        let linear = ScoreCalibration.linear(scorePerDecade: 10, maximumEvidence: 10)
        #expect(linear.evidence(40) == 4)
        #expect(linear.score(forEvidence: 3) == 30)
        #expect(abs(linear.falseMatchRate(20) - 0.01) < 1e-12)
    }
}

@Suite struct MatchErrorRatesTests {
    @Test func handComputedRates() {
        let rates = MatchErrorRates(genuine: [0.9, 0.8, 0.7, 0.3], impostor: [0.1, 0.2, 0.4, 0.5, 0.75])
        #expect(rates.falseMatchRate(at: 0.5) == 0.4)  // 0.5 and 0.75
        #expect(rates.falseNonMatchRate(at: 0.5) == 0.25)  // 0.3
        // Thresholds at each distinct score; at 0.7: FMR 1/5, FNMR 1/4 → FMR ≤ FNMR first here; the one
        // before (0.5: FMR 0.4, FNMR 0.25, sum 0.65) has a larger sum than 0.45, so EER = (0.2 + 0.25) / 2.
        let eer = rates.equalErrorRate
        #expect(abs(eer.rate - 0.225) < 1e-12)
        #expect(eer.threshold == 0.7)
        // FMR ≤ 20 %: one impostor may pass, so the threshold is just above the second highest (0.5).
        let point = rates.falseNonMatchRate(atFalseMatchRate: 0.2)
        #expect(point.threshold == 0.5.nextUp)
        #expect(point.rate == 0.25)
        #expect(point.measurable)
        #expect(!rates.falseNonMatchRate(atFalseMatchRate: 0.01).measurable)
    }

    @Test func perfectSeparationHasZeroEER() {
        let rates = MatchErrorRates(genuine: [5, 6, 7], impostor: [1, 2, 3])
        #expect(rates.equalErrorRate.rate == 0)
        #expect(rates.falseNonMatchRate(atFalseMatchRate: 1e-9).rate == 0)
    }

    @Test func detCurveRunsFromHighToLowFMR() {
        var random = SplitMix64(seed: 4)
        let rates = MatchErrorRates(genuine: (0 ..< 500).map { _ in 2 + SyntheticFingerprint.gaussian(&random) },
                                    impostor: (0 ..< 5_000).map { _ in SyntheticFingerprint.gaussian(&random) })
        let curve = rates.detCurve(maximumPoints: 100)
        #expect(curve.count > 50)
        #expect(zip(curve, curve.dropFirst()).allSatisfy { $0.fmr >= $1.fmr && $0.fnmr <= $1.fnmr })
        #expect(curve.last!.fmr <= 1.0 / 5_000)
    }

    @Test func probitMatchesKnownQuantiles() {
        #expect(abs(probit(0.975) - 1.959_963_984_540_054) < 1e-12)
        #expect(abs(probit(0.5)) < 1e-15)
        #expect(abs(probit(1e-6) + 4.753_424_308_822_899) < 1e-9)
    }

    @Test func detPlotIsAnSVGWithOneLinePerCurve() {
        let plot = DETPlot(title: "a < b", curves: [
            .init(name: "one", points: [(0.1, 0.2), (0.01, 0.3)], marker: (0.01, 0.3)),
            .init(name: "two", points: [(0.5, 0.01), (1e-9, 0.4)]),
        ])
        let svg = plot.svg()
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.contains("a &lt; b"))
        #expect(svg.contains("<circle"))
    }
}
