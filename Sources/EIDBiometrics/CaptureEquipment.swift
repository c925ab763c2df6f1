/// The capture-equipment field of a record header: a 4-bit compliance code and a 12-bit
/// vendor-assigned equipment identifier, packed into two bytes.
public struct CaptureEquipment: Sendable, Hashable {
    /// Certification/compliance bits (high nibble); 0 when none is claimed.
    public var compliance: UInt8
    /// Equipment identifier, 0...4095; 0 when unreported.
    public var identifier: UInt16

    public init(compliance: UInt8 = 0, identifier: UInt16 = 0) {
        self.compliance = compliance
        self.identifier = identifier
    }

    /// Unpacks the two header bytes read as a big-endian 16-bit value.
    init(packed: UInt16) {
        compliance = UInt8(packed >> 12)
        identifier = packed & 0x0FFF
    }
}
