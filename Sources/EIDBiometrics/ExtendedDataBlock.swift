/// One block of a finger view's extended data area, kept as opaque bytes.
///
/// Type 0x0001 is ridge-count data and 0x0002 core-and-delta data in both formats; 0x0000 is reserved
/// (refused); other types are vendor-defined. The contents are not interpreted.
public struct ExtendedDataBlock: Sendable, Hashable {
    /// Ridge-count data.
    public static let ridgeCountType: UInt16 = 0x0001
    /// Core-and-delta data.
    public static let coreAndDeltaType: UInt16 = 0x0002

    /// The block's type identifier.
    public var typeIdentifier: UInt16
    /// The block's data, without its 4-byte type and length header.
    public var data: [UInt8]

    public init(typeIdentifier: UInt16, data: [UInt8]) {
        self.typeIdentifier = typeIdentifier
        self.data = data
    }
}
