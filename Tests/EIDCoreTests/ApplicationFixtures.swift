@testable import EIDCore

/// Valid applications to start from; each test changes what it is about.
enum ApplicationFixtures {
    static func date(_ text: String) -> CivilDate { try! CivilDate(iso: text) }

    /// An adult with valid documents, applying on 2025-07-01 for level 2.
    static var adult: Application {
        Application(
            applicationDate: date("2025-07-01"),
            level: .level2,
            applicant: Applicant(
                foreignerIdentificationNumber: nil,
                name: PersonName(surname: "KIM", middleName: "", givenName: "MINJUN"),
                dateOfBirth: date("1990-05-15"),
                sex: .male,
                nationality: "KOR"),
            passport: Passport(number: "M12345678", symbol: "KOR", type: .ordinaryPassport,
                               dateOfIssue: date("2020-01-10"), placeOfIssue: "Ministry of Foreign Affairs, Seoul",
                               dateOfExpiry: date("2030-01-09")),
            residenceCard: ResidenceCard(kind: .temporary, number: "TT2401234", dateOfIssue: date("2024-08-01"),
                                         dateOfExpiry: date("2026-08-01")),
            mobileNumber: "0912 345 678",
            email: "kim.minjun@example.com")
    }

    /// A nine-year-old registered by her mother with the mother's number.
    static var child: Application {
        var application = adult
        application.applicant = Applicant(
            name: PersonName(surname: "Nguyen-Smith", middleName: "Anne", givenName: "Lily"),
            dateOfBirth: date("2015-09-20"), sex: .female, nationality: "AUS")
        application.passport.dateOfIssue = date("2023-02-01")
        application.passport.dateOfExpiry = date("2028-01-31")
        application.passport.symbol = "AUS"
        application.passport.placeOfIssue = "Australian Passport Office"
        application.passport.number = "PA1234567"
        application.mobileNumber = "+84 987 654 321"
        application.email = "family.smith@example.com.au"
        application.guardian = Guardian(fullName: "Sarah Jane Smith", relationship: .mother,
                                        documentNumber: "PB7654321", mobileNumber: "0987654321",
                                        email: "sarah.smith@example.com.au")
        return application
    }
}
