import Foundation

/// One named group of measurements.
struct BenchSection: Sendable {
    var name: String
    var summary: String
    var run: @Sendable () throws -> Void
}

/// Wall-clock seconds of `body`.
func measureSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The value at quantile `q` (0...1) of `values` (nearest rank).
func quantile(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let rank = min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))
    return sorted[rank]
}

/// Prints one result line: `name  value unit  (note)`.
func report(_ name: String, _ value: Double, _ unit: String, _ note: String = "") {
    let formatted = value >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value)
    print("  \(name.padding(toLength: 52, withPad: " ", startingAt: 0)) \(formatted) \(unit)\(note.isEmpty ? "" : "  (\(note))")")
}
