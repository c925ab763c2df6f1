/// Why bytes are not a valid finger minutiae record, or why a template cannot be encoded.
///
/// Offsets are absolute byte offsets from the start of the record; view and minutia indices are
/// zero-based in record order. When encoding, offsets refer to the record being produced.
public enum MinutiaeRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The data ended in the middle of `part`.
    case truncated(MinutiaeRecordPart, offset: Int, needed: Int, available: Int)
    /// Bytes 0...3 are not `"FMR\0"`.
    case badFormatIdentifier([UInt8])
    /// Bytes 4...7 are not `" 20\0"`.
    case badVersion([UInt8])
    /// The declared record length is smaller than the header alone.
    case declaredLengthTooSmall(declared: Int, minimum: Int)
    /// An ANSI 6-byte length field was used for a record that fits the 2-byte field.
    case longLengthFieldForShortRecord(declared: Int)
    /// The declared record length is larger than the data supplied.
    case declaredLengthExceedsData(declared: Int, available: Int)
    /// The declared record length ends before the views it announces do.
    case declaredLengthShorterThanContent(declared: Int, contentEnd: Int)
    /// The declared record length goes past the end of the last view.
    case declaredLengthLongerThanContent(declared: Int, contentEnd: Int)
    /// A non-zero byte follows the declared record length (only zero padding is tolerated).
    case nonZeroTrailingData(offset: Int, value: UInt8)
    /// The reserved header byte is not zero.
    case reservedHeaderByteNotZero(offset: Int, value: UInt8)
    /// The image width or height is zero.
    case imageSizeZero(width: Int, height: Int)
    /// The horizontal or vertical resolution is zero.
    case resolutionZero(horizontal: Int, vertical: Int)
    /// The record announces no finger views.
    case zeroFingerViews
    /// More finger views than the configured sanity limit.
    case tooManyFingerViews(count: Int, limit: Int)
    /// A finger position code above 10.
    case invalidFingerPosition(view: Int, offset: Int, value: UInt8)
    /// A reserved impression type code (not 0...3 or 8).
    case invalidImpressionType(view: Int, offset: Int, value: UInt8)
    /// Finger quality above 100.
    case fingerQualityOutOfRange(view: Int, offset: Int, value: UInt8)
    /// Two views with the same finger position and view number.
    case duplicateFingerView(view: Int, position: FingerPosition, viewNumber: UInt8)
    /// More minutiae in a view than the configured sanity limit.
    case tooManyMinutiae(view: Int, count: Int, limit: Int)
    /// Minutia type bits `11`.
    case invalidMinutiaType(view: Int, minutia: Int, offset: Int)
    /// The two reserved bits above the minutia's y coordinate are not zero.
    case reservedMinutiaBitsNotZero(view: Int, minutia: Int, offset: Int)
    /// A minutia lies outside the declared image (x ≥ width or y ≥ height).
    case minutiaOutsideImage(view: Int, minutia: Int, offset: Int, x: Int, y: Int, width: Int, height: Int)
    /// An ANSI/INCITS 378 angle above 179 (units of 2°).
    case angleOutOfRange(view: Int, minutia: Int, offset: Int, value: UInt8)
    /// Minutia quality above 100.
    case minutiaQualityOutOfRange(view: Int, minutia: Int, offset: Int, value: UInt8)
    /// An extended data block (or its 4-byte header) runs past the end of its view's extended data area.
    case extendedDataBlockOverrun(view: Int, offset: Int, blockLength: Int, remaining: Int)
    /// An ANSI/INCITS 378 extended data block length below 4 (it counts its own header).
    case extendedDataBlockTooShort(view: Int, offset: Int, declared: Int)
    /// An extended data block with the reserved type identifier 0x0000.
    case reservedExtendedDataType(view: Int, offset: Int)
    /// A template value cannot be represented in ISO/IEC 19794-2:2005.
    case notEncodable(field: String, value: Int, maximum: Int)

    public var description: String {
        switch self {
        case .truncated(let part, let offset, let needed, let available):
            "truncated \(part) at offset \(offset): needs \(needed) bytes, \(available) left"
        case .badFormatIdentifier(let bytes):
            "bad format identifier at offset 0: \(hex(bytes)) (expected 46 4D 52 00, \"FMR\\0\")"
        case .badVersion(let bytes):
            "bad version at offset 4: \(hex(bytes)) (expected 20 32 30 00, \" 20\\0\")"
        case .declaredLengthTooSmall(let declared, let minimum):
            "declared record length \(declared) at offset 8 is smaller than the \(minimum)-byte header"
        case .longLengthFieldForShortRecord(let declared):
            "6-byte record length at offset 8 declares \(declared) bytes, which the 2-byte field must carry (6-byte form is for records over 65535 bytes)"
        case .declaredLengthExceedsData(let declared, let available):
            "declared record length \(declared) at offset 8 exceeds the \(available) bytes supplied"
        case .declaredLengthShorterThanContent(let declared, let end):
            "declared record length \(declared) at offset 8 is shorter than the finger views, which end at offset \(end)"
        case .declaredLengthLongerThanContent(let declared, let end):
            "declared record length \(declared) at offset 8 is longer than the finger views, which end at offset \(end)"
        case .nonZeroTrailingData(let offset, let value):
            "non-zero byte \(hex([value])) at offset \(offset) after the declared record length (only zero padding is allowed)"
        case .reservedHeaderByteNotZero(let offset, let value):
            "reserved header byte at offset \(offset) is \(hex([value])), must be 00"
        case .imageSizeZero(let width, let height):
            "image size \(width)x\(height) has a zero dimension"
        case .resolutionZero(let horizontal, let vertical):
            "resolution \(horizontal)x\(vertical) pixels/cm has a zero component"
        case .zeroFingerViews:
            "number of finger views is 0"
        case .tooManyFingerViews(let count, let limit):
            "\(count) finger views exceed the limit of \(limit)"
        case .invalidFingerPosition(let view, let offset, let value):
            "view[\(view)] finger position \(value) at offset \(offset) is not 0...10"
        case .invalidImpressionType(let view, let offset, let value):
            "view[\(view)] impression type \(value) at offset \(offset) is reserved (allowed 0...3, 8)"
        case .fingerQualityOutOfRange(let view, let offset, let value):
            "view[\(view)] finger quality \(value) at offset \(offset) exceeds 100"
        case .duplicateFingerView(let view, let position, let number):
            "view[\(view)] repeats \(position) view number \(number)"
        case .tooManyMinutiae(let view, let count, let limit):
            "view[\(view)] has \(count) minutiae, over the limit of \(limit)"
        case .invalidMinutiaType(let view, let minutia, let offset):
            "view[\(view)] minutia[\(minutia)] at offset \(offset) has type bits 11 (invalid)"
        case .reservedMinutiaBitsNotZero(let view, let minutia, let offset):
            "view[\(view)] minutia[\(minutia)] reserved bits above y at offset \(offset) are not zero"
        case .minutiaOutsideImage(let view, let minutia, let offset, let x, let y, let width, let height):
            "view[\(view)] minutia[\(minutia)] at offset \(offset) lies at (\(x), \(y)), outside the \(width)x\(height) image"
        case .angleOutOfRange(let view, let minutia, let offset, let value):
            "view[\(view)] minutia[\(minutia)] angle \(value) at offset \(offset) exceeds 179 (ANSI units of 2°)"
        case .minutiaQualityOutOfRange(let view, let minutia, let offset, let value):
            "view[\(view)] minutia[\(minutia)] quality \(value) at offset \(offset) exceeds 100"
        case .extendedDataBlockOverrun(let view, let offset, let length, let remaining):
            "view[\(view)] extended data block at offset \(offset) needs \(length) bytes, only \(remaining) left in the extended data area"
        case .extendedDataBlockTooShort(let view, let offset, let declared):
            "view[\(view)] extended data block at offset \(offset) declares length \(declared), below its own 4-byte header"
        case .reservedExtendedDataType(let view, let offset):
            "view[\(view)] extended data block at offset \(offset) has reserved type 0x0000"
        case .notEncodable(let field, let value, let maximum):
            "\(field) is \(value), above the ISO/IEC 19794-2:2005 maximum of \(maximum)"
        }
    }
}

/// Bytes as space-separated upper-case hex.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16, uppercase: true)
        return byte < 16 ? "0" + digits : digits
    }.joined(separator: " ")
}
