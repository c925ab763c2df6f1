/// Why a year, month and day do not name a real `CivilDate`.
public enum CivilDateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is not of the form `YYYY-MM-DD` with ASCII digits.
    case notISOFormat(String)
    /// The year is outside 1...9999.
    case yearOutOfRange(Int)
    /// The month is outside 1...12.
    case monthOutOfRange(Int)
    /// The day does not exist in that month (for example 30 February).
    case dayOutOfRange(year: Int, month: Int, day: Int, daysInMonth: Int)

    public var description: String {
        switch self {
        case .notISOFormat(let text):
            "'\(text)' is not a date of the form YYYY-MM-DD"
        case .yearOutOfRange(let year):
            "year \(year) is outside 1...9999"
        case .monthOutOfRange(let month):
            "month \(month) is outside 1...12"
        case .dayOutOfRange(let year, let month, let day, let length):
            "day \(day) does not exist in \(year)-\(month < 10 ? "0" : "")\(month), which has \(length) days"
        }
    }
}
