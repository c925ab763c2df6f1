import Foundation
import EIDBiometrics

/// `eid bio calibrate` (hidden, for maintainers): re-measures the fingerprint score calibration and
/// prints the table for `FingerprintScoreCalibration.table`.
enum BioCalibrateCommand {
    static let command = Command(
        "calibrate",
        abstract: "Measure the fingerprint score calibration on synthetic impostor comparisons.",
        discussion: """
        Scores impressions of different synthetic fingers against each other (from their ISO
        bytes) and prints, for each false-match rate 10^(-s/10), the raw score that fraction of
        impostors reaches, as the Swift table FingerprintScoreCalibration uses.
        """,
        options: [
            OptionSpec("fingers", value: "N", help: "Synthetic fingers.", default: "10000"),
            OptionSpec("impostors", value: "N", help: "Impostor comparisons per finger.", default: "500"),
            OptionSpec("seed", value: "N", help: "Seed of the synthetic set.", default: "3390683303"),
        ],
        hidden: true,
        run: { args in
            let fingers = try args.int("fingers", in: 2 ... 1_000_000) ?? 10_000
            let impostors = try args.int("impostors", in: 1 ... 100_000) ?? 500
            let seed = try args.int("seed", in: 0 ... Int.max) ?? 3_390_683_303
            let run = FingerprintCalibrationRun(fingers: fingers, impostorsPerFinger: impostors, seed: UInt64(seed))
            let start = Date()
            let result = run.run()
            let seconds = Date().timeIntervalSince(start)
            say("// \(result.impostorRawScores.count) impostor comparisons, \(fingers) fingers x \(run.impostorsPerFinger), seed \(seed), \(String(format: "%.0f", seconds)) s")
            say("static let table: [(raw: Double, score: Double)] = [")
            for point in result.table {
                say(String(format: "    (%.4f, %.0f),", point.raw, point.score))
            }
            say("]")
            say(String(format: "static let tailSlope = %.4f", result.tailSlope))
            for score in [10.0, 20.0, 30.0, 40.0, 50.0] {
                let above = result.impostorScores.filter { $0 >= score }.count
                say(String(format: "// with the table in force: %d of %d impostors score >= %.0f (FMR %.2e, nominal %.0e)", above,
                           result.impostorScores.count, score, Double(above) / Double(result.impostorScores.count),
                           FingerprintScoreCalibration.falseMatchRate(forScore: score)))
            }
        })
}
