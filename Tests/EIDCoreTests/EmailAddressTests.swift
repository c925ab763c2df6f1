import Testing
@testable import EIDCore

@Suite struct EmailAddressTests {
    @Test(arguments: [
        "a@b.co", "kim.minjun@example.com", "first+tag@sub.example.vn", "o'brien@example.ie",
        "user_name-1@xn--80ak6aa92e.com", "UPPER@EXAMPLE.COM", "x@a-b.c-d.org",
        String(repeating: "a", count: 64) + "@example.com",
        "a@" + String(repeating: "b", count: 63) + ".com",
    ])
    func accepts(address: String) throws {
        #expect(try EmailAddress(validating: address).value == address)
    }

    @Test(arguments: [
        ("", EmailAddressError.empty),
        ("plainaddress", .notOneAtSign("plainaddress", count: 0)),
        ("a@@b.com", .notOneAtSign("a@@b.com", count: 2)),
        ("a@b@c.com", .notOneAtSign("a@b@c.com", count: 2)),
        ("@b.com", .emptyLocalPart("@b.com")),
        ("a@", .emptyDomain("a@")),
        ("a@b", .domainWithoutDot("a@b")),
        (".a@b.com", .misplacedDot(".a@b.com")),
        ("a.@b.com", .misplacedDot("a.@b.com")),
        ("a..b@c.com", .misplacedDot("a..b@c.com")),
        ("a@-b.com", .invalidDomainLabel("a@-b.com", label: "-b")),
        ("a@b-.com", .invalidDomainLabel("a@b-.com", label: "b-")),
        ("a@b..com", .invalidDomainLabel("a@b..com", label: "")),
        ("a@b_c.com", .invalidDomainLabel("a@b_c.com", label: "b_c")),
        ("a@b.c", .invalidTopLevelDomain("a@b.c", label: "c")),
        ("a@b.123", .invalidTopLevelDomain("a@b.123", label: "123")),
        ("a b@c.com", .invalidCharacter("a b@c.com", " ")),
        ("a@b.com ", .invalidCharacter("a@b.com ", " ")),
        ("ä@b.com", .invalidCharacter("ä@b.com", "ä")),
        ("\"q\"@b.com", .invalidCharacter("\"q\"@b.com", "\"")),
        ("a@[192.168.0.1]", .invalidDomainLabel("a@[192.168.0.1]", label: "[192")),
        ("a(b)@c.com", .invalidCharacter("a(b)@c.com", "(")),
    ])
    func refuses(address: String, expected: EmailAddressError) {
        #expect(throws: expected) { try EmailAddress(validating: address) }
    }

    @Test func lengthLimits() {
        let local65 = String(repeating: "a", count: 65) + "@example.com"
        #expect(throws: EmailAddressError.localPartTooLong(local65, length: 65)) { try EmailAddress(validating: local65) }
        let label64 = "a@" + String(repeating: "b", count: 64) + ".com"
        #expect(throws: EmailAddressError.invalidDomainLabel(label64, label: String(repeating: "b", count: 64))) {
            try EmailAddress(validating: label64)
        }
        let long = "a@" + Array(repeating: String(repeating: "b", count: 60), count: 5).joined(separator: ".") + ".com"
        #expect(long.count == 2 + 5 * 60 + 4 + 4)
        #expect(throws: EmailAddressError.tooLong(long, length: long.count)) { try EmailAddress(validating: long) }
    }

    @Test func reasonsAreReadable() {
        #expect(EmailAddressError.invalidCharacter("a b@c.com", " ").description
            == "'a b@c.com' contains U+20, which is not allowed in an email address")
        #expect(EmailAddressError.domainWithoutDot("a@b").description == "'a@b' has a domain without a dot")
    }
}
