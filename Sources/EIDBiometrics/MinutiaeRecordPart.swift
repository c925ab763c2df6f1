/// The part of a minutiae record being read when the data ran out. View and minutia indices are
/// zero-based, in record order.
public enum MinutiaeRecordPart: Sendable, Hashable, CustomStringConvertible {
    case recordHeader
    case fingerViewHeader(view: Int)
    case minutia(view: Int, index: Int)
    case extendedDataLength(view: Int)
    case extendedData(view: Int)

    public var description: String {
        switch self {
        case .recordHeader: "record header"
        case .fingerViewHeader(let view): "finger view header of view[\(view)]"
        case .minutia(let view, let index): "view[\(view)] minutia[\(index)]"
        case .extendedDataLength(let view): "extended data length of view[\(view)]"
        case .extendedData(let view): "extended data area of view[\(view)]"
        }
    }
}
