public import Foundation
public import EIDCore

/// Time as the node sees it: the instant, and the calendar day in Vietnam (UTC+7),
/// which numbers receipts. Injected so tests can fix it.
public struct NodeClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Vietnam has no daylight saving time: local time is UTC+7 all year.
    public static let vietnamOffsetSeconds: Int64 = 7 * 3600

    /// Milliseconds since the Unix epoch.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    /// The calendar day in Vietnam at `date`.
    public static func vietnamDay(_ date: Date) -> CivilDate {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + vietnamOffsetSeconds
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CivilDate(julianDayNumber: 2_440_588 + Int(days))
    }

    /// `2026-07-01T03:04:05.678Z`.
    public static func timestamp(_ date: Date) -> String {
        let ms = milliseconds(date)
        let day = CivilDate(julianDayNumber: 2_440_588 + Int(ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000))
        let inDay = ((ms % 86_400_000) + 86_400_000) % 86_400_000
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(day.isoString)T\(pad(inDay / 3_600_000, 2)):\(pad(inDay / 60_000 % 60, 2)):\(pad(inDay / 1000 % 60, 2)).\(pad(inDay % 1000, 3))Z"
    }
}
