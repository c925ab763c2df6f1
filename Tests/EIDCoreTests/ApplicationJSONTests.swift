import Foundation
import Testing
@testable import EIDCore

/// A complete valid application in JSON, edited by each error test.
private let childJSON = """
{
  "application_date": "2025-07-01",
  "level": "level2",
  "applicant": {
    "foreigner_identification_number": null,
    "name": { "surname": "Nguyen-Smith", "middle_name": "Anne", "given_name": "Lily" },
    "date_of_birth": "2015-09-20",
    "sex": "female",
    "nationality": "AUS"
  },
  "passport": {
    "number": "PA1234567", "symbol": "AUS", "type": "ordinary_passport",
    "date_of_issue": "2023-02-01", "place_of_issue": "Australian Passport Office",
    "date_of_expiry": "2028-01-31"
  },
  "residence_card": {
    "kind": "temporary", "number": "TT2401234",
    "date_of_issue": "2024-08-01", "date_of_expiry": "2026-08-01"
  },
  "mobile_number": "+84 987 654 321",
  "email": "family.smith@example.com.au",
  "guardian": {
    "full_name": "Sarah Jane Smith", "relationship": "mother", "document_number": "PB7654321",
    "mobile_number": "0987654321", "email": "sarah.smith@example.com.au"
  }
}
"""

private func decodeError(_ json: String) -> ApplicationDecodingError? {
    do {
        _ = try Application.decode(json: json)
        return nil
    } catch {
        return error
    }
}

private func replacing(_ old: String, with new: String) -> String {
    precondition(childJSON.contains(old), "fixture does not contain \(old)")
    return childJSON.replacingOccurrences(of: old, with: new)
}

@Suite struct ApplicationJSONTests {
    @Test func decodesSnakeCaseJSON() throws {
        let application = try Application.decode(json: childJSON)
        #expect(application == ApplicationFixtures.child)
    }

    @Test func roundTripsThroughJSON() throws {
        for application in [ApplicationFixtures.adult, ApplicationFixtures.child] {
            let text = application.jsonString(prettyPrinted: true)
            #expect(try Application.decode(json: text) == application)
        }
    }

    @Test func encodesSnakeCaseKeysAndOmitsAbsentOptionals() {
        let text = ApplicationFixtures.adult.jsonString()
        #expect(text.contains(#""application_date":"2025-07-01""#))
        #expect(text.contains(#""residence_card":{"date_of_expiry":"2026-08-01""#))
        #expect(text.contains(#""type":"ordinary_passport""#))
        #expect(!text.contains("guardian"))
        #expect(!text.contains("foreigner_identification_number"))
    }

    @Test func optionalFieldsMayBeOmitted() throws {
        let withoutGuardianEmail = replacing(#", "email": "sarah.smith@example.com.au""#, with: "")
        #expect(try Application.decode(json: withoutGuardianEmail).guardian?.email == nil)
        let withoutMiddleName = replacing(#""middle_name": "Anne", "#, with: "")
        #expect(try Application.decode(json: withoutMiddleName).applicant.name.middleName == "")
    }

    @Test func missingFieldIsNamed() {
        let error = decodeError(replacing(#""date_of_birth": "2015-09-20","#, with: ""))
        #expect(error == ApplicationDecodingError(field: "applicant.date_of_birth", reason: "required field is missing"))
    }

    @Test func impossibleDateIsNamed() {
        let error = decodeError(replacing(#""date_of_expiry": "2028-01-31""#, with: #""date_of_expiry": "2027-02-30""#))
        #expect(error?.field == "passport.date_of_expiry")
        #expect(error?.reason == "day 30 does not exist in 2027-02, which has 28 days")
        #expect(error?.description == "passport.date_of_expiry: day 30 does not exist in 2027-02, which has 28 days")
    }

    @Test func malformedDateIsNamed() {
        let error = decodeError(replacing(#""application_date": "2025-07-01""#, with: #""application_date": "1/7/2025""#))
        #expect(error == ApplicationDecodingError(field: "application_date",
                                                  reason: "'1/7/2025' is not a date of the form YYYY-MM-DD"))
    }

    @Test func unknownEnumValueListsTheAccepted() {
        let error = decodeError(replacing(#""sex": "female""#, with: #""sex": "F""#))
        #expect(error == ApplicationDecodingError(field: "applicant.sex",
                                                  reason: "'F' is not one of 'male', 'female', 'unspecified'"))
        let kind = decodeError(replacing(#""kind": "temporary""#, with: #""kind": "visa""#))
        #expect(kind?.field == "residence_card.kind")
    }

    @Test func unknownFieldIsRefused() {
        let error = decodeError(replacing(#""relationship": "mother""#, with: #""relationship": "mother", "phone": "x""#))
        #expect(error?.field == "guardian.phone")
        #expect(error?.reason.hasPrefix("unknown field 'phone'; this object accepts: full_name, relationship") == true)
    }

    @Test func wrongTypeIsNamed() {
        let error = decodeError(replacing(#""mobile_number": "+84 987 654 321""#, with: #""mobile_number": 84987654321"#))
        #expect(error == ApplicationDecodingError(field: "mobile_number", reason: "expected a string"))
    }

    @Test func nullRequiredFieldIsNamed() {
        let error = decodeError(replacing(#""email": "family.smith@example.com.au""#, with: #""email": null"#))
        #expect(error == ApplicationDecodingError(field: "email", reason: "must not be null"))
    }

    @Test func nestedMissingFieldIsNamed() {
        let error = decodeError(replacing(#""given_name": "Lily""#, with: #""given": "Lily""#))
        // The unknown key is reported first: it is the likelier typo.
        #expect(error?.field == "applicant.name.given")
    }

    @Test func textThatIsNotJSONIsRefused() {
        let error = decodeError("{ not json")
        #expect(error?.field == "")
        #expect(error?.reason.hasPrefix("not valid JSON") == true)
        #expect(decodeError("[]")?.field == "")
    }
}
