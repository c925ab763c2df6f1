internal import Foundation

/// One reason a capture is refused (or, for a warning, accepted but flagged), with a message an
/// officer can act on: "<what>: <problem>: <what to do>".
///
/// Template, view and embedding indices in `subject` are zero-based; messages number fingerprints
/// from 1 as an officer counts them.
public struct QualityIssue: Sendable, Hashable, CustomStringConvertible {
    /// What the issue is about.
    public enum Subject: Sendable, Hashable {
        /// One fingerprint template (and, when known, one of its views).
        case fingerprint(template: Int, view: Int?, position: FingerPosition?, viewsInTemplate: Int)
        /// The set of fingerprints as a whole.
        case fingerprints
        case portrait
        case faceEmbedding
    }

    /// Whether the issue refuses the capture or only flags it.
    public enum Severity: Sendable, Hashable {
        case refusal
        case warning
    }

    /// What is wrong.
    public enum Reason: Sendable, Hashable {
        case unreadableTemplate(MinutiaeRecordError)
        case tooFewMinutiae(count: Int, required: Int)
        case tooFewGoodMinutiae(count: Int, required: Int, minimumQuality: Int)
        case fingerQualityTooLow(quality: Int, required: Int)
        case noFingerprints(requiredFingers: Int)
        case tooFewDistinctFingers(usable: [FingerPosition], required: Int)
        case unreadablePortrait(PortraitImageError)
        case portraitTooSmall(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int)
        case portraitTooLarge(bytes: Int, maximum: Int)
        case portraitTruncated(PortraitImage.Format)
        case unreadableEmbedding(FaceEmbeddingError)
        case embeddingWrongLength(count: Int, expected: Int)
        case embeddingNotFinite(count: Int, firstIndex: Int)
        case embeddingZero
        case embeddingNotNormalised(norm: Double, tolerance: Double)
        /// Warning: the embedding was scaled to unit norm.
        case embeddingNormalised(norm: Double)
    }

    public let subject: Subject
    public let reason: Reason

    public init(subject: Subject, reason: Reason) {
        self.subject = subject
        self.reason = reason
    }

    public var severity: Severity {
        if case .embeddingNormalised = reason { return .warning }
        return .refusal
    }

    /// The officer-facing message.
    public var message: String {
        "\(subjectLabel): \(problemAndAction)"
    }

    public var description: String { message }

    private var subjectLabel: String {
        switch subject {
        case .fingerprint(let template, let view, let position, let views):
            var label = if let position, position != .unknown { position.description } else { "fingerprint \(template + 1)" }
            if let view, views > 1 { label += " (impression \(view + 1) of \(views))" }
            return label
        case .fingerprints: return "fingerprints"
        case .portrait: return "portrait"
        case .faceEmbedding: return "face embedding"
        }
    }

    private var problemAndAction: String {
        switch reason {
        case .unreadableTemplate(let error):
            return "not a valid ISO/IEC 19794-2 or ANSI/INCITS 378 minutiae template (\(error)): recapture, or check the capture device's template format setting"
        case .tooFewMinutiae(let count, let required):
            return "only \(count) minutiae (need \(required)): recapture"
        case .tooFewGoodMinutiae(let count, let required, let quality):
            return "only \(count) minutiae of quality \(quality) or more (need \(required)): clean the finger and the sensor, then recapture"
        case .fingerQualityTooLow(let quality, let required):
            return "finger quality \(quality) (need \(required)): recapture with the finger pressed flat and centred"
        case .noFingerprints(let required):
            return "none submitted (need \(required) different fingers): capture fingerprints"
        case .tooFewDistinctFingers(let usable, let required):
            let found = usable.isEmpty ? "no usable finger with a known position"
                : "only \(usable.count) usable different finger\(usable.count == 1 ? "" : "s") (\(usable.map(\.description).joined(separator: ", ")))"
            return "\(found) (need \(required)): capture another finger"
        case .unreadablePortrait(let error):
            return "\(error): export the photo as JPEG or PNG and send it again"
        case .portraitTooSmall(let width, let height, let minimumWidth, let minimumHeight):
            return "\(width)x\(height) pixels (need at least \(minimumWidth)x\(minimumHeight), width x height): retake the photo at a higher resolution, in portrait orientation"
        case .portraitTooLarge(let bytes, let maximum):
            return "\(Self.megabytes(bytes)) (maximum \(Self.megabytes(maximum))): save the photo with more JPEG compression or fewer pixels"
        case .portraitTruncated(let format):
            return "the \(format) file ends without its end marker, so it was probably cut short: send the file again"
        case .unreadableEmbedding(let error):
            return "\(error): re-run face capture"
        case .embeddingWrongLength(let count, let expected):
            return "\(count) values (need \(expected)): re-run face capture with the face SDK model configured for this system"
        case .embeddingNotFinite(let count, let first):
            return "\(count) value\(count == 1 ? " is" : "s are") not a finite number (first at index \(first)): re-run face capture"
        case .embeddingZero:
            return "all values are zero: re-run face capture"
        case .embeddingNotNormalised(let norm, let tolerance):
            return "L2 norm \(Self.decimal(norm)) (need 1 ± \(Self.decimal(tolerance))): re-run face capture"
        case .embeddingNormalised(let norm):
            return "L2 norm \(Self.decimal(norm)) was scaled to 1 (flagged; no action needed)"
        }
    }

    private static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }

    private static func decimal(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
