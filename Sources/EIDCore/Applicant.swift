/// The foreign resident applying for an e-ID account: the level-1 identity data.
public struct Applicant: Sendable, Hashable, Codable {
    /// The foreigner's identification number, when one has already been assigned
    /// (12 digits, the same length as a citizen's personal identification number).
    public var foreignerIdentificationNumber: String?
    public var name: PersonName
    public var dateOfBirth: CivilDate
    public var sex: Sex
    /// ISO 3166-1 alpha-3 code of the nationality, upper case (e.g. `"KOR"`).
    public var nationality: String

    public init(foreignerIdentificationNumber: String? = nil, name: PersonName, dateOfBirth: CivilDate,
                sex: Sex, nationality: String) {
        self.foreignerIdentificationNumber = foreignerIdentificationNumber
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.sex = sex
        self.nationality = nationality
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case foreignerIdentificationNumber = "foreigner_identification_number"
        case name
        case dateOfBirth = "date_of_birth"
        case sex, nationality
    }

    /// `foreigner_identification_number` may be omitted or `null`.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        foreignerIdentificationNumber = try container.decodeIfPresent(
            String.self, forKey: .foreignerIdentificationNumber)
        name = try container.decode(PersonName.self, forKey: .name)
        dateOfBirth = try container.decode(CivilDate.self, forKey: .dateOfBirth)
        sex = try container.decode(Sex.self, forKey: .sex)
        nationality = try container.decode(String.self, forKey: .nationality)
    }
}
