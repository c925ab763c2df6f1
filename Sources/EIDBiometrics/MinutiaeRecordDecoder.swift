/// Decodes ISO/IEC 19794-2:2005 and ANSI/INCITS 378-2004 finger minutiae records into
/// `MinutiaeTemplate`s, validating every field.
///
/// Decoding is strict: the first problem found is thrown as a `MinutiaeRecordError` naming the
/// byte offset and field. The only tolerance is zero padding after the declared record length.
public struct MinutiaeRecordDecoder: Sendable {
    /// "FMR\0"
    static let formatIdentifier: [UInt8] = [0x46, 0x4D, 0x52, 0x00]
    /// " 20\0"
    static let version: [UInt8] = [0x20, 0x32, 0x30, 0x00]

    /// Sanity limits on views and minutiae.
    public var limits: MinutiaeRecordLimits

    public init(limits: MinutiaeRecordLimits = .default) {
        self.limits = limits
    }

    /// Decodes a record. With `format` nil the format is detected from the header
    /// (see `detectFormat(_:)`); otherwise the bytes are read as that format only.
    public func decode<Bytes: Collection>(_ bytes: Bytes, as format: MinutiaeRecordFormat? = nil)
        throws(MinutiaeRecordError) -> MinutiaeTemplate where Bytes.Element == UInt8
    {
        let data = Array(bytes)
        try Self.checkIdentity(data)
        if let format {
            return try decode(data, format: format)
        }
        guard data.count >= 12 else {
            throw .truncated(.recordHeader, offset: 8, needed: 4, available: data.count - 8)
        }
        switch (Self.lengthFits(data, .iso19794_2_2005), Self.lengthFits(data, .ansi378_2004)) {
        case (true, false):
            return try decode(data, format: .iso19794_2_2005)
        case (false, true):
            return try decode(data, format: .ansi378_2004)
        case (true, true):
            // Only possible for records of 64 KiB or more: let the structure decide, ISO first.
            do {
                return try decode(data, format: .iso19794_2_2005)
            } catch {
                if let template = try? decode(data, format: .ansi378_2004) { return template }
                throw error
            }
        case (false, false):
            // Neither length is consistent: decode as the header suggests, for a precise error.
            return try decode(data, format: Self.headerSuggestion(data))
        }
    }

    /// The format of a record judged from its header, or nil if it does not start with
    /// `"FMR\0"`, `" 20\0"` or has fewer than 12 bytes.
    ///
    /// Both formats put a length at byte 8: ISO/IEC 19794-2:2005 a 4-byte one, ANSI/INCITS 378-2004 a
    /// 2-byte one, or 0x0000 followed by a 4-byte one for records over 65535 bytes.
    /// 1. The format whose reading gives a length that is at least its header size (24, or 26/30), at
    ///    most the data size and followed only by zero padding is chosen (an ANSI 6-byte length must also
    ///    exceed 65535).
    /// 2. If both fit (only possible with 64 KiB or more of data), the one whose full decoding succeeds
    ///    wins, ISO first.
    /// 3. If neither fits, the record is invalid whatever it is; bytes 8...11 pick the reading that
    ///    gives the most useful error: bytes 8–9 ≥ 26 → ANSI (as ISO the record would be 1.7 MB);
    ///    1...25 → ISO (below the ANSI header size); 0 with bytes 10–11 ≥ 24 → ISO; 0 with bytes
    ///    10–11 = 0 → ANSI (an ISO length of under 65536 would be in bytes 10–11); 0 with bytes 10–11 in
    ///    1...23 → ANSI if more than 65535 bytes were supplied, ISO otherwise.
    ///
    /// For valid records under 64 KiB this reduces to: bytes 8–9 zero means ISO, non-zero means ANSI.
    public static func detectFormat<Bytes: Collection>(_ bytes: Bytes) -> MinutiaeRecordFormat?
        where Bytes.Element == UInt8
    {
        let data = Array(bytes)
        guard data.count >= 12, Array(data[0 ..< 4]) == formatIdentifier, Array(data[4 ..< 8]) == version else {
            return nil
        }
        switch (lengthFits(data, .iso19794_2_2005), lengthFits(data, .ansi378_2004)) {
        case (true, false): return .iso19794_2_2005
        case (false, true): return .ansi378_2004
        case (true, true):
            let iso = try? MinutiaeRecordDecoder(limits: .formatMaximum).decode(data, format: .iso19794_2_2005)
            return iso != nil ? .iso19794_2_2005 : .ansi378_2004
        case (false, false): return headerSuggestion(data)
        }
    }

    // MARK: - Detection

    /// Checks "FMR\0" and " 20\0", reporting a mismatch before a shortage.
    static func checkIdentity(_ data: [UInt8]) throws(MinutiaeRecordError) {
        let identifier = Array(data.prefix(4))
        guard identifier == Array(formatIdentifier.prefix(identifier.count)) else {
            throw .badFormatIdentifier(identifier)
        }
        let version = Array(data.dropFirst(4).prefix(4))
        guard version == Array(Self.version.prefix(version.count)) else { throw .badVersion(version) }
        guard data.count >= 8 else {
            throw .truncated(.recordHeader, offset: data.count, needed: 8 - data.count, available: 0)
        }
    }

    /// Whether reading the length field as `format` gives a length consistent with the data.
    static func lengthFits(_ data: [UInt8], _ format: MinutiaeRecordFormat) -> Bool {
        let declared: Int
        let headerSize: Int
        switch format {
        case .iso19794_2_2005:
            guard data.count >= 12 else { return false }
            declared = Int(data.bigEndianUInt32(at: 8))
            headerSize = 24
        case .ansi378_2004:
            guard data.count >= 10 else { return false }
            let short = Int(data.bigEndianUInt16(at: 8))
            if short != 0 {
                declared = short
                headerSize = 26
            } else {
                guard data.count >= 14 else { return false }
                declared = Int(data.bigEndianUInt32(at: 10))
                guard declared > 0xFFFF else { return false }
                headerSize = 30
            }
        }
        guard declared >= headerSize, declared <= data.count else { return false }
        return data[declared...].allSatisfy { $0 == 0 }
    }

    /// The format suggested by bytes 8...11 alone (needs 12 bytes).
    static func headerSuggestion(_ data: [UInt8]) -> MinutiaeRecordFormat {
        let first = data.bigEndianUInt16(at: 8)
        if first >= 26 { return .ansi378_2004 }
        if first > 0 { return .iso19794_2_2005 }
        let second = data.bigEndianUInt16(at: 10)
        if second >= 24 { return .iso19794_2_2005 }
        if second == 0 { return .ansi378_2004 }
        return data.count > 0xFFFF ? .ansi378_2004 : .iso19794_2_2005
    }

    // MARK: - Decoding

    func decode(_ data: [UInt8], format: MinutiaeRecordFormat) throws(MinutiaeRecordError) -> MinutiaeTemplate {
        try Self.checkIdentity(data)
        var reader = ByteReader(data, offset: 8)

        let declared: Int
        let headerSize: Int
        switch format {
        case .iso19794_2_2005:
            declared = Int(try reader.uint32(for: .recordHeader))
            headerSize = 24
        case .ansi378_2004:
            let short = try reader.uint16(for: .recordHeader)
            if short != 0 {
                declared = Int(short)
                headerSize = 26
            } else {
                declared = Int(try reader.uint32(for: .recordHeader))
                headerSize = 30
            }
        }
        guard declared >= headerSize else { throw .declaredLengthTooSmall(declared: declared, minimum: headerSize) }
        if headerSize == 30, declared <= 0xFFFF { throw .longLengthFieldForShortRecord(declared: declared) }
        guard declared <= data.count else { throw .declaredLengthExceedsData(declared: declared, available: data.count) }

        var productIdentifier: CBEFFProductIdentifier?
        if format == .ansi378_2004 {
            let owner = try reader.uint16(for: .recordHeader)
            productIdentifier = CBEFFProductIdentifier(owner: owner, type: try reader.uint16(for: .recordHeader))
        }
        let equipment = CaptureEquipment(packed: try reader.uint16(for: .recordHeader))
        let width = try reader.uint16(for: .recordHeader)
        let height = try reader.uint16(for: .recordHeader)
        let horizontalResolution = try reader.uint16(for: .recordHeader)
        let verticalResolution = try reader.uint16(for: .recordHeader)
        let viewCount = Int(try reader.uint8(for: .recordHeader))
        let reservedOffset = reader.offset
        let reserved = try reader.uint8(for: .recordHeader)

        guard reserved == 0 else { throw .reservedHeaderByteNotZero(offset: reservedOffset, value: reserved) }
        guard width > 0, height > 0 else { throw .imageSizeZero(width: Int(width), height: Int(height)) }
        guard horizontalResolution > 0, verticalResolution > 0 else {
            throw .resolutionZero(horizontal: Int(horizontalResolution), vertical: Int(verticalResolution))
        }
        guard viewCount > 0 else { throw .zeroFingerViews }
        guard viewCount <= limits.maximumFingerViews else {
            throw .tooManyFingerViews(count: viewCount, limit: limits.maximumFingerViews)
        }

        var views: [FingerView] = []
        views.reserveCapacity(viewCount)
        var seen: Set<Int> = []
        for index in 0 ..< viewCount {
            let view = try decodeView(index, from: &reader, format: format, width: width, height: height)
            guard seen.insert(Int(view.position.rawValue) << 4 | Int(view.viewNumber)).inserted else {
                throw .duplicateFingerView(view: index, position: view.position, viewNumber: view.viewNumber)
            }
            views.append(view)
        }

        let contentEnd = reader.offset
        if contentEnd > declared { throw .declaredLengthShorterThanContent(declared: declared, contentEnd: contentEnd) }
        if contentEnd < declared { throw .declaredLengthLongerThanContent(declared: declared, contentEnd: contentEnd) }
        if let padding = data[declared...].firstIndex(where: { $0 != 0 }) {
            throw .nonZeroTrailingData(offset: padding, value: data[padding])
        }

        return MinutiaeTemplate(format: format, productIdentifier: productIdentifier, captureEquipment: equipment,
                                imageWidth: width, imageHeight: height, horizontalResolution: horizontalResolution,
                                verticalResolution: verticalResolution, views: views)
    }

    private func decodeView(_ view: Int, from reader: inout ByteReader, format: MinutiaeRecordFormat,
                            width: UInt16, height: UInt16) throws(MinutiaeRecordError) -> FingerView
    {
        let start = reader.offset
        try reader.require(4, for: .fingerViewHeader(view: view))
        let positionCode = try reader.uint8(for: .fingerViewHeader(view: view))
        guard let position = FingerPosition(rawValue: positionCode) else {
            throw .invalidFingerPosition(view: view, offset: start, value: positionCode)
        }
        let packed = try reader.uint8(for: .fingerViewHeader(view: view))
        guard let impression = ImpressionType(rawValue: packed & 0x0F) else {
            throw .invalidImpressionType(view: view, offset: start + 1, value: packed & 0x0F)
        }
        let quality = try reader.uint8(for: .fingerViewHeader(view: view))
        guard quality <= 100 else { throw .fingerQualityOutOfRange(view: view, offset: start + 2, value: quality) }
        let count = Int(try reader.uint8(for: .fingerViewHeader(view: view)))
        guard count <= limits.maximumMinutiaePerView else {
            throw .tooManyMinutiae(view: view, count: count, limit: limits.maximumMinutiaePerView)
        }

        var minutiae: [Minutia] = []
        minutiae.reserveCapacity(count)
        for index in 0 ..< count {
            minutiae.append(try decodeMinutia(index, view: view, from: &reader, format: format, width: width, height: height))
        }

        let length = Int(try reader.uint16(for: .extendedDataLength(view: view)))
        let areaStart = reader.offset
        let area = try reader.bytes(length, for: .extendedData(view: view))
        let blocks = try Self.decodeExtendedData(area, view: view, areaOffset: areaStart, format: format)

        return FingerView(position: position, viewNumber: packed >> 4, impressionType: impression,
                          fingerQuality: quality, minutiae: minutiae, extendedDataBlocks: blocks)
    }

    private func decodeMinutia(_ index: Int, view: Int, from reader: inout ByteReader, format: MinutiaeRecordFormat,
                               width: UInt16, height: UInt16) throws(MinutiaeRecordError) -> Minutia
    {
        let part = MinutiaeRecordPart.minutia(view: view, index: index)
        let start = reader.offset
        try reader.require(6, for: part)
        let xField = try reader.uint16(for: part)
        let yField = try reader.uint16(for: part)
        let angleCode = try reader.uint8(for: part)
        let quality = try reader.uint8(for: part)

        guard let type = MinutiaType(rawValue: UInt8(xField >> 14)) else {
            throw .invalidMinutiaType(view: view, minutia: index, offset: start)
        }
        guard yField >> 14 == 0 else { throw .reservedMinutiaBitsNotZero(view: view, minutia: index, offset: start + 2) }
        let x = xField & 0x3FFF
        let y = yField & 0x3FFF
        guard x < width, y < height else {
            throw .minutiaOutsideImage(view: view, minutia: index, offset: start, x: Int(x), y: Int(y),
                                       width: Int(width), height: Int(height))
        }
        let angle: MinutiaAngle
        switch format {
        case .iso19794_2_2005:
            angle = MinutiaAngle(isoUnits: angleCode)
        case .ansi378_2004:
            guard let ansi = MinutiaAngle(ansiUnits: angleCode) else {
                throw .angleOutOfRange(view: view, minutia: index, offset: start + 4, value: angleCode)
            }
            angle = ansi
        }
        guard quality <= 100 else {
            throw .minutiaQualityOutOfRange(view: view, minutia: index, offset: start + 5, value: quality)
        }
        return Minutia(type: type, x: x, y: y, angle: angle, quality: quality)
    }

    /// Splits a view's extended data area into blocks. ISO/IEC 19794-2:2005 block lengths count the data
    /// only; ANSI/INCITS 378-2004 block lengths include the 4-byte type and length header.
    static func decodeExtendedData(_ area: [UInt8], view: Int, areaOffset: Int,
                                   format: MinutiaeRecordFormat) throws(MinutiaeRecordError) -> [ExtendedDataBlock]
    {
        var blocks: [ExtendedDataBlock] = []
        var position = 0
        while position < area.count {
            let remaining = area.count - position
            let offset = areaOffset + position
            guard remaining >= 4 else {
                throw .extendedDataBlockOverrun(view: view, offset: offset, blockLength: 4, remaining: remaining)
            }
            let type = area.bigEndianUInt16(at: position)
            let declared = Int(area.bigEndianUInt16(at: position + 2))
            let blockLength: Int
            switch format {
            case .iso19794_2_2005:
                blockLength = 4 + declared
            case .ansi378_2004:
                guard declared >= 4 else {
                    throw .extendedDataBlockTooShort(view: view, offset: offset, declared: declared)
                }
                blockLength = declared
            }
            guard blockLength <= remaining else {
                throw .extendedDataBlockOverrun(view: view, offset: offset, blockLength: blockLength, remaining: remaining)
            }
            guard type != 0 else { throw .reservedExtendedDataType(view: view, offset: offset) }
            blocks.append(ExtendedDataBlock(typeIdentifier: type, data: Array(area[position + 4 ..< position + blockLength])))
            position += blockLength
        }
        return blocks
    }
}
