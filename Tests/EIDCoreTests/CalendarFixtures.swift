@testable import EIDCore

enum CalendarFixtures {
    static func date(_ text: String) -> CivilDate { try! CivilDate(iso: text) }

    static func days(_ first: String, through last: String) -> [CivilDate] {
        var result: [CivilDate] = []
        var day = date(first)
        while day <= date(last) {
            result.append(day)
            day = day.adding(days: 1)
        }
        return result
    }

    /// The 2025 decisions, written inline so these tests do not depend on the data file.
    static let decisions2025 = try! HolidayDecisions(years: [
        .init(year: 2025, nationalDayAdjacentDay: date("2025-09-01"),
              daysOff: [.init(date: date("2025-01-27"), note: "Tet: compensatory day moved before Tet"),
                        .init(date: date("2025-05-02"), note: "swapped with Saturday 2025-04-26")],
              workingDays: [.init(date: date("2025-02-03"), note: "compensatory day moved to 2025-01-27"),
                            .init(date: date("2025-04-26"), note: "make-up Saturday for 2025-05-02")]),
    ])

    static let statutory = WorkingCalendar()
    static let with2025Decisions = try! WorkingCalendar(decisions: decisions2025)
}
