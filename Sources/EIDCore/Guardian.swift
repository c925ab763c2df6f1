/// The guardian or representative who declares and registers for an applicant under 14
/// (or under guardianship), using the guardian's own mobile number.
public struct Guardian: Sendable, Hashable, Codable {
    /// Full name as on the guardian's identity document; 1...100 characters.
    public var fullName: String
    public var relationship: GuardianRelationship
    /// The guardian's passport or Vietnamese citizen ID number; the rules accept `[A-Z0-9]{6,12}`.
    public var documentNumber: String
    /// The guardian's own Vietnamese mobile number, as declared.
    public var mobileNumber: String
    /// The guardian's email address, if given.
    public var email: String?

    public init(fullName: String, relationship: GuardianRelationship, documentNumber: String,
                mobileNumber: String, email: String? = nil) {
        self.fullName = fullName
        self.relationship = relationship
        self.documentNumber = documentNumber
        self.mobileNumber = mobileNumber
        self.email = email
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case fullName = "full_name"
        case relationship
        case documentNumber = "document_number"
        case mobileNumber = "mobile_number"
        case email
    }

    /// `email` may be omitted or `null`.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fullName = try container.decode(String.self, forKey: .fullName)
        relationship = try container.decode(GuardianRelationship.self, forKey: .relationship)
        documentNumber = try container.decode(String.self, forKey: .documentNumber)
        mobileNumber = try container.decode(String.self, forKey: .mobileNumber)
        email = try container.decodeIfPresent(String.self, forKey: .email)
    }
}
