import EIDTestSupport
import Foundation
import Testing

/// `eid bio synth`, `inspect` and `match` with the real binary on real files.
@Suite struct BioCommandTests {
    /// Three synthetic persons, two fingers, two impressions each (made once per test).
    private func synthesise() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory("bio")
        let result = try CommandRunner.eid(["bio", "synth", "--out", directory.path, "--people", "3", "--seed", "42"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("Wrote 3 synthetic person(s)"))
        return directory
    }

    private func finger(_ directory: TemporaryDirectory, person: Int, _ file: String, finger: String = "02-right-index") -> String {
        directory.file(String(format: "person-%07d", person) + "/fingers/\(finger)/\(file)")
    }

    /// Poor captures: typical impressions stay byte-identical to a plain run, the manifest names the
    /// hard-to-capture persons, and their impressions differ from the plain run's.
    @Test func synthMixesInPoorCaptures() throws {
        let plain = try TemporaryDirectory("synth-plain"), mixed = try TemporaryDirectory("synth-mixed")
        defer { plain.remove(); mixed.remove() }
        #expect(try CommandRunner.eid(["bio", "synth", "--out", plain.path, "--people", "100", "--seed", "5", "--impressions", "1",
                                      "--face-captures", "0"]).status == 0)
        let result = try CommandRunner.eid(["bio", "synth", "--out", mixed.path, "--people", "100", "--seed", "5", "--impressions", "1",
                                            "--face-captures", "0", "--poor-captures", "0.2", "--hard-to-capture", "0.2"])
        #expect(result.status == 0, "\(result.standardError)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: mixed.file("manifest.json")))) as? [String: Any])
        let hard = try #require(manifest["hardToCapture"] as? [Int])
        #expect(manifest["poorCaptureRate"] as? Double == 0.2)
        #expect(hard.count >= 5 && hard.count <= 40, "hard to capture: \(hard)")
        var same = 0, changed = 0
        for person in 0 ..< 100 {
            for finger in ["02-right-index", "07-left-index"] {
                let path = String(format: "person-%07d", person) + "/fingers/\(finger)/impression-1.iso"
                let a = try fileBytes(plain.file(path)), b = try fileBytes(mixed.file(path))
                if a == b { same += 1 } else { changed += 1 }
                if hard.contains(person) { #expect(a != b, "person \(person) is hard to capture") }
                #expect(try fileBytes(plain.file(String(format: "person-%07d", person) + "/fingers/\(finger)/master.iso"))
                    == fileBytes(mixed.file(String(format: "person-%07d", person) + "/fingers/\(finger)/master.iso")))
            }
        }
        #expect(same > 80 && changed >= 30, "\(same) impressions unchanged, \(changed) poor")
        let bad = try CommandRunner.eid(["bio", "synth", "--out", mixed.path, "--poor-captures", "-1"])
        #expect(bad.status == 2 && bad.standardError.contains("'--poor-captures'"))
    }

    @Test func synthWritesTheDocumentedLayout() throws {
        let directory = try synthesise()
        defer { directory.remove() }
        let files = FileManager.default
        for person in 0 ..< 3 {
            for finger in ["02-right-index", "07-left-index"] {
                for file in ["master.iso", "impression-1.iso", "impression-2.iso"] {
                    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: self.finger(directory, person: person, file, finger: finger))))
                    #expect(Array(bytes.prefix(8)) == Array("FMR\0 20\0".utf8))
                }
            }
            let face = directory.file(String(format: "person-%07d", person) + "/face")
            #expect(try files.contentsOfDirectory(atPath: face).sorted() == ["capture-1.f32", "capture-2.f32", "identity.f32"])
            #expect(try Data(contentsOf: URL(fileURLWithPath: face + "/capture-1.f32")).count == 2048)
        }
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.file("manifest.json"))))
        #expect((manifest as? [String: Any])?["people"] as? Int == 3)
        // The same seed gives the same bytes.
        let again = try TemporaryDirectory("bio-again")
        defer { again.remove() }
        _ = try CommandRunner.eid(["bio", "synth", "--out", again.path, "--people", "1", "--seed", "42"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: finger(directory, person: 0, "impression-2.iso")))
            == Data(contentsOf: URL(fileURLWithPath: finger(again, person: 0, "impression-2.iso"))))
    }

    @Test func inspectPrintsHeaderViewsAndMinutiae() throws {
        let directory = try synthesise()
        defer { directory.remove() }
        let path = finger(directory, person: 1, "impression-1.iso")
        let text = try CommandRunner.eid(["bio", "inspect", path])
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("format: ISO/IEC 19794-2:2005"))
        #expect(text.standardOutput.contains("image: 400 x 500 px, resolution 197 x 197 px/cm (500 x 500 dpi)"))
        #expect(text.standardOutput.contains("view 0: right index finger (code 2)"))
        let json = try CommandRunner.eid(["bio", "inspect", "--json", path])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["format"] as? String == "iso19794_2_2005")
        let views = try #require(object["views"] as? [[String: Any]])
        let minutiae = try #require(views.first?["minutiae"] as? [[String: Any]])
        #expect(minutiae.count > 12)
        // One text line per minutia.
        #expect(text.standardOutput.split(separator: "\n").filter { $0.contains("°") }.count == minutiae.count)
    }

    @Test func inspectReadsANSI378() throws {
        let directory = try TemporaryDirectory("bio-ansi")
        defer { directory.remove() }
        // ANSI/INCITS 378-2004: 26-byte header (2-byte length, CBEFF product id), one view, two
        // minutiae (angles in 2° units) and a ridge-count block.
        let ansi: [UInt8] = [
            0x46, 0x4D, 0x52, 0x00, 0x20, 0x32, 0x30, 0x00, 0x00, 0x34, 0x00, 0x33, 0x00, 0x01, 0x80, 0x12,
            0x01, 0xF4, 0x02, 0x26, 0x00, 0xC5, 0x00, 0xC5, 0x01, 0x00,
            0x06, 0x00, 0x5A, 0x02,
            0x41, 0x2C, 0x01, 0x90, 0x2D, 0x50,
            0x80, 0x05, 0x02, 0x25, 0xB3, 0x00,
            0x00, 0x08, 0x00, 0x01, 0x00, 0x08, 0x00, 0x01, 0x02, 0x05,
        ]
        let path = directory.file("ansi.fmr")
        try Data(ansi).write(to: URL(fileURLWithPath: path))
        let result = try CommandRunner.eid(["bio", "inspect", path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("format: ANSI/INCITS 378-2004"))
        #expect(result.standardOutput.contains("CBEFF product identifier: owner 0x0033, type 0x0001"))
        #expect(result.standardOutput.contains("view 0: left thumb (code 6)"))
        #expect(result.standardOutput.contains("358.00°"))
        #expect(result.standardOutput.contains("extended data: type 0x0001, 4 bytes"))
    }

    @Test func matchScoresMatesHighAndStrangersLow() throws {
        let directory = try synthesise()
        defer { directory.remove() }
        for person in 0 ..< 3 {
            let mate = try CommandRunner.eid(["bio", "match", "--json", finger(directory, person: person, "impression-1.iso"),
                                             finger(directory, person: person, "impression-2.iso")])
            #expect(mate.status == 0, "\(mate.standardError)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(mate.standardOutput.utf8)) as? [String: Any])
            #expect((object["score"] as? Double ?? 0) > 40)
            #expect((object["falseMatchRate"] as? Double ?? 1) < 1e-4)
            let stranger = try CommandRunner.eid(["bio", "match", "--json", finger(directory, person: person, "impression-1.iso"),
                                                 finger(directory, person: (person + 1) % 3, "impression-2.iso")])
            let other = try #require(try JSONSerialization.jsonObject(with: Data(stranger.standardOutput.utf8)) as? [String: Any])
            #expect((other["score"] as? Double ?? 100) < 30)
        }
        let text = try CommandRunner.eid(["bio", "match", finger(directory, person: 0, "master.iso"),
                                         finger(directory, person: 0, "impression-1.iso")])
        #expect(text.status == 0)
        #expect(text.standardOutput.contains("score: "))
        #expect(text.standardOutput.contains("false-match rate: about 1 in "))
    }

    @Test func malformedFilesFailWithAPreciseError() throws {
        let directory = try synthesise()
        defer { directory.remove() }
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: finger(directory, person: 0, "impression-1.iso"))))
        bytes[4] = 0x21
        let badVersion = directory.file("bad-version.iso")
        try Data(bytes).write(to: URL(fileURLWithPath: badVersion))
        let truncated = directory.file("truncated.iso")
        try Data(bytes.prefix(20)).write(to: URL(fileURLWithPath: truncated))

        let version = try CommandRunner.eid(["bio", "inspect", badVersion])
        #expect(version.status == 1)
        #expect(version.standardError.contains("\(badVersion): not a valid finger minutiae record"))
        #expect(version.standardError.contains("version"))
        let short = try CommandRunner.eid(["bio", "match", truncated, finger(directory, person: 0, "impression-2.iso")])
        #expect(short.status == 1)
        #expect(short.standardError.contains("\(truncated): not a valid finger minutiae record"))
        #expect(short.standardError.contains("truncated") || short.standardError.contains("ends"))
        let missing = try CommandRunner.eid(["bio", "inspect", directory.file("nope.iso")])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("nope.iso: cannot read"))
        let noView = try CommandRunner.eid(["bio", "match", "--view-b", "3", finger(directory, person: 0, "impression-1.iso"),
                                           finger(directory, person: 0, "impression-2.iso")])
        #expect(noView.status == 1)
        #expect(noView.standardError.contains("has 1 view(s); there is no view 3"))
    }

    @Test func badUsageExitsWithTwo() throws {
        let missing = try CommandRunner.eid(["bio", "match", "/tmp/only-one.iso"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("missing argument b"))
        let badView = try CommandRunner.eid(["bio", "match", "--view-a", "x", "/tmp/a", "/tmp/b"])
        #expect(badView.status == 2)
        let inspect = try CommandRunner.eid(["bio", "inspect"])
        #expect(inspect.status == 2)
        let synth = try CommandRunner.eid(["bio", "synth", "--out", "/tmp/x", "--fingers", "11"])
        #expect(synth.status == 2)
        let help = try CommandRunner.eid(["bio", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("inspect") && help.standardOutput.contains("match") && help.standardOutput.contains("synth"))
        #expect(!help.standardOutput.contains("calibrate"))
        let top = try CommandRunner.eid(["--help"])
        #expect(top.standardOutput.contains("bio"))
    }
}
