import Foundation
public import EIDCore
public import EIDBiometrics

/// One application as an officer's capture station leaves it in a folder:
///
/// ```
/// application.json        the declared data (docs/domain.md)
/// portrait.jpg | .png     the face portrait
/// fingerprints/*.iso      ISO/IEC 19794-2:2005 records, one file per capture (≥ 2 fingers)
/// face.f32 | face.json     the capture SDK's face embedding: raw little-endian float32
///                         values, or a JSON array of numbers
/// ```
///
/// Reading checks presence and size limits only; content is checked by
/// ``IntakeChecks``. The format is documented in docs/node.md.
public struct ApplicationPackage: Sendable {
    public var folder: String
    public var applicationJSON: [UInt8]
    public var portrait: [UInt8]
    public var portraitFormat: EnrollmentPayload.PortraitFormat
    /// (file name, bytes) in file-name order.
    public var fingerprintTemplates: [(name: String, bytes: [UInt8])]
    public var faceEmbedding: [UInt8]
    /// How `faceEmbedding` is encoded (from the file name).
    public var faceEmbeddingEncoding: FaceEmbedding.Encoding

    public static let maxApplicationBytes = 64 * 1024
    public static let maxPortraitBytes = 2 * 1024 * 1024
    public static let maxTemplateBytes = 64 * 1024
    /// Room for 4,096 float32 values, or 512 values written as JSON with full precision.
    public static let maxEmbeddingBytes = 16 * 1024
    public static let maxTemplates = 10

    public init(folder: String, applicationJSON: [UInt8], portrait: [UInt8],
                portraitFormat: EnrollmentPayload.PortraitFormat,
                fingerprintTemplates: [(name: String, bytes: [UInt8])], faceEmbedding: [UInt8],
                faceEmbeddingEncoding: FaceEmbedding.Encoding = .float32LittleEndian) {
        self.folder = folder
        self.applicationJSON = applicationJSON
        self.portrait = portrait
        self.portraitFormat = portraitFormat
        self.fingerprintTemplates = fingerprintTemplates
        self.faceEmbedding = faceEmbedding
        self.faceEmbeddingEncoding = faceEmbeddingEncoding
    }

    /// Reads the folder.
    public init(folder: String) throws(NodeError) {
        let files = FileManager.default
        guard let entries = try? files.contentsOfDirectory(atPath: folder) else {
            throw .badApplication("\(folder) is not a readable folder")
        }
        let present = Set(entries)
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

        guard present.contains("application.json") else {
            throw .badApplication("application.json is missing (\(path("application.json")))")
        }
        let applicationJSON = try Self.read(path("application.json"), limit: Self.maxApplicationBytes, what: "application.json")

        let portraits = ["portrait.jpg", "portrait.jpeg", "portrait.png"].filter(present.contains)
        guard portraits.count == 1 else {
            throw .badApplication(portraits.isEmpty ? "no portrait (portrait.jpg or portrait.png) in \(folder)"
                                                    : "more than one portrait in \(folder): \(portraits.joined(separator: ", "))")
        }
        let portrait = try Self.read(path(portraits[0]), limit: Self.maxPortraitBytes, what: portraits[0])
        let format: EnrollmentPayload.PortraitFormat = portraits[0].hasSuffix(".png") ? .png : .jpeg

        let fingerFolder = path("fingerprints")
        let names = ((try? files.contentsOfDirectory(atPath: fingerFolder)) ?? [])
            .filter { $0.hasSuffix(".iso") || $0.hasSuffix(".fmr") }
            .sorted()
        guard !names.isEmpty else { throw .badApplication("no fingerprint templates (fingerprints/*.iso) in \(folder)") }
        guard names.count <= Self.maxTemplates else {
            throw .badApplication("\(names.count) fingerprint templates in \(folder); at most \(Self.maxTemplates)")
        }
        var templates: [(name: String, bytes: [UInt8])] = []
        for name in names {
            let file = (fingerFolder as NSString).appendingPathComponent(name)
            templates.append((name, try Self.read(file, limit: Self.maxTemplateBytes, what: "fingerprints/\(name)")))
        }
        let embeddings = ["face.f32", "face.json"].filter(present.contains)
        guard embeddings.count == 1 else {
            throw .badApplication(embeddings.isEmpty ? "no face embedding (face.f32 or face.json) in \(folder)"
                                                     : "both face.f32 and face.json in \(folder): keep one")
        }
        let embedding = try Self.read(path(embeddings[0]), limit: Self.maxEmbeddingBytes, what: embeddings[0])
        self.init(folder: folder, applicationJSON: applicationJSON, portrait: portrait, portraitFormat: format,
                  fingerprintTemplates: templates, faceEmbedding: embedding,
                  faceEmbeddingEncoding: embeddings[0] == "face.json" ? .jsonArray : .float32LittleEndian)
    }

    /// Reads a whole file of at most `limit` bytes (one open, reads of up to `limit + 1`).
    static func read(_ path: String, limit: Int, what: String) throws(NodeError) -> [UInt8] {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .badApplication("\(what) cannot be read (\(path))")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: limit + 1) ?? Data() } catch {
            throw .badApplication("\(what) cannot be read (\(path)): \(error.localizedDescription)")
        }
        guard data.count <= limit else { throw .badApplication("\(what) is larger than the limit of \(limit) bytes") }
        guard !data.isEmpty else { throw .badApplication("\(what) is empty") }
        return [UInt8](data)
    }
}
