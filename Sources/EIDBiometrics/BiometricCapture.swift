/// Everything captured for one application, as the files' bytes (the caller reads the files).
public struct BiometricCapture: Sendable {
    /// One ISO/IEC 19794-2 or ANSI/INCITS 378 record per capture, any number of views each.
    public var fingerprintTemplates: [[UInt8]]
    /// The portrait file (JPEG or PNG).
    public var portrait: [UInt8]
    /// The face embedding file.
    public var faceEmbedding: [UInt8]
    /// How the face embedding file is encoded.
    public var faceEmbeddingEncoding: FaceEmbedding.Encoding

    public init(fingerprintTemplates: [[UInt8]], portrait: [UInt8], faceEmbedding: [UInt8],
                faceEmbeddingEncoding: FaceEmbedding.Encoding = .float32LittleEndian)
    {
        self.fingerprintTemplates = fingerprintTemplates
        self.portrait = portrait
        self.faceEmbedding = faceEmbedding
        self.faceEmbeddingEncoding = faceEmbeddingEncoding
    }
}

/// A capture that passed the quality gate, in decoded form.
public struct AcceptedBiometrics: Sendable {
    /// The decoded fingerprint templates, in submission order.
    public let fingerprints: [MinutiaeTemplate]
    /// The portrait's format and size.
    public let portrait: PortraitImage
    /// The face embedding, scaled to unit norm if the policy did so (see the assessment's warnings).
    public let faceEmbedding: FaceEmbedding
}
