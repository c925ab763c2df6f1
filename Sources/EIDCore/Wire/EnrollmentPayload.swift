/// What a node seals to the authority for one enrollment: the declared data and
/// every biometric capture. Only central can open it.
///
/// Byte layout (version 1, big-endian), see docs/PROTOCOL.md:
/// `"EIDP" | u8 version=1 | blob application_json | u8 portrait_format (1 JPEG, 2 PNG) |
///  blob portrait | u8 template_count | blob template × template_count |
///  blob face_embedding (little-endian float32 values)`
public struct EnrollmentPayload: Equatable, Sendable {
    public static let magic: [UInt8] = Array("EIDP".utf8)
    public static let version: UInt8 = 1

    public enum PortraitFormat: UInt8, Sendable { case jpeg = 1, png = 2 }

    /// The application as JSON (docs/domain.md).
    public var applicationJSON: [UInt8]
    public var portraitFormat: PortraitFormat
    public var portrait: [UInt8]
    /// ISO/IEC 19794-2:2005 finger minutiae records as captured, one per file.
    public var fingerprintTemplates: [[UInt8]]
    /// The capture SDK's face embedding as little-endian float32 bytes.
    public var faceEmbedding: [UInt8]

    public init(applicationJSON: [UInt8], portraitFormat: PortraitFormat, portrait: [UInt8],
                fingerprintTemplates: [[UInt8]], faceEmbedding: [UInt8]) {
        self.applicationJSON = applicationJSON
        self.portraitFormat = portraitFormat
        self.portrait = portrait
        self.fingerprintTemplates = fingerprintTemplates
        self.faceEmbedding = faceEmbedding
    }

    public func encoded() -> [UInt8] {
        var writer = ByteWriter(capacity: 64 + applicationJSON.count + portrait.count + faceEmbedding.count
                                + fingerprintTemplates.reduce(0) { $0 + 4 + $1.count })
        writer.write(raw: Self.magic)
        writer.write(Self.version)
        writer.write(blob: applicationJSON)
        writer.write(portraitFormat.rawValue)
        writer.write(blob: portrait)
        writer.write(UInt8(fingerprintTemplates.count))
        for template in fingerprintTemplates { writer.write(blob: template) }
        writer.write(blob: faceEmbedding)
        return writer.bytes
    }

    public init(decoding bytes: [UInt8]) throws(WireFormatError) {
        var reader = ByteReader(bytes)
        try reader.expectMagic(Self.magic, structure: "enrollment payload")
        let version = try reader.readUInt8("payload version")
        guard version == Self.version else { throw .unsupportedVersion(structure: "enrollment payload", version: version) }
        applicationJSON = try reader.readBlob("application", maxLength: 64 * 1024)
        let format = try reader.readUInt8("portrait format")
        guard let portraitFormat = PortraitFormat(rawValue: format) else {
            throw .invalidField(field: "portrait format", reason: "\(format) is not 1 (JPEG) or 2 (PNG)")
        }
        self.portraitFormat = portraitFormat
        portrait = try reader.readBlob("portrait", maxLength: 2 * 1024 * 1024)
        let count = Int(try reader.readUInt8("template count"))
        guard (1...10).contains(count) else {
            throw .invalidField(field: "template count", reason: "\(count) is not between 1 and 10")
        }
        var templates: [[UInt8]] = []
        for index in 0..<count {
            templates.append(try reader.readBlob("template \(index + 1)", maxLength: 64 * 1024))
        }
        fingerprintTemplates = templates
        faceEmbedding = try reader.readBlob("face embedding", maxLength: 16 * 1024)
        try reader.expectEnd("enrollment payload")
    }
}
