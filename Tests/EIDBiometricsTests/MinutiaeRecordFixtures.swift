// Hand-written records, one field per line, laid out from the standards' tables (not from the encoder):
//
// ISO/IEC 19794-2:2005 record header (24 bytes)          ANSI/INCITS 378-2004 record header (26 or 30)
//   0  4  format identifier "FMR\0"                         0  4  format identifier "FMR\0"
//   4  4  version " 20\0"                                   4  4  version " 20\0"
//   8  4  record length, big-endian                         8  2  record length (or 0000 + 4 bytes)
//  12  2  capture equipment: compliance(4) + ID(12)        10  4  CBEFF product ID: owner(2) + type(2)
//  14  2  image width    16 2 image height                 14  2  capture equipment: compliance(4) + ID(12)
//  18  2  x resolution   20 2 y resolution (px/cm)         16  2 width 18 2 height 20 2 x res 22 2 y res
//  22  1  number of finger views  23 1 reserved            24  1  number of finger views  25 1 reserved
// Finger view: position(1), view number(4 bits) + impression type(4 bits), finger quality(1), count(1)
// Minutia (6): type(2 bits)+x(14), reserved(2 bits)+y(14), angle(1), quality(1)
//   angle: ISO units of 360/256 degree; ANSI units of 2 degrees (0...179)
// Extended data: area length(2), then blocks of type(2) + length(2) + data; the block length counts
//   the data only in ISO, the data plus the 4-byte block header in ANSI.

enum Fixtures {
    /// ISO, one view, three minutiae (one of each type), no extended data. 48 bytes.
    static let isoOneView = hexBytes("""
        46 4D 52 00  // format identifier "FMR\\0"
        20 32 30 00  // version " 20\\0"
        00 00 00 30  // record length 48
        10 5A        // compliance 1, equipment ID 0x05A = 90
        01 90        // image width 400
        01 F4        // image height 500
        00 C5        // x resolution 197 px/cm (500 dpi)
        00 C5        // y resolution 197 px/cm
        01           // 1 finger view
        00           // reserved
        // view 0 (offset 24)
        07           // finger position 7: left index
        00           // view number 0, impression 0 (live-scan plain)
        50           // finger quality 80
        03           // 3 minutiae
        40 64        // minutia 0 (offset 28): type 01 ridge ending, x 100
        00 C8        //   y 200
        40           //   angle 64 = 90 degrees
        5A           //   quality 90
        80 FA        // minutia 1 (offset 34): type 10 bifurcation, x 250
        01 36        //   y 310
        C0           //   angle 192 = 270 degrees
        3C           //   quality 60
        01 8F        // minutia 2 (offset 40): type 00 other, x 399 (last column)
        01 F3        //   y 499 (last row)
        00           //   angle 0
        00           //   quality 0 (not reported)
        00 00        // extended data length 0 (offset 46)
        """)

    /// ISO, two views of the right index finger; the first carries two extended data blocks. 67 bytes.
    static let isoTwoViewsExtended = hexBytes("""
        46 4D 52 00  // format identifier
        20 32 30 00  // version
        00 00 00 43  // record length 67
        00 00        // compliance 0, equipment ID 0
        02 00        // image width 512
        02 58        // image height 600
        00 C5        // x resolution 197
        00 C5        // y resolution 197
        02           // 2 finger views
        00           // reserved
        // view 0 (offset 24)
        02           // finger position 2: right index
        01           // view number 0, impression 1 (live-scan rolled)
        46           // finger quality 70
        02           // 2 minutiae
        40 0A        // minutia 0 (offset 28): ridge ending, x 10
        00 14        //   y 20
        80           //   angle 128 = 180 degrees
        64           //   quality 100
        81 FF        // minutia 1 (offset 34): bifurcation, x 511
        02 57        //   y 599
        FF           //   angle 255 = 358.59375 degrees
        01           //   quality 1
        00 0D        // extended data length 13 (offset 40)
        01 00        // block 0 (offset 42): type 0x0100 (vendor-defined)
        00 03        //   length 3 (data only)
        AA BB CC     //   data
        00 02        // block 1 (offset 49): type 0x0002 (core and delta)
        00 02        //   length 2
        12 34        //   data
        // view 1 (offset 55)
        02           // finger position 2: right index
        10           // view number 1, impression 0
        37           // finger quality 55
        01           // 1 minutia
        00 00        // minutia 0 (offset 59): type 00 other, x 0
        00 00        //   y 0
        01           //   angle 1 = 1.40625 degrees
        32           //   quality 50
        00 00        // extended data length 0 (offset 65)
        """)

    /// `isoOneView` followed by four bytes of zero padding (tolerated).
    static let isoOneViewPadded = isoOneView + [0x00, 0x00, 0x00, 0x00]

    /// ANSI 378-2004, 2-byte length, one view with two minutiae and a ridge-count block. 52 bytes.
    static let ansiOneView = hexBytes("""
        46 4D 52 00  // format identifier "FMR\\0"
        20 32 30 00  // version " 20\\0"
        00 34        // record length 52 (2-byte form)
        00 33        // CBEFF product identifier owner 0x0033
        00 01        // CBEFF product identifier type 0x0001
        80 12        // compliance 8, equipment ID 0x012 = 18
        01 F4        // image width 500
        02 26        // image height 550
        00 C5        // x resolution 197
        00 C5        // y resolution 197
        01           // 1 finger view
        00           // reserved
        // view 0 (offset 26)
        06           // finger position 6: left thumb
        00           // view number 0, impression 0
        5A           // finger quality 90
        02           // 2 minutiae
        41 2C        // minutia 0 (offset 30): ridge ending, x 300
        01 90        //   y 400
        2D           //   angle 45 x 2 = 90 degrees
        50           //   quality 80
        80 05        // minutia 1 (offset 36): bifurcation, x 5
        02 25        //   y 549
        B3           //   angle 179 x 2 = 358 degrees
        00           //   quality 0
        00 08        // extended data length 8 (offset 42)
        00 01        // block 0 (offset 44): type 0x0001 (ridge count)
        00 08        //   length 8 (ANSI: includes this 4-byte header)
        00 01 02 05  //   data: method 0, ridge count 5 between minutiae 1 and 2
        """)

    /// `ansiOneView` as ISO/IEC 19794-2:2005, derived by hand: the CBEFF product identifier dropped,
    /// angles converted (90° = 64 units; 358° = 254.58 units, rounded to 255), the block length counting
    /// data only. 50 bytes.
    static let ansiOneViewAsISO = hexBytes("""
        46 4D 52 00  // format identifier
        20 32 30 00  // version
        00 00 00 32  // record length 50
        80 12        // compliance 8, equipment ID 18
        01 F4        // image width 500
        02 26        // image height 550
        00 C5 00 C5  // resolutions 197, 197
        01 00        // 1 view, reserved
        06 00 5A 02  // left thumb, view 0 live-scan plain, quality 90, 2 minutiae
        41 2C 01 90 40 50  // ridge ending (300, 400), angle 64 (90 degrees), quality 80
        80 05 02 25 FF 00  // bifurcation (5, 549), angle 255 (358.6 degrees), quality 0
        00 08        // extended data length 8
        00 01 00 04  // type 0x0001, length 4 (data only)
        00 01 02 05  // data
        """)
}
