import EIDBiometrics
import Testing

@Suite struct MinutiaeRecordEncoderTests {
    @Test(arguments: [("one view", Fixtures.isoOneView), ("two views + extended data", Fixtures.isoTwoViewsExtended)])
    func isoRoundTripsByteExact(name: String, record: [UInt8]) throws {
        let template = try MinutiaeTemplate(decoding: record)
        #expect(try template.isoRecord() == record, "\(name)")
    }

    @Test func paddingIsNotReproduced() throws {
        let template = try MinutiaeTemplate(decoding: Fixtures.isoOneViewPadded)
        #expect(try template.isoRecord() == Fixtures.isoOneView)
    }

    @Test func ansiConvertsToHandDerivedISO() throws {
        let template = try MinutiaeTemplate(decoding: Fixtures.ansiOneView)
        let iso = try template.isoRecord()
        #expect(iso == Fixtures.ansiOneViewAsISO)
        let reread = try MinutiaeTemplate(decoding: iso)
        #expect(reread.format == .iso19794_2_2005)
        #expect(reread.views[0].minutiae[0].angle.degrees == 90)
        #expect(reread.views[0].minutiae[1].angle.isoUnits == 255)
    }

    @Test func encodesTemplateBuiltInCode() throws {
        let template = MinutiaeTemplate(
            captureEquipment: CaptureEquipment(compliance: 1, identifier: 90),
            imageWidth: 400, imageHeight: 500,
            views: [FingerView(position: .leftIndex, fingerQuality: 80, minutiae: [
                Minutia(type: .ridgeEnding, x: 100, y: 200, angle: MinutiaAngle(degrees: 90)!, quality: 90),
                Minutia(type: .bifurcation, x: 250, y: 310, angle: MinutiaAngle(degrees: 270)!, quality: 60),
                Minutia(type: .other, x: 399, y: 499, angle: MinutiaAngle(degrees: 0)!, quality: 0),
            ])])
        #expect(try template.isoRecord() == Fixtures.isoOneView)
    }

    private func oneViewTemplate() throws -> MinutiaeTemplate { try MinutiaeTemplate(decoding: Fixtures.isoOneView) }

    @Test func refusesTooManyMinutiaeForTheFormat() throws {
        var template = try oneViewTemplate()
        template.views[0].minutiae = Array(repeating: template.views[0].minutiae[0], count: 256)
        #expect(throws: MinutiaeRecordError.notEncodable(field: "view[0] number of minutiae", value: 256, maximum: 255)) {
            try template.isoRecord()
        }
        template.views[0].minutiae.removeLast()
        #expect(try MinutiaeRecordDecoder(limits: .formatMaximum).decode(try template.isoRecord()).views[0].minutiae.count == 255)
    }

    @Test func refusesUnrepresentableValues() throws {
        var template = try oneViewTemplate()
        template.views[0].viewNumber = 16
        #expect(throws: MinutiaeRecordError.notEncodable(field: "view[0] view number", value: 16, maximum: 15)) {
            try template.isoRecord()
        }
        template = try oneViewTemplate()
        template.imageWidth = 0xFFFF
        template.views[0].minutiae[0].x = 0x4000
        #expect(throws: MinutiaeRecordError.notEncodable(field: "view[0] minutia[0] x", value: 0x4000, maximum: 0x3FFF)) {
            try template.isoRecord()
        }
        template = try oneViewTemplate()
        template.captureEquipment.identifier = 0x1000
        #expect(throws: MinutiaeRecordError.notEncodable(field: "capture equipment identifier", value: 0x1000, maximum: 0xFFF)) {
            try template.isoRecord()
        }
        template = try oneViewTemplate()
        template.views = []
        #expect(throws: MinutiaeRecordError.zeroFingerViews) { try template.isoRecord() }
    }

    @Test func refusesInvalidValuesWithDecoderErrors() throws {
        var template = try oneViewTemplate()
        template.views[0].minutiae[1].quality = 101
        #expect(throws: MinutiaeRecordError.minutiaQualityOutOfRange(view: 0, minutia: 1, offset: 39, value: 101)) {
            try template.isoRecord()
        }
        template = try oneViewTemplate()
        template.views[0].minutiae[2].y = 500
        #expect(throws: MinutiaeRecordError.minutiaOutsideImage(view: 0, minutia: 2, offset: 40, x: 399, y: 500, width: 400, height: 500)) {
            try template.isoRecord()
        }
        template = try oneViewTemplate()
        template.views.append(template.views[0])
        #expect(throws: MinutiaeRecordError.duplicateFingerView(view: 1, position: .leftIndex, viewNumber: 0)) {
            try template.isoRecord()
        }
    }
}
