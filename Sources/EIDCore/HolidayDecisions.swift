import Foundation

/// The government's yearly decisions that adjust the statutory working calendar, read from a
/// data file (`Topology/holidays.json`, format `eid-holidays-v1`; see `docs/domain.md`).
///
/// For each year: which day next to 2 September is the second National Day holiday, extra days
/// off (bridging days, a compensatory day moved elsewhere) and make-up working days (a Saturday
/// worked, a computed compensatory day cancelled). A decision always wins over the computed
/// calendar. Parsing is pure: it takes the file's bytes or text.
public struct HolidayDecisions: Sendable, Hashable {
    /// The decisions of each year, by Gregorian year.
    public let years: [Int: Year]

    /// No decisions: the calendar is the statutory one, computed.
    public static let none = HolidayDecisions(validated: [:])

    /// Builds the decisions from per-year entries, checking them (see `HolidayDecisionsError`).
    public init(years: [Year]) throws(HolidayDecisionsError) {
        var byYear: [Int: Year] = [:]
        for (index, entry) in years.enumerated() {
            let field = "years[\(index)]"
            guard (1...9999).contains(entry.year) else {
                throw HolidayDecisionsError(field: "\(field).year", reason: "year \(entry.year) is outside 1...9999")
            }
            guard byYear[entry.year] == nil else {
                throw HolidayDecisionsError(field: "\(field).year", reason: "year \(entry.year) appears more than once")
            }
            if let adjacent = entry.nationalDayAdjacentDay {
                guard adjacent.year == entry.year, adjacent.month == 9, adjacent.day == 1 || adjacent.day == 3 else {
                    throw HolidayDecisionsError(
                        field: "\(field).national_day_adjacent_day",
                        reason: "\(adjacent) is not \(entry.year)-09-01 or \(entry.year)-09-03, the days next to National Day")
                }
            }
            var seen: [CivilDate: String] = [:]
            for (list, days) in [("days_off", entry.daysOff), ("working_days", entry.workingDays)] {
                for (position, decided) in days.enumerated() {
                    let dayField = "\(field).\(list)[\(position)].date"
                    guard decided.date.year == entry.year else {
                        throw HolidayDecisionsError(
                            field: dayField, reason: "\(decided.date) is not in \(entry.year); list it under its own year")
                    }
                    if let previous = seen[decided.date] {
                        throw HolidayDecisionsError(
                            field: dayField, reason: "\(decided.date) is already listed in \(previous) of \(entry.year)")
                    }
                    seen[decided.date] = list
                }
            }
            byYear[entry.year] = entry
        }
        self.init(validated: byYear)
    }

    private init(validated: [Int: Year]) {
        self.years = validated
    }

    /// Parses the data file's UTF-8 bytes.
    public static func parse(json bytes: [UInt8]) throws(HolidayDecisionsError) -> HolidayDecisions {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(bytes))
        } catch let error as DecodingError {
            let (field, reason) = ApplicationDecodingError.fieldAndReason(error)
            throw HolidayDecisionsError(field: field, reason: reason)
        } catch {
            throw HolidayDecisionsError(field: "", reason: "\(error)")
        }
        guard file.format == File.currentFormat else {
            throw HolidayDecisionsError(
                field: "format", reason: "'\(file.format)' is not a known format; expected '\(File.currentFormat)'")
        }
        return try HolidayDecisions(years: file.years)
    }

    /// Parses the data file's text.
    public static func parse(json text: String) throws(HolidayDecisionsError) -> HolidayDecisions {
        try parse(json: Array(text.utf8))
    }

    /// One year's decisions.
    public struct Year: Sendable, Hashable, Codable {
        public var year: Int
        /// 1 or 3 September of `year`; nil leaves the default (see `WorkingCalendar`).
        public var nationalDayAdjacentDay: CivilDate?
        /// Days off in addition to the computed calendar.
        public var daysOff: [DecidedDay]
        /// Days worked although the computed calendar has them off.
        public var workingDays: [DecidedDay]
        /// Where the decisions come from (decision number, or why none are listed).
        public var source: String?

        public init(year: Int, nationalDayAdjacentDay: CivilDate? = nil, daysOff: [DecidedDay] = [],
                    workingDays: [DecidedDay] = [], source: String? = nil) {
            self.year = year
            self.nationalDayAdjacentDay = nationalDayAdjacentDay
            self.daysOff = daysOff
            self.workingDays = workingDays
            self.source = source
        }

        enum CodingKeys: String, CodingKey, CaseIterable {
            case year
            case nationalDayAdjacentDay = "national_day_adjacent_day"
            case daysOff = "days_off"
            case workingDays = "working_days"
            case source
        }

        /// Every key but `year` may be omitted.
        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            year = try container.decode(Int.self, forKey: .year)
            nationalDayAdjacentDay = try container.decodeIfPresent(CivilDate.self, forKey: .nationalDayAdjacentDay)
            daysOff = try container.decodeIfPresent([DecidedDay].self, forKey: .daysOff) ?? []
            workingDays = try container.decodeIfPresent([DecidedDay].self, forKey: .workingDays) ?? []
            source = try container.decodeIfPresent(String.self, forKey: .source)
        }
    }

    /// A date named by a decision, with a note saying why.
    public struct DecidedDay: Sendable, Hashable, Codable {
        public var date: CivilDate
        public var note: String

        public init(date: CivilDate, note: String) {
            self.date = date
            self.note = note
        }

        enum CodingKeys: String, CodingKey, CaseIterable { case date, note }

        public init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            date = try container.decode(CivilDate.self, forKey: .date)
            note = try container.decode(String.self, forKey: .note)
        }
    }

    /// The top level of the data file.
    struct File: Decodable {
        static let currentFormat = "eid-holidays-v1"
        let format: String
        let years: [Year]

        enum CodingKeys: String, CodingKey, CaseIterable { case format, description, years }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownKeys(CodingKeys.self)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            format = try container.decode(String.self, forKey: .format)
            _ = try container.decodeIfPresent(String.self, forKey: .description)
            years = try container.decode([Year].self, forKey: .years)
        }
    }
}

/// Why a holiday data file or a set of decisions was refused, naming the exact field.
public struct HolidayDecisionsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Dotted path in the data file, e.g. `"years[0].days_off[1].date"`; empty for the file as a whole.
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { field.isEmpty ? "holidays: \(reason)" : "\(field): \(reason)" }
}
