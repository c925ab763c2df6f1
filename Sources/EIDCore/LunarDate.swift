/// A date in the Vietnamese lunar calendar (âm lịch).
///
/// `year` is the Gregorian year in which the lunar year begins (its Tet): the lunar year that
/// starts on 2025-01-29 is 2025. A leap month repeats the number of the month before it and is
/// flagged with `isLeapMonth`.
public struct LunarDate: Sendable, Hashable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1...12.
    public let month: Int
    /// 1...30 (months have 29 or 30 days).
    public let day: Int
    /// Whether `month` is the intercalary repeat of the month with the same number.
    public let isLeapMonth: Bool

    /// Creates a lunar date without checking that it exists; `VietnameseLunarCalendar.solarDate(for:)`
    /// checks it.
    public init(year: Int, month: Int, day: Int, isLeapMonth: Bool = false) {
        self.year = year
        self.month = month
        self.day = day
        self.isLeapMonth = isLeapMonth
    }

    /// For example `"2023-02L-01"` for the first day of the leap 2nd month of 2023.
    public var description: String {
        let month = (self.month < 10 ? "0" : "") + String(self.month) + (isLeapMonth ? "L" : "")
        return "\(year)-\(month)-\(day < 10 ? "0" : "")\(day)"
    }
}
