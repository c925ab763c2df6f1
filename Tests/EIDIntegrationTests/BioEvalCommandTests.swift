import Foundation
import Testing
import EIDTestSupport

/// `eid bio eval`: its error rates are checked against pyeer, an independent implementation.
@Suite struct BioEvalCommandTests {
    /// Where the Python side of the check lives.
    static let pyeerScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tools/pyeer_eer.py").path

    /// A small set (the debug build's fingerprint matcher is slow): 150 people, one finger.
    static func runSmallEvaluation(_ directory: TemporaryDirectory) throws -> [String: Any] {
        let result = try CommandRunner.eid([
            "bio", "eval", "--people", "150", "--fingers", "1", "--impostors", "3000", "--gallery-sizes", "0",
            "--json", "--quiet", "--scores-out", directory.file("scores"), "--det", directory.file("det.svg"),
            "--policy-out", directory.file("policy.json"),
        ])
        #expect(result.status == 0, "eid bio eval failed: \(result.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8))
        return try #require(json as? [String: Any])
    }

    @Test func equalErrorRatesAgreeWithPyeerAndFilesAreWritten() throws {
        let directory = try TemporaryDirectory("bio-eval")
        defer { directory.remove() }
        let report = try Self.runSmallEvaluation(directory)
        let systems = try #require(report["systems"] as? [[String: Any]])
        let stems = systems.compactMap { $0["stem"] as? String }
        #expect(stems.count == systems.count && stems.contains("face") && stems.contains("fused"))

        let python = try CommandRunner.run("python3", [Self.pyeerScript, directory.file("scores")] + stems)
        try #require(python.status != 3, "pyeer is missing: \(python.standardError)")
        try #require(python.status == 0, "pyeer_eer.py failed: \(python.standardError)")
        let pyeer = try #require(try JSONSerialization.jsonObject(with: Data(python.standardOutput.utf8)) as? [String: [String: Double]])

        for system in systems {
            let stem = try #require(system["stem"] as? String)
            let ours = try #require(system["equal_error_rate"] as? Double)
            let theirs = try #require(pyeer[stem]?["eer"])
            // Both follow the FVC2000 definition on the same scores (written with round-trip precision),
            // so they agree up to floating-point rounding; a different tie or interval rule would move the
            // EER by at least 1/(genuine count) ≈ 0.007 here.
            #expect(abs(ours - theirs) < 1e-9, "\(stem): eid says \(ours), pyeer says \(theirs)")
        }
        // The face is imperfect on purpose, and fusing it with a finger beats the finger alone.
        let eer = Dictionary(uniqueKeysWithValues: systems.map { ($0["stem"] as! String, $0["equal_error_rate"] as! Double) })
        #expect(eer["face"]! > 0.002 && eer["face"]! < 0.1)
        #expect(eer["fused"]! <= eer["finger"]! && eer["fused"]! <= eer["face"]!)

        // The DET plot and the score files.
        let svg = try String(contentsOfFile: directory.file("det.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        for name in ["face", "fingerprint (one finger)", "fused (face + one finger)"] { #expect(svg.contains(">\(name)")) }
        #expect(svg.contains("<polyline"))  // the face has errors at this size; the fused may have none
        let genuine = try String(contentsOfFile: directory.file("scores/face-genuine.txt"), encoding: .utf8)
        #expect(genuine.split(separator: "\n").count == 150)
        let set = try #require(report["set"] as? [String: Any])
        #expect(set["people"] as? Int == 150)
        let policy = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.file("policy.json")))) as? [String: Any])
        let face = try #require(policy["faceCalibration"] as? [String: Any])
        #expect((face["knots"] as? [Any])?.count ?? 0 > 10)  // measured, not the placeholder
        #expect(policy["verificationAcceptFMR"] as? Double == 1e-5)
    }

    @Test func badOptionsAreUsageErrors() throws {
        let fingers = try CommandRunner.eid(["bio", "eval", "--fingers", "0"])
        #expect(fingers.status == 2)
        #expect(fingers.standardError.contains("'--fingers' must be between 1 and 10"))
        let sizes = try CommandRunner.eid(["bio", "eval", "--gallery-sizes", "10k"])
        #expect(sizes.status == 2)
        #expect(sizes.standardError.contains("'--gallery-sizes'"))
        let rate = try CommandRunner.eid(["bio", "eval", "--poor-captures", "1.5"])
        #expect(rate.status == 2)
        #expect(rate.standardError.contains("'--poor-captures'"))
    }
}
