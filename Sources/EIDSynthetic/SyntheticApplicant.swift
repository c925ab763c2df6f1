public import EIDCore
import EIDBiometrics

/// One synthetic applicant's application and captures, reproducible from a seed.
/// No real personal or biometric data is ever used: names come from small lists,
/// biometrics from seeded random generators.
public struct SyntheticApplicant: Sendable {
    public var application: Application
    public var portraitPNG: [UInt8]
    /// (file name, ISO/IEC 19794-2:2005 record)
    public var fingerprintTemplates: [(name: String, bytes: [UInt8])]
    /// 512 little-endian float32 values, unit norm (`SyntheticFacePopulation` via `SyntheticPerson`).
    public var faceEmbedding: [UInt8]
}

/// Makes synthetic applicants for tests, the demo and benchmarks.
public struct ApplicantSynthesizer: Sendable {
    public var seed: UInt64
    /// The day the applications are made.
    public var applicationDate: CivilDate
    /// Fingers captured per applicant (2...10).
    public var fingers: Int
    public var portraitWidth = 480
    public var portraitHeight = 640
    /// A plain, deflate-compressed portrait of about 2 KB instead of the ~38 KB typical
    /// one (same format and pixel size, so intake takes it alike): for tests and
    /// benchmarks that enroll thousands of applicants and care about the count, not the size.
    public var compactPortrait = false
    public var embeddingLength = 512

    public init(seed: UInt64, applicationDate: CivilDate, fingers: Int = 4) {
        self.seed = seed
        self.applicationDate = applicationDate
        self.fingers = max(2, min(10, fingers))
    }

    static let people: [(nationality: String, surnames: [String], given: [String], passportPrefix: String)] = [
        ("KOR", ["KIM", "LEE", "PARK", "CHOI", "JUNG"], ["MINJUN", "SEOYEON", "JIHO", "HAEUN"], "M"),
        ("CHN", ["WANG", "LI", "ZHANG", "LIU", "CHEN"], ["WEI", "FANG", "JING", "TAO"], "E"),
        ("JPN", ["SATO", "SUZUKI", "TAKAHASHI", "TANAKA"], ["HARUTO", "YUI", "SORA", "AOI"], "TK"),
        ("USA", ["SMITH", "JOHNSON", "WILLIAMS", "BROWN"], ["JAMES", "MARY", "ROBERT", "LINDA"], "A"),
        ("RUS", ["IVANOV", "SMIRNOV", "KUZNETSOV", "POPOVA"], ["ALEXEI", "OLGA", "DMITRI", "IRINA"], "75"),
        ("FRA", ["MARTIN", "BERNARD", "DUBOIS", "THOMAS"], ["LOUIS", "CHLOE", "HUGO", "LEA"], "19"),
        ("AUS", ["WILSON", "TAYLOR", "ANDERSON", "WHITE"], ["OLIVER", "CHARLOTTE", "JACK", "AMELIA"], "PA"),
        ("IND", ["SHARMA", "PATEL", "SINGH", "KUMAR"], ["AARAV", "ANANYA", "VIVAAN", "DIYA"], "K"),
        ("THA", ["SAETANG", "SRISUK", "WONG", "CHAIYAPORN"], ["SOMCHAI", "MALEE", "ANAN", "KANYA"], "AA"),
    ]
    static let mobilePrefixes = ["090", "091", "093", "094", "096", "097", "098", "086", "088", "070", "077", "081", "083", "032", "035", "039", "056", "058"]

    /// The `index`-th applicant of this seed.
    public func applicant(_ index: Int) -> SyntheticApplicant {
        var rng = SplitMix64(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        let group = Self.people[Int(rng.next() % UInt64(Self.people.count))]
        let surname = group.surnames[Int(rng.next() % UInt64(group.surnames.count))]
        let given = group.given[Int(rng.next() % UInt64(group.given.count))]
        // Ages 6...75, a fifth of them children with a guardian.
        let isChild = rng.next() % 5 == 0
        let age = isChild ? 6 + Int(rng.next() % 8) : 18 + Int(rng.next() % 58)
        let birth = applicationDate.adding(days: -(age * 365 + Int(rng.next() % 300) + 3))
        let passportNumber = (group.passportPrefix + String(10_000_000 + index * 7 + Int(rng.next() % 7)))
        let passportIssued = applicationDate.adding(days: -(200 + Int(rng.next() % 2000)))
        let passportExpiry = applicationDate.adding(days: 400 + Int(rng.next() % 3000))
        let cardIssued = applicationDate.adding(days: -(30 + Int(rng.next() % 600)))
        let cardExpiry = applicationDate.adding(days: 90 + Int(rng.next() % 700))
        func mobile() -> String {
            Self.mobilePrefixes[Int(rng.next() % UInt64(Self.mobilePrefixes.count))]
                + String(1_000_000 + Int(rng.next() % 8_999_999))
        }
        let ownMobile = mobile()
        var application = Application(
            applicationDate: applicationDate, level: .level2,
            applicant: Applicant(name: PersonName(surname: surname, middleName: "", givenName: given),
                                 dateOfBirth: birth, sex: rng.next() % 2 == 0 ? .male : .female,
                                 nationality: group.nationality),
            passport: Passport(number: passportNumber, symbol: group.nationality, type: .ordinaryPassport,
                               dateOfIssue: passportIssued, placeOfIssue: "Passport office, \(group.nationality)",
                               dateOfExpiry: passportExpiry),
            residenceCard: ResidenceCard(kind: rng.next() % 4 == 0 ? .permanent : .temporary,
                                         number: "TT" + String(1_000_000 + index), dateOfIssue: cardIssued,
                                         dateOfExpiry: cardExpiry),
            mobileNumber: ownMobile,
            email: "\(given.lowercased()).\(surname.lowercased()).\(index)@example.com")
        if isChild {
            let guardianMobile = mobile()
            application.mobileNumber = guardianMobile
            application.guardian = Guardian(fullName: "\(surname) PARENT", relationship: .father,
                                            documentNumber: group.passportPrefix + String(90_000_000 + index),
                                            mobileNumber: guardianMobile, email: "parent.\(index)@example.com")
        }

        // The applicant's biometrics: capture 0 of a synthetic person (the generator `eid bio synth` uses).
        let person = SyntheticPerson(seed: rng.next())
        var templates: [(name: String, bytes: [UInt8])] = []
        for (number, position) in SyntheticPerson.fingerOrder.prefix(fingers).enumerated() {
            let bytes = (try? person.impression(position, capture: 0).isoRecord()) ?? []
            templates.append(("\(number + 1)-\(position.fileLabel).iso", bytes))
        }
        let embedding = person.faceCapture(0, length: embeddingLength)
        let portrait = SyntheticPortrait.png(width: portraitWidth, height: portraitHeight, seed: person.seed,
                                             compact: compactPortrait)
        return SyntheticApplicant(application: application, portraitPNG: portrait,
                                  fingerprintTemplates: templates, faceEmbedding: embedding)
    }
}

extension FingerPosition {
    var fileLabel: String {
        String(describing: self).lowercased().replacingSpaces()
    }
}

extension String {
    fileprivate func replacingSpaces() -> String { String(map { $0 == " " ? "-" : $0 }) }
}
