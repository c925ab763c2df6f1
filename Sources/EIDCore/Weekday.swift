/// A day of the week, numbered as in ISO 8601: Monday = 1 ... Sunday = 7.
public enum Weekday: Int, Sendable, Hashable, CaseIterable, Codable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// Saturday and Sunday, the weekly days off of public offices.
    public var isWeekend: Bool { self == .saturday || self == .sunday }
}
