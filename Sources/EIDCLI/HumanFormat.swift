import Foundation

/// Numbers, sizes and durations as people read them on a status line.
enum HumanFormat {
    /// `1204` → `1,204`.
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// `1234567` → `1.2 MB`.
    static func bytes(_ value: Int) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var size = Double(value)
        var unit = 0
        while size >= 1000 && unit < units.count - 1 { size /= 1000; unit += 1 }
        return unit == 0 ? "\(value) B" : String(format: "%.1f %@", size, units[unit])
    }

    /// `20` → `20 s`, `200` → `3 min`, `7300` → `2 h`, `200000` → `2 d`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(max(0, seconds).rounded())
        switch whole {
        case ..<60: return "\(whole) s"
        case ..<3600: return "\(whole / 60) min"
        case ..<86_400: return "\(whole / 3600) h"
        default: return "\(whole / 86_400) d"
        }
    }

    /// `3 min ago`, `just now`, or `never`.
    static func ago(_ date: Date?, now: Date = Date()) -> String {
        guard let date else { return "never" }
        let seconds = now.timeIntervalSince(date)
        return seconds < 1 ? "just now" : "\(duration(seconds)) ago"
    }
}
