import Foundation
import Testing
import EIDCore
import EIDNode

/// Bulk intake of application folders: outcomes reported after commit, reruns idempotent.
@Suite struct EnrollmentIntakeTests {
    /// Runs `folders` through the fixture's intake and returns the events.
    func run(_ fixture: NodeFixture, _ folders: [String], commitEvery: Int = 1) throws
        -> (summary: EnrollmentIntake.Summary, events: [EnrollmentIntake.Event]) {
        var events: [EnrollmentIntake.Event] = []
        let summary = try fixture.intake(commitEvery: commitEvery).run(folders) { events.append($0) }
        return (summary, events)
    }

    @Test func refusedFoldersChangeNothingAndTheRestAreReceivedInOrder() throws {
        let fixture = try NodeFixture("intake-bulk")
        defer { fixture.remove() }
        var folders = try fixture.writeApplicants(0..<7)
        let bad = fixture.adult(from: 20).applicant.with { $0.passport.number = "??" }
        folders.insert(try fixture.write(bad, as: "app-0003-bad"), at: 3)
        folders.insert(fixture.directory.file("applications/missing"), at: 5)

        let (summary, events) = try run(fixture, folders, commitEvery: 3)
        #expect(summary == { var s = EnrollmentIntake.Summary(); s.received = 7; s.refused = 2; return s }())
        let received = events.compactMap { event -> AcceptedEnrollment? in
            if case .received(_, let accepted, _) = event { return accepted } else { return nil }
        }
        #expect(received.map(\.sequence) == Array(1...7))
        let refused = events.compactMap { event -> String? in
            if case .refused(let folder, _) = event { return folder } else { return nil }
        }
        #expect(refused == [folders[3], folders[5]])
        #expect(try fixture.store.status().enrolled == 7)
        #expect(try fixture.store.enrollments(passportNumber: "??").isEmpty)
    }

    @Test func receivedIsReportedOnlyAfterItsCommit() throws {
        let fixture = try NodeFixture("intake-order")
        defer { fixture.remove() }
        let (_, events) = try run(fixture, try fixture.writeApplicants(0..<10), commitEvery: 4)
        var committed = 0
        var received = 0
        for event in events {
            switch event {
            case .committed(let count, let seconds):
                committed += count
                #expect(seconds >= 0)
            case .received:
                received += 1
                #expect(received <= committed, "a receipt was reported before its transaction committed")
            default: Issue.record("unexpected \(event)")
            }
        }
        #expect(committed == 10 && received == 10)
    }

    @Test func aRerunReportsEveryFolderAsAlreadyEnrolledWithItsReceipt() throws {
        let fixture = try NodeFixture("intake-rerun")
        defer { fixture.remove() }
        let folders = try fixture.writeApplicants(0..<5)
        let (_, first) = try run(fixture, Array(folders.prefix(3)))
        let receipts = first.compactMap { event -> String? in
            if case .received(_, let accepted, _) = event { return accepted.receiptNumber } else { return nil }
        }
        let (summary, second) = try run(fixture, folders)
        #expect(summary.alreadyEnrolled == 3 && summary.received == 2)
        let repeated = second.compactMap { event -> String? in
            if case .alreadyEnrolled(_, _, let receipt) = event { return receipt } else { return nil }
        }
        #expect(repeated == receipts)
        #expect(try fixture.store.status().lastSequence == 5)
    }

    @Test func readingAheadOrNotGivesTheSameLog() throws {
        let ahead = try NodeFixture("intake-ahead")
        let inline = try NodeFixture("intake-inline")
        defer { ahead.remove(); inline.remove() }
        var results: [[String]] = []
        for (fixture, readAhead) in [(ahead, 5), (inline, 0)] {
            var folders = try fixture.writeApplicants(0..<9)
            folders.insert(fixture.directory.file("applications/missing"), at: 4)
            let intake = try EnrollmentIntake(store: fixture.store, clock: NodeClock(now: { NodeFixture.morning }),
                                              commitEvery: 4, readAhead: readAhead)
            #expect(intake.readAhead == readAhead)
            var outcomes: [String] = []
            try intake.run(folders) { event in
                switch event {
                case .received(let folder, let accepted, _):
                    outcomes.append("\(URL(fileURLWithPath: folder).lastPathComponent) #\(accepted.sequence) \(accepted.receiptNumber)")
                case .refused(let folder, _): outcomes.append("\(URL(fileURLWithPath: folder).lastPathComponent) refused")
                default: break
                }
            }
            results.append(outcomes)
        }
        #expect(results[0] == results[1])
        #expect(results[0].count == 10 && results[0].filter { $0.hasSuffix("refused") }.count == 1)
    }

    @Test func applicationFoldersAreTheSubFoldersInNameOrder() throws {
        let fixture = try NodeFixture("intake-list")
        defer { fixture.remove() }
        let folders = try fixture.writeApplicants(0..<3)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: fixture.directory.file("applications/README")))
        #expect(try EnrollmentIntake.applicationFolders(in: fixture.directory.file("applications")) == folders)
        #expect(throws: NodeError.self) { try EnrollmentIntake.applicationFolders(in: fixture.directory.file("none")) }
    }
}

/// Reading an application folder: presence and size limits.
@Suite struct ApplicationPackageTests {
    func reason(_ folder: String) -> String {
        do {
            _ = try ApplicationPackage(folder: folder)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func missingOrExtraFilesAreNamed() throws {
        let fixture = try NodeFixture("package")
        defer { fixture.remove() }
        let applicant = fixture.adult().applicant
        let files = FileManager.default
        func fresh(_ name: String) throws -> String { try fixture.write(applicant, as: name) }

        let noJSON = try fresh("no-json")
        try files.removeItem(atPath: noJSON + "/application.json")
        #expect(reason(noJSON).contains("application.json is missing"))

        let noPortrait = try fresh("no-portrait")
        try files.removeItem(atPath: noPortrait + "/portrait.png")
        #expect(reason(noPortrait).contains("no portrait (portrait.jpg or portrait.png)"))

        let twoPortraits = try fresh("two-portraits")
        try files.copyItem(atPath: twoPortraits + "/portrait.png", toPath: twoPortraits + "/portrait.jpg")
        #expect(reason(twoPortraits).contains("more than one portrait"))

        let noFingers = try fresh("no-fingers")
        try files.removeItem(atPath: noFingers + "/fingerprints")
        #expect(reason(noFingers).contains("no fingerprint templates"))

        let noFace = try fresh("no-face")
        try files.removeItem(atPath: noFace + "/face.f32")
        #expect(reason(noFace).contains("no face embedding (face.f32 or face.json)"))

        let twoFaces = try fresh("two-faces")
        try Data("[0.5]".utf8).write(to: URL(fileURLWithPath: twoFaces + "/face.json"))
        #expect(reason(twoFaces).contains("both face.f32 and face.json"))

        let empty = try fresh("empty-template")
        try Data().write(to: URL(fileURLWithPath: empty + "/fingerprints/1-right-index-finger.iso"))
        #expect(reason(empty).contains("fingerprints/1-right-index-finger.iso is empty"))

        let huge = try fresh("huge-face")
        try Data(count: ApplicationPackage.maxEmbeddingBytes + 1).write(to: URL(fileURLWithPath: huge + "/face.f32"))
        #expect(reason(huge).contains("face.f32 is larger than the limit of 16384 bytes"))

        #expect(reason(fixture.directory.file("nothing-here")).contains("is not a readable folder"))
        #expect(reason(try fresh("fine")) == "accepted")
    }
}
