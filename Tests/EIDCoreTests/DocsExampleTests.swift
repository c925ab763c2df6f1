import Foundation
import Testing
@testable import EIDCore

/// Keeps `docs/domain.md` honest: its application example must decode and be eligible.
@Suite struct DocsExampleTests {
    static func firstJSONBlock(after heading: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/domain.md"), encoding: .utf8)
        let afterHeading = try #require(text.range(of: heading)).upperBound
        let start = try #require(text.range(of: "```json\n", range: afterHeading..<text.endIndex)).upperBound
        let end = try #require(text.range(of: "```", range: start..<text.endIndex)).lowerBound
        return String(text[start..<end])
    }

    @Test func applicationExampleIsEligible() throws {
        let application = try Application.decode(json: Self.firstJSONBlock(after: "## Application JSON"))
        #expect(EligibilityRules.decree69.evaluate(application) == [])
        #expect(application.guardian?.relationship == .mother)
        #expect(application.applicant.foreignerIdentificationNumber == nil)
        #expect(try VietnameseMobileNumber(parsing: application.mobileNumber).e164 == "+84987654321")
    }

    @Test func holidaysExampleParses() throws {
        let decisions = try HolidayDecisions.parse(json: Self.firstJSONBlock(after: "### Data file"))
        #expect(decisions.years[2025]?.daysOff.map(\.date) == [try CivilDate(iso: "2025-05-02")])
        _ = try WorkingCalendar(decisions: decisions)
    }
}
