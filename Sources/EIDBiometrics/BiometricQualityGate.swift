/// Decides whether an application's fingerprints, portrait and face embedding are good enough to
/// send to central, reporting every reason at once when they are not.
///
/// Checks (thresholds from `QualityPolicy`):
/// - each fingerprint template decodes strictly as ISO/IEC 19794-2:2005 or ANSI/INCITS 378-2004;
/// - each finger view has enough minutiae, enough good minutiae, and enough finger quality;
/// - at least `minimumDistinctFingers` different known finger positions have a view passing those checks;
/// - the portrait is a JPEG (baseline/progressive) or PNG, no larger than the byte limit, at least the
///   minimum pixel size, and (by default) complete;
/// - the face embedding has the expected length, only finite values, and a unit L2 norm
///   (or is normalised and flagged).
public struct BiometricQualityGate: Sendable {
    /// The thresholds applied.
    public var policy: QualityPolicy

    public init(policy: QualityPolicy = QualityPolicy()) {
        self.policy = policy
    }

    /// Checks a whole application's capture.
    public func assess(_ capture: BiometricCapture) -> QualityAssessment<AcceptedBiometrics> {
        let fingerprints = assessFingerprints(capture.fingerprintTemplates)
        let portrait = assessPortrait(capture.portrait)
        let embedding = assessFaceEmbedding(capture.faceEmbedding, encoding: capture.faceEmbeddingEncoding)
        var accepted: AcceptedBiometrics?
        if let templates = fingerprints.accepted, let image = portrait.accepted, let vector = embedding.accepted {
            accepted = AcceptedBiometrics(fingerprints: templates, portrait: image, faceEmbedding: vector)
        }
        return QualityAssessment(accepted: accepted, issues: fingerprints.issues + portrait.issues + embedding.issues)
    }

    /// Checks all fingerprint templates of one application (every template, every view, and the
    /// number of distinct fingers).
    public func assessFingerprints<Bytes: Collection>(_ templates: [Bytes]) -> QualityAssessment<[MinutiaeTemplate]>
        where Bytes.Element == UInt8
    {
        let decoder = MinutiaeRecordDecoder(limits: policy.recordLimits)
        var issues: [QualityIssue] = []
        var decoded: [MinutiaeTemplate] = []
        var usableFingers: Set<FingerPosition> = []

        for (index, bytes) in templates.enumerated() {
            let template: MinutiaeTemplate
            do {
                template = try decoder.decode(bytes)
            } catch {
                issues.append(QualityIssue(subject: .fingerprint(template: index, view: nil, position: nil, viewsInTemplate: 0),
                                           reason: .unreadableTemplate(error)))
                continue
            }
            decoded.append(template)
            for (viewIndex, view) in template.views.enumerated() {
                let subject = QualityIssue.Subject.fingerprint(template: index, view: viewIndex, position: view.position,
                                                               viewsInTemplate: template.views.count)
                let viewIssues = assess(view).map { QualityIssue(subject: subject, reason: $0) }
                if viewIssues.isEmpty, view.position != .unknown { usableFingers.insert(view.position) }
                issues += viewIssues
            }
        }

        if templates.isEmpty {
            issues.append(QualityIssue(subject: .fingerprints, reason: .noFingerprints(requiredFingers: policy.minimumDistinctFingers)))
        } else if usableFingers.count < policy.minimumDistinctFingers {
            issues.append(QualityIssue(subject: .fingerprints,
                                       reason: .tooFewDistinctFingers(usable: usableFingers.sorted(),
                                                                      required: policy.minimumDistinctFingers)))
        }
        return QualityAssessment(accepted: decoded, issues: issues)
    }

    /// The reasons one finger view falls short of the policy.
    func assess(_ view: FingerView) -> [QualityIssue.Reason] {
        var reasons: [QualityIssue.Reason] = []
        if view.minutiae.count < policy.minimumMinutiae {
            reasons.append(.tooFewMinutiae(count: view.minutiae.count, required: policy.minimumMinutiae))
        }
        let good = view.minutiae.count { Int($0.quality) >= policy.goodMinutiaQuality }
        if good < policy.minimumGoodMinutiae {
            reasons.append(.tooFewGoodMinutiae(count: good, required: policy.minimumGoodMinutiae,
                                               minimumQuality: policy.goodMinutiaQuality))
        }
        if Int(view.fingerQuality) < policy.minimumFingerQuality {
            reasons.append(.fingerQualityTooLow(quality: Int(view.fingerQuality), required: policy.minimumFingerQuality))
        }
        return reasons
    }

    /// Checks a portrait file.
    public func assessPortrait<Bytes: Collection>(_ bytes: Bytes) -> QualityAssessment<PortraitImage>
        where Bytes.Element == UInt8
    {
        var issues: [QualityIssue] = []
        if bytes.count > policy.maximumPortraitBytes {
            issues.append(QualityIssue(subject: .portrait,
                                       reason: .portraitTooLarge(bytes: bytes.count, maximum: policy.maximumPortraitBytes)))
        }
        let image: PortraitImage
        do {
            image = try PortraitImage(parsing: bytes)
        } catch {
            issues.append(QualityIssue(subject: .portrait, reason: .unreadablePortrait(error)))
            return QualityAssessment(accepted: nil, issues: issues)
        }
        if image.width < policy.minimumPortraitWidth || image.height < policy.minimumPortraitHeight {
            issues.append(QualityIssue(subject: .portrait,
                                       reason: .portraitTooSmall(width: image.width, height: image.height,
                                                                 minimumWidth: policy.minimumPortraitWidth,
                                                                 minimumHeight: policy.minimumPortraitHeight)))
        }
        if policy.requirePortraitEndMarker, !image.hasEndMarker {
            issues.append(QualityIssue(subject: .portrait, reason: .portraitTruncated(image.format)))
        }
        return QualityAssessment(accepted: image, issues: issues)
    }

    /// Checks a face embedding file; the accepted embedding is normalised if the policy says so.
    public func assessFaceEmbedding<Bytes: Collection>(_ bytes: Bytes, encoding: FaceEmbedding.Encoding)
        -> QualityAssessment<FaceEmbedding> where Bytes.Element == UInt8
    {
        let embedding: FaceEmbedding
        do {
            embedding = try FaceEmbedding(decoding: bytes, encoding: encoding)
        } catch {
            return QualityAssessment(accepted: nil, issues: [QualityIssue(subject: .faceEmbedding, reason: .unreadableEmbedding(error))])
        }
        return assess(embedding)
    }

    /// Checks an already-decoded face embedding.
    public func assess(_ embedding: FaceEmbedding) -> QualityAssessment<FaceEmbedding> {
        var reasons: [QualityIssue.Reason] = []
        if embedding.values.count != policy.embeddingLength {
            reasons.append(.embeddingWrongLength(count: embedding.values.count, expected: policy.embeddingLength))
        }
        let nonFinite = embedding.values.indices.filter { !embedding.values[$0].isFinite }
        var accepted = embedding
        if let first = nonFinite.first {
            reasons.append(.embeddingNotFinite(count: nonFinite.count, firstIndex: first))
        } else {
            let norm = embedding.l2Norm
            if norm == 0 {
                reasons.append(.embeddingZero)
            } else if abs(norm - 1) > policy.embeddingNormTolerance {
                switch policy.embeddingNormalisation {
                case .refuse:
                    reasons.append(.embeddingNotNormalised(norm: norm, tolerance: policy.embeddingNormTolerance))
                case .normaliseAndFlag:
                    if let normalised = embedding.normalised() {
                        accepted = normalised
                        reasons.append(.embeddingNormalised(norm: norm))
                    } else {
                        reasons.append(.embeddingNotNormalised(norm: norm, tolerance: policy.embeddingNormTolerance))
                    }
                }
            }
        }
        return QualityAssessment(accepted: accepted, issues: reasons.map { QualityIssue(subject: .faceEmbedding, reason: $0) })
    }
}
