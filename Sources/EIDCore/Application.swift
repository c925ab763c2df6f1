/// An application for an e-ID account, as declared at the immigration office counter.
///
/// This is data as entered: it is decoded without judging it (beyond types and real dates), and
/// `EligibilityRules` then reports every problem at once. JSON keys are snake_case; see
/// `docs/domain.md` for the schema and an example.
public struct Application: Sendable, Hashable, Codable {
    /// The day the application is made; every "on the application date" rule refers to it.
    public var applicationDate: CivilDate
    public var level: AccountLevel
    public var applicant: Applicant
    public var passport: Passport
    public var residenceCard: ResidenceCard
    /// The mobile number the account is registered with, as declared (any accepted form,
    /// see `VietnameseMobileNumber`). When a guardian registers, it is the guardian's number.
    public var mobileNumber: String
    /// The email address the result can be notified to.
    public var email: String
    /// Present when a guardian or representative registers for the applicant.
    public var guardian: Guardian?

    public init(applicationDate: CivilDate, level: AccountLevel, applicant: Applicant, passport: Passport,
                residenceCard: ResidenceCard, mobileNumber: String, email: String, guardian: Guardian? = nil) {
        self.applicationDate = applicationDate
        self.level = level
        self.applicant = applicant
        self.passport = passport
        self.residenceCard = residenceCard
        self.mobileNumber = mobileNumber
        self.email = email
        self.guardian = guardian
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case applicationDate = "application_date"
        case level, applicant, passport
        case residenceCard = "residence_card"
        case mobileNumber = "mobile_number"
        case email, guardian
    }

    /// `guardian` may be omitted or `null`; every other key is required.
    public init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        applicationDate = try container.decode(CivilDate.self, forKey: .applicationDate)
        level = try container.decode(AccountLevel.self, forKey: .level)
        applicant = try container.decode(Applicant.self, forKey: .applicant)
        passport = try container.decode(Passport.self, forKey: .passport)
        residenceCard = try container.decode(ResidenceCard.self, forKey: .residenceCard)
        mobileNumber = try container.decode(String.self, forKey: .mobileNumber)
        email = try container.decode(String.self, forKey: .email)
        guardian = try container.decodeIfPresent(Guardian.self, forKey: .guardian)
    }
}
