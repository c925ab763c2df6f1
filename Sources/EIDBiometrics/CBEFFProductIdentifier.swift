/// The CBEFF product identifier carried only by ANSI/INCITS 378-2004 headers: the IBIA-registered
/// owner of the extraction algorithm and its product type.
public struct CBEFFProductIdentifier: Sendable, Hashable {
    /// Registered vendor (format owner) code.
    public var owner: UInt16
    /// Vendor-assigned product type.
    public var type: UInt16

    public init(owner: UInt16, type: UInt16) {
        self.owner = owner
        self.type = type
    }
}
