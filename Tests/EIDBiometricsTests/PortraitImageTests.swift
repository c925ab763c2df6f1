import EIDBiometrics
import Testing

@Suite struct PortraitImageTests {
    @Test func readsBaselineJPEG() throws {
        let image = try PortraitImage(parsing: PortraitFixtures.baselineJPEG)
        #expect(image.format == .jpeg(.baseline))
        #expect(image.width == 480)
        #expect(image.height == 640)
        #expect(image.byteCount == PortraitFixtures.baselineJPEG.count)
        #expect(image.hasEndMarker)
    }

    @Test func readsProgressiveJPEGSkippingEmbeddedThumbnail() throws {
        let image = try PortraitImage(parsing: PortraitFixtures.progressiveJPEG)
        #expect(image.format == .jpeg(.progressive))
        #expect(image.width == 600)
        #expect(image.height == 800)
    }

    @Test func readsPNG() throws {
        let image = try PortraitImage(parsing: PortraitFixtures.png)
        #expect(image.format == .png)
        #expect(image.width == 480)
        #expect(image.height == 640)
        #expect(image.hasEndMarker)
        #expect(try !PortraitImage(parsing: PortraitFixtures.png.dropLast(12)).hasEndMarker)
    }

    @Test func refusesOtherFormats() {
        #expect(throws: PortraitImageError.empty) { try PortraitImage(parsing: []) }
        #expect(throws: PortraitImageError.unsupportedFormat(name: "GIF")) {
            try PortraitImage(parsing: Array("GIF89a".utf8) + [0x01, 0x00, 0x01, 0x00])
        }
        #expect(throws: PortraitImageError.unsupportedFormat(name: "BMP")) { try PortraitImage(parsing: Array("BM".utf8) + [0, 0, 0, 0]) }
        #expect(throws: PortraitImageError.unsupportedFormat(name: "HEIF/AVIF")) {
            try PortraitImage(parsing: [0, 0, 0, 0x18] + Array("ftypheic".utf8))
        }
        #expect(throws: PortraitImageError.unrecognisedFormat(leadingBytes: Array("hello".utf8))) {
            try PortraitImage(parsing: Array("hello".utf8))
        }
    }

    @Test func refusesBrokenJPEG() throws {
        let jpeg = PortraitFixtures.baselineJPEG
        // Lossless SOF3 in place of SOF0 (offset 28 is the C0 of FF C0).
        #expect(throws: PortraitImageError.unsupportedJPEGCoding(marker: 0xC3)) { try PortraitImage(parsing: patched(jpeg, 28, 0xC3)) }
        // Scan before any frame header: SOI then SOS.
        #expect(throws: PortraitImageError.missingJPEGFrameHeader) {
            try PortraitImage(parsing: [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00])
        }
        // Cut inside the APP0 segment.
        #expect(throws: PortraitImageError.truncated(offset: 12, expected: "the rest of a 16-byte JPEG segment starting at 4")) {
            try PortraitImage(parsing: jpeg.prefix(12))
        }
        // A non-marker byte where a marker must be (offset 20 follows APP0).
        #expect(throws: PortraitImageError.malformedJPEG(offset: 20, reason: "expected a marker (FF), found 00")) {
            try PortraitImage(parsing: patched(jpeg, 20, 0x00))
        }
        // Segment length below 2.
        #expect(throws: PortraitImageError.malformedJPEG(offset: 4, reason: "segment length 1 is below 2")) {
            try PortraitImage(parsing: patched(jpeg, 4, 0x00, 0x01))
        }
        // Height 0 (to be defined by a DNL marker): refused.
        #expect(throws: PortraitImageError.zeroDimension(width: 480, height: 0)) { try PortraitImage(parsing: patched(jpeg, 32, 0x00, 0x00)) }
        #expect(try !PortraitImage(parsing: jpeg.dropLast(2)).hasEndMarker)
    }

    @Test func refusesBrokenPNG() {
        let png = PortraitFixtures.png
        #expect(throws: PortraitImageError.pngHeaderChecksumMismatch(stored: 0xCBAA_3C05, computed: 0x5252_E5B0)) {
            try PortraitImage(parsing: patched(png, 19, 0xDF))  // width 479 without fixing the CRC
        }
        #expect(throws: PortraitImageError.missingPNGHeader(foundChunk: "IDAT")) {
            try PortraitImage(parsing: patched(png, 12, 0x49, 0x44, 0x41, 0x54))
        }
        #expect(throws: PortraitImageError.invalidPNGHeader(reason: "bit depth 16 is not allowed with colour type 3")) {
            try PortraitImage(parsing: PortraitFixtures.paletteDepth16PNG)
        }
        #expect(throws: PortraitImageError.truncated(offset: 20, expected: "the PNG IHDR chunk")) {
            try PortraitImage(parsing: png.prefix(20))
        }
    }

    @Test func randomBytesAfterSignaturesNeverTrap() {
        var random = SplitMix64(seed: 42)
        for round in 0 ..< 5_000 {
            var bytes = [PortraitFixtures.baselineJPEG, PortraitFixtures.progressiveJPEG, PortraitFixtures.png][round % 3]
            for _ in 0 ..< Int.random(in: 1 ... 3, using: &random) {
                let index = Int.random(in: 0 ..< bytes.count, using: &random)
                if Bool.random(using: &random) {
                    bytes[index] = UInt8.random(in: 0 ... 255, using: &random)
                } else {
                    bytes.removeLast(bytes.count - index)
                }
                if bytes.isEmpty { break }
            }
            _ = try? PortraitImage(parsing: bytes)
        }
    }
}
