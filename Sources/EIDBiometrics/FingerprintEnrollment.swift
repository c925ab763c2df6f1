/// One person's fingerprints prepared for the de-duplication gallery: each finger's stored template
/// (`FingerprintTemplate.serialized()`, 12 + 6 bytes per minutia) and pre-filter code.
public struct FingerprintEnrollment: Sendable, Hashable {
    /// Stored templates, one per finger position (at most one per position).
    public let storedTemplates: [FingerPosition: [UInt8]]
    /// Pre-filter codes, one per finger.
    public let prefilterCodes: [FingerprintPrefilterCode]

    /// Prepares the templates (one per finger position; a later duplicate position replaces an earlier one).
    public init(templates: [FingerprintTemplate]) {
        var stored: [FingerPosition: [UInt8]] = [:]
        for template in templates { stored[template.position] = template.serialized() }
        storedTemplates = stored
        prefilterCodes = templates.map { FingerprintPrefilterCode(template: $0) }
    }

    /// Combines fingers already prepared (each finger's stored template and pre-filter code), for
    /// galleries assembled from prepared parts.
    public init(parts: [(storedTemplate: [UInt8], prefilterCode: FingerprintPrefilterCode)]) {
        var stored: [FingerPosition: [UInt8]] = [:]
        for part in parts { stored[part.prefilterCode.position] = part.storedTemplate }
        storedTemplates = stored
        prefilterCodes = parts.map(\.prefilterCode)
    }
}

/// An applicant's fingerprints prepared for searching `EnrolledFingerprints`.
public struct FingerprintSearchProbe: Sendable {
    /// Match-ready templates, one per finger position.
    public let templates: [FingerprintTemplate]
    /// Their pre-filter codes.
    public let prefilterCodes: [FingerprintPrefilterCode]

    public init(templates: [FingerprintTemplate]) {
        var seen = Set<FingerPosition>()
        self.templates = templates.reversed().filter { seen.insert($0.position).inserted }.reversed()
        prefilterCodes = self.templates.map { FingerprintPrefilterCode(template: $0) }
    }
}
