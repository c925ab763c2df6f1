import Testing
@testable import EIDCore

@Suite struct VietnameseMobileNumberTests {
    @Test(arguments: [
        ("0912345678", "+84912345678"),
        ("+84912345678", "+84912345678"),
        ("84912345678", "+84912345678"),
        ("+84 91 234 5678", "+84912345678"),
        ("091.234.5678", "+84912345678"),
        ("(+84) 912-345-678", "+84912345678"),
        ("0321234567", "+84321234567"),   // Viettel 032
        ("0391234567", "+84391234567"),
        ("0521234567", "+84521234567"),   // Vietnamobile 052
        ("0551234567", "+84551234567"),
        ("0561234567", "+84561234567"),
        ("0581234567", "+84581234567"),
        ("0591234567", "+84591234567"),   // Gmobile 059
        ("0701234567", "+84701234567"),   // MobiFone 070
        ("0761234567", "+84761234567"),
        ("0791234567", "+84791234567"),
        ("0811234567", "+84811234567"),   // Vinaphone 081
        ("0871234567", "+84871234567"),   // Itelecom 087
        ("0891234567", "+84891234567"),
        ("0901234567", "+84901234567"),
        ("0941234567", "+84941234567"),
        ("0961234567", "+84961234567"),
        ("0991234567", "+84991234567"),
    ])
    func normalisesToE164(input: String, e164: String) throws {
        let number = try VietnameseMobileNumber(parsing: input)
        #expect(number.e164 == e164)
        #expect(number.nationalForm == "0" + e164.dropFirst(3))
    }

    @Test(arguments: [
        ("", VietnameseMobileNumberError.empty),
        ("912345678", .missingPrefix("912345678")),
        ("+840912345678", .trunkPrefixAfterCountryCode("+840912345678")),
        ("+1 202 555 0123", .notVietnameseCountryCode("+1 202 555 0123")),
        ("091234567", .wrongLength("091234567", nationalDigits: 8)),
        ("09123456789", .wrongLength("09123456789", nationalDigits: 10)),
        ("02438123456", .wrongLength("02438123456", nationalDigits: 10)),   // Hanoi landline
        ("0201234567", .notMobilePrefix("0201234567", prefix: "020")),
        ("0311234567", .notMobilePrefix("0311234567", prefix: "031")),
        ("0951234567", .notMobilePrefix("0951234567", prefix: "095")),      // retired S-Fone range
        ("0751234567", .notMobilePrefix("0751234567", prefix: "075")),
        ("0912a45678", .invalidCharacter("0912a45678", "a")),
        ("09+12345678", .invalidCharacter("09+12345678", "+")),
        ("++84912345678", .invalidCharacter("++84912345678", "+")),
    ])
    func refusesWithAReason(input: String, expected: VietnameseMobileNumberError) {
        #expect(throws: expected) { try VietnameseMobileNumber(parsing: input) }
    }

    @Test func reasonIsReadable() {
        let error = VietnameseMobileNumberError.notMobilePrefix("0241234567", prefix: "024")
        #expect(error.description == "'0241234567' starts with 024, which is not a Vietnamese mobile prefix (03x, 05x, 07x, 08x, 09x)")
    }

    @Test func equalNumbersWrittenDifferentlyCompareEqual() throws {
        #expect(try VietnameseMobileNumber(parsing: "0987 654 321") == VietnameseMobileNumber(parsing: "+84987654321"))
    }
}
