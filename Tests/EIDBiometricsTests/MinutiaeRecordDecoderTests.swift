import EIDBiometrics
import Testing

@Suite struct MinutiaeRecordDecoderTests {
    @Test func decodesISOWithOneView() throws {
        let template = try MinutiaeTemplate(decoding: Fixtures.isoOneView)
        #expect(template.format == .iso19794_2_2005)
        #expect(template.productIdentifier == nil)
        #expect(template.captureEquipment == CaptureEquipment(compliance: 1, identifier: 90))
        #expect(template.imageWidth == 400)
        #expect(template.imageHeight == 500)
        #expect(template.horizontalResolution == 197)
        #expect(template.verticalResolution == 197)
        #expect(template.views.count == 1)

        let view = template.views[0]
        #expect(view.position == .leftIndex)
        #expect(view.viewNumber == 0)
        #expect(view.impressionType == .liveScanPlain)
        #expect(view.fingerQuality == 80)
        #expect(view.extendedDataBlocks.isEmpty)
        #expect(view.minutiae == [
            Minutia(type: .ridgeEnding, x: 100, y: 200, angle: MinutiaAngle(isoUnits: 64), quality: 90),
            Minutia(type: .bifurcation, x: 250, y: 310, angle: MinutiaAngle(isoUnits: 192), quality: 60),
            Minutia(type: .other, x: 399, y: 499, angle: MinutiaAngle(isoUnits: 0), quality: 0),
        ])
        #expect(view.minutiae[0].angle.degrees == 90)
        #expect(view.minutiae[1].angle.degrees == 270)
    }

    @Test func decodesISOWithTwoViewsAndExtendedData() throws {
        let template = try MinutiaeTemplate(decoding: Fixtures.isoTwoViewsExtended)
        #expect(template.format == .iso19794_2_2005)
        #expect(template.imageWidth == 512)
        #expect(template.imageHeight == 600)
        #expect(template.views.count == 2)

        let first = template.views[0]
        #expect(first.position == .rightIndex)
        #expect(first.viewNumber == 0)
        #expect(first.impressionType == .liveScanRolled)
        #expect(first.fingerQuality == 70)
        #expect(first.minutiae == [
            Minutia(type: .ridgeEnding, x: 10, y: 20, angle: MinutiaAngle(isoUnits: 128), quality: 100),
            Minutia(type: .bifurcation, x: 511, y: 599, angle: MinutiaAngle(isoUnits: 255), quality: 1),
        ])
        #expect(first.minutiae[1].angle.degrees == 358.59375)
        #expect(first.extendedDataBlocks == [
            ExtendedDataBlock(typeIdentifier: 0x0100, data: [0xAA, 0xBB, 0xCC]),
            ExtendedDataBlock(typeIdentifier: ExtendedDataBlock.coreAndDeltaType, data: [0x12, 0x34]),
        ])

        let second = template.views[1]
        #expect(second.position == .rightIndex)
        #expect(second.viewNumber == 1)
        #expect(second.impressionType == .liveScanPlain)
        #expect(second.fingerQuality == 55)
        #expect(second.minutiae == [Minutia(type: .other, x: 0, y: 0, angle: MinutiaAngle(isoUnits: 1), quality: 50)])
        #expect(second.minutiae[0].angle.degrees == 1.40625)
        #expect(second.extendedDataBlocks.isEmpty)
    }

    @Test func toleratesTrailingZeroPadding() throws {
        let padded = try MinutiaeTemplate(decoding: Fixtures.isoOneViewPadded)
        #expect(padded == (try MinutiaeTemplate(decoding: Fixtures.isoOneView)))
    }

    @Test func decodesANSI378() throws {
        let template = try MinutiaeTemplate(decoding: Fixtures.ansiOneView)
        #expect(template.format == .ansi378_2004)
        #expect(template.productIdentifier == CBEFFProductIdentifier(owner: 0x0033, type: 0x0001))
        #expect(template.captureEquipment == CaptureEquipment(compliance: 8, identifier: 18))
        #expect(template.imageWidth == 500)
        #expect(template.imageHeight == 550)
        #expect(template.horizontalResolution == 197)
        #expect(template.views.count == 1)
        let view = template.views[0]
        #expect(view.position == .leftThumb)
        #expect(view.fingerQuality == 90)
        #expect(view.minutiae.count == 2)
        #expect(view.minutiae[0] == Minutia(type: .ridgeEnding, x: 300, y: 400, angle: MinutiaAngle(ansiUnits: 45)!, quality: 80))
        #expect(view.minutiae[0].angle.degrees == 90)
        #expect(view.minutiae[1] == Minutia(type: .bifurcation, x: 5, y: 549, angle: MinutiaAngle(ansiUnits: 179)!, quality: 0))
        #expect(view.minutiae[1].angle.degrees == 358)
        #expect(view.extendedDataBlocks == [ExtendedDataBlock(typeIdentifier: ExtendedDataBlock.ridgeCountType, data: [0, 1, 2, 5])])
    }

    @Test func detectsFormatFromHeader() {
        #expect(MinutiaeRecordDecoder.detectFormat(Fixtures.isoOneView) == .iso19794_2_2005)
        #expect(MinutiaeRecordDecoder.detectFormat(Fixtures.isoOneViewPadded) == .iso19794_2_2005)
        #expect(MinutiaeRecordDecoder.detectFormat(Fixtures.isoTwoViewsExtended) == .iso19794_2_2005)
        #expect(MinutiaeRecordDecoder.detectFormat(Fixtures.ansiOneView) == .ansi378_2004)
        #expect(MinutiaeRecordDecoder.detectFormat(Fixtures.ansiOneView + [0, 0]) == .ansi378_2004)
        #expect(MinutiaeRecordDecoder.detectFormat(Array(Fixtures.isoOneView.prefix(11))) == nil)
        #expect(MinutiaeRecordDecoder.detectFormat(patched(Fixtures.isoOneView, 0, 0x47)) == nil)
        // Lengths inconsistent with the data: the header heuristic still names a format.
        #expect(MinutiaeRecordDecoder.detectFormat(patched(Fixtures.isoOneView, 11, 0x60)) == .iso19794_2_2005)
        #expect(MinutiaeRecordDecoder.detectFormat(patched(Fixtures.ansiOneView, 9, 0x60)) == .ansi378_2004)
    }

    @Test func forcedFormatReadsOnlyThatFormat() throws {
        let decoder = MinutiaeRecordDecoder()
        #expect(try decoder.decode(Fixtures.ansiOneView, as: .ansi378_2004).format == .ansi378_2004)
        // The ANSI record read as ISO: bytes 8...11 (00 34 00 33) are a 4-byte length of 3,407,923.
        #expect(throws: MinutiaeRecordError.declaredLengthExceedsData(declared: 0x0034_0033, available: 52)) {
            try decoder.decode(Fixtures.ansiOneView, as: .iso19794_2_2005)
        }
    }

    @Test func decodesANSIWithSixByteLength() throws {
        // Two views of ~40 KB vendor data each push the record past 65535 bytes.
        let blockData = [UInt8](repeating: 0xEE, count: 40_000)
        var record: [UInt8] = [0x46, 0x4D, 0x52, 0x00, 0x20, 0x32, 0x30, 0x00]
        let total = 30 + 2 * (4 + 6 + 2 + 4 + blockData.count)
        record += [0x00, 0x00, UInt8(total >> 24), UInt8(total >> 16 & 0xFF), UInt8(total >> 8 & 0xFF), UInt8(total & 0xFF)]
        record += [0x01, 0x02, 0x00, 0x03]  // CBEFF owner 0x0102, type 3
        record += [0x00, 0x07]              // compliance 0, equipment 7
        record += [0x01, 0x90, 0x01, 0xF4]  // 400 x 500
        record += [0x00, 0xC5, 0x00, 0xC5]  // 197 x 197
        record += [0x02, 0x00]              // 2 views, reserved
        for position: UInt8 in [1, 6] {
            record += [position, 0x00, 0x3C, 0x01]           // position, view 0, quality 60, 1 minutia
            record += [0x40, 0x0A, 0x00, 0x0B, 0x5A, 0x28]  // ending (10, 11), 90 x 2 = 180 degrees, quality 40
            let blockLength = 4 + blockData.count
            record += [UInt8(blockLength >> 8), UInt8(blockLength & 0xFF)]  // extended area length
            record += [0x01, 0x05, UInt8(blockLength >> 8), UInt8(blockLength & 0xFF)]  // vendor type, length incl. header
            record += blockData
        }
        #expect(record.count == total)
        #expect(MinutiaeRecordDecoder.detectFormat(record) == .ansi378_2004)
        let template = try MinutiaeTemplate(decoding: record)
        #expect(template.format == .ansi378_2004)
        #expect(template.productIdentifier == CBEFFProductIdentifier(owner: 0x0102, type: 3))
        #expect(template.views.map(\.position) == [.rightThumb, .leftThumb])
        #expect(template.views[1].minutiae[0].angle.degrees == 180)
        #expect(template.views[1].extendedDataBlocks == [ExtendedDataBlock(typeIdentifier: 0x0105, data: blockData)])

        // The same template as ISO is also over 64 KiB (bytes 8-9 = 00 01) and still detected as ISO.
        let iso = try template.isoRecord()
        #expect(iso.count > 0xFFFF)
        #expect(MinutiaeRecordDecoder.detectFormat(iso) == .iso19794_2_2005)
        var expected = template
        expected.format = .iso19794_2_2005
        expected.productIdentifier = nil
        #expect(try MinutiaeTemplate(decoding: iso) == expected)
    }

    @Test func minutiaAngleConversions() {
        #expect(MinutiaAngle(isoUnits: 64).thirtySecondsOfDegree == 2880)
        #expect(MinutiaAngle(ansiUnits: 180) == nil)
        #expect(MinutiaAngle(ansiUnits: 179)!.isoUnits == 255)  // 358 / 1.40625 = 254.58
        #expect(MinutiaAngle(isoUnits: 255).ansiUnits == 179)   // 358.59 / 2 = 179.3
        #expect(MinutiaAngle(isoUnits: 0).ansiUnits == 0)
        #expect(MinutiaAngle(degrees: 359.99)!.isoUnits == 0)   // wraps to 0
        #expect(MinutiaAngle(degrees: -90)!.degrees == 270)
        #expect(MinutiaAngle(degrees: .nan) == nil)
        for unit in UInt8.min ... UInt8.max {
            #expect(MinutiaAngle(isoUnits: unit).isoUnits == unit)
        }
        for unit: UInt8 in 0 ... 179 {
            #expect(MinutiaAngle(ansiUnits: unit)!.ansiUnits == unit)
        }
    }
}
