import Foundation
import EIDCore

extension SyntheticApplicant {
    /// Writes the applicant as an application folder (the layout `eid node enroll` reads):
    /// `application.json`, `portrait.png`, `fingerprints/*.iso`, `face.f32`.
    ///
    /// Files are written without an fsync each (`Data.write(to:)` syncs every file):
    /// synthetic folders are scratch data, and tests write thousands of them.
    public func write(to folder: String) throws {
        let files = FileManager.default
        try files.createDirectory(atPath: folder + "/fingerprints", withIntermediateDirectories: true)
        try Self.write(Array(application.jsonString(prettyPrinted: true).utf8), to: folder + "/application.json")
        try Self.write(portraitPNG, to: folder + "/portrait.png")
        for template in fingerprintTemplates {
            try Self.write(template.bytes, to: folder + "/fingerprints/" + template.name)
        }
        try Self.write(faceEmbedding, to: folder + "/face.f32")
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        defer { try? handle.close() }
        try handle.write(contentsOf: bytes)
    }
}
