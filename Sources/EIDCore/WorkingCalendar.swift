/// The working days of the immigration offices, for counting deadlines.
///
/// A day is a working day unless it is, in order of precedence:
/// 1. listed as a working day by a decision in the data file (a make-up Saturday) → working;
/// 2. listed as a day off by a decision → off;
/// 3. a public holiday (Labour Code 2019 art. 112): 1 January; Tet, five days: the last day of
///    the lunar year and the first four days of the new one; Hung Kings Commemoration (10th day of
///    the 3rd lunar month); 30 April; 1 May; 2 September and one adjacent day;
/// 4. a compensatory day: a public holiday on a Saturday or Sunday gives a day off on the next day
///    that is neither a weekend, a public holiday, nor already a compensatory day (art. 111(3));
/// 5. a Saturday or Sunday.
///
/// The day adjacent to 2 September is the one the data file names for that year; otherwise
/// 3 September when 2 September is a Thursday (joining the weekend), else 1 September. That
/// default reproduces every decision of 2021–2025.
///
/// Counting: "within N working days from receipt" means the day of receipt does not count, even
/// when it is itself a working day; the deadline is the Nth working day after it, until the end of
/// that day. See `addingWorkingDays(_:to:)`.
public struct WorkingCalendar: Sendable, Hashable {
    public let decisions: HolidayDecisions
    public let lunarCalendar: VietnameseLunarCalendar

    /// The statutory calendar adjusted by `decisions`.
    ///
    /// Each decision must change something: a decided day off must otherwise be a working day, and
    /// a decided working day must otherwise be a day off; anything else is almost certainly a typo
    /// in the data file and is refused with the entry's path.
    public init(decisions: HolidayDecisions,
                lunarCalendar: VietnameseLunarCalendar = VietnameseLunarCalendar()) throws(HolidayDecisionsError) {
        self.decisions = decisions
        self.lunarCalendar = lunarCalendar
        let statutory = WorkingCalendar(lunarCalendar: lunarCalendar, adjacentDays: decisions)
        for year in decisions.years.keys.sorted() {
            let entry = decisions.years[year]!
            for (index, day) in entry.daysOff.enumerated() {
                if let reason = statutory.dayOff(on: day.date) {
                    throw HolidayDecisionsError(
                        field: "years[year=\(year)].days_off[\(index)].date",
                        reason: "\(day.date) is already a day off (\(reason)); the decision changes nothing")
                }
            }
            for (index, day) in entry.workingDays.enumerated() where statutory.dayOff(on: day.date) == nil {
                throw HolidayDecisionsError(
                    field: "years[year=\(year)].working_days[\(index)].date",
                    reason: "\(day.date) is already a working day (\(day.date.weekday)); the decision changes nothing")
            }
        }
    }

    /// The statutory calendar with no decisions.
    public init(lunarCalendar: VietnameseLunarCalendar = VietnameseLunarCalendar()) {
        self.decisions = .none
        self.lunarCalendar = lunarCalendar
    }

    /// Statutory calendar that still honours the decided National Day adjacent days.
    private init(lunarCalendar: VietnameseLunarCalendar, adjacentDays decisions: HolidayDecisions) {
        var adjacentOnly: [HolidayDecisions.Year] = []
        for (year, entry) in decisions.years {
            adjacentOnly.append(.init(year: year, nationalDayAdjacentDay: entry.nationalDayAdjacentDay))
        }
        self.decisions = (try? HolidayDecisions(years: adjacentOnly)) ?? .none
        self.lunarCalendar = lunarCalendar
    }

    // MARK: - Queries

    /// Whether offices work on `date`.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        dayOff(on: date) == nil
    }

    /// Why `date` is not a working day, or nil if it is one.
    public func dayOff(on date: CivilDate) -> DayOff? {
        var cache = YearCache()
        return dayOff(on: date, cache: &cache)
    }

    /// The public holidays and compensatory days of `year` (without the data file's decisions),
    /// in date order.
    public func publicHolidays(in year: Int) -> [(date: CivilDate, reason: DayOff)] {
        statutoryDaysOff(in: year).sorted { $0.key < $1.key }.map { (date: $0.key, reason: $0.value) }
    }

    /// The date `count` working days after `date`: the Nth working day strictly after it (the day
    /// itself never counts, whether or not it is a working day). With `count == 0`, `date` itself.
    /// A negative `count` gives the Nth working day strictly before `date`.
    ///
    /// For `count >= 0`, `workingDays(between: date, and: addingWorkingDays(count, to: date)) == count`.
    public func addingWorkingDays(_ count: Int, to date: CivilDate) -> CivilDate {
        var cache = YearCache()
        let step = count < 0 ? -1 : 1
        var remaining = abs(count)
        var current = date
        while remaining > 0 {
            current = current.adding(days: step)
            if dayOff(on: current, cache: &cache) == nil { remaining -= 1 }
        }
        return current
    }

    /// The number of working days after `start` up to and including `end` (`start` excluded);
    /// negative, with the roles swapped, when `end` is before `start`. Zero when they are equal.
    public func workingDays(between start: CivilDate, and end: CivilDate) -> Int {
        if end < start { return -workingDays(between: end, and: start) }
        var cache = YearCache()
        var count = 0
        var current = start
        while current < end {
            current = current.adding(days: 1)
            if dayOff(on: current, cache: &cache) == nil { count += 1 }
        }
        return count
    }

    /// The day next to 2 September that is also a holiday in `year`.
    public func nationalDayAdjacentDay(in year: Int) -> CivilDate {
        if let decided = decisions.years[year]?.nationalDayAdjacentDay { return decided }
        let nationalDay = try! CivilDate(year: year, month: 9, day: 2)
        return nationalDay.adding(days: nationalDay.weekday == .thursday ? 1 : -1)
    }

    // MARK: - Computation

    private struct YearCache {
        var years: [Int: [CivilDate: DayOff]] = [:]
    }

    private func dayOff(on date: CivilDate, cache: inout YearCache) -> DayOff? {
        if let entry = decisions.years[date.year] {
            if entry.workingDays.contains(where: { $0.date == date }) { return nil }
            if let decided = entry.daysOff.first(where: { $0.date == date }) { return .decided(decided.note) }
        }
        let statutory: [CivilDate: DayOff]
        if let cached = cache.years[date.year] {
            statutory = cached
        } else {
            statutory = statutoryDaysOff(in: date.year)
            cache.years[date.year] = statutory
        }
        if let reason = statutory[date] { return reason }
        if date.isWeekend { return .weekend(date.weekday) }
        return nil
    }

    /// Public holidays of `year` and the compensatory days they give.
    private func statutoryDaysOff(in year: Int) -> [CivilDate: DayOff] {
        func day(_ month: Int, _ day: Int) -> CivilDate { try! CivilDate(year: year, month: month, day: day) }

        let tet = lunarCalendar.newYear(year)
        let hungKings = try! lunarCalendar.solarDate(for: LunarDate(year: year, month: 3, day: 10))
        var holidays: [(CivilDate, String)] = [
            (day(1, 1), "New Year's Day"),
            (tet.adding(days: -1), "Tet (last day of the lunar year)"),
        ]
        for offset in 0..<4 {
            holidays.append((tet.adding(days: offset), "Tet (day \(offset + 1) of the lunar year)"))
        }
        holidays += [
            (hungKings, "Hung Kings Commemoration"),
            (day(4, 30), "Reunification Day"),
            (day(5, 1), "International Workers' Day"),
            (day(9, 2), "National Day"),
            (nationalDayAdjacentDay(in: year), "National Day (adjacent day)"),
        ]
        holidays.sort { $0.0 < $1.0 }

        var result: [CivilDate: DayOff] = [:]
        for (date, name) in holidays { result[date] = .publicHoliday(name) }
        for (date, name) in holidays where date.isWeekend {
            var candidate = date.adding(days: 1)
            while candidate.isWeekend || result[candidate] != nil { candidate = candidate.adding(days: 1) }
            result[candidate] = .compensatory(forHoliday: name, on: date)
        }
        return result
    }
}
