import Testing
@testable import EIDCore

private func date(_ text: String) -> CivilDate { ApplicationFixtures.date(text) }
private let rules = EligibilityRules.decree69

private func codes(_ application: Application) -> [EligibilityViolation.Code] {
    rules.evaluate(application).map(\.code)
}

/// One change to a valid application and the single rule it must break.
struct RuleCase: Sendable, CustomTestStringConvertible {
    let expected: EligibilityViolation.Code
    let also: [EligibilityViolation.Code]
    let field: String
    let start: @Sendable () -> Application
    let change: @Sendable (inout Application) -> Void

    init(_ expected: EligibilityViolation.Code, field: String, also: [EligibilityViolation.Code] = [],
         from start: @escaping @Sendable () -> Application = { ApplicationFixtures.adult },
         _ change: @escaping @Sendable (inout Application) -> Void) {
        self.expected = expected
        self.also = also
        self.field = field
        self.start = start
        self.change = change
    }

    var testDescription: String { expected.rawValue }
}

@Suite struct EligibilityRulesTests {
    @Test func validFixturesAreEligible() {
        #expect(rules.evaluate(ApplicationFixtures.adult) == [])
        #expect(rules.evaluate(ApplicationFixtures.child) == [])
    }

    static let ruleCases: [RuleCase] = [
        RuleCase(.nameMissing, field: "applicant.name") { $0.applicant.name = PersonName(surname: "", givenName: "") },
        RuleCase(.nameTooLong, field: "applicant.name.given_name") {
            $0.applicant.name.givenName = String(repeating: "A", count: 101)
        },
        RuleCase(.nameInvalidCharacters, field: "applicant.name.surname") { $0.applicant.name.surname = "KIM2" },
        // Documents issued before a birth in the future are necessarily reported too.
        RuleCase(.dateOfBirthInFuture, field: "applicant.date_of_birth",
                 also: [.passportIssuedBeforeBirth, .residenceCardIssuedBeforeBirth]) {
            $0.applicant.dateOfBirth = date("2025-07-02")
        },
        RuleCase(.ageUnderMinimum, field: "applicant.date_of_birth", from: { ApplicationFixtures.child }) {
            $0.applicant.dateOfBirth = date("2020-01-01")
        },
        RuleCase(.nationalityInvalid, field: "applicant.nationality") { $0.applicant.nationality = "KR" },
        RuleCase(.nationalityVietnamese, field: "applicant.nationality") { $0.applicant.nationality = "VNM" },
        RuleCase(.foreignerIdentificationNumberInvalid, field: "applicant.foreigner_identification_number") {
            $0.applicant.foreignerIdentificationNumber = "12345678901"
        },
        RuleCase(.passportNumberInvalid, field: "passport.number") { $0.passport.number = "m1234567" },
        RuleCase(.passportSymbolInvalid, field: "passport.symbol") { $0.passport.symbol = "" },
        RuleCase(.passportPlaceOfIssueInvalid, field: "passport.place_of_issue") { $0.passport.placeOfIssue = "" },
        RuleCase(.passportIssuedInFuture, field: "passport.date_of_issue") { $0.passport.dateOfIssue = date("2025-07-02") },
        RuleCase(.passportIssuedBeforeBirth, field: "passport.date_of_issue") { $0.passport.dateOfIssue = date("1990-05-14") },
        RuleCase(.passportIssueNotBeforeExpiry, field: "passport.date_of_expiry") {
            $0.passport.dateOfIssue = date("2025-07-01")
            $0.passport.dateOfExpiry = date("2025-07-01")
        },
        RuleCase(.passportExpired, field: "passport.date_of_expiry") { $0.passport.dateOfExpiry = date("2025-06-30") },
        RuleCase(.residenceCardNumberInvalid, field: "residence_card.number") { $0.residenceCard.number = "TT-2401234" },
        RuleCase(.residenceCardIssuedInFuture, field: "residence_card.date_of_issue") {
            $0.residenceCard.dateOfIssue = date("2025-08-01")
        },
        RuleCase(.residenceCardIssuedBeforeBirth, field: "residence_card.date_of_issue") {
            $0.residenceCard.dateOfIssue = date("1989-01-01")
        },
        RuleCase(.residenceCardIssueNotBeforeExpiry, field: "residence_card.date_of_expiry") {
            $0.residenceCard.dateOfIssue = date("2025-07-01")
            $0.residenceCard.dateOfExpiry = date("2025-07-01")
        },
        RuleCase(.residenceCardExpired, field: "residence_card.date_of_expiry") {
            $0.residenceCard.dateOfExpiry = date("2025-06-30")
        },
        RuleCase(.mobileNotVietnamese, field: "mobile_number") { $0.mobileNumber = "+1 202 555 0123" },
        RuleCase(.emailInvalid, field: "email") { $0.email = "kim.minjun@example" },
        RuleCase(.guardianMissing, field: "guardian", from: { ApplicationFixtures.child }) { $0.guardian = nil },
        RuleCase(.guardianNameInvalid, field: "guardian.full_name", from: { ApplicationFixtures.child }) {
            $0.guardian?.fullName = ""
        },
        RuleCase(.guardianDocumentNumberInvalid, field: "guardian.document_number", from: { ApplicationFixtures.child }) {
            $0.guardian?.documentNumber = "12345"
        },
        RuleCase(.guardianMobileNotVietnamese, field: "guardian.mobile_number", from: { ApplicationFixtures.child }) {
            $0.guardian?.mobileNumber = "0241234567"
        },
        RuleCase(.guardianMobileNotRegistered, field: "mobile_number", from: { ApplicationFixtures.child }) {
            $0.mobileNumber = "0912345678"
        },
        RuleCase(.guardianEmailInvalid, field: "guardian.email", from: { ApplicationFixtures.child }) {
            $0.guardian?.email = "sarah@@example.com"
        },
    ]

    @Test(arguments: ruleCases)
    func eachRuleFailsAlone(_ rule: RuleCase) {
        var application = rule.start()
        #expect(rules.evaluate(application) == [], "the starting application must be eligible")
        rule.change(&application)
        let found = rules.evaluate(application)
        #expect(found.map(\.code) == [rule.expected] + rule.also)
        #expect(found.first?.field == rule.field)
        #expect(found.first.map { !$0.reason.isEmpty } == true)
    }

    @Test func everyCodeHasACase() {
        let covered = Set(Self.ruleCases.map(\.expected))
        #expect(covered == Set(EligibilityViolation.Code.allCases))
    }

    @Test func codesAreStableStrings() {
        #expect(EligibilityViolation.Code.ageUnderMinimum.rawValue == "age.under_minimum")
        #expect(EligibilityViolation.Code.guardianMissing.rawValue == "guardian.missing")
        #expect(EligibilityViolation.Code.passportExpired.rawValue == "passport.expired")
        #expect(EligibilityViolation.Code.residenceCardExpired.rawValue == "residence_card.expired")
        #expect(EligibilityViolation.Code.mobileNotVietnamese.rawValue == "mobile.not_vietnamese")
        #expect(EligibilityViolation.Code.emailInvalid.rawValue == "email.invalid")
        let raw = EligibilityViolation.Code.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
    }

    // MARK: Age boundaries

    @Test func sixthBirthdayIsEligibleTheDayBeforeIsNot() {
        var application = ApplicationFixtures.child
        application.applicant.dateOfBirth = date("2019-07-01")
        application.applicationDate = date("2025-06-30")
        let before = rules.evaluate(application)
        #expect(before.map(\.code) == [.ageUnderMinimum])
        #expect(before.first?.reason
            == "the applicant, born 2019-07-01, is 5 on the application date 2025-06-30; the minimum age is 6, reached on 2025-07-01")
        application.applicationDate = date("2025-07-01")
        #expect(codes(application) == [])
    }

    @Test func fourteenthBirthdayNeedsNoGuardianTheDayBeforeDoes() {
        var application = ApplicationFixtures.adult
        application.applicant.dateOfBirth = date("2011-07-01")
        application.passport.dateOfIssue = date("2021-01-01")
        application.applicationDate = date("2025-06-30")
        let before = rules.evaluate(application)
        #expect(before.map(\.code) == [.guardianMissing])
        #expect(before.first?.reason.contains("is 13 on the application date 2025-06-30") == true)
        #expect(before.first?.reason.contains("until 2025-07-01") == true)
        application.applicationDate = date("2025-07-01")
        #expect(codes(application) == [])
    }

    @Test func leapDayBirthTurnsSixOnFirstMarch() {
        var application = ApplicationFixtures.child
        application.applicant.dateOfBirth = date("2012-02-29")
        application.passport.dateOfIssue = date("2017-06-01")
        application.passport.dateOfExpiry = date("2022-05-31")
        application.residenceCard.dateOfIssue = date("2017-06-01")
        application.residenceCard.dateOfExpiry = date("2019-06-01")
        application.applicationDate = date("2018-02-28")
        #expect(codes(application) == [.ageUnderMinimum])
        application.applicationDate = date("2018-03-01")
        #expect(codes(application) == [])
    }

    @Test func guardianMayRegisterForAnApplicantOver14() {
        var application = ApplicationFixtures.child
        application.applicant.dateOfBirth = date("2005-01-01")
        application.passport.dateOfIssue = date("2023-02-01")
        #expect(codes(application) == [])
    }

    // MARK: Document validity boundaries

    @Test func documentsExpiringOnTheApplicationDateAreValid() {
        var application = ApplicationFixtures.adult
        application.passport.dateOfExpiry = application.applicationDate
        application.residenceCard.dateOfExpiry = application.applicationDate
        #expect(codes(application) == [])
    }

    @Test func documentsThatExpiredTheDayBeforeAreNot() {
        var application = ApplicationFixtures.adult
        application.passport.dateOfExpiry = date("2025-06-30")
        application.residenceCard.dateOfExpiry = date("2025-06-30")
        let found = rules.evaluate(application)
        #expect(found.map(\.code) == [.passportExpired, .residenceCardExpired])
        #expect(found[0].reason == "passport M12345678 expired on 2025-06-30, before the application date 2025-07-01")
        #expect(found[1].reason
            == "temporary residence card TT2401234 expired on 2025-06-30, before the application date 2025-07-01")
    }

    @Test func documentsIssuedOnTheApplicationDateAreValid() {
        var application = ApplicationFixtures.adult
        application.passport.dateOfIssue = application.applicationDate
        application.residenceCard.dateOfIssue = application.applicationDate
        #expect(codes(application) == [])
    }

    // MARK: Several failures

    @Test func reportsEveryFailureTogether() {
        var application = ApplicationFixtures.child
        application.applicant.dateOfBirth = date("2020-03-01")
        application.guardian = nil
        application.passport.dateOfExpiry = date("2025-01-01")
        application.residenceCard.dateOfIssue = date("2025-12-01")
        application.mobileNumber = "12345"
        application.email = "not an email"
        application.applicant.nationality = "vnm"
        let found = rules.evaluate(application)
        #expect(found.map(\.code) == [
            .ageUnderMinimum, .guardianMissing, .nationalityInvalid, .passportExpired,
            .residenceCardIssuedInFuture, .mobileNotVietnamese, .emailInvalid,
        ])
        #expect(found.map(\.field) == [
            "applicant.date_of_birth", "guardian", "applicant.nationality", "passport.date_of_expiry",
            "residence_card.date_of_issue", "mobile_number", "email",
        ])
    }

    @Test func futureBirthDoesNotAlsoReportAge() {
        var application = ApplicationFixtures.adult
        application.applicant.dateOfBirth = date("2026-01-01")
        let found = codes(application)
        #expect(found.contains(.dateOfBirthInFuture))
        #expect(!found.contains(.ageUnderMinimum))
        #expect(!found.contains(.guardianMissing))
    }

    @Test func guardianNumberMayBeWrittenDifferently() {
        var application = ApplicationFixtures.child
        application.mobileNumber = "84987654321"
        application.guardian?.mobileNumber = "098.765.4321"
        #expect(codes(application) == [])
    }

    @Test func reasonsNameTheValues() {
        var application = ApplicationFixtures.child
        application.mobileNumber = "0912345678"
        let reason = rules.evaluate(application).first?.reason ?? ""
        #expect(reason.contains("+84912345678"))
        #expect(reason.contains("+84987654321"))

        application = ApplicationFixtures.adult
        application.email = "a@b"
        #expect(rules.evaluate(application).first?.reason == "email address is invalid: 'a@b' has a domain without a dot")
    }

    @Test func unicodeNamesAreAccepted() {
        var application = ApplicationFixtures.adult
        application.applicant.name = PersonName(surname: "Müller-Lüdenscheidt", middleName: "O’Brien", givenName: "Zoë")
        #expect(codes(application) == [])
        application.applicant.name = PersonName(surname: "王", givenName: "小明")
        #expect(codes(application) == [])
        application.applicant.name.givenName = String(repeating: "é", count: 100)
        #expect(codes(application) == [])
    }

    @Test func thresholdsAreConfigurable() {
        let strict = EligibilityRules(minimumAge: 18)
        #expect(strict.evaluate(ApplicationFixtures.child).map(\.code) == [.ageUnderMinimum])
    }
}
