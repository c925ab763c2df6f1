/// The Vietnamese temporary or permanent residence card presented with the application.
public struct ResidenceCard: Sendable, Hashable, Codable {
    public var kind: ResidenceCardKind
    /// The card number; the rules accept `[A-Z0-9]{6,12}`.
    public var number: String
    public var dateOfIssue: CivilDate
    /// The last day on which the card is valid.
    public var dateOfExpiry: CivilDate

    public init(kind: ResidenceCardKind, number: String, dateOfIssue: CivilDate, dateOfExpiry: CivilDate) {
        self.kind = kind
        self.number = number
        self.dateOfIssue = dateOfIssue
        self.dateOfExpiry = dateOfExpiry
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, number
        case dateOfIssue = "date_of_issue"
        case dateOfExpiry = "date_of_expiry"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(ResidenceCardKind.self, forKey: .kind)
        number = try container.decode(String.self, forKey: .number)
        dateOfIssue = try container.decode(CivilDate.self, forKey: .dateOfIssue)
        dateOfExpiry = try container.decode(CivilDate.self, forKey: .dateOfExpiry)
    }
}
