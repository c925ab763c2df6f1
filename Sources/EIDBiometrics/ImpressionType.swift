/// How the finger image behind a view was captured (the low nibble of the view's second byte).
///
/// Both formats define codes 0...3 and 8; the other codes are reserved and refused.
public enum ImpressionType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case liveScanPlain = 0
    case liveScanRolled = 1
    case nonLiveScanPlain = 2
    case nonLiveScanRolled = 3
    case swipe = 8

    public var description: String {
        switch self {
        case .liveScanPlain: "live-scan plain"
        case .liveScanRolled: "live-scan rolled"
        case .nonLiveScanPlain: "non-live-scan plain"
        case .nonLiveScanRolled: "non-live-scan rolled"
        case .swipe: "swipe"
        }
    }
}
