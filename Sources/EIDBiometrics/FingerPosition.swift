/// Finger position code (ISO/IEC 19794-2:2005 and ANSI/INCITS 378-2004 share the table, 0...10).
public enum FingerPosition: UInt8, Sendable, Hashable, CaseIterable, Comparable, CustomStringConvertible {
    case unknown = 0
    case rightThumb = 1
    case rightIndex = 2
    case rightMiddle = 3
    case rightRing = 4
    case rightLittle = 5
    case leftThumb = 6
    case leftIndex = 7
    case leftMiddle = 8
    case leftRing = 9
    case leftLittle = 10

    public static func < (lhs: FingerPosition, rhs: FingerPosition) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Plain English name as an officer would say it, for example "left index finger".
    public var description: String {
        switch self {
        case .unknown: "finger of unknown position"
        case .rightThumb: "right thumb"
        case .rightIndex: "right index finger"
        case .rightMiddle: "right middle finger"
        case .rightRing: "right ring finger"
        case .rightLittle: "right little finger"
        case .leftThumb: "left thumb"
        case .leftIndex: "left index finger"
        case .leftMiddle: "left middle finger"
        case .leftRing: "left ring finger"
        case .leftLittle: "left little finger"
        }
    }
}
