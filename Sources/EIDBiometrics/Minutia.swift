/// One minutia: a ridge ending or bifurcation at a pixel position, with a direction and a quality.
public struct Minutia: Sendable, Hashable {
    /// Ridge ending, bifurcation or other.
    public var type: MinutiaType
    /// Horizontal position in pixels from the left edge of the image (14 bits in the record).
    public var x: UInt16
    /// Vertical position in pixels from the top edge of the image (14 bits in the record).
    public var y: UInt16
    /// Direction of the minutia.
    public var angle: MinutiaAngle
    /// Quality 0...100; 0 usually means the extractor did not report one.
    public var quality: UInt8

    public init(type: MinutiaType, x: UInt16, y: UInt16, angle: MinutiaAngle, quality: UInt8) {
        self.type = type
        self.x = x
        self.y = y
        self.angle = angle
        self.quality = quality
    }
}
