/// The finger minutiae record formats this module reads.
///
/// Both start with the format identifier `"FMR\0"` and the version `" 20\0"`; they differ from byte 8
/// on (see `MinutiaeRecordDecoder.detectFormat(_:)` and `docs/biometrics.md`).
public enum MinutiaeRecordFormat: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// ISO/IEC 19794-2:2005: 24-byte header with a 4-byte length, angles in units of 360/256°.
    case iso19794_2_2005
    /// ANSI/INCITS 378-2004: 26- or 30-byte header with a 2- or 6-byte length and a CBEFF product
    /// identifier, angles in units of 2°.
    case ansi378_2004

    public var description: String {
        switch self {
        case .iso19794_2_2005: "ISO/IEC 19794-2:2005"
        case .ansi378_2004: "ANSI/INCITS 378-2004"
        }
    }
}
