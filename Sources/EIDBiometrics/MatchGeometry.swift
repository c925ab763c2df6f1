import Foundation

/// Integer geometry shared by template preprocessing and the pre-filter: edge lengths in pixels and
/// directions in 1/256 of a turn (the ISO/IEC 19794-2 angle unit), so angle differences are plain
/// wrapping `UInt8` subtraction.
///
/// Directions come from a fixed table rather than the platform's `atan2`, so templates and codes are
/// bit-for-bit the same on every machine.
enum MatchGeometry {
    /// `arctangentTable[i]` = atan(i / 1024) in 1/65536 of a turn (0 ... 8192 = 45°), for i in 0...1024.
    static let arctangentTable: [UInt16] = (0 ... 1024).map { index in
        UInt16((atan(Double(index) / 1024) / (2 * Double.pi) * 65536).rounded())
    }

    /// Direction of the vector (dx, dy) in image coordinates (y grows downwards), counter-clockwise
    /// from the positive x axis like minutia angles, in 1/256 of a turn. (0, 0) gives 0.
    static func direction(dx: Int, dy: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: (fineDirection(dx: dx, dy: dy) + 128) >> 8)
    }

    /// Direction in 1/65536 of a turn, `0 ..< 65536` (see `direction(dx:dy:)`).
    static func fineDirection(dx: Int, dy: Int) -> Int {
        let x = dx, y = -dy  // mathematical orientation: y up
        let ax = abs(x), ay = abs(y)
        if ax == 0 && ay == 0 { return 0 }
        // Angle within the first octant, then unfolded.
        let small = min(ax, ay), large = max(ax, ay)
        let index = (small * 1024 + large / 2) / large
        var angle = Int(arctangentTable[index])  // 0 ... 8192
        if ay > ax { angle = 16384 - angle }
        if x < 0 { angle = 32768 - angle }
        if y < 0 { angle = 65536 - angle }
        return angle & 0xFFFF
    }

    /// Euclidean length of (dx, dy), rounded to whole pixels.
    static func length(dx: Int, dy: Int) -> Int {
        Int(Double(dx * dx + dy * dy).squareRoot().rounded())
    }

    /// Circular distance between two directions in 1/256 turn: 0 ... 128.
    @inline(__always)
    static func angleDistance(_ a: UInt8, _ b: UInt8) -> Int {
        let difference = Int(a &- b)
        return difference <= 128 ? difference : 256 - difference
    }
}
