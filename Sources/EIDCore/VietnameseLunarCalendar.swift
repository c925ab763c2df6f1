#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Vietnamese lunar calendar, computed astronomically.
///
/// This is Ho Ngoc Duc's published algorithm ("Lịch Việt Nam", after Jean Meeus, *Astronomical
/// Algorithms*, 1998): months begin on the local day of the astronomical new moon; the month
/// containing the winter solstice is month 11; in a year with 13 new moons between two such
/// months, the first month containing no major solar term (trung khí) is the leap month and takes
/// the number of the month before it. Days are counted in the local time zone, UTC+7 for Vietnam
/// (UTC+8 gives the Chinese calendar, which differs in some years, e.g. Tet 1985 and 2007).
///
/// Accurate for roughly 1800–2199, the range of Meeus' series as used here.
public struct VietnameseLunarCalendar: Sendable, Hashable {
    /// Hours east of UTC in which days are counted.
    public let utcOffsetHours: Double

    /// The calendar at `utcOffsetHours` east of UTC; Vietnam is 7.
    public init(utcOffsetHours: Double = 7) {
        self.utcOffsetHours = utcOffsetHours
    }

    // MARK: - Conversions

    /// The lunar date of a solar (Gregorian) date.
    public func lunarDate(for date: CivilDate) -> LunarDate {
        let dayNumber = date.julianDayNumber
        let k = Int(floor((Double(dayNumber) - 2_415_021.076998695) / Self.synodicMonth))
        var monthStart = newMoonDay(lunation: k + 1)
        if monthStart > dayNumber { monthStart = newMoonDay(lunation: k) }

        var a11 = lunarMonth11(ofYear: date.year)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = date.year
            a11 = lunarMonth11(ofYear: date.year - 1)
        } else {
            lunarYear = date.year + 1
            b11 = lunarMonth11(ofYear: date.year + 1)
        }
        let day = dayNumber - monthStart + 1
        let diff = (monthStart - a11) / 29
        var isLeap = false
        var month = diff + 11
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(afterMonth11: a11)
            if diff >= leapOffset {
                month = diff + 10
                isLeap = diff == leapOffset
            }
        }
        if month > 12 { month -= 12 }
        if month >= 11 && diff < 4 { lunarYear -= 1 }
        return LunarDate(year: lunarYear, month: month, day: day, isLeapMonth: isLeap)
    }

    /// The solar (Gregorian) date of a lunar date; throws if that lunar date does not exist
    /// (a leap flag on a month that is not leap that year, or day 30 of a 29-day month).
    public func solarDate(for lunar: LunarDate) throws(LunarCalendarError) -> CivilDate {
        guard (1...12).contains(lunar.month), (1...30).contains(lunar.day) else { throw .noSuchDate(lunar) }
        let a11: Int, b11: Int
        if lunar.month < 11 {
            a11 = lunarMonth11(ofYear: lunar.year - 1)
            b11 = lunarMonth11(ofYear: lunar.year)
        } else {
            a11 = lunarMonth11(ofYear: lunar.year)
            b11 = lunarMonth11(ofYear: lunar.year + 1)
        }
        let k = Int(floor(0.5 + (Double(a11) - 2_415_021.076998695) / Self.synodicMonth))
        var offset = lunar.month - 11
        if offset < 0 { offset += 12 }
        if b11 - a11 > 365 {
            let leapOffset = leapMonthOffset(afterMonth11: a11)
            var leapMonth = leapOffset - 2
            if leapMonth < 0 { leapMonth += 12 }
            if lunar.isLeapMonth && lunar.month != leapMonth {
                throw .noSuchDate(lunar)
            } else if lunar.isLeapMonth || offset >= leapOffset {
                offset += 1
            }
        } else if lunar.isLeapMonth {
            throw .noSuchDate(lunar)
        }
        let monthStart = newMoonDay(lunation: k + offset)
        let monthLength = newMoonDay(lunation: k + offset + 1) - monthStart
        guard lunar.day <= monthLength else { throw .noSuchDate(lunar) }
        return CivilDate(julianDayNumber: monthStart + lunar.day - 1)
    }

    /// Tet: the first day of the first month of the lunar year that begins in Gregorian `year`.
    public func newYear(_ year: Int) -> CivilDate {
        // Month 1 day 1 always exists.
        try! solarDate(for: LunarDate(year: year, month: 1, day: 1))
    }

    /// The number of the leap month of lunar year `year`, or nil if it has twelve months.
    public func leapMonth(ofYear year: Int) -> Int? {
        let start = newYear(year).julianDayNumber
        let end = newYear(year + 1).julianDayNumber
        var day = start
        while day < end {
            let date = lunarDate(for: CivilDate(julianDayNumber: day))
            if date.isLeapMonth { return date.month }
            day += 29
        }
        return nil
    }

    // MARK: - Astronomy

    /// The local date of the `lunation`-th new moon counted from the new moon of 1900-01-01.
    public func newMoon(lunation: Int) -> CivilDate {
        CivilDate(julianDayNumber: newMoonDay(lunation: lunation))
    }

    /// Which of the twelve 30° sectors of ecliptic longitude the Sun is in at local midnight at the
    /// start of `date`: 0 for 0°–30° (from the vernal equinox), ..., 9 for 270°–300° (from the
    /// winter solstice). A month with no change of sector contains no major solar term.
    public func sunLongitudeSector(on date: CivilDate) -> Int {
        sunLongitudeSector(julianDay: date.julianDayNumber)
    }

    static let synodicMonth = 29.530588853

    /// Julian day number (local) of the new moon `k` (Meeus ch. 49, simplified series).
    func newMoonDay(lunation k: Int) -> Int {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t
        let dr = Double.pi / 180
        var jd1 = 2_415_020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
        let m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
        var c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m)
        c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr)
        c1 = c1 - 0.0004 * sin(dr * 3 * mpr)
        c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr))
        c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m))
        c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr))
        c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) + 0.0005 * sin(dr * (2 * mpr + m))
        let deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        let jdNew = jd1 + c1 - deltaT
        return Int(floor(jdNew + 0.5 + utcOffsetHours / 24))
    }

    /// Sector (0...11) of the Sun's apparent longitude at local midnight starting `julianDay`
    /// (Meeus ch. 25, low precision).
    func sunLongitudeSector(julianDay: Int) -> Int {
        let t = (Double(julianDay) - 2_451_545.5 - utcOffsetHours / 24) / 36525
        let t2 = t * t
        let dr = Double.pi / 180
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m)
        dl += (0.019993 - 0.000101 * t) * sin(dr * 2 * m) + 0.000290 * sin(dr * 3 * m)
        var l = (l0 + dl) * dr
        l -= 2 * Double.pi * floor(l / (2 * Double.pi))
        return Int(floor(l / Double.pi * 6))
    }

    /// Julian day of the start of lunar month 11 (the month containing the winter solstice) of `year`.
    func lunarMonth11(ofYear year: Int) -> Int {
        let lastDay = try! CivilDate(year: year, month: 12, day: 31)
        let offset = Double(lastDay.julianDayNumber - 2_415_021)
        let k = Int(floor(offset / Self.synodicMonth))
        let newMoon = newMoonDay(lunation: k)
        if sunLongitudeSector(julianDay: newMoon) >= 9 {
            return newMoonDay(lunation: k - 1)
        }
        return newMoon
    }

    /// How many months after month 11 (starting at `a11`) the leap month is, in a 13-month year:
    /// the first month in which the Sun does not change sector.
    func leapMonthOffset(afterMonth11 a11: Int) -> Int {
        let k = Int(floor((Double(a11) - 2_415_021.076998695) / Self.synodicMonth + 0.5))
        var i = 1
        var arc = sunLongitudeSector(julianDay: newMoonDay(lunation: k + i))
        var last: Int
        repeat {
            last = arc
            i += 1
            arc = sunLongitudeSector(julianDay: newMoonDay(lunation: k + i))
        } while arc != last && i < 14
        return i - 1
    }
}

/// Why a lunar date cannot be converted.
public enum LunarCalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The lunar date does not exist: no such leap month that year, or the month is too short.
    case noSuchDate(LunarDate)

    public var description: String {
        switch self {
        case .noSuchDate(let date):
            "lunar date \(date) does not exist (no such leap month that year, or the month has fewer days)"
        }
    }
}
