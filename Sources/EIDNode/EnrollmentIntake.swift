import Foundation
import EIDCore

/// Enrolls a list of application folders into a node's log, the way `eid node enroll`
/// does: reads and checks each folder (``ApplicationPackage``, ``IntakeChecks``), appends
/// the accepted ones `commitEvery` to a transaction, and reports each outcome.
///
/// An accepted application is reported only after the transaction holding it has
/// committed, so a reported receipt number is always durable; a refused one changes
/// nothing. A folder whose passport is already in the log is reported as already
/// enrolled with its existing receipt, so repeating an interrupted run is safe.
public final class EnrollmentIntake {
    /// What happened, in order. Every folder gets exactly one of `received`,
    /// `alreadyEnrolled` or `refused`.
    public enum Event: Sendable {
        /// Committed; `warnings` are quality notes that did not refuse the capture.
        case received(folder: String, AcceptedEnrollment, warnings: [String])
        /// Nothing added: the passport is in the log already under `receiptNumber`.
        case alreadyEnrolled(folder: String, passportNumber: String, receiptNumber: String)
        /// Nothing stored; the error lists every reason.
        case refused(folder: String, NodeError)
        /// A transaction committed holding `enrollments` new enrollments; `seconds` is its
        /// sealing, insert and commit time (reported before the `received` events it holds).
        case committed(enrollments: Int, seconds: Double)
    }

    /// Counts for one run.
    public struct Summary: Sendable, Equatable {
        public var received = 0
        public var refused = 0
        public var alreadyEnrolled = 0
        public var processed: Int { received + refused + alreadyEnrolled }
        public init() {}
    }

    public let store: NodeStore
    public let checks: IntakeChecks
    public let clock: NodeClock
    /// Applications per transaction (1 = each committed on its own).
    public let commitEvery: Int
    /// How many folders may be read and checked ahead, on another thread, while a group
    /// commits (0: read each folder on the calling thread when its turn comes).
    public let readAhead: Int
    let sealer: EnrollmentSealer

    public init(store: NodeStore, checks: IntakeChecks = IntakeChecks(), clock: NodeClock = NodeClock(),
                commitEvery: Int = 1, readAhead: Int? = nil) throws {
        self.store = store
        self.checks = checks
        self.clock = clock
        self.commitEvery = max(1, commitEvery)
        self.readAhead = max(0, readAhead ?? 2 * self.commitEvery + 2)
        self.sealer = try EnrollmentSealer(authorityPublicKeyPEM: store.configuration.authoritySealingPublicKeyPEM)
    }

    /// The application folders inside `parent`: every sub-folder, in name order.
    public static func applicationFolders(in parent: String) throws(NodeError) -> [String] {
        let files = FileManager.default
        let names: [String]
        do { names = try files.contentsOfDirectory(atPath: parent).sorted() } catch {
            throw .badApplication("cannot list \(parent): it is not a readable folder")
        }
        return names.map { (parent as NSString).appendingPathComponent($0) }.filter { path in
            var isDirectory: ObjCBool = false
            return files.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        }
    }

    /// Checks and enrolls `folders` in order, calling `onEvent` for each outcome.
    /// Throws only when the store fails (then nothing of the current group was committed
    /// and none of it was reported received).
    @discardableResult
    public func run(_ folders: [String], onEvent: (Event) -> Void) throws -> Summary {
        var summary = Summary()
        var pending: [(folder: String, enrollment: CheckedEnrollment)] = []

        func flush() throws {
            guard !pending.isEmpty else { return }
            let started = DispatchTime.now().uptimeNanoseconds
            let outcomes = try store.appendAll(pending.map(\.enrollment), sealer: sealer, at: clock.now())
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            let added = outcomes.filter { if case .accepted = $0 { true } else { false } }.count
            onEvent(.committed(enrollments: added, seconds: seconds))
            for (item, outcome) in zip(pending, outcomes) {
                switch outcome {
                case .accepted(let accepted):
                    summary.received += 1
                    onEvent(.received(folder: item.folder, accepted, warnings: item.enrollment.warnings))
                case .duplicate(let passport, let receipt):
                    summary.alreadyEnrolled += 1
                    onEvent(.alreadyEnrolled(folder: item.folder, passportNumber: passport, receiptNumber: receipt))
                }
            }
            pending.removeAll(keepingCapacity: true)
        }

        let checks = self.checks
        let prepare = { @Sendable (index: Int) -> Result<CheckedEnrollment, NodeError> in
            Result { () throws(NodeError) in try checks.check(try ApplicationPackage(folder: folders[index])) }
        }
        // The next folders are read and checked on another thread while a group commits.
        let ahead = readAhead > 0 ? ReadAhead(count: folders.count, capacity: readAhead, produce: prepare) : nil
        defer { ahead?.cancel() }
        for (index, folder) in folders.enumerated() {
            switch ahead?.next() ?? prepare(index) {
            case .success(let enrollment):
                pending.append((folder, enrollment))
            case .failure(let error):
                summary.refused += 1
                onEvent(.refused(folder: folder, error))
            }
            if pending.count >= commitEvery { try flush() }
        }
        try flush()
        return summary
    }
}
