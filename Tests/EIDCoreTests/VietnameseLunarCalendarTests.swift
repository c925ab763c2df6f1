import Testing
@testable import EIDCore

private func date(_ text: String) -> CivilDate { try! CivilDate(iso: text) }
private let lunar = VietnameseLunarCalendar()

@Suite struct VietnameseLunarCalendarTests {
    @Test(arguments: [
        (2020, "2020-01-25"), (2023, "2023-01-22"), (2024, "2024-02-10"), (2025, "2025-01-29"),
        (2026, "2026-02-17"), (2027, "2027-02-06"), (2028, "2028-01-26"), (2029, "2029-02-13"),
        // Not 2030-02-03 as DOMAIN.md says: that is the Chinese date. The new moon falls at 23:07
        // UTC+7 on 2 February 2030 (00:07 UTC+8 on the 3rd); see vietnamAndChinaDifferInSomeYears.
        (2030, "2030-02-02"),
    ])
    func tet(year: Int, expected: String) throws {
        #expect(lunar.newYear(year) == date(expected))
        #expect(lunar.lunarDate(for: date(expected)) == LunarDate(year: year, month: 1, day: 1))
        // The day before is the last day of the previous lunar year's 12th month.
        let eve = lunar.lunarDate(for: date(expected).adding(days: -1))
        #expect(eve.year == year - 1 && eve.month == 12 && !eve.isLeapMonth && (29...30).contains(eve.day))
    }

    @Test(arguments: [(2023, "2023-04-29"), (2024, "2024-04-18"), (2025, "2025-04-07"), (2026, "2026-04-26")])
    func hungKingsCommemoration(year: Int, expected: String) throws {
        #expect(try lunar.solarDate(for: LunarDate(year: year, month: 3, day: 10)) == date(expected))
    }

    @Test(arguments: [(2014, 9), (2017, 6), (2020, 4), (2023, 2), (2025, 6)])
    func leapMonths(year: Int, month: Int) {
        #expect(lunar.leapMonth(ofYear: year) == month)
    }

    @Test(arguments: [2019, 2021, 2022, 2024, 2026, 2027])
    func yearsWithoutLeapMonth(year: Int) {
        #expect(lunar.leapMonth(ofYear: year) == nil)
    }

    @Test func leapSecondMonthOf2023() throws {
        #expect(lunar.lunarDate(for: date("2023-03-21")) == LunarDate(year: 2023, month: 2, day: 30))
        #expect(lunar.lunarDate(for: date("2023-03-22")) == LunarDate(year: 2023, month: 2, day: 1, isLeapMonth: true))
        #expect(lunar.lunarDate(for: date("2023-04-20")) == LunarDate(year: 2023, month: 3, day: 1))
        #expect(try lunar.solarDate(for: LunarDate(year: 2023, month: 2, day: 1, isLeapMonth: true)) == date("2023-03-22"))
        #expect(try lunar.solarDate(for: LunarDate(year: 2023, month: 2, day: 1)) == date("2023-02-20"))
    }

    @Test func leapFourthMonthOf2020() throws {
        #expect(try lunar.solarDate(for: LunarDate(year: 2020, month: 4, day: 1)) == date("2020-04-23"))
        #expect(try lunar.solarDate(for: LunarDate(year: 2020, month: 4, day: 1, isLeapMonth: true)) == date("2020-05-23"))
    }

    @Test func midAutumn2025() throws {
        #expect(try lunar.solarDate(for: LunarDate(year: 2025, month: 8, day: 15)) == date("2025-10-06"))
    }

    @Test func vietnamAndChinaDifferInSomeYears() {
        let china = VietnameseLunarCalendar(utcOffsetHours: 8)
        #expect(lunar.newYear(1985) == date("1985-01-21"))
        #expect(china.newYear(1985) == date("1985-02-20"))
        #expect(lunar.newYear(2007) == date("2007-02-17"))
        #expect(china.newYear(2007) == date("2007-02-18"))
        #expect(china.newYear(2025) == date("2025-01-29"))
        // Vietnamese officials announced in 2006 that Tet would next differ in 2030 and 2053.
        #expect(lunar.newYear(2030) == date("2030-02-02"))
        #expect(china.newYear(2030) == date("2030-02-03"))
        #expect(lunar.newYear(2053) == china.newYear(2053).adding(days: -1))
    }

    @Test func nonexistentLunarDatesAreRefused() {
        // No leap month in 2024; 2023's leap month is the 2nd, not the 3rd.
        let noLeap = LunarDate(year: 2024, month: 2, day: 1, isLeapMonth: true)
        #expect(throws: LunarCalendarError.noSuchDate(noLeap)) { try lunar.solarDate(for: noLeap) }
        let wrongLeap = LunarDate(year: 2023, month: 3, day: 1, isLeapMonth: true)
        #expect(throws: LunarCalendarError.noSuchDate(wrongLeap)) { try lunar.solarDate(for: wrongLeap) }
        // The 12th month of 2024 has 29 days: Tet 2025 follows its 29th day.
        let day30 = LunarDate(year: 2024, month: 12, day: 30)
        #expect(throws: LunarCalendarError.noSuchDate(day30)) { try lunar.solarDate(for: day30) }
        #expect(throws: LunarCalendarError.self) { try lunar.solarDate(for: LunarDate(year: 2025, month: 13, day: 1)) }
    }

    @Test func everyDayRoundTripsAndMonthsAreWellFormed() throws {
        var previous = lunar.lunarDate(for: date("2018-12-31"))
        var day = date("2019-01-01")
        while day <= date("2031-12-31") {
            let converted = lunar.lunarDate(for: day)
            let back = try lunar.solarDate(for: converted)
            if back != day { Issue.record("\(day) -> \(converted) -> \(back)"); return }
            if converted.day == 1 {
                #expect((29...30).contains(previous.day), "month before \(day) ended on day \(previous.day)")
            } else if converted.day != previous.day + 1 {
                Issue.record("\(day): \(converted) does not follow \(previous)"); return
            }
            previous = converted
            day = day.adding(days: 1)
        }
    }

    @Test(arguments: [(2020, 4), (2023, 2), (2025, 6)])
    func leapMonthIsTheOneWithoutAMajorSolarTerm(year: Int, month: Int) throws {
        let regular = try lunar.solarDate(for: LunarDate(year: year, month: month, day: 1))
        let leap = try lunar.solarDate(for: LunarDate(year: year, month: month, day: 1, isLeapMonth: true))
        let next = try lunar.solarDate(for: LunarDate(year: year, month: month + 1, day: 1))
        #expect(regular < leap && leap < next)
        // The Sun stays in one 30° sector through the leap month, and changes sector in the month before.
        #expect(lunar.sunLongitudeSector(on: leap) == lunar.sunLongitudeSector(on: next))
        #expect(lunar.sunLongitudeSector(on: regular) != lunar.sunLongitudeSector(on: leap))
    }

    @Test func newMoonsAreAboutASynodicMonthApart() {
        for k in 1540...1580 {
            let gap = lunar.newMoon(lunation: k).days(until: lunar.newMoon(lunation: k + 1))
            #expect((29...30).contains(gap))
        }
    }

    @Test func tetIsANewMoon() {
        // Lunations are counted from the new moon of 1900-01-01; Tet 2026 is about 1563 later.
        #expect(lunar.newMoon(lunation: 0) == date("1900-01-01"))
        #expect((1555...1570).contains { lunar.newMoon(lunation: $0) == date("2026-02-17") })
    }

    @Test func winterSolsticeSector() {
        // The Sun enters 270° on 21 or 22 December.
        #expect(lunar.sunLongitudeSector(on: date("2025-12-20")) == 8)
        #expect(lunar.sunLongitudeSector(on: date("2025-12-23")) == 9)
    }
}
