/// Why bytes are not a usable JPEG or PNG portrait. Offsets are byte offsets from the start of the file.
public enum PortraitImageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No bytes at all.
    case empty
    /// A recognised image format other than JPEG and PNG (for example "GIF", "HEIF").
    case unsupportedFormat(name: String)
    /// Neither a JPEG nor a PNG signature; the first bytes are kept for the message.
    case unrecognisedFormat(leadingBytes: [UInt8])
    /// The file ends inside a structure the header reader needs.
    case truncated(offset: Int, expected: String)
    /// The JPEG marker structure is broken.
    case malformedJPEG(offset: Int, reason: String)
    /// The JPEG has no frame header (SOFn) before its scan data or end.
    case missingJPEGFrameHeader
    /// A JPEG coding other than baseline, extended sequential or progressive DCT with Huffman coding.
    case unsupportedJPEGCoding(marker: UInt8)
    /// The PNG's first chunk is not IHDR.
    case missingPNGHeader(foundChunk: String)
    /// The PNG IHDR chunk's CRC does not match its contents.
    case pngHeaderChecksumMismatch(stored: UInt32, computed: UInt32)
    /// The PNG IHDR fields are invalid.
    case invalidPNGHeader(reason: String)
    /// The header declares a zero width or height.
    case zeroDimension(width: Int, height: Int)

    public var description: String {
        switch self {
        case .empty:
            "the file is empty"
        case .unsupportedFormat(let name):
            "the file is a \(name) image, not JPEG or PNG"
        case .unrecognisedFormat(let bytes):
            "the file is not a JPEG or PNG image (it starts with \(hex(bytes)))"
        case .truncated(let offset, let expected):
            "the file ends at offset \(offset) where \(expected) was expected"
        case .malformedJPEG(let offset, let reason):
            "broken JPEG structure at offset \(offset): \(reason)"
        case .missingJPEGFrameHeader:
            "the JPEG has no frame header (SOF marker) giving its size"
        case .unsupportedJPEGCoding(let marker):
            "the JPEG uses an unsupported coding (marker FF \(hex([marker]))); only baseline and progressive JPEG are accepted"
        case .missingPNGHeader(let chunk):
            "the PNG's first chunk is '\(chunk)', not IHDR"
        case .pngHeaderChecksumMismatch(let stored, let computed):
            "the PNG header checksum is wrong (stored \(hex32(stored)), computed \(hex32(computed))): the file is damaged"
        case .invalidPNGHeader(let reason):
            "invalid PNG header: \(reason)"
        case .zeroDimension(let width, let height):
            "the image declares a size of \(width)x\(height) pixels"
        }
    }
}

/// `0x` and eight upper-case hex digits.
func hex32(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
