/// One failed eligibility rule: a stable machine code, the field it concerns, and an English
/// reason that names the value and the date involved.
public struct EligibilityViolation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The rule that failed; its raw value is stable and safe to store or send.
    public let code: Code
    /// The dotted JSON path of the field at fault, e.g. `"passport.date_of_expiry"`.
    public let field: String
    /// Why, for a person: names the value and the date involved.
    public let reason: String

    public init(code: Code, field: String, reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(code.rawValue) (\(field)): \(reason)" }

    /// The stable codes of the eligibility rules. See `docs/domain.md` for their meanings.
    public enum Code: String, Sendable, Hashable, Codable, CaseIterable {
        case nameMissing = "name.missing"
        case nameTooLong = "name.too_long"
        case nameInvalidCharacters = "name.invalid_characters"
        case dateOfBirthInFuture = "date_of_birth.in_future"
        case ageUnderMinimum = "age.under_minimum"
        case nationalityInvalid = "nationality.invalid"
        case nationalityVietnamese = "nationality.vietnamese"
        case foreignerIdentificationNumberInvalid = "foreigner_id.invalid"

        case passportNumberInvalid = "passport.number_invalid"
        case passportSymbolInvalid = "passport.symbol_invalid"
        case passportPlaceOfIssueInvalid = "passport.place_of_issue_invalid"
        case passportIssuedInFuture = "passport.issued_in_future"
        case passportIssuedBeforeBirth = "passport.issued_before_birth"
        case passportIssueNotBeforeExpiry = "passport.issue_not_before_expiry"
        case passportExpired = "passport.expired"

        case residenceCardNumberInvalid = "residence_card.number_invalid"
        case residenceCardIssuedInFuture = "residence_card.issued_in_future"
        case residenceCardIssuedBeforeBirth = "residence_card.issued_before_birth"
        case residenceCardIssueNotBeforeExpiry = "residence_card.issue_not_before_expiry"
        case residenceCardExpired = "residence_card.expired"

        case mobileNotVietnamese = "mobile.not_vietnamese"
        case emailInvalid = "email.invalid"

        case guardianMissing = "guardian.missing"
        case guardianNameInvalid = "guardian.name_invalid"
        case guardianDocumentNumberInvalid = "guardian.document_number_invalid"
        case guardianMobileNotVietnamese = "guardian.mobile_not_vietnamese"
        case guardianMobileNotRegistered = "guardian.mobile_not_registered"
        case guardianEmailInvalid = "guardian.email_invalid"
    }
}
