/// Why a day is not a working day.
public enum DayOff: Sendable, Hashable, CustomStringConvertible {
    /// Saturday or Sunday.
    case weekend(Weekday)
    /// A public holiday of the Labour Code 2019 art. 112, with its English name.
    case publicHoliday(String)
    /// The next working day after a public holiday that fell on a weekend (art. 111(3)).
    case compensatory(forHoliday: String, on: CivilDate)
    /// A day off set by a government decision in the data file, with its note.
    case decided(String)

    public var description: String {
        switch self {
        case .weekend(let day): "weekend (\(day))"
        case .publicHoliday(let name): "public holiday: \(name)"
        case .compensatory(let name, let date): "compensatory day off for \(name) on \(date)"
        case .decided(let note): "day off by decision: \(note)"
        }
    }
}
