import Foundation
import EIDCore
import EIDSynthetic

/// `eid synth ...`: synthetic applicants for demos, tests and benchmarks.
enum SynthCommands {
    static let group = Command(
        group: "synth",
        abstract: "Generate synthetic applicants (no real personal or biometric data).",
        subcommands: [applications])

    static let applications = Command(
        "applications",
        abstract: "Write N application folders (application.json, portrait.png, fingerprints/*.iso, face.f32).",
        options: [
            OptionSpec("out", value: "DIR", help: "Folder to write into (one sub-folder per application).", required: true),
            OptionSpec("count", value: "N", help: "How many.", default: "10"),
            OptionSpec("seed", value: "N", help: "Seed; the same seed gives the same applicants.", default: "1"),
            OptionSpec("start", value: "N", help: "Index of the first applicant (to extend a set).", default: "0"),
            OptionSpec("date", value: "YYYY-MM-DD", help: "Application date (default: today in Vietnam)."),
            OptionSpec("fingers", value: "N", help: "Fingers captured per applicant (2–10).", default: "4"),
            OptionSpec("portrait", value: "typical|compact",
                       help: "typical: a ~38 KB PNG like an ID photo; compact: a ~2 KB PNG of the same size in pixels (for runs of thousands).",
                       default: "typical"),
        ],
        run: { args in
            let count = try args.int("count", in: 1...10_000_000) ?? 10
            let seed = try args.int("seed", in: 0...Int.max) ?? 1
            let start = try args.int("start", in: 0...Int.max) ?? 0
            let fingers = try args.int("fingers", in: 2...10) ?? 4
            let date: CivilDate
            if let text = args.string("date") {
                do { date = try CivilDate(iso: text) } catch {
                    throw UsageError("option '--date': \(error)", commandPath: args.commandPath)
                }
            } else {
                date = NodeClockShim.today()
            }
            let portrait = args.string("portrait") ?? "typical"
            guard portrait == "typical" || portrait == "compact" else {
                throw UsageError("option '--portrait' expects typical or compact, got '\(portrait)'", commandPath: args.commandPath)
            }
            let out = try args.requiredString("out")
            var synthesizer = ApplicantSynthesizer(seed: UInt64(seed), applicationDate: date, fingers: fingers)
            synthesizer.compactPortrait = portrait == "compact"
            for index in start..<(start + count) {
                let folder = (out as NSString).appendingPathComponent(String(format: "app-%07d", index))
                try synthesizer.applicant(index).write(to: folder)
            }
            say("Wrote \(count) synthetic application(s) to \(out) (seed \(seed), date \(date.isoString)).")
        })
}

import EIDNode
enum NodeClockShim {
    static func today() -> CivilDate { NodeClock.vietnamDay(Date()) }
}
