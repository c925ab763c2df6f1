import Foundation
import EIDCore
import EIDCrypto
import EIDNode

/// Enrolls a list of application folders: checks each, appends the accepted ones
/// in groups of `commitEvery` per transaction, and prints one line per application
/// after its transaction committed (so a printed receipt is always durable).
final class EnrollmentRun {
    let store: NodeStore
    let json: Bool
    let progress: Bool
    var checks = IntakeChecks()
    var clock = NodeClock()

    struct Outcome { var accepted = 0, refused = 0, duplicates = 0 }

    /// Every application was refused.
    struct Failure: Error, CustomStringConvertible {
        let refused: Int
        var description: String { "\(refused) application(s) refused; nothing was stored" }
    }

    init(store: NodeStore, json: Bool, progress: Bool) {
        self.store = store
        self.json = json
        self.progress = progress
    }

    private var outcome = Outcome()
    private var pending: [(folder: String, enrollment: CheckedEnrollment)] = []

    private func flush(_ sealer: EnrollmentSealer) throws {
            guard !pending.isEmpty else { return }
            let results = try store.appendAll(pending.map(\.enrollment), sealer: sealer, at: clock.now())
            for (item, result) in zip(pending, results) {
                switch result {
                case .accepted(let accepted):
                    outcome.accepted += 1
                    report(item.folder, ["outcome": "received", "receipt_number": accepted.receiptNumber,
                                         "sequence": String(accepted.sequence), "passport_number": accepted.passportNumber],
                           text: "received \(accepted.receiptNumber)  #\(accepted.sequence)  \(accepted.passportNumber)  \(accepted.fullName)")
                case .duplicate(let passport, let receipt):
                    outcome.duplicates += 1
                    report(item.folder, ["outcome": "duplicate", "receipt_number": receipt, "passport_number": passport],
                           text: "already enrolled: passport \(passport) has receipt \(receipt) (\(item.folder))")
                }
            }
            pending.removeAll()
    }

    func run(_ folders: [String], commitEvery: Int) throws -> Outcome {
        let sealer = try EnrollmentSealer(authorityPublicKeyPEM: store.configuration.authoritySealingPublicKeyPEM)
        let started = Date()
        var lastProgress = Date.distantPast
        for (index, folder) in folders.enumerated() {
            do throws(NodeError) {
                let package = try ApplicationPackage(folder: folder)
                pending.append((folder, try checks.check(package)))
            } catch {
                outcome.refused += 1
                if json {
                    report(folder, ["outcome": "refused", "reason": error.description], text: "")
                } else {
                    Console.standardError.line("\(folder): \(error)")
                }
            }
            if pending.count >= commitEvery { try flush(sealer) }
            if progress, Date().timeIntervalSince(lastProgress) > 0.5 || index == folders.count - 1 {
                lastProgress = Date()
                let rate = Double(outcome.accepted) / max(0.001, Date().timeIntervalSince(started))
                Console.standardError.write("\r\(index + 1)/\(folders.count) checked · \(outcome.accepted) received · \(outcome.refused) refused · \(outcome.duplicates) already enrolled · \(String(format: "%.1f", rate))/s   ")
            }
        }
        try flush(sealer)
        if progress { Console.standardError.line() }
        if !json && folders.count > 1 {
            say("\(outcome.accepted) received, \(outcome.refused) refused, \(outcome.duplicates) already enrolled.")
        }
        return outcome
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
