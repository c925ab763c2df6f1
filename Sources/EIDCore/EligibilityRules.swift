/// The eligibility rules for an in-person e-ID application by a foreign resident
/// (Decree 69/2024 art. 11, Decree 59/2022 art. 12).
///
/// `evaluate(_:)` checks every rule and returns every violation, in a fixed order (applicant,
/// passport, residence card, contact details, guardian); an empty result means eligible.
/// "Today" is the application's `applicationDate`: "in the future" means after that date.
public struct EligibilityRules: Sendable, Hashable {
    /// Minimum age on the application date; the birthday itself qualifies.
    public var minimumAge: Int
    /// Applicants younger than this on the application date need a guardian; from that birthday
    /// on they do not.
    public var guardianRequiredUnderAge: Int
    /// The longest accepted name part (surname, middle, given, guardian's full name), in characters.
    public var maximumNameLength: Int

    public init(minimumAge: Int = 6, guardianRequiredUnderAge: Int = 14, maximumNameLength: Int = 100) {
        self.minimumAge = minimumAge
        self.guardianRequiredUnderAge = guardianRequiredUnderAge
        self.maximumNameLength = maximumNameLength
    }

    /// The rules as set by Decree 69/2024: 6 years minimum, guardian under 14, names up to 100 characters.
    public static let decree69 = EligibilityRules()

    /// Every rule the application fails; empty when it is eligible.
    public func evaluate(_ application: Application) -> [EligibilityViolation] {
        var found: [EligibilityViolation] = []
        checkApplicant(application, into: &found)
        checkPassport(application, into: &found)
        checkResidenceCard(application, into: &found)
        checkContact(application, into: &found)
        checkGuardian(application, into: &found)
        return found
    }

    // MARK: - Applicant

    private func checkApplicant(_ application: Application, into found: inout [EligibilityViolation]) {
        let applicant = application.applicant
        let today = application.applicationDate
        let name = applicant.name

        if name.surname.isEmpty && name.givenName.isEmpty {
            found.append(.init(code: .nameMissing, field: "applicant.name",
                               reason: "the applicant's surname and given name are both empty; at least one is required"))
        }
        for (part, field) in [(name.surname, "surname"), (name.middleName, "middle_name"), (name.givenName, "given_name")] {
            checkName(part, field: "applicant.name.\(field)", label: field.replacingUnderscores,
                      tooLong: .nameTooLong, invalid: .nameInvalidCharacters, into: &found)
        }

        let birth = applicant.dateOfBirth
        if birth > today {
            found.append(.init(code: .dateOfBirthInFuture, field: "applicant.date_of_birth",
                               reason: "date of birth \(birth) is after the application date \(today)"))
        } else {
            let age = CivilDate.years(from: birth, to: today)
            if age < minimumAge {
                found.append(.init(
                    code: .ageUnderMinimum, field: "applicant.date_of_birth",
                    reason: "the applicant, born \(birth), is \(age) on the application date \(today); "
                        + "the minimum age is \(minimumAge), reached on \(birth.anniversary(years: minimumAge))"))
            }
            if age < guardianRequiredUnderAge, application.guardian == nil {
                found.append(.init(
                    code: .guardianMissing, field: "guardian",
                    reason: "the applicant, born \(birth), is \(age) on the application date \(today); "
                        + "applicants under \(guardianRequiredUnderAge) (until "
                        + "\(birth.anniversary(years: guardianRequiredUnderAge))) must be registered by a guardian"))
            }
        }

        let nationality = applicant.nationality
        if !Self.matches(nationality, lengths: 3...3, allowDigits: false) {
            found.append(.init(code: .nationalityInvalid, field: "applicant.nationality",
                               reason: "nationality '\(nationality)' is not an ISO 3166-1 alpha-3 code (three capital letters)"))
        } else if nationality == "VNM" {
            found.append(.init(code: .nationalityVietnamese, field: "applicant.nationality",
                               reason: "nationality 'VNM' is Vietnamese; Vietnamese citizens apply with their citizen identity card, not as foreigners"))
        }

        if let number = applicant.foreignerIdentificationNumber,
           !(number.utf8.count == 12 && number.utf8.allSatisfy { (0x30...0x39).contains($0) }) {
            found.append(.init(code: .foreignerIdentificationNumberInvalid,
                               field: "applicant.foreigner_identification_number",
                               reason: "foreigner identification number '\(number)' must be exactly 12 digits"))
        }
    }

    // MARK: - Documents

    private func checkPassport(_ application: Application, into found: inout [EligibilityViolation]) {
        let passport = application.passport
        if !Self.matches(passport.number, lengths: 6...12, allowDigits: true) {
            found.append(.init(code: .passportNumberInvalid, field: "passport.number",
                               reason: "passport number '\(passport.number)' must be 6 to 12 capital letters or digits"))
        }
        if !Self.matches(passport.symbol, lengths: 1...10, allowDigits: true) {
            found.append(.init(code: .passportSymbolInvalid, field: "passport.symbol",
                               reason: "passport symbol '\(passport.symbol)' must be 1 to 10 capital letters or digits"))
        }
        let placeLength = passport.placeOfIssue.count
        if placeLength == 0 || placeLength > maximumNameLength || passport.placeOfIssue.contains(where: \.isControl) {
            found.append(.init(code: .passportPlaceOfIssueInvalid, field: "passport.place_of_issue",
                               reason: "place of issue '\(passport.placeOfIssue)' must be 1 to \(maximumNameLength) printable characters (it has \(placeLength))"))
        }
        checkValidity(document: "passport \(passport.number)", field: "passport",
                      issued: passport.dateOfIssue, expires: passport.dateOfExpiry, application: application,
                      codes: (.passportIssuedInFuture, .passportIssuedBeforeBirth,
                              .passportIssueNotBeforeExpiry, .passportExpired),
                      into: &found)
    }

    private func checkResidenceCard(_ application: Application, into found: inout [EligibilityViolation]) {
        let card = application.residenceCard
        if !Self.matches(card.number, lengths: 6...12, allowDigits: true) {
            found.append(.init(code: .residenceCardNumberInvalid, field: "residence_card.number",
                               reason: "residence card number '\(card.number)' must be 6 to 12 capital letters or digits"))
        }
        checkValidity(document: "\(card.kind.rawValue) residence card \(card.number)", field: "residence_card",
                      issued: card.dateOfIssue, expires: card.dateOfExpiry, application: application,
                      codes: (.residenceCardIssuedInFuture, .residenceCardIssuedBeforeBirth,
                              .residenceCardIssueNotBeforeExpiry, .residenceCardExpired),
                      into: &found)
    }

    /// A document is valid on every day from its date of issue to its date of expiry, both included.
    private func checkValidity(
        document: String, field: String, issued: CivilDate, expires: CivilDate, application: Application,
        codes: (future: EligibilityViolation.Code, beforeBirth: EligibilityViolation.Code,
                notBeforeExpiry: EligibilityViolation.Code, expired: EligibilityViolation.Code),
        into found: inout [EligibilityViolation]
    ) {
        let today = application.applicationDate
        let birth = application.applicant.dateOfBirth
        if issued > today {
            found.append(.init(code: codes.future, field: "\(field).date_of_issue",
                               reason: "\(document) was issued on \(issued), after the application date \(today)"))
        }
        if issued < birth {
            found.append(.init(code: codes.beforeBirth, field: "\(field).date_of_issue",
                               reason: "\(document) was issued on \(issued), before the applicant's date of birth \(birth)"))
        }
        if issued >= expires {
            found.append(.init(code: codes.notBeforeExpiry, field: "\(field).date_of_expiry",
                               reason: "\(document) has date of issue \(issued), which is not before its date of expiry \(expires)"))
        }
        if expires < today {
            found.append(.init(code: codes.expired, field: "\(field).date_of_expiry",
                               reason: "\(document) expired on \(expires), before the application date \(today)"))
        }
    }

    // MARK: - Contact

    private func checkContact(_ application: Application, into found: inout [EligibilityViolation]) {
        do {
            _ = try VietnameseMobileNumber(parsing: application.mobileNumber)
        } catch {
            found.append(.init(code: .mobileNotVietnamese, field: "mobile_number",
                               reason: "mobile number is not a Vietnamese mobile number: \(error)"))
        }
        do {
            _ = try EmailAddress(validating: application.email)
        } catch {
            found.append(.init(code: .emailInvalid, field: "email", reason: "email address is invalid: \(error)"))
        }
    }

    // MARK: - Guardian

    /// When a guardian is present, the guardian's own data must be well formed, and the number the
    /// account is registered with (`mobile_number`) must be the guardian's own number: the
    /// guardian declares and registers for the applicant with it (Decree 69/2024 art. 11).
    private func checkGuardian(_ application: Application, into found: inout [EligibilityViolation]) {
        guard let guardian = application.guardian else { return }
        let nameLength = guardian.fullName.count
        if nameLength == 0 || nameLength > maximumNameLength || !Self.isName(guardian.fullName) {
            found.append(.init(code: .guardianNameInvalid, field: "guardian.full_name",
                               reason: "guardian's full name '\(guardian.fullName)' must be 1 to \(maximumNameLength) characters of letters, spaces, hyphens, apostrophes or dots (it has \(nameLength))"))
        }
        if !Self.matches(guardian.documentNumber, lengths: 6...12, allowDigits: true) {
            found.append(.init(code: .guardianDocumentNumberInvalid, field: "guardian.document_number",
                               reason: "guardian's document number '\(guardian.documentNumber)' must be 6 to 12 capital letters or digits"))
        }
        do {
            let guardianNumber = try VietnameseMobileNumber(parsing: guardian.mobileNumber)
            if let registered = try? VietnameseMobileNumber(parsing: application.mobileNumber),
               registered != guardianNumber {
                found.append(.init(
                    code: .guardianMobileNotRegistered, field: "mobile_number",
                    reason: "the application registers mobile number \(registered), but the guardian's own number is "
                        + "\(guardianNumber); a guardian registers the applicant with the guardian's own number"))
            }
        } catch {
            found.append(.init(code: .guardianMobileNotVietnamese, field: "guardian.mobile_number",
                               reason: "guardian's mobile number is not a Vietnamese mobile number: \(error)"))
        }
        if let email = guardian.email {
            do {
                _ = try EmailAddress(validating: email)
            } catch {
                found.append(.init(code: .guardianEmailInvalid, field: "guardian.email",
                                   reason: "guardian's email address is invalid: \(error)"))
            }
        }
    }

    // MARK: - Helpers

    private func checkName(_ part: String, field: String, label: String, tooLong: EligibilityViolation.Code,
                           invalid: EligibilityViolation.Code, into found: inout [EligibilityViolation]) {
        if part.count > maximumNameLength {
            found.append(.init(code: tooLong, field: field,
                               reason: "\(label) has \(part.count) characters; at most \(maximumNameLength) are allowed"))
        }
        if !Self.isName(part) {
            found.append(.init(code: invalid, field: field,
                               reason: "\(label) '\(part)' may contain only letters, spaces, hyphens, apostrophes and dots"))
        }
    }

    /// Letters (any script, with their marks), spaces, hyphens, apostrophes and dots.
    static func isName(_ text: String) -> Bool {
        text.allSatisfy { $0.isLetter || $0 == " " || $0 == "-" || $0 == "'" || $0 == "\u{2019}" || $0 == "." }
    }

    /// `[A-Z]` (and `[0-9]` if `allowDigits`) repeated a number of times within `lengths`, ASCII only.
    static func matches(_ text: String, lengths: ClosedRange<Int>, allowDigits: Bool) -> Bool {
        let bytes = text.utf8
        return lengths.contains(bytes.count) && bytes.allSatisfy {
            (0x41...0x5A).contains($0) || (allowDigits && (0x30...0x39).contains($0))
        }
    }
}

private extension String {
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

private extension Character {
    var isControl: Bool { unicodeScalars.contains { $0.properties.generalCategory == .control } }
}
