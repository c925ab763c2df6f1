import Foundation
import EIDBiometrics

/// `eid bio ...`: fingerprint templates for officers and operators, and synthetic biometric data.
enum BioCommands {
    static let group = Command(
        group: "bio",
        abstract: "Inspect, compare, generate and evaluate biometric templates (ISO/IEC 19794-2 fingerprints, face embeddings).",
        discussion: """
        Fingerprint files may be ISO/IEC 19794-2:2005 or ANSI/INCITS 378-2004 minutiae records
        (the format is told from the header) or match-ready templates written by this software.
        See docs/biometrics.md for the formats, the matcher and its score calibration.
        """,
        subcommands: [inspect, match, BioSynthCommand.command, BioCalibrateCommand.command, eval])

    static let inspect = Command(
        "inspect",
        abstract: "Print a fingerprint template's format, header, views and minutiae.",
        flags: [FlagSpec("json", help: "Print JSON instead of text.")],
        positionals: [PositionalSpec("file", help: "A minutiae record (ISO/IEC 19794-2:2005, ANSI/INCITS 378-2004) or a match-ready template.")],
        run: { args in
            let path = args.positional("file") ?? ""
            let file = try FingerprintFile.load(path)
            say(args.flag("json") ? try TemplateReport.json(file, path: path) : TemplateReport.text(file, path: path))
        })

    static let match = Command(
        "match",
        abstract: "Compare two fingerprint templates: the score and the false-match rate it stands for.",
        discussion: """
        The score is calibrated like SourceAFIS's: score = 10 x (-log10 FMR), so 40 means about
        one impostor comparison in 10,000 scores as high. Each file's first view is used unless
        --view-a / --view-b say otherwise.
        """,
        options: [
            OptionSpec("view-a", value: "N", help: "View of file A to compare (0-based).", default: "0"),
            OptionSpec("view-b", value: "N", help: "View of file B to compare (0-based).", default: "0"),
        ],
        flags: [FlagSpec("json", help: "Print JSON instead of text.")],
        positionals: [PositionalSpec("a", help: "First fingerprint file (probe)."),
                      PositionalSpec("b", help: "Second fingerprint file (candidate).")],
        run: { args in
            let viewA = try args.int("view-a", in: 0 ... 255) ?? 0, viewB = try args.int("view-b", in: 0 ... 255) ?? 0
            let pathA = args.positional("a") ?? "", pathB = args.positional("b") ?? ""
            let a = try FingerprintFile.load(pathA).matchTemplate(view: viewA, path: pathA)
            let b = try FingerprintFile.load(pathB).matchTemplate(view: viewB, path: pathB)
            let score = FingerprintMatcher(probe: a).match(b)
            let rate = FingerprintScoreCalibration.falseMatchRate(forScore: score)
            if args.flag("json") {
                let object: [String: Any] = [
                    "a": ["file": pathA, "view": viewA, "position": a.position.rawValue, "minutiae": a.minutiaCount],
                    "b": ["file": pathB, "view": viewB, "position": b.position.rawValue, "minutiae": b.minutiaCount],
                    "score": (score * 100).rounded() / 100, "falseMatchRate": rate,
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                say(String(decoding: data, as: UTF8.self))
                return
            }
            say("A: \(pathA) view \(viewA): \(a.position), \(a.minutiaCount) minutiae")
            say("B: \(pathB) view \(viewB): \(b.position), \(b.minutiaCount) minutiae")
            say(String(format: "score: %.2f", score))
            say("false-match rate: \(describeRate(rate))")
            if a.position != b.position, a.position != .unknown, b.position != .unknown {
                say("note: the files are of different fingers (\(a.position), \(b.position))")
            }
        })

    /// "about 1 in 12,345 (8.1e-05)", or "1 (no evidence of a match)".
    static func describeRate(_ rate: Double) -> String {
        guard rate < 1 else { return "1 (no evidence of a match)" }
        let oneIn = 1 / rate
        let grouped = oneIn >= 1e15 ? String(format: "%.1e", oneIn) : groupThousands(Int(oneIn.rounded()))
        return "about 1 in \(grouped) impostor comparisons (\(String(format: "%.1e", rate)))"
    }

    static func groupThousands(_ value: Int) -> String {
        var digits = String(value), groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ",")
    }
}
