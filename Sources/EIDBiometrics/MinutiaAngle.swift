/// A minutia direction, counter-clockwise from the positive x axis (both formats agree on this),
/// held exactly in units of 1/32 degree.
///
/// 1/32° is the coarsest unit in which both format units are whole numbers: one ISO/IEC 19794-2 unit
/// (360/256° = 1.40625°) is 45 of them and one ANSI/INCITS 378 unit (2°) is 64, so angles read from
/// either format are stored without rounding. Converting to the other format rounds to the nearest
/// unit of that format (ties away from zero).
public struct MinutiaAngle: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Units of 1/32 degree in a full turn.
    public static let fullTurn = 11_520

    /// The angle in 1/32 degree, in `0..<11520`.
    public let thirtySecondsOfDegree: Int

    /// An angle from 1/32-degree units; any integer is reduced modulo a full turn.
    public init(thirtySecondsOfDegree units: Int) {
        let reduced = units % Self.fullTurn
        thirtySecondsOfDegree = reduced < 0 ? reduced + Self.fullTurn : reduced
    }

    /// An angle from an ISO/IEC 19794-2:2005 angle byte (units of 360/256°; every byte is valid).
    public init(isoUnits: UInt8) {
        thirtySecondsOfDegree = Int(isoUnits) * 45
    }

    /// An angle from an ANSI/INCITS 378-2004 angle byte (units of 2°), or nil above 179.
    public init?(ansiUnits: UInt8) {
        guard ansiUnits <= 179 else { return nil }
        thirtySecondsOfDegree = Int(ansiUnits) * 64
    }

    /// An angle in degrees, rounded to the nearest 1/32 degree and reduced to `0..<360`;
    /// nil if `degrees` is not finite.
    public init?(degrees: Double) {
        guard degrees.isFinite, abs(degrees) < 1e12 else { return nil }
        let scaled = degrees * 32
        self.init(thirtySecondsOfDegree: Int(scaled + (scaled < 0 ? -0.5 : 0.5)))  // nearest, ties away from zero
    }

    /// Degrees in `0..<360`.
    public var degrees: Double { Double(thirtySecondsOfDegree) / 32 }

    /// Radians in `0..<2π`.
    public var radians: Double { degrees * .pi / 180 }

    /// The nearest ISO/IEC 19794-2:2005 angle byte (units of 360/256°).
    public var isoUnits: UInt8 {
        UInt8(((thirtySecondsOfDegree * 2 + 45) / 90) % 256)
    }

    /// The nearest ANSI/INCITS 378-2004 angle byte (units of 2°, 0...179).
    public var ansiUnits: UInt8 {
        UInt8(((thirtySecondsOfDegree + 32) / 64) % 180)
    }

    public static func < (lhs: MinutiaAngle, rhs: MinutiaAngle) -> Bool {
        lhs.thirtySecondsOfDegree < rhs.thirtySecondsOfDegree
    }

    public var description: String { "\(degrees)°" }
}
