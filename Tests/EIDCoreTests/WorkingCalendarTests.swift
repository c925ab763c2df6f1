import Testing
@testable import EIDCore

private func date(_ text: String) -> CivilDate { CalendarFixtures.date(text) }
private func days(_ first: String, through last: String) -> [CivilDate] { CalendarFixtures.days(first, through: last) }
private let statutory = CalendarFixtures.statutory
private let decided = CalendarFixtures.with2025Decisions

@Suite struct WorkingCalendarTests {
    @Test func weekendsAreOffWeekdaysWork() {
        #expect(statutory.isWorkingDay(date("2025-07-04")))          // Friday
        #expect(!statutory.isWorkingDay(date("2025-07-05")))         // Saturday
        #expect(!statutory.isWorkingDay(date("2025-07-06")))         // Sunday
        #expect(statutory.isWorkingDay(date("2025-07-07")))          // Monday
        #expect(statutory.dayOff(on: date("2025-07-05")) == .weekend(.saturday))
    }

    @Test func publicHolidaysOf2026() {
        let expected: [(String, DayOff)] = [
            ("2026-01-01", .publicHoliday("New Year's Day")),
            ("2026-02-16", .publicHoliday("Tet (last day of the lunar year)")),
            ("2026-02-17", .publicHoliday("Tet (day 1 of the lunar year)")),
            ("2026-02-18", .publicHoliday("Tet (day 2 of the lunar year)")),
            ("2026-02-19", .publicHoliday("Tet (day 3 of the lunar year)")),
            ("2026-02-20", .publicHoliday("Tet (day 4 of the lunar year)")),
            ("2026-04-26", .publicHoliday("Hung Kings Commemoration")),
            ("2026-04-27", .compensatory(forHoliday: "Hung Kings Commemoration", on: date("2026-04-26"))),
            ("2026-04-30", .publicHoliday("Reunification Day")),
            ("2026-05-01", .publicHoliday("International Workers' Day")),
            ("2026-09-01", .publicHoliday("National Day (adjacent day)")),
            ("2026-09-02", .publicHoliday("National Day")),
        ]
        let actual = statutory.publicHolidays(in: 2026)
        #expect(actual.map(\.date) == expected.map { date($0.0) })
        #expect(actual.map(\.reason) == expected.map(\.1))
    }

    @Test func tet2026BreakRunsFromSaturday14ToSunday22February() {
        #expect(statutory.isWorkingDay(date("2026-02-13")))
        for day in days("2026-02-14", through: "2026-02-22") {
            #expect(!statutory.isWorkingDay(day), "\(day) should be off")
        }
        #expect(statutory.isWorkingDay(date("2026-02-23")))
    }

    @Test func holidayOnWeekendGivesTheNextWorkingDay() {
        // 1 January 2028 is a Saturday: Monday 3 January is off.
        #expect(statutory.dayOff(on: date("2028-01-03"))
            == .compensatory(forHoliday: "New Year's Day", on: date("2028-01-01")))
        #expect(statutory.isWorkingDay(date("2028-01-04")))
        // 30 April 2028 is a Sunday and 1 May a Monday: the compensatory day skips to Tuesday.
        #expect(!statutory.isWorkingDay(date("2028-05-01")))
        #expect(statutory.dayOff(on: date("2028-05-02"))
            == .compensatory(forHoliday: "Reunification Day", on: date("2028-04-30")))
        #expect(statutory.isWorkingDay(date("2028-05-03")))
    }

    @Test func twoHolidaysOnAWeekendGiveTwoDays() {
        // 2029: 1 September (adjacent day) is a Saturday and 2 September a Sunday.
        #expect(statutory.nationalDayAdjacentDay(in: 2029) == date("2029-09-01"))
        #expect(!statutory.isWorkingDay(date("2029-09-03")))
        #expect(!statutory.isWorkingDay(date("2029-09-04")))
        #expect(statutory.isWorkingDay(date("2029-09-05")))
        // Tet 2027 begins on Saturday 6 February: days 1 and 2 fall on the weekend, days 3 and 4
        // (Monday, Tuesday) are holidays, so Wednesday 10 and Thursday 11 are compensatory.
        #expect(statutory.lunarCalendar.newYear(2027) == date("2027-02-06"))
        #expect(!statutory.isWorkingDay(date("2027-02-05")))
        #expect(statutory.dayOff(on: date("2027-02-10"))
            == .compensatory(forHoliday: "Tet (day 1 of the lunar year)", on: date("2027-02-06")))
        #expect(statutory.dayOff(on: date("2027-02-11"))
            == .compensatory(forHoliday: "Tet (day 2 of the lunar year)", on: date("2027-02-07")))
        #expect(statutory.isWorkingDay(date("2027-02-12")))
    }

    @Test(arguments: [
        (2021, "2021-09-03"), // Thursday: the Friday joins the weekend
        (2022, "2022-09-01"), // Friday
        (2023, "2023-09-01"), // Saturday
        (2024, "2024-09-01"), // Monday: Sunday 1 Sept gives Tuesday 3 Sept as compensatory day
        (2025, "2025-09-01"), // Tuesday
        (2026, "2026-09-01"), // Wednesday
        (2027, "2027-09-03"), // Thursday
    ])
    func defaultNationalDayAdjacentDay(year: Int, expected: String) {
        #expect(statutory.nationalDayAdjacentDay(in: year) == date(expected))
    }

    @Test func defaultReproducesTheBreaksOf2021To2024() {
        // Decided breaks: 2021 2–5 Sept; 2022 1–4 Sept; 2023 1–4 Sept; 2024 31 Aug–3 Sept.
        for (first, last) in [("2021-09-02", "2021-09-05"), ("2022-09-01", "2022-09-04"),
                              ("2023-09-01", "2023-09-04"), ("2024-08-31", "2024-09-03")] {
            #expect(statutory.isWorkingDay(date(first).adding(days: -1)), "day before \(first)")
            for day in days(first, through: last) { #expect(!statutory.isWorkingDay(day), "\(day)") }
            #expect(statutory.isWorkingDay(date(last).adding(days: 1)), "day after \(last)")
        }
    }

    @Test func decisionsSwapDays() {
        // Without the 2025 decisions.
        #expect(statutory.isWorkingDay(date("2025-01-27")))
        #expect(statutory.dayOff(on: date("2025-02-03"))
            == .compensatory(forHoliday: "Tet (day 4 of the lunar year)", on: date("2025-02-01")))
        #expect(statutory.dayOff(on: date("2025-04-26")) == .weekend(.saturday))
        #expect(statutory.isWorkingDay(date("2025-05-02")))
        // With them.
        #expect(decided.dayOff(on: date("2025-01-27")) == .decided("Tet: compensatory day moved before Tet"))
        #expect(decided.isWorkingDay(date("2025-02-03")))
        #expect(decided.isWorkingDay(date("2025-04-26")))
        #expect(decided.dayOff(on: date("2025-05-02")) == .decided("swapped with Saturday 2025-04-26"))
        // Other years are untouched.
        #expect(decided.dayOff(on: date("2026-04-27")) == statutory.dayOff(on: date("2026-04-27")))
    }

    @Test func decidedTet2025BreakRunsFrom25JanuaryTo2February() {
        #expect(decided.isWorkingDay(date("2025-01-24")))
        for day in days("2025-01-25", through: "2025-02-02") { #expect(!decided.isWorkingDay(day), "\(day)") }
        #expect(decided.isWorkingDay(date("2025-02-03")))
    }

    @Test func addingWorkingDaysSkipsTheDayOfReceipt() {
        // Received on Monday 2025-07-07 (a working day): the next working day is Tuesday.
        #expect(statutory.addingWorkingDays(1, to: date("2025-07-07")) == date("2025-07-08"))
        #expect(statutory.addingWorkingDays(0, to: date("2025-07-07")) == date("2025-07-07"))
        // Received on Saturday: Monday is the first working day after it.
        #expect(statutory.addingWorkingDays(1, to: date("2025-07-05")) == date("2025-07-07"))
        #expect(statutory.addingWorkingDays(5, to: date("2025-07-04")) == date("2025-07-11"))
        // Backwards: the Nth working day before.
        #expect(statutory.addingWorkingDays(-1, to: date("2025-07-07")) == date("2025-07-04"))
        #expect(statutory.addingWorkingDays(-3, to: date("2026-02-23")) == date("2026-02-11"))
    }

    @Test func countingWorkingDaysBetweenDates() {
        #expect(statutory.workingDays(between: date("2026-02-13"), and: date("2026-02-25")) == 3)
        #expect(statutory.workingDays(between: date("2026-02-25"), and: date("2026-02-13")) == -3)
        #expect(statutory.workingDays(between: date("2026-02-13"), and: date("2026-02-13")) == 0)
        #expect(statutory.workingDays(between: date("2025-07-05"), and: date("2025-07-06")) == 0)
        // 2025 with decisions: 261 weekdays, 1 make-up Saturday, 13 days off on weekdays.
        let total = decided.workingDays(between: date("2024-12-31"), and: date("2025-12-31"))
        let weekdays = days("2025-01-01", through: "2025-12-31").filter { !$0.isWeekend }.count
        #expect(weekdays == 261)
        // Off on weekdays: 1 Jan; 27, 28, 29, 30, 31 Jan; 7 Apr; 30 Apr; 1, 2 May; 1, 2 Sept = 12.
        #expect(total == 261 + 1 - 12)
    }

    @Test func addingAndCountingAreInverse() {
        var start = date("2024-12-01")
        while start <= date("2026-12-31") {
            for count in [0, 1, 3, 7, 20] {
                let end = decided.addingWorkingDays(count, to: start)
                #expect(decided.workingDays(between: start, and: end) == count)
                #expect(count == 0 || decided.isWorkingDay(end))
            }
            start = start.adding(days: 5)
        }
    }
}
