// Hand-written image headers. Only the structures the header reader walks are real; scan data and
// pixel data are token bytes. PNG CRCs were computed independently (Python's zlib.crc32).

enum PortraitFixtures {
    /// Baseline JPEG, 480 wide x 640 high.
    static let baselineJPEG = hexBytes("""
        FF D8                          // SOI (offset 0)
        FF E0 00 10                    // APP0 (offset 2), length 16
        4A 46 49 46 00 01 01 00 00 01 00 01 00 00  // "JFIF\\0", version 1.1, no units, density 1x1, no thumbnail
        FF FE 00 05 61 62 63           // COM (offset 20), length 5, "abc"
        FF C0 00 11                    // SOF0 (offset 27; baseline), length 17
        08                             //   precision 8 bits
        02 80                          //   height 640 (offset 32)
        01 E0                          //   width 480
        03                             //   3 components
        01 22 00  02 11 01  03 11 01   //   component id, sampling, quantisation table
        FF DA 00 0C 03 01 00 02 11 03 11 00 3F 00  // SOS, length 12
        12 34 56 FF 00 78              // entropy-coded data (FF 00 is a stuffed FF)
        FF D9                          // EOI
        """)

    /// Progressive JPEG, 600 x 800, with an EXIF segment holding a thumbnail's own SOF0 (160 x 120),
    /// which must be skipped, and fill bytes before the frame header.
    static let progressiveJPEG = hexBytes("""
        FF D8                          // SOI
        FF E1 00 11                    // APP1, length 17 (2 + 6 + 9)
        45 78 69 66 00 00              //   "Exif\\0\\0"
        FF C0 00 11 08 00 78 00 A0     //   a thumbnail's SOF0 (height 120, width 160) inside the payload
        FF FF FF                       // fill bytes
        FF C2 00 0B                    // SOF2 (progressive), length 11
        08                             //   precision 8
        03 20                          //   height 800
        02 58                          //   width 600
        01 01 11 00                    //   1 component
        FF DA 00 08 01 01 00 00 3F 00  // SOS, length 8
        AB CD                          // entropy-coded data
        FF D9                          // EOI
        """)

    /// PNG, 480 x 640, 8-bit RGB; IHDR then IEND (no IDAT: the header reader does not look for it).
    static let png = hexBytes("""
        89 50 4E 47 0D 0A 1A 0A        // PNG signature
        00 00 00 0D                    // IHDR length 13
        49 48 44 52                    // "IHDR"
        00 00 01 E0                    //   width 480
        00 00 02 80                    //   height 640
        08 02 00 00 00                 //   bit depth 8, colour type 2 (RGB), compression 0, filter 0, interlace 0
        CB AA 3C 05                    //   CRC-32 of "IHDR" + data
        00 00 00 00 49 45 4E 44 AE 42 60 82  // IEND
        """)

    /// PNG, 479 x 640 (one pixel too narrow).
    static let narrowPNG = hexBytes("""
        89 50 4E 47 0D 0A 1A 0A
        00 00 00 0D 49 48 44 52
        00 00 01 DF 00 00 02 80        // width 479, height 640
        08 02 00 00 00
        52 52 E5 B0                    // CRC-32
        00 00 00 00 49 45 4E 44 AE 42 60 82
        """)

    /// PNG with bit depth 16 for colour type 3 (palette), which allows at most 8.
    static let paletteDepth16PNG = hexBytes("""
        89 50 4E 47 0D 0A 1A 0A
        00 00 00 0D 49 48 44 52
        00 00 01 E0 00 00 02 80
        10 03 00 00 00                 // bit depth 16, colour type 3
        23 86 87 23                    // CRC-32 (correct, so the field check is what fails)
        00 00 00 00 49 45 4E 44 AE 42 60 82
        """)
}
