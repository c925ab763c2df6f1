import Foundation
import EIDCore

extension SyntheticApplicant {
    /// Writes the applicant as an application folder (the layout `eid node enroll` reads):
    /// `application.json`, `portrait.png`, `fingerprints/*.iso`, `face.f32`.
    public func write(to folder: String) throws {
        let files = FileManager.default
        try files.createDirectory(atPath: folder + "/fingerprints", withIntermediateDirectories: true)
        try Data(application.jsonString(prettyPrinted: true).utf8).write(to: URL(fileURLWithPath: folder + "/application.json"))
        try Data(portraitPNG).write(to: URL(fileURLWithPath: folder + "/portrait.png"))
        for template in fingerprintTemplates {
            try Data(template.bytes).write(to: URL(fileURLWithPath: folder + "/fingerprints/" + template.name))
        }
        try Data(faceEmbedding).write(to: URL(fileURLWithPath: folder + "/face.f32"))
    }
}
