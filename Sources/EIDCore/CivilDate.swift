/// A calendar date in the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Dates on documents (birth, issue, expiry) and the day an application is received are civil
/// dates: they name a day, not an instant. Callers decide which day "today" is and pass it in;
/// this type never reads a clock.
///
/// Years are limited to 1...9999 so that every date has a four-digit ISO 8601 form.
/// JSON form: the string `"YYYY-MM-DD"`.
public struct CivilDate: Sendable, Hashable {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...`CivilDate.daysInMonth(month, year:)`.
    public let day: Int

    /// Creates a date, rejecting days that do not exist (2025-02-30, 2025-13-01, 2023-02-29).
    public init(year: Int, month: Int, day: Int) throws(CivilDateError) {
        guard (1...9999).contains(year) else { throw .yearOutOfRange(year) }
        guard (1...12).contains(month) else { throw .monthOutOfRange(month) }
        let length = CivilDate.daysInMonth(month, year: year)
        guard (1...length).contains(day) else {
            throw .dayOutOfRange(year: year, month: month, day: day, daysInMonth: length)
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO 8601 calendar date form `YYYY-MM-DD` (exactly ten characters).
    public init(iso text: String) throws(CivilDateError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = CivilDate.decimal(bytes[0..<4]),
              let month = CivilDate.decimal(bytes[5..<7]),
              let day = CivilDate.decimal(bytes[8..<10])
        else { throw .notISOFormat(text) }
        try self.init(year: year, month: month, day: day)
    }

    /// Creates the date with the given Julian Day Number (the JDN of 1970-01-01 is 2440588).
    /// A JDN outside years 1...9999 is a programming error and traps.
    public init(julianDayNumber: Int) {
        // Howard Hinnant's civil_from_days, shifted from the Unix epoch.
        let z = julianDayNumber - CivilDate.unixEpochJulianDay + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        precondition((1...9999).contains(year), "Julian day \(julianDayNumber) is outside years 1...9999")
        self.year = year
        self.month = month
        self.day = day
    }

    /// The Julian Day Number of this date (noon-based day count used by astronomical algorithms).
    public var julianDayNumber: Int {
        // Howard Hinnant's days_from_civil, shifted to the Julian day epoch.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468 + CivilDate.unixEpochJulianDay
    }

    /// The `YYYY-MM-DD` form of this date.
    public var isoString: String {
        CivilDate.padded(year, width: 4) + "-" + CivilDate.padded(month, width: 2) + "-"
            + CivilDate.padded(day, width: 2)
    }

    /// The date `days` days later (earlier if negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(julianDayNumber: julianDayNumber + days)
    }

    /// The signed number of days from this date to `other` (positive if `other` is later).
    public func days(until other: CivilDate) -> Int {
        other.julianDayNumber - julianDayNumber
    }

    /// The ISO 8601 day of the week (Monday = 1 ... Sunday = 7).
    public var weekday: Weekday {
        // JDN 0 was a Monday.
        let index = ((julianDayNumber % 7) + 7) % 7
        return Weekday(rawValue: index + 1)!
    }

    /// Whether this date falls on a Saturday or a Sunday.
    public var isWeekend: Bool { weekday.isWeekend }

    /// The number of whole years completed between `birth` and `date` (an age).
    ///
    /// A year is completed on the anniversary of the birth date. A person born on 29 February has,
    /// in a non-leap year, no anniversary of their own: we count the year as completed on
    /// 1 March, not on 28 February (they are still the younger age all of 28 February). This is
    /// the reading of Vietnamese and most civil-law practice: an age is reached when the full
    /// number of years has elapsed, and 28 February is one day short of that.
    /// The result is negative when `date` is before `birth`.
    public static func years(from birth: CivilDate, to date: CivilDate) -> Int {
        var years = date.year - birth.year
        if (date.month, date.day) < (birth.month, birth.day) { years -= 1 }
        return years
    }

    /// The day on which someone born on this date completes `years` years (see `years(from:to:)`):
    /// the same month and day `years` later, or 1 March when the birthday is 29 February and the
    /// target year is not a leap year.
    public func anniversary(years: Int) -> CivilDate {
        let targetYear = year + years
        if month == 2, day == 29, !CivilDate.isLeapYear(targetYear) {
            return try! CivilDate(year: targetYear, month: 3, day: 1)
        }
        return try! CivilDate(year: targetYear, month: month, day: day)
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` (1...12) of `year`.
    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let unixEpochJulianDay = 2_440_588

    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension CivilDate: Comparable {
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CivilDate: CustomStringConvertible {
    /// The `YYYY-MM-DD` form.
    public var description: String { isoString }
}

extension CivilDate: Codable {
    /// Decodes the `"YYYY-MM-DD"` string form; an invalid date fails with the field's coding path.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(iso: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the `"YYYY-MM-DD"` string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(isoString)
    }
}
