/// Encodes `MinutiaeTemplate`s as ISO/IEC 19794-2:2005 finger minutiae records.
///
/// A record decoded from ISO/IEC 19794-2:2005 re-encodes byte for byte (trailing zero padding, which the
/// decoder tolerates, is not reproduced). Templates read from ANSI/INCITS 378-2004 lose their CBEFF
/// product identifier and have their angles rounded to the nearest 360/256° unit.
public struct MinutiaeRecordEncoder: Sendable {
    public init() {}

    /// The ISO/IEC 19794-2:2005 record for `template`.
    ///
    /// Throws `.notEncodable` for values that do not fit their fields (more than 255 views or minutiae
    /// per view, coordinates over 16383, view numbers over 15, …) and, because the produced record is
    /// decoded again before it is returned, any `MinutiaeRecordError` the decoder would raise (minutiae
    /// outside the image, qualities over 100, duplicate views, …), with offsets into the produced record.
    public func encode(_ template: MinutiaeTemplate) throws(MinutiaeRecordError) -> [UInt8] {
        guard !template.views.isEmpty else { throw .zeroFingerViews }
        try check("number of finger views", template.views.count, 255)
        try check("capture equipment compliance", Int(template.captureEquipment.compliance), 15)
        try check("capture equipment identifier", Int(template.captureEquipment.identifier), 0x0FFF)

        var out: [UInt8] = MinutiaeRecordDecoder.formatIdentifier + MinutiaeRecordDecoder.version
        out.appendBigEndian(UInt32(0)) // record length, patched below
        out.appendBigEndian(UInt16(template.captureEquipment.compliance) << 12 | template.captureEquipment.identifier)
        out.appendBigEndian(template.imageWidth)
        out.appendBigEndian(template.imageHeight)
        out.appendBigEndian(template.horizontalResolution)
        out.appendBigEndian(template.verticalResolution)
        out.append(UInt8(template.views.count))
        out.append(0) // reserved

        for (index, view) in template.views.enumerated() {
            try check("view[\(index)] view number", Int(view.viewNumber), 15)
            try check("view[\(index)] number of minutiae", view.minutiae.count, 255)
            out.append(view.position.rawValue)
            out.append(view.viewNumber << 4 | view.impressionType.rawValue)
            out.append(view.fingerQuality)
            out.append(UInt8(view.minutiae.count))
            for (number, minutia) in view.minutiae.enumerated() {
                try check("view[\(index)] minutia[\(number)] x", Int(minutia.x), 0x3FFF)
                try check("view[\(index)] minutia[\(number)] y", Int(minutia.y), 0x3FFF)
                out.appendBigEndian(UInt16(minutia.type.rawValue) << 14 | minutia.x)
                out.appendBigEndian(minutia.y)
                out.append(minutia.angle.isoUnits)
                out.append(minutia.quality)
            }
            var areaLength = 0
            for (number, block) in view.extendedDataBlocks.enumerated() {
                try check("view[\(index)] extended data block[\(number)] length", block.data.count, 0xFFFF)
                areaLength += 4 + block.data.count
            }
            try check("view[\(index)] extended data length", areaLength, 0xFFFF)
            out.appendBigEndian(UInt16(areaLength))
            for block in view.extendedDataBlocks {
                out.appendBigEndian(block.typeIdentifier)
                out.appendBigEndian(UInt16(block.data.count))
                out.append(contentsOf: block.data)
            }
        }

        try check("record length", out.count, Int(UInt32.max))
        let length = UInt32(out.count)
        out[8] = UInt8(length >> 24)
        out[9] = UInt8(length >> 16 & 0xFF)
        out[10] = UInt8(length >> 8 & 0xFF)
        out[11] = UInt8(length & 0xFF)

        _ = try MinutiaeRecordDecoder(limits: .formatMaximum).decode(out, format: .iso19794_2_2005)
        return out
    }

    private func check(_ field: String, _ value: Int, _ maximum: Int) throws(MinutiaeRecordError) {
        guard value <= maximum else { throw .notEncodable(field: field, value: value, maximum: maximum) }
    }
}
