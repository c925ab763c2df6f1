import Foundation
import EIDCore
import EIDNode

/// What `eid node enroll` prints around an ``EnrollmentIntake`` run: one line per
/// application on standard output (JSON with `--json`), written only after the
/// enrollment's transaction committed, refusals on standard error, and for long runs
/// a progress line on standard error.
final class EnrollmentRun {
    let intake: EnrollmentIntake
    let json: Bool
    let progress: Bool

    /// Every application was refused.
    struct Failure: Error, CustomStringConvertible {
        let refused: Int
        var description: String { "\(refused) application(s) refused; nothing was stored" }
    }

    init(intake: EnrollmentIntake, json: Bool, progress: Bool) {
        self.intake = intake
        self.json = json
        self.progress = progress
    }

    func run(_ folders: [String]) throws -> EnrollmentIntake.Summary {
        let started = Date()
        var lastProgress = Date.distantPast
        var counts = EnrollmentIntake.Summary()
        let summary = try intake.run(folders) { event in
            switch event {
            case .received(let folder, let accepted, let warnings):
                counts.received += 1
                report(folder, ["outcome": "received", "receipt_number": accepted.receiptNumber,
                                "sequence": String(accepted.sequence), "passport_number": accepted.passportNumber],
                       text: "received \(accepted.receiptNumber)  #\(accepted.sequence)  \(accepted.passportNumber)  \(accepted.fullName)")
                for warning in warnings where !json { Console.standardError.line("\(folder): note: \(warning)") }
            case .alreadyEnrolled(let folder, let passport, let receipt):
                counts.alreadyEnrolled += 1
                report(folder, ["outcome": "already_enrolled", "receipt_number": receipt, "passport_number": passport],
                       text: "already enrolled: passport \(passport) has receipt \(receipt) (\(folder))")
            case .refused(let folder, let error):
                counts.refused += 1
                if json {
                    report(folder, ["outcome": "refused", "reason": error.description], text: "")
                } else {
                    clearProgress()
                    Console.standardError.line("\(folder): \(error)")
                }
            case .committed:
                return
            }
            // On a terminal the line is redrawn in place twice a second; into a file or pipe
            // a new line is written every few seconds.
            let interval = terminal ? 0.5 : 5
            if progress, Date().timeIntervalSince(lastProgress) > interval || counts.processed == folders.count {
                lastProgress = Date()
                let rate = Double(counts.received) / max(0.001, Date().timeIntervalSince(started))
                let line = "\(counts.processed)/\(folders.count) done · \(counts.received) received · \(counts.refused) refused · \(counts.alreadyEnrolled) already enrolled · \(String(format: "%.1f", rate))/s"
                if terminal { Console.standardError.write("\r\u{1B}[K" + line) } else { Console.standardError.line(line) }
            }
        }
        if progress && terminal { Console.standardError.line() }
        if !json && folders.count > 1 {
            say("\(summary.received) received, \(summary.refused) refused, \(summary.alreadyEnrolled) already enrolled.")
        }
        return summary
    }

    let terminal = isatty(STDERR_FILENO) == 1

    func clearProgress() {
        if progress && terminal { Console.standardError.write("\r\u{1B}[K") }
    }

    func report(_ folder: String, _ fields: [String: String], text: String) {
        if json {
            var object = fields
            object["folder"] = folder
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            say(String(decoding: data, as: UTF8.self))
        } else {
            say(text)
        }
    }
}
