/// Minutia type: the top two bits of a minutia's x field. The code `11` is invalid.
public enum MinutiaType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Code `00`: neither (or not determined).
    case other = 0
    /// Code `01`: ridge ending.
    case ridgeEnding = 1
    /// Code `10`: ridge bifurcation.
    case bifurcation = 2

    public var description: String {
        switch self {
        case .other: "other"
        case .ridgeEnding: "ridge ending"
        case .bifurcation: "bifurcation"
        }
    }
}
