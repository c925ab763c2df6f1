import Foundation
import EIDBiometrics
import EIDSynthetic

/// `eid bio synth`: seeded synthetic persons' fingerprint records and face vectors, as files.
enum BioSynthCommand {
    static let command = Command(
        "synth",
        abstract: "Write synthetic persons' ISO/IEC 19794-2 fingerprint records and face vectors into a folder.",
        discussion: """
        Per person and finger: the master minutiae (master.iso) and N impressions of it
        (impression-1.iso, ...), each a real ISO/IEC 19794-2:2005 record; per person a face
        identity vector and captures of it (512 float32 little-endian values, unit norm).
        Layout (docs/biometrics.md):
          OUT/manifest.json
          OUT/person-0000000/fingers/02-right-index/{master,impression-1,...}.iso
          OUT/person-0000000/face/{identity,capture-1,...}.f32
        The same seed and index always give the same bytes. --poor-captures and
        --hard-to-capture mix in poor impressions (docs/biometrics.md, capture conditions);
        both are 0 by default, and the manifest lists the hard-to-capture persons.
        """,
        options: [
            OptionSpec("out", value: "DIR", help: "Folder to write into.", required: true),
            OptionSpec("people", value: "N", help: "How many persons.", default: "10"),
            OptionSpec("start", value: "N", help: "Index of the first person (to extend a set).", default: "0"),
            OptionSpec("seed", value: "N", help: "Seed of the set.", default: "1"),
            OptionSpec("fingers", value: "N", help: "Fingers per person (1-10: right index, left index, thumbs, middle, ring, little).", default: "2"),
            OptionSpec("impressions", value: "N", help: "Impressions per finger (0-15).", default: "2"),
            OptionSpec("face-captures", value: "N", help: "Face captures per person (0-15).", default: "2"),
            OptionSpec("face-length", value: "N", help: "Face vector length.", default: "512"),
            OptionSpec("poor-captures", value: "RATE", help: "Share of impressions that are poor captures (0-1).", default: "0"),
            OptionSpec("hard-to-capture", value: "RATE", help: "Share of persons whose every impression is poor (0-1).", default: "0"),
        ],
        run: { args in
            let people = try args.int("people", in: 1 ... 10_000_000) ?? 10
            let start = try args.int("start", in: 0 ... 1_000_000_000) ?? 0
            let seed = try args.int("seed", in: 0 ... Int.max) ?? 1
            let fingers = try args.int("fingers", in: 1 ... 10) ?? 2
            let impressions = try args.int("impressions", in: 0 ... 15) ?? 2
            let faceCaptures = try args.int("face-captures", in: 0 ... 15) ?? 2
            let faceLength = try args.int("face-length", in: 16 ... 4096) ?? 512
            let conditions = FingerCaptureConditions(poorCaptureRate: try args.double("poor-captures", in: 0 ... 1) ?? 0,
                                                     hardToCaptureRate: try args.double("hard-to-capture", in: 0 ... 1) ?? 0)
            let out = try args.requiredString("out")
            let positions = Array(SyntheticPerson.fingerOrder.prefix(fingers))
            let files = FileManager.default
            try files.createDirectory(atPath: out, withIntermediateDirectories: true)
            let manifest: [String: Any] = [
                "generator": "eid bio synth", "version": 1, "seed": seed, "start": start, "people": people,
                "fingers": positions.map { ["code": Int($0.rawValue), "folder": folderName($0)] },
                "impressionsPerFinger": impressions, "faceCaptures": faceCaptures, "faceLength": faceLength,
                "faceEncoding": "float32 little-endian, unit norm",
                "fingerprintFormat": "ISO/IEC 19794-2:2005, one view, 500 dpi (197 px/cm)",
                "poorCaptureRate": conditions.poorCaptureRate, "hardToCaptureRate": conditions.hardToCaptureRate,
                "hardToCapture": (start ..< start + people).filter {
                    SyntheticPerson(setSeed: UInt64(seed), index: $0).isHardToCapture(under: conditions)
                },
            ]
            let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
            try data.write(to: URL(fileURLWithPath: out + "/manifest.json"))
            for index in start ..< start + people {
                let person = SyntheticPerson(setSeed: UInt64(seed), index: index)
                let folder = out + "/" + String(format: "person-%07d", index)
                for position in positions {
                    let fingerFolder = folder + "/fingers/" + folderName(position)
                    try files.createDirectory(atPath: fingerFolder, withIntermediateDirectories: true)
                    try write(person.masterTemplate(position).isoRecord(), to: fingerFolder + "/master.iso")
                    for capture in 0 ..< impressions {
                        try write(person.impression(position, capture: capture, conditions: conditions).isoRecord(),
                                  to: fingerFolder + "/impression-\(capture + 1).iso")
                    }
                }
                try files.createDirectory(atPath: folder + "/face", withIntermediateDirectories: true)
                try write(person.faceIdentity(length: faceLength), to: folder + "/face/identity.f32")
                for capture in 0 ..< faceCaptures {
                    try write(person.faceCapture(capture, length: faceLength), to: folder + "/face/capture-\(capture + 1).f32")
                }
            }
            say("Wrote \(people) synthetic person(s) to \(out) (seed \(seed), \(fingers) finger(s), \(impressions) impression(s) each, "
                + "\(faceCaptures) face capture(s)).")
        })

    /// "02-right-index" for the right index finger.
    static func folderName(_ position: FingerPosition) -> String {
        let name = position.description.replacingOccurrences(of: " finger", with: "").replacingOccurrences(of: " ", with: "-")
        return String(format: "%02d-", Int(position.rawValue)) + name
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}
