import Foundation
import EIDBiometrics

extension BioCommands {
    /// `eid bio eval`: error rates, calibration, decisions and speed of the biometric engine on a generated set.
    static let eval = Command(
        "eval",
        abstract: "Measure face, fingerprint and fused matching on a generated set: EER, FNMR at fixed FMRs, DET curve, timing.",
        discussion: """
        Generates synthetic people (two face captures and two impressions of each finger per person), \
        compares every person's two captures (genuine) and sampled pairs of different people (impostor), \
        measures the score calibrations on half of the impostor pairs and evaluates on the other half. \
        Prints error rates for the face, one finger, all fingers and the fused decision; the calibration \
        check; int8 against float32 faces; decision rates at the policy's thresholds; 1:1 speed; and the \
        latency of 1:N face search at each gallery size. See docs/biometrics.md.
        """,
        options: [
            OptionSpec("people", value: "N", help: "People in the set.", default: "2000"),
            OptionSpec("fingers", value: "N", help: "Fingers per person (1–10).", default: "4"),
            OptionSpec("impostors", value: "N", help: "Impostor pairs of people to sample.", default: "100000"),
            OptionSpec("seed", value: "N", help: "Seed; the same seed gives the same set and scores.", default: "1"),
            OptionSpec("threads", value: "N", help: "Threads to use.", default: "2"),
            OptionSpec("gallery-sizes", value: "N,N,...",
                       help: "Gallery sizes for the 1:N face search timing (0 to skip).", default: "10000,100000,1000000"),
            OptionSpec("probes", value: "N", help: "Searches per gallery size.", default: "20"),
            OptionSpec("poor-captures", value: "RATE",
                       help: "Share of fingerprint impressions that are poor captures (0–1).", default: "0.05"),
            OptionSpec("hard-to-capture", value: "RATE",
                       help: "Share of people whose every fingerprint impression is poor (worn ridges; 0–1).", default: "0.02"),
            OptionSpec("det", value: "FILE.svg", help: "Write the DET curves as an SVG image."),
            OptionSpec("policy-out", value: "FILE.json",
                       help: "Write the measured fusion policy (calibrations and thresholds) as JSON, as central's configuration reads it."),
            OptionSpec("scores-out", value: "DIR",
                       help: "Write each system's genuine and impostor scores, one per line (DIR/<system>-genuine.txt, -impostor.txt)."),
        ],
        flags: [
            FlagSpec("skip-large", help: "Leave out gallery sizes above 100,000."),
            FlagSpec("json", help: "Print the report as JSON."),
            FlagSpec("quiet", help: "No progress messages on standard error."),
        ],
        run: { args in
            var evaluation = BiometricEvaluation()
            evaluation.people = try args.int("people", in: 20 ... 1_000_000) ?? 2_000
            evaluation.fingers = try args.int("fingers", in: 1 ... 10) ?? 4
            evaluation.impostorPairs = try args.int("impostors", in: 1 ... 100_000_000) ?? 100_000
            guard evaluation.impostorPairs >= 2 * evaluation.people / 10 else {
                throw UsageError("option '--impostors' must be at least \(2 * evaluation.people / 10) for \(evaluation.people) people",
                                 commandPath: args.commandPath)
            }
            evaluation.seed = UInt64(try args.int("seed", in: 0 ... Int.max) ?? 1)
            evaluation.threads = try args.int("threads", in: 1 ... 64) ?? 2
            evaluation.searchProbes = try args.int("probes", in: 1 ... 10_000) ?? 20
            evaluation.fingerConditions.poorCaptureRate = try args.double("poor-captures", in: 0 ... 1) ?? 0.05
            evaluation.fingerConditions.hardToCaptureRate = try args.double("hard-to-capture", in: 0 ... 1) ?? 0.02
            var sizes: [Int] = []
            for text in (args.string("gallery-sizes") ?? "10000,100000,1000000").split(separator: ",") {
                guard let size = Int(text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")),
                      (0 ... 100_000_000).contains(size)
                else {
                    throw UsageError("option '--gallery-sizes' expects comma-separated sizes, got '\(text)'", commandPath: args.commandPath)
                }
                if size > 0, !(args.flag("skip-large") && size > 100_000) { sizes.append(size) }
            }
            evaluation.searchGallerySizes = sizes
            let quiet = args.flag("quiet")
            let (report, scores) = try evaluation.run { message in
                if !quiet { Console.standardError.line("eid bio eval: \(message)") }
            }
            if let directory = args.string("scores-out") {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                for system in scores.systems {
                    for (kind, values) in [("genuine", system.genuine), ("impostor", system.impostor)] {
                        let text = values.map { "\($0)\n" }.joined()
                        try Data(text.utf8).write(to: URL(fileURLWithPath: directory).appendingPathComponent("\(system.stem)-\(kind).txt"))
                    }
                }
            }
            if let path = args.string("policy-out") {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                try encoder.encode(report.policy).write(to: URL(fileURLWithPath: path))
            }
            if let path = args.string("det") {
                try Data(BioEvalOutput.detPlot(report, scores).svg().utf8).write(to: URL(fileURLWithPath: path))
            }
            if args.flag("json") { return say(try JSONText.encode(report)) }
            say(BioEvalOutput.text(report))
        })
}

/// The human-readable output of `eid bio eval`.
enum BioEvalOutput {
    static func detPlot(_ report: BiometricEvaluationReport, _ scores: BiometricEvaluationScores) -> DETPlot {
        let curves = scores.systems.filter { $0.stem != "face-all" }.map { system in
            let rates = MatchErrorRates(genuine: system.genuine, impostor: system.impostor)
            let marker = system.operatingThreshold.map { (rates.falseMatchRate(at: $0), rates.falseNonMatchRate(at: $0)) }
            return DETPlot.Curve(name: system.name, points: rates.detCurve(), marker: marker)
        }
        var plot = DETPlot(title: "DET: \(report.set.people) synthetic people, \(report.set.evaluationPairs) impostor pairs evaluated",
                           curves: curves)
        plot.minimumFMR = max(1e-7, 0.5 / Double(max(1, report.set.evaluationPairs)))
        plot.minimumFNMR = max(1e-5, 0.5 / Double(max(1, report.set.people)))
        return plot
    }

    static func percent(_ value: Double) -> String { String(format: value < 0.001 && value > 0 ? "%.4f%%" : "%.3f%%", value * 100) }

    static func text(_ report: BiometricEvaluationReport) -> String {
        var lines: [String] = []
        let set = report.set
        lines.append("Biometric evaluation: \(set.people) synthetic people, \(set.fingersPerPerson) finger(s), 2 captures of each (seed \(set.seed))")
        lines.append("  genuine: \(set.people) per system (\(set.people * set.fingersPerPerson) for one finger); impostor pairs: \(set.impostorPairs) sampled, "
            + "\(set.calibrationPairs) calibrate, \(set.evaluationPairs) evaluated; face also over all \(set.faceCrossPairs) pairs")
        lines.append("  captures: \(set.poorImpressions) of \(2 * set.people * set.fingersPerPerson) fingerprint impressions poor "
            + "(\(percent(set.poorCaptureRate)) drawn at random, and every impression of the \(set.hardToCapturePeople) people "
            + "hard to capture, \(percent(set.hardToCaptureRate))); \(percent(set.poorFaceCaptureRate)) of face captures poor")
        lines.append("")
        lines.append("system                          EER       FNMR@FMR=1%  0.1%      0.01%     lowest genuine  highest impostor")
        for system in report.systems {
            var row = system.name.padding(toLength: 32, withPad: " ", startingAt: 0)
            row += percent(system.equalErrorRate).padding(toLength: 10, withPad: " ", startingAt: 0)
            for point in system.operatingPoints {
                row += (percent(point.falseNonMatchRate) + (point.measurable ? "" : "*")).padding(toLength: point.falseMatchRate == 1e-2 ? 13 : 10, withPad: " ", startingAt: 0)
            }
            row += String(format: "%-15.4g %.4g", system.genuine.minimum, system.impostor.maximum)
            lines.append(row)
        }
        lines.append("  (scores: face = cosine, one finger = matcher score, the rest = evidence −log10 FMR; * = FMR below what the set can show)")
        lines.append("")
        lines.append("Calibration check on the evaluation half (evidence e should be reached by a share 10^−e of impostors):")
        for check in report.calibrationChecks {
            let levels = check.levels.map { String(format: "e=%.0f: %.2g", $0.evidence, $0.measuredFMR) }.joined(separator: "  ")
            lines.append("  \(check.system.padding(toLength: 34, withPad: " ", startingAt: 0)) \(levels)")
        }
        let q = report.quantisation
        lines.append("")
        lines.append("Face storage: int8 code \(q.bytesInt8) bytes vs float32 \(q.bytesFloat32); cosine error over \(q.comparisons) pairs: "
            + String(format: "mean %.2g, max %.2g", q.meanAbsoluteError, q.maximumAbsoluteError))
        lines.append("  EER float32 \(percent(q.equalErrorRateFloat32)) vs int8 \(percent(q.equalErrorRateInt8)); "
            + "FNMR@0.01% float32 \(percent(q.fnmrAtFMR1e4Float32)) vs int8 \(percent(q.fnmrAtFMR1e4Int8))")
        let v = report.verification
        lines.append("")
        lines.append(String(format: "1:1 verification (accept: fused evidence ≥ %.0f and fingerprints ≥ %.0f; reject: < %.0f; review between):",
                            v.acceptEvidence, report.policy.minimumFingerprintEvidence, v.rejectEvidence))
        lines.append("  genuine  accept \(percent(v.genuineAccept))  review \(percent(v.genuineReview))  reject \(percent(v.genuineReject))")
        lines.append("  impostor accept \(percent(v.impostorAccept))  review \(percent(v.impostorReview))  reject \(percent(v.impostorReject))")
        let d = report.deduplication
        lines.append("")
        lines.append(String(format: "1:N de-duplication at %d enrolled, target FPIR %@: duplicate at fused evidence ≥ %.2f (FMR 1e-%.0f), review ≥ %.2f",
                            d.gallerySize, percent(d.targetFPIR), d.duplicateEvidence, d.duplicateEvidence, d.reviewEvidence))
        lines.append("  genuine duplicates flagged \(percent(d.genuineDuplicateRate)) (review or duplicate \(percent(d.genuineReviewOrDuplicateRate)));"
            + String(format: " highest impostor evidence %.2f; expected FPIR %@", d.maximumImpostorEvidence, percent(d.expectedFPIR)))
        let t = report.timing
        lines.append("")
        lines.append(String(format: "1:1 speed (one thread): %.0f face comparisons/s, %.0f fingerprint comparisons/s, %.0f full verifications/s",
                            t.faceComparisonsPerSecond, t.fingerprintComparisonsPerSecond, t.verificationsPerSecond))
        if !report.search.isEmpty {
            lines.append("")
            lines.append("1:N face search, top 10 (\(report.timing.threads) threads):")
            lines.append("  gallery     build s   median ms  p95 ms   exhaustive ms  mate in top 10 (two-stage / exhaustive)  top-10 overlap")
            for s in report.search {
                lines.append(String(format: "  %-10d  %-8.1f  %-9.2f  %-7.2f  %-13.2f  %@ / %@ (%d probes)%@  %@",
                                    s.gallerySize, s.buildSeconds, s.medianMilliseconds, s.p95Milliseconds, s.exhaustiveMedianMilliseconds,
                                    percent(s.mateInTop10), percent(s.mateInTop10Exhaustive), s.probes, "", percent(s.top10Overlap)))
            }
        }
        lines.append("")
        lines.append(String(format: "total %.1f s", t.totalSeconds))
        return lines.joined(separator: "\n")
    }
}
