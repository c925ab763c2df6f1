import Foundation
import Testing
@testable import EIDCore

private func date(_ text: String) -> CivilDate { try! CivilDate(iso: text) }

@Suite struct CivilDateTests {
    @Test(arguments: [
        (2025, 2, 30), (2023, 2, 29), (1900, 2, 29), (2025, 13, 1), (2025, 0, 10),
        (2025, 4, 31), (0, 1, 1), (10000, 1, 1), (2025, 1, 0), (2025, 1, 32),
    ])
    func rejectsDaysThatDoNotExist(year: Int, month: Int, day: Int) {
        #expect(throws: CivilDateError.self) { try CivilDate(year: year, month: month, day: day) }
    }

    @Test(arguments: [(2024, 2, 29), (2000, 2, 29), (2025, 12, 31), (1, 1, 1), (9999, 12, 31)])
    func acceptsRealDays(year: Int, month: Int, day: Int) throws {
        let value = try CivilDate(year: year, month: month, day: day)
        #expect((value.year, value.month, value.day) == (year, month, day))
    }

    @Test func errorNamesTheProblem() {
        #expect(throws: CivilDateError.dayOutOfRange(year: 2025, month: 2, day: 30, daysInMonth: 28)) {
            try CivilDate(iso: "2025-02-30")
        }
        #expect(CivilDateError.dayOutOfRange(year: 2025, month: 2, day: 30, daysInMonth: 28).description
            == "day 30 does not exist in 2025-02, which has 28 days")
    }

    @Test(arguments: ["2025-2-03", "2025/02/03", "20250203", " 2025-02-03", "2025-02-03 ", "2025-02-3x",
                      "+025-02-03", "", "２０２５-02-03"])
    func rejectsTextThatIsNotISO(text: String) {
        #expect(throws: CivilDateError.notISOFormat(text)) { try CivilDate(iso: text) }
    }

    @Test func formatsWithPadding() throws {
        #expect(try CivilDate(year: 5, month: 1, day: 2).isoString == "0005-01-02")
        #expect(try CivilDate(year: 2025, month: 11, day: 30).description == "2025-11-30")
        #expect(date("2025-07-01").isoString == "2025-07-01")
    }

    @Test func julianDayNumbersOfKnownDates() {
        #expect(date("2000-01-01").julianDayNumber == 2_451_545)
        #expect(date("1970-01-01").julianDayNumber == 2_440_588)
        #expect(date("1900-01-01").julianDayNumber == 2_415_021)
        #expect(CivilDate(julianDayNumber: 2_451_545) == date("2000-01-01"))
    }

    @Test func julianDayRoundTripIsContinuous() throws {
        var previous = CivilDate(julianDayNumber: 2_415_020)
        for jdn in 2_415_021...2_488_070 { // 1900-01-01 ... 2099-12-31
            let current = CivilDate(julianDayNumber: jdn)
            #expect(current.julianDayNumber == jdn)
            // Each day is the next valid calendar day after the previous one.
            let expected = previous.day < CivilDate.daysInMonth(previous.month, year: previous.year)
                ? try CivilDate(year: previous.year, month: previous.month, day: previous.day + 1)
                : previous.month < 12 ? try CivilDate(year: previous.year, month: previous.month + 1, day: 1)
                : try CivilDate(year: previous.year + 1, month: 1, day: 1)
            if current != expected { Issue.record("JDN \(jdn) gave \(current), expected \(expected)"); return }
            previous = current
        }
    }

    @Test func addingDaysAndCountingThem() {
        #expect(date("2024-02-28").adding(days: 1) == date("2024-02-29"))
        #expect(date("2024-02-28").adding(days: 2) == date("2024-03-01"))
        #expect(date("2023-02-28").adding(days: 1) == date("2023-03-01"))
        #expect(date("2023-12-31").adding(days: 1) == date("2024-01-01"))
        #expect(date("2024-01-01").adding(days: -1) == date("2023-12-31"))
        #expect(date("2024-01-01").days(until: date("2025-01-01")) == 366)
        #expect(date("2025-01-01").days(until: date("2024-01-01")) == -366)
        #expect(date("2025-03-01").days(until: date("2025-03-01")) == 0)
    }

    @Test(arguments: [
        ("1970-01-01", Weekday.thursday), ("2000-01-01", .saturday), ("2025-01-01", .wednesday),
        ("2026-02-17", .tuesday), ("2025-04-26", .saturday), ("2029-09-02", .sunday), ("2024-12-30", .monday),
    ])
    func isoWeekday(text: String, expected: Weekday) {
        #expect(date(text).weekday == expected)
        #expect(date(text).isWeekend == (expected == .saturday || expected == .sunday))
    }

    @Test func weekdayNumbersFollowISO() {
        #expect(Weekday.monday.rawValue == 1)
        #expect(Weekday.sunday.rawValue == 7)
    }

    @Test func comparesChronologically() {
        #expect(date("2025-01-31") < date("2025-02-01"))
        #expect(date("2024-12-31") < date("2025-01-01"))
        #expect(!(date("2025-01-01") < date("2025-01-01")))
        #expect([date("2026-01-01"), date("2025-12-31"), date("2025-01-02")].sorted()
            == [date("2025-01-02"), date("2025-12-31"), date("2026-01-01")])
    }

    @Test(arguments: [
        ("2019-07-01", "2025-06-30", 5), ("2019-07-01", "2025-07-01", 6), ("2019-07-01", "2025-07-02", 6),
        // Born on 29 February: a year older on 1 March in non-leap years, on 29 February in leap years.
        ("2012-02-29", "2018-02-28", 5), ("2012-02-29", "2018-03-01", 6),
        ("2012-02-29", "2024-02-28", 11), ("2012-02-29", "2024-02-29", 12),
        ("2000-12-31", "2001-12-30", 0), ("2000-12-31", "2001-12-31", 1),
        ("2025-05-10", "2025-05-01", -1),
    ])
    func yearsCompleted(birth: String, on day: String, expected: Int) {
        #expect(CivilDate.years(from: date(birth), to: date(day)) == expected)
    }

    @Test func anniversaryOfALeapDayBirth() {
        #expect(date("2012-02-29").anniversary(years: 6) == date("2018-03-01"))
        #expect(date("2012-02-29").anniversary(years: 12) == date("2024-02-29"))
        #expect(date("2011-07-01").anniversary(years: 14) == date("2025-07-01"))
    }

    @Test func anniversaryIsWhenTheAgeIsReached() {
        var birth = date("2000-01-01")   // every day of five years, with two 29 Februaries
        while birth <= date("2004-12-31") {
            for years in [1, 6, 14] {
                let reached = birth.anniversary(years: years)
                #expect(CivilDate.years(from: birth, to: reached) == years)
                #expect(CivilDate.years(from: birth, to: reached.adding(days: -1)) == years - 1)
            }
            birth = birth.adding(days: 1)
        }
    }

    @Test func codableAsISOString() throws {
        struct Box: Codable, Equatable { let day: CivilDate }
        let encoded = try JSONEncoder().encode(Box(day: date("2025-02-28")))
        #expect(String(decoding: encoded, as: UTF8.self) == #"{"day":"2025-02-28"}"#)
        #expect(try JSONDecoder().decode(Box.self, from: encoded) == Box(day: date("2025-02-28")))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Box.self, from: Data(#"{"day":"2025-02-30"}"#.utf8))
        }
    }
}
