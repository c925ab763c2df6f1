/// How a guardian or representative is related to the applicant.
/// JSON: `"mother"`, `"father"`, `"legal_guardian"` or `"legal_representative"`.
public enum GuardianRelationship: String, Sendable, Hashable, Codable, StringEnumDecodable {
    case mother
    case father
    /// A guardian appointed under the Civil Code (not a parent).
    case legalGuardian = "legal_guardian"
    /// A representative at law, for example for a person with limited legal capacity.
    case legalRepresentative = "legal_representative"

    public init(from decoder: any Decoder) throws { self = try Self.decodeClosedSet(from: decoder) }
}
