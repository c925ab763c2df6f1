/// One finger view of a minutiae record: one impression of one finger and its minutiae.
public struct FingerView: Sendable, Hashable {
    /// Which finger.
    public var position: FingerPosition
    /// View number 0...15 distinguishing several impressions of the same finger.
    public var viewNumber: UInt8
    /// How the image was captured.
    public var impressionType: ImpressionType
    /// Finger quality 0...100 as reported by the capture device or extractor.
    public var fingerQuality: UInt8
    /// The minutiae, in record order.
    public var minutiae: [Minutia]
    /// Extended data blocks (ridge counts, cores and deltas, vendor data), kept opaque.
    public var extendedDataBlocks: [ExtendedDataBlock]

    public init(position: FingerPosition, viewNumber: UInt8 = 0, impressionType: ImpressionType = .liveScanPlain,
                fingerQuality: UInt8, minutiae: [Minutia], extendedDataBlocks: [ExtendedDataBlock] = []) {
        self.position = position
        self.viewNumber = viewNumber
        self.impressionType = impressionType
        self.fingerQuality = fingerQuality
        self.minutiae = minutiae
        self.extendedDataBlocks = extendedDataBlocks
    }
}
