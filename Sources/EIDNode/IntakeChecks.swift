public import EIDCore
public import EIDBiometrics

/// Everything the node checks before it accepts an application, in order:
/// the declared data decodes; the eligibility rules (every failure reported);
/// the biometric quality gate (every failure reported). Pure: no I/O.
public struct IntakeChecks: Sendable {
    public var rules: EligibilityRules
    public var gate: BiometricQualityGate

    public init(rules: EligibilityRules = .decree69, gate: BiometricQualityGate = BiometricQualityGate()) {
        self.rules = rules
        self.gate = gate
    }

    /// Checks one application package; returns it ready to append, or throws the reasons.
    ///
    /// Eligibility and biometric problems are both collected before refusing, so the
    /// officer sees everything to fix in one go (``NodeError/refused(eligibility:biometrics:)``).
    public func check(_ package: ApplicationPackage) throws(NodeError) -> CheckedEnrollment {
        let application: Application
        do {
            application = try Application.decode(json: package.applicationJSON)
        } catch {
            throw .badApplication("application.json: \(error)")
        }
        let violations = rules.evaluate(application)
        let capture = BiometricCapture(fingerprintTemplates: package.fingerprintTemplates.map(\.bytes),
                                       portrait: package.portrait, faceEmbedding: package.faceEmbedding,
                                       faceEmbeddingEncoding: package.faceEmbeddingEncoding)
        let assessment = gate.assess(capture)
        var captureProblems = assessment.refusals.map(\.message)
        if let accepted = assessment.accepted {
            let declared: EnrollmentPayload.PortraitFormat = package.portraitFormat
            let actual: EnrollmentPayload.PortraitFormat = accepted.portrait.format == .png ? .png : .jpeg
            if declared != actual {
                captureProblems.append("portrait: the file is a \(actual == .png ? "PNG" : "JPEG") image but is named as a \(declared == .png ? "PNG" : "JPEG")")
            }
        }
        if !violations.isEmpty || !captureProblems.isEmpty {
            throw .refused(eligibility: violations, biometrics: captureProblems)
        }

        // The payload always carries the vector as captured, in float32 little-endian: the
        // file's own bytes, or a JSON file's numbers rounded to float32 (never rescaled).
        let embedding = package.faceEmbeddingEncoding == .float32LittleEndian
            ? package.faceEmbedding
            : ((try? FaceEmbedding(decoding: package.faceEmbedding, encoding: .jsonArray))?.float32LittleEndianBytes() ?? [])
        let payload = EnrollmentPayload(applicationJSON: package.applicationJSON,
                                        portraitFormat: package.portraitFormat, portrait: package.portrait,
                                        fingerprintTemplates: package.fingerprintTemplates.map(\.bytes),
                                        faceEmbedding: embedding)
        return CheckedEnrollment(fullName: application.applicant.name.fullName,
                                 passportNumber: application.passport.number,
                                 level: application.level == .level1 ? 1 : 2, payload: payload,
                                 warnings: assessment.warnings.map(\.message))
    }
}
