import EIDBiometrics
import Foundation

/// Synthetic impressions and transformations shared by the matcher and pre-filter tests.
enum FingerprintTestData {
    /// `fingers` synthetic fingers × `impressions` impressions, via ISO bytes.
    static func templates(fingers: Int, impressions: Int = 2, seed: UInt64 = 0x7E57) -> [[FingerprintTemplate]] {
        SyntheticImpressionSet(seed: seed).templates(fingers: 0 ..< fingers, impressions: impressions)
    }

    /// The view turned counter-clockwise by `degrees` about (200, 250) and moved by (dx, dy), angles
    /// turned with it, done here on the minutiae themselves (not with the generator).
    static func transformed(_ view: FingerView, degrees: Double, dx: Double, dy: Double) -> FingerView {
        let theta = degrees * .pi / 180
        var moved = view
        moved.minutiae = view.minutiae.map { minutia in
            let x = Double(minutia.x) - 200, y = Double(minutia.y) - 250
            // Counter-clockwise on screen with y pointing down.
            let newX = 200 + x * cos(theta) + y * sin(theta) + dx
            let newY = 250 - x * sin(theta) + y * cos(theta) + dy
            var result = minutia
            result.x = UInt16(max(0, newX.rounded()))
            result.y = UInt16(max(0, newY.rounded()))
            result.angle = MinutiaAngle(degrees: minutia.angle.degrees + degrees)!
            return result
        }
        return moved
    }
}
