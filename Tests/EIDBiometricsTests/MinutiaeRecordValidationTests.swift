import EIDBiometrics
import Testing

/// One test per `MinutiaeRecordError` the decoder raises, each from a single hand-made change to a
/// fixture (offsets refer to the field comments in `MinutiaeRecordFixtures.swift`).
@Suite struct MinutiaeRecordValidationTests {
    let iso = Fixtures.isoOneView
    let twoViews = Fixtures.isoTwoViewsExtended
    let ansi = Fixtures.ansiOneView

    private func expectError(_ expected: MinutiaeRecordError, _ bytes: [UInt8],
                             limits: MinutiaeRecordLimits = .default, as format: MinutiaeRecordFormat? = nil,
                             sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(throws: expected, sourceLocation: sourceLocation) {
            try MinutiaeRecordDecoder(limits: limits).decode(bytes, as: format)
        }
    }

    @Test func badFormatIdentifier() {
        expectError(.badFormatIdentifier([0x47, 0x4D, 0x52, 0x00]), patched(iso, 0, 0x47))
        expectError(.badFormatIdentifier([0x89, 0x50]), [0x89, 0x50])  // too short, but already wrong
    }

    @Test func badVersion() {
        expectError(.badVersion([0x20, 0x33, 0x30, 0x00]), patched(iso, 5, 0x33))  // " 30\0": not this edition
    }

    @Test func truncatedRecordHeader() {
        expectError(.truncated(.recordHeader, offset: 0, needed: 8, available: 0), [])
        expectError(.truncated(.recordHeader, offset: 2, needed: 6, available: 0), [0x46, 0x4D])
        expectError(.truncated(.recordHeader, offset: 8, needed: 4, available: 2), Array(iso.prefix(10)))
        expectError(.truncated(.recordHeader, offset: 8, needed: 4, available: 2), Array(iso.prefix(10)), as: .iso19794_2_2005)
    }

    @Test func declaredLengthTooSmall() {
        expectError(.declaredLengthTooSmall(declared: 20, minimum: 24), patched(iso, 11, 0x14))
        expectError(.declaredLengthTooSmall(declared: 25, minimum: 26), patched(ansi, 9, 0x19), as: .ansi378_2004)
    }

    @Test func longLengthFieldForShortRecord() {
        // The ANSI fixture with its length written in the 6-byte form (00 00 + 00 00 00 38 = 56).
        let sixByte = Array(ansi[0 ..< 8]) + [0x00, 0x00, 0x00, 0x00, 0x00, 0x38] + Array(ansi[10...])
        expectError(.longLengthFieldForShortRecord(declared: 56), sixByte)
    }

    @Test func declaredLengthExceedsData() {
        expectError(.declaredLengthExceedsData(declared: 64, available: 48), patched(iso, 11, 0x40))
        expectError(.declaredLengthExceedsData(declared: 52, available: 50), Array(ansi.prefix(50)))
    }

    @Test func declaredLengthShorterThanContent() {
        expectError(.declaredLengthShorterThanContent(declared: 46, contentEnd: 48), patched(iso, 11, 0x2E))
    }

    @Test func declaredLengthLongerThanContent() {
        expectError(.declaredLengthLongerThanContent(declared: 50, contentEnd: 48), patched(iso + [0, 0], 11, 0x32))
    }

    @Test func nonZeroTrailingData() {
        expectError(.nonZeroTrailingData(offset: 49, value: 0x07), iso + [0x00, 0x07])
        expectError(.nonZeroTrailingData(offset: 52, value: 0xFF), ansi + [0xFF])
    }

    @Test func reservedHeaderByteNotZero() {
        expectError(.reservedHeaderByteNotZero(offset: 23, value: 0x01), patched(iso, 23, 0x01))
        expectError(.reservedHeaderByteNotZero(offset: 25, value: 0x80), patched(ansi, 25, 0x80))
    }

    @Test func imageSizeZero() {
        expectError(.imageSizeZero(width: 0, height: 500), patched(iso, 14, 0x00, 0x00))
    }

    @Test func resolutionZero() {
        expectError(.resolutionZero(horizontal: 197, vertical: 0), patched(iso, 20, 0x00, 0x00))
        expectError(.resolutionZero(horizontal: 0, vertical: 197), patched(ansi, 20, 0x00, 0x00))
    }

    @Test func zeroFingerViews() {
        let headerOnly = hexBytes("""
            46 4D 52 00 20 32 30 00  // "FMR\\0", " 20\\0"
            00 00 00 18              // length 24: the header alone
            00 00 01 90 01 F4        // equipment 0, 400 x 500
            00 C5 00 C5              // 197 x 197 px/cm
            00                       // 0 finger views
            00                       // reserved
            """)
        expectError(.zeroFingerViews, headerOnly)
    }

    @Test func tooManyFingerViews() {
        expectError(.tooManyFingerViews(count: 2, limit: 1), twoViews,
                    limits: MinutiaeRecordLimits(maximumMinutiaePerView: 200, maximumFingerViews: 1))
    }

    @Test func truncatedFingerViewHeader() {
        expectError(.truncated(.fingerViewHeader(view: 1), offset: 48, needed: 4, available: 0), patched(iso, 22, 0x02))
    }

    @Test func truncatedMinutia() {
        expectError(.truncated(.minutia(view: 0, index: 3), offset: 46, needed: 6, available: 2), patched(iso, 27, 0x04))
    }

    @Test func truncatedExtendedDataLength() {
        expectError(.truncated(.extendedDataLength(view: 0), offset: 46, needed: 2, available: 0),
                    patched(Array(iso.prefix(46)), 11, 0x2E))
    }

    @Test func truncatedExtendedData() {
        expectError(.truncated(.extendedData(view: 0), offset: 48, needed: 16, available: 0), patched(iso, 47, 0x10))
    }

    @Test func invalidFingerPosition() {
        expectError(.invalidFingerPosition(view: 0, offset: 24, value: 11), patched(iso, 24, 11))
        expectError(.invalidFingerPosition(view: 1, offset: 55, value: 0xFF), patched(twoViews, 55, 0xFF))
    }

    @Test func invalidImpressionType() {
        expectError(.invalidImpressionType(view: 0, offset: 25, value: 5), patched(iso, 25, 0x05))
    }

    @Test func fingerQualityOutOfRange() {
        expectError(.fingerQualityOutOfRange(view: 0, offset: 26, value: 101), patched(iso, 26, 101))
    }

    @Test func duplicateFingerView() {
        expectError(.duplicateFingerView(view: 1, position: .rightIndex, viewNumber: 0), patched(twoViews, 56, 0x00))
    }

    @Test func tooManyMinutiae() {
        expectError(.tooManyMinutiae(view: 0, count: 3, limit: 2), iso,
                    limits: MinutiaeRecordLimits(maximumMinutiaePerView: 2))
    }

    @Test func invalidMinutiaType() {
        expectError(.invalidMinutiaType(view: 0, minutia: 0, offset: 28), patched(iso, 28, 0xC0))
    }

    @Test func reservedMinutiaBitsNotZero() {
        expectError(.reservedMinutiaBitsNotZero(view: 0, minutia: 0, offset: 30), patched(iso, 30, 0x40))
    }

    @Test func minutiaOutsideImage() {
        // x = 400 in a 400-pixel-wide image (columns 0...399).
        expectError(.minutiaOutsideImage(view: 0, minutia: 0, offset: 28, x: 400, y: 200, width: 400, height: 500),
                    patched(iso, 28, 0x41, 0x90))
        // y = 500 in a 500-pixel-high image.
        expectError(.minutiaOutsideImage(view: 0, minutia: 2, offset: 40, x: 399, y: 500, width: 400, height: 500),
                    patched(iso, 42, 0x01, 0xF4))
    }

    @Test func angleOutOfRangeForANSI() {
        expectError(.angleOutOfRange(view: 0, minutia: 0, offset: 34, value: 180), patched(ansi, 34, 180))
        // The same byte is a valid ISO angle (180 × 1.40625 = 253.125°).
        #expect(throws: Never.self) { try MinutiaeTemplate(decoding: patched(iso, 32, 180)) }
    }

    @Test func minutiaQualityOutOfRange() {
        expectError(.minutiaQualityOutOfRange(view: 0, minutia: 0, offset: 33, value: 101), patched(iso, 33, 101))
    }

    @Test func extendedDataBlockOverrun() {
        // Block 0 claims 10 data bytes: 14 with its header, but only 13 remain in the area.
        expectError(.extendedDataBlockOverrun(view: 0, offset: 42, blockLength: 14, remaining: 13), patched(twoViews, 45, 0x0A))
        // A 3-byte extended data area cannot hold a 4-byte block header.
        let shortArea = patched(patched(iso + [0x01, 0x00, 0x00], 11, 0x33), 47, 0x03)
        expectError(.extendedDataBlockOverrun(view: 0, offset: 48, blockLength: 4, remaining: 3), shortArea)
    }

    @Test func extendedDataBlockTooShortForANSI() {
        expectError(.extendedDataBlockTooShort(view: 0, offset: 44, declared: 3), patched(ansi, 47, 0x03))
    }

    @Test func reservedExtendedDataType() {
        expectError(.reservedExtendedDataType(view: 0, offset: 42), patched(twoViews, 42, 0x00))
    }

    @Test func descriptionsNameOffsetsAndFields() {
        let outside = MinutiaeRecordError.minutiaOutsideImage(view: 0, minutia: 2, offset: 40, x: 399, y: 500, width: 400, height: 500)
        #expect(outside.description == "view[0] minutia[2] at offset 40 lies at (399, 500), outside the 400x500 image")
        let truncated = MinutiaeRecordError.truncated(.minutia(view: 1, index: 3), offset: 46, needed: 6, available: 2)
        #expect(truncated.description == "truncated view[1] minutia[3] at offset 46: needs 6 bytes, 2 left")
        #expect(MinutiaeRecordError.badFormatIdentifier([0x47, 0x4D, 0x52, 0x00]).description
            == "bad format identifier at offset 0: 47 4D 52 00 (expected 46 4D 52 00, \"FMR\\0\")")
        #expect(MinutiaeRecordError.angleOutOfRange(view: 0, minutia: 0, offset: 34, value: 180).description
            == "view[0] minutia[0] angle 180 at offset 34 exceeds 179 (ANSI units of 2°)")
    }
}
