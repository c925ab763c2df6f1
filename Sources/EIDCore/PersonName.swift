/// A person's name as printed on the passport, split as the e-ID record keeps it.
///
/// Any part may be empty (many people have no middle name; ICAO puts a single name in the
/// surname field), but the eligibility rules require the surname or the given name.
public struct PersonName: Sendable, Hashable, Codable {
    /// The family name (ICAO primary identifier).
    public var surname: String
    /// Middle name(s), possibly empty.
    public var middleName: String
    /// Given name(s).
    public var givenName: String

    public init(surname: String, middleName: String = "", givenName: String) {
        self.surname = surname
        self.middleName = middleName
        self.givenName = givenName
    }

    /// The non-empty parts joined by single spaces, in the order surname, middle, given
    /// (the order of the Vietnamese e-ID record).
    public var fullName: String {
        [surname, middleName, givenName].filter { !$0.isEmpty }.joined(separator: " ")
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case surname
        case middleName = "middle_name"
        case givenName = "given_name"
    }

    /// `middle_name` may be omitted (read as empty); the other keys are required.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        surname = try container.decode(String.self, forKey: .surname)
        middleName = try container.decodeIfPresent(String.self, forKey: .middleName) ?? ""
        givenName = try container.decode(String.self, forKey: .givenName)
    }
}
