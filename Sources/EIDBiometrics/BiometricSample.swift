/// One person's biometrics as compared 1:1: a coded face (if any) and match-ready fingerprints
/// (at most one per finger position). The applicant's captures, or a record's.
public struct BiometricSample: Sendable {
    public var face: FaceEmbeddingCode?
    public var fingers: [FingerprintTemplate]

    public init(face: FaceEmbeddingCode?, fingers: [FingerprintTemplate]) {
        self.face = face
        self.fingers = fingers
    }

    /// Codes the face embedding (nil: no face).
    public init(face: FaceEmbedding?, fingers: [FingerprintTemplate]) throws(FaceCodeError) {
        self.init(face: try face.map { embedding throws(FaceCodeError) in try FaceEmbeddingCode(embedding) }, fingers: fingers)
    }
}

extension FusionPolicy {
    /// Compares an applicant with a record (the national immigration record of the passport they
    /// present): the faces if both have one, and every finger position both have; then decides.
    public func verify(applicant: BiometricSample, record: BiometricSample) -> VerificationDecision {
        var similarity: Double?
        if let a = applicant.face, let b = record.face, a.dimension == b.dimension {
            similarity = Double(a.similarity(to: b))
        }
        var scores: [FingerScore] = []
        for finger in applicant.fingers where !scores.contains(where: { $0.position == finger.position }) {
            guard let enrolled = record.fingers.first(where: { $0.position == finger.position }) else { continue }
            scores.append(FingerScore(position: finger.position, score: FingerprintMatcher(probe: finger).match(enrolled)))
        }
        return verify(evidence(faceSimilarity: similarity, fingers: scores))
    }
}
