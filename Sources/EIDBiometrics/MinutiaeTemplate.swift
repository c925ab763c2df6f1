/// A finger minutiae record in one normalised model, whichever format it was read from.
///
/// Positions are in pixels of the capture image, angles are `MinutiaAngle`s, qualities are 0...100.
/// Decode with `MinutiaeRecordDecoder` (or `init(decoding:)`), encode to ISO/IEC 19794-2:2005 with
/// `MinutiaeRecordEncoder` (or `isoRecord()`).
public struct MinutiaeTemplate: Sendable, Hashable {
    /// The format the record was read from (`.iso19794_2_2005` for templates built in code).
    public var format: MinutiaeRecordFormat
    /// CBEFF product identifier; present only in ANSI/INCITS 378-2004 records and dropped when
    /// encoding to ISO/IEC 19794-2:2005, which has no such field.
    public var productIdentifier: CBEFFProductIdentifier?
    /// Capture equipment compliance and identifier.
    public var captureEquipment: CaptureEquipment
    /// Width of the capture image in pixels.
    public var imageWidth: UInt16
    /// Height of the capture image in pixels.
    public var imageHeight: UInt16
    /// Horizontal resolution in pixels per centimetre (197 ≈ 500 dpi).
    public var horizontalResolution: UInt16
    /// Vertical resolution in pixels per centimetre.
    public var verticalResolution: UInt16
    /// The finger views, in record order.
    public var views: [FingerView]

    public init(format: MinutiaeRecordFormat = .iso19794_2_2005, productIdentifier: CBEFFProductIdentifier? = nil,
                captureEquipment: CaptureEquipment = CaptureEquipment(), imageWidth: UInt16, imageHeight: UInt16,
                horizontalResolution: UInt16 = 197, verticalResolution: UInt16 = 197, views: [FingerView]) {
        self.format = format
        self.productIdentifier = productIdentifier
        self.captureEquipment = captureEquipment
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        self.horizontalResolution = horizontalResolution
        self.verticalResolution = verticalResolution
        self.views = views
    }

    /// Decodes an ISO/IEC 19794-2:2005 or ANSI/INCITS 378-2004 record with the default limits,
    /// detecting the format from the header.
    public init<Bytes: Collection>(decoding bytes: Bytes) throws(MinutiaeRecordError) where Bytes.Element == UInt8 {
        self = try MinutiaeRecordDecoder().decode(bytes)
    }

    /// This template as an ISO/IEC 19794-2:2005 record.
    public func isoRecord() throws(MinutiaeRecordError) -> [UInt8] {
        try MinutiaeRecordEncoder().encode(self)
    }
}
