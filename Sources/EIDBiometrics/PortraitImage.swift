/// What a portrait file is, read from its own bytes: JPEG or PNG, pixel size, byte size, and whether it
/// ends where the format says it should.
///
/// JPEG: the file starts with SOI (FF D8); marker segments are walked by their lengths (fill bytes
/// and standalone markers allowed) up to the first frame header, SOF0 (baseline), SOF1 (extended
/// sequential) or SOF2 (progressive), whose height and width are read; other SOF types (lossless,
/// hierarchical, arithmetic) are refused; scan data or EOI before any SOF is refused.
/// PNG: the 8-byte signature, then the first chunk must be a 13-byte IHDR whose CRC-32 matches;
/// width, height, bit depth/colour type, compression, filter and interlace methods are checked.
/// Pixels are never decoded.
public struct PortraitImage: Sendable, Hashable {
    /// The image container.
    public enum Format: Sendable, Hashable, CustomStringConvertible {
        case jpeg(JPEGCoding)
        case png

        public var description: String {
            switch self {
            case .jpeg(let coding): "JPEG (\(coding))"
            case .png: "PNG"
            }
        }
    }

    /// The JPEG process named by the frame header marker.
    public enum JPEGCoding: UInt8, Sendable, Hashable, CustomStringConvertible {
        case baseline = 0xC0
        case extendedSequential = 0xC1
        case progressive = 0xC2

        public var description: String {
            switch self {
            case .baseline: "baseline"
            case .extendedSequential: "extended sequential"
            case .progressive: "progressive"
            }
        }
    }

    /// JPEG or PNG.
    public let format: Format
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Size of the file in bytes.
    public let byteCount: Int
    /// Whether the file ends with its end marker (JPEG EOI `FF D9`, PNG IEND chunk); false usually
    /// means the file was cut short.
    public let hasEndMarker: Bool

    /// Reads the format and size from the file's bytes.
    public init<Bytes: Collection>(parsing bytes: Bytes) throws(PortraitImageError) where Bytes.Element == UInt8 {
        let data = Array(bytes)
        guard !data.isEmpty else { throw .empty }
        if data.starts(with: [0xFF, 0xD8]) {
            (format, width, height) = try Self.readJPEG(data)
            hasEndMarker = data.count >= 4 && data.suffix(2).elementsEqual([0xFF, 0xD9])
        } else if data.starts(with: Self.pngSignature) {
            (format, width, height) = try Self.readPNG(data)
            hasEndMarker = data.count >= 8 + 25 + 12 && data.suffix(12).elementsEqual(Self.pngEnd)
        } else if let name = Self.otherFormatName(data) {
            throw .unsupportedFormat(name: name)
        } else {
            throw .unrecognisedFormat(leadingBytes: Array(data.prefix(8)))
        }
        byteCount = data.count
    }

    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// An empty IEND chunk: length 0, "IEND", CRC.
    static let pngEnd: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]

    private static func readJPEG(_ data: [UInt8]) throws(PortraitImageError) -> (Format, Int, Int) {
        var offset = 2
        while true {
            guard offset < data.count else { throw .truncated(offset: offset, expected: "a JPEG marker") }
            guard data[offset] == 0xFF else {
                throw .malformedJPEG(offset: offset, reason: "expected a marker (FF), found \(hex([data[offset]]))")
            }
            while offset < data.count, data[offset] == 0xFF { offset += 1 }  // fill bytes
            guard offset < data.count else { throw .truncated(offset: offset, expected: "a JPEG marker") }
            let marker = data[offset]
            let markerOffset = offset - 1
            offset += 1
            switch marker {
            case 0x01, 0xD0 ... 0xD7:  // TEM, RSTn: no length
                continue
            case 0xD8:
                throw .malformedJPEG(offset: markerOffset, reason: "a second start-of-image marker")
            case 0xD9, 0xDA:
                throw .missingJPEGFrameHeader
            case 0x00:
                throw .malformedJPEG(offset: markerOffset, reason: "stuffed byte FF 00 outside scan data")
            default:
                break
            }
            guard offset + 2 <= data.count else { throw .truncated(offset: offset, expected: "a JPEG segment length") }
            let length = Int(data.bigEndianUInt16(at: offset))
            guard length >= 2 else {
                throw .malformedJPEG(offset: offset, reason: "segment length \(length) is below 2")
            }
            guard offset + length <= data.count else {
                throw .truncated(offset: data.count, expected: "the rest of a \(length)-byte JPEG segment starting at \(offset)")
            }
            let isFrameHeader = (0xC0 ... 0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isFrameHeader {
                guard let coding = JPEGCoding(rawValue: marker) else { throw .unsupportedJPEGCoding(marker: marker) }
                guard length >= 8 else {
                    throw .malformedJPEG(offset: offset, reason: "frame header length \(length) is below 8")
                }
                let height = Int(data.bigEndianUInt16(at: offset + 3))
                let width = Int(data.bigEndianUInt16(at: offset + 5))
                guard width > 0, height > 0 else { throw .zeroDimension(width: width, height: height) }
                return (.jpeg(coding), width, height)
            }
            offset += length
        }
    }

    private static func readPNG(_ data: [UInt8]) throws(PortraitImageError) -> (Format, Int, Int) {
        guard data.count >= 16 else { throw .truncated(offset: data.count, expected: "the PNG IHDR chunk header") }
        let length = Int(data.bigEndianUInt32(at: 8))
        let type = data[12 ..< 16]
        guard type.elementsEqual([0x49, 0x48, 0x44, 0x52]) else {
            throw .missingPNGHeader(foundChunk: String(decoding: type.map { $0 >= 0x20 && $0 < 0x7F ? $0 : 0x3F }, as: UTF8.self))
        }
        guard length == 13 else { throw .invalidPNGHeader(reason: "IHDR length is \(length), not 13") }
        guard data.count >= 33 else { throw .truncated(offset: data.count, expected: "the PNG IHDR chunk") }
        let stored = data.bigEndianUInt32(at: 29)
        let computed = CRC32.checksum(data[12 ..< 29])
        guard stored == computed else { throw .pngHeaderChecksumMismatch(stored: stored, computed: computed) }

        let width = Int(data.bigEndianUInt32(at: 16))
        let height = Int(data.bigEndianUInt32(at: 20))
        let bitDepth = data[24], colourType = data[25]
        guard width > 0, height > 0 else { throw .zeroDimension(width: width, height: height) }
        guard width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .invalidPNGHeader(reason: "size \(width)x\(height) exceeds 2^31-1")
        }
        let allowedDepths: [UInt8]
        switch colourType {
        case 0: allowedDepths = [1, 2, 4, 8, 16]
        case 3: allowedDepths = [1, 2, 4, 8]
        case 2, 4, 6: allowedDepths = [8, 16]
        default: throw .invalidPNGHeader(reason: "colour type \(colourType) is not 0, 2, 3, 4 or 6")
        }
        guard allowedDepths.contains(bitDepth) else {
            throw .invalidPNGHeader(reason: "bit depth \(bitDepth) is not allowed with colour type \(colourType)")
        }
        guard data[26] == 0 else { throw .invalidPNGHeader(reason: "compression method \(data[26]) is not 0") }
        guard data[27] == 0 else { throw .invalidPNGHeader(reason: "filter method \(data[27]) is not 0") }
        guard data[28] <= 1 else { throw .invalidPNGHeader(reason: "interlace method \(data[28]) is not 0 or 1") }
        return (.png, width, height)
    }

    /// Names common image formats that are not accepted, for a clearer refusal.
    private static func otherFormatName(_ data: [UInt8]) -> String? {
        func at(_ offset: Int, _ ascii: String) -> Bool {
            let expected = Array(ascii.utf8)
            return data.count >= offset + expected.count && data[offset ..< offset + expected.count].elementsEqual(expected)
        }
        if at(0, "GIF87a") || at(0, "GIF89a") { return "GIF" }
        if at(0, "BM") { return "BMP" }
        if at(0, "RIFF") && at(8, "WEBP") { return "WebP" }
        if at(0, "II*\u{0}") || at(0, "MM\u{0}*") { return "TIFF" }
        if data.starts(with: [0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || data.starts(with: [0xFF, 0x4F, 0xFF, 0x51]) {
            return "JPEG 2000"
        }
        if at(4, "ftypheic") || at(4, "ftypheix") || at(4, "ftypmif1") || at(4, "ftypavif") { return "HEIF/AVIF" }
        if at(0, "%PDF") { return "PDF" }
        return nil
    }
}
