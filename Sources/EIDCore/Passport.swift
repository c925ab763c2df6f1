/// The passport or international travel document presented with the application.
public struct Passport: Sendable, Hashable, Codable {
    /// The document number; the rules accept `[A-Z0-9]{6,12}`.
    public var number: String
    /// The symbol (code) printed on the document: for ICAO passports the issuing state's
    /// three-letter code, e.g. `"DEU"`; the rules accept `[A-Z0-9]{1,10}`.
    public var symbol: String
    /// The kind of document.
    public var type: TravelDocumentType
    public var dateOfIssue: CivilDate
    /// Issuing authority or place, as printed; 1...100 characters.
    public var placeOfIssue: String
    /// The last day on which the document is valid.
    public var dateOfExpiry: CivilDate

    public init(number: String, symbol: String, type: TravelDocumentType, dateOfIssue: CivilDate,
                placeOfIssue: String, dateOfExpiry: CivilDate) {
        self.number = number
        self.symbol = symbol
        self.type = type
        self.dateOfIssue = dateOfIssue
        self.placeOfIssue = placeOfIssue
        self.dateOfExpiry = dateOfExpiry
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case number, symbol, type
        case dateOfIssue = "date_of_issue"
        case placeOfIssue = "place_of_issue"
        case dateOfExpiry = "date_of_expiry"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        number = try container.decode(String.self, forKey: .number)
        symbol = try container.decode(String.self, forKey: .symbol)
        type = try container.decode(TravelDocumentType.self, forKey: .type)
        dateOfIssue = try container.decode(CivilDate.self, forKey: .dateOfIssue)
        placeOfIssue = try container.decode(String.self, forKey: .placeOfIssue)
        dateOfExpiry = try container.decode(CivilDate.self, forKey: .dateOfExpiry)
    }
}
