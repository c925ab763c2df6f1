import Foundation
import Testing
@testable import EIDCore

private func date(_ text: String) -> CivilDate { CalendarFixtures.date(text) }

private func parseError(_ json: String) -> HolidayDecisionsError? {
    do {
        _ = try HolidayDecisions.parse(json: json)
        return nil
    } catch {
        return error
    }
}

private func calendarError(_ years: [HolidayDecisions.Year]) -> HolidayDecisionsError? {
    do {
        _ = try WorkingCalendar(decisions: HolidayDecisions(years: years))
        return nil
    } catch {
        return error
    }
}

@Suite struct HolidayDecisionsTests {
    @Test func parsesTheFormat() throws {
        let decisions = try HolidayDecisions.parse(json: """
            { "format": "eid-holidays-v1", "description": "test",
              "years": [
                { "year": 2025, "national_day_adjacent_day": "2025-09-01",
                  "days_off": [ { "date": "2025-05-02", "note": "swap" } ],
                  "working_days": [ { "date": "2025-04-26", "note": "make-up Saturday" } ] },
                { "year": 2026 } ] }
            """)
        #expect(decisions.years[2025]?.daysOff == [.init(date: date("2025-05-02"), note: "swap")])
        #expect(decisions.years[2025]?.workingDays.map(\.date) == [date("2025-04-26")])
        #expect(decisions.years[2025]?.nationalDayAdjacentDay == date("2025-09-01"))
        #expect(decisions.years[2026] == HolidayDecisions.Year(year: 2026))
    }

    @Test(arguments: [
        (#"{"format": "eid-holidays-v2", "years": []}"#, "format", "'eid-holidays-v2' is not a known format; expected 'eid-holidays-v1'"),
        (#"{"format": "eid-holidays-v1"}"#, "years", "required field is missing"),
        (#"{"format": "eid-holidays-v1", "years": [{"year": 2025, "days_of": []}]}"#, "years[0].days_of",
         "unknown field 'days_of'; this object accepts: year, national_day_adjacent_day, days_off, working_days, source"),
        (#"{"format": "eid-holidays-v1", "years": [{"year": 2025, "days_off": [{"date": "2025-02-29", "note": ""}]}]}"#,
         "years[0].days_off[0].date", "day 29 does not exist in 2025-02, which has 28 days"),
        (#"{"format": "eid-holidays-v1", "years": [{"year": 2025, "days_off": [{"date": "2025-05-02"}]}]}"#,
         "years[0].days_off[0].note", "required field is missing"),
        (#"{"format": "eid-holidays-v1", "years": [{"year": "2025"}]}"#, "years[0].year", "expected a number"),
        (#"{"format": "eid-holidays-v1", "years": [{"year": 2025}, {"year": 2025}]}"#, "years[1].year",
         "year 2025 appears more than once"),
        (#"{"format": "eid-holidays-v1", "years": [{"year": 2025, "national_day_adjacent_day": "2025-09-04"}]}"#,
         "years[0].national_day_adjacent_day", "2025-09-04 is not 2025-09-01 or 2025-09-03, the days next to National Day"),
        (#"{"format": "eid-holidays-v1", "years": [{"year": 2025, "days_off": [{"date": "2026-01-02", "note": ""}]}]}"#,
         "years[0].days_off[0].date", "2026-01-02 is not in 2025; list it under its own year"),
        (#"{"format": "eid-holidays-v1", "years": [{"year": 2025, "days_off": [{"date": "2025-05-02", "note": ""}], "working_days": [{"date": "2025-05-02", "note": ""}]}]}"#,
         "years[0].working_days[0].date", "2025-05-02 is already listed in days_off of 2025"),
    ])
    func refusesWithTheField(json: String, field: String, reason: String) {
        #expect(parseError(json) == HolidayDecisionsError(field: field, reason: reason))
    }

    @Test func notJSONIsRefused() {
        let error = parseError("years: 2025")
        #expect(error?.field == "")
        #expect(error?.reason.hasPrefix("not valid JSON") == true)
    }

    @Test func decisionThatChangesNothingIsRefused() {
        let onSunday = calendarError([.init(year: 2025, daysOff: [.init(date: date("2025-04-27"), note: "typo")])])
        #expect(onSunday == HolidayDecisionsError(
            field: "years[year=2025].days_off[0].date",
            reason: "2025-04-27 is already a day off (weekend (sunday)); the decision changes nothing"))
        let onTuesday = calendarError([.init(year: 2025, workingDays: [.init(date: date("2025-04-29"), note: "typo")])])
        #expect(onTuesday == HolidayDecisionsError(
            field: "years[year=2025].working_days[0].date",
            reason: "2025-04-29 is already a working day (tuesday); the decision changes nothing"))
        // A day off on the decided adjacent day is a no-op too.
        let adjacent = calendarError([.init(year: 2026, nationalDayAdjacentDay: date("2026-09-03"),
                                            daysOff: [.init(date: date("2026-09-03"), note: "")])])
        #expect(adjacent?.field == "years[year=2026].days_off[0].date")
    }

    @Test func decidedAdjacentDayReplacesTheDefault() throws {
        let calendar = try WorkingCalendar(decisions: HolidayDecisions(years: [
            .init(year: 2026, nationalDayAdjacentDay: date("2026-09-03")),
        ]))
        #expect(calendar.isWorkingDay(date("2026-09-01")))
        #expect(calendar.dayOff(on: date("2026-09-03")) == .publicHoliday("National Day (adjacent day)"))
        #expect(CalendarFixtures.statutory.isWorkingDay(date("2026-09-03")))
    }
}

/// The deployment's data file, `Topology/holidays.json`.
@Suite struct TopologyHolidaysFileTests {
    static func load() throws -> WorkingCalendar {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let bytes = try Data(contentsOf: root.appendingPathComponent("Topology/holidays.json"))
        return try WorkingCalendar(decisions: HolidayDecisions.parse(json: Array(bytes)))
    }

    @Test func coversTheYears2025To2030() throws {
        let calendar = try Self.load()
        #expect(Set(calendar.decisions.years.keys) == Set(2025...2030))
    }

    @Test func the2025BreaksAreAsDecided() throws {
        let calendar = try Self.load()
        let breaks = [("2025-01-25", "2025-02-02"), ("2025-04-05", "2025-04-07"), ("2025-04-30", "2025-05-04"),
                      ("2025-08-30", "2025-09-02")]
        for (first, last) in breaks {
            #expect(calendar.isWorkingDay(date(first).adding(days: -1)), "day before \(first)")
            for day in CalendarFixtures.days(first, through: last) { #expect(!calendar.isWorkingDay(day), "\(day)") }
            #expect(calendar.isWorkingDay(date(last).adding(days: 1)), "day after \(last)")
        }
        #expect(calendar.isWorkingDay(date("2025-04-26")))   // make-up Saturday
        #expect(calendar.dayOff(on: date("2025-01-01")) == .publicHoliday("New Year's Day"))
    }

    @Test func theTet2026BreakIsFourteenToTwentyTwoFebruary() throws {
        let calendar = try Self.load()
        #expect(calendar.isWorkingDay(date("2026-02-13")))
        for day in CalendarFixtures.days("2026-02-14", through: "2026-02-22") { #expect(!calendar.isWorkingDay(day)) }
        #expect(calendar.isWorkingDay(date("2026-02-23")))
    }
}
