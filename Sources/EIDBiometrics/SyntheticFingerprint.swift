internal import Foundation

/// A synthetic finger: a master minutiae set laid on a ridge-like orientation field, from which
/// reproducible impressions (captures) are drawn. No real biometric data is involved.
///
/// Master set: a pattern class (arch, left/right loop, whorl) fixes cores and deltas; the ridge
/// orientation everywhere follows the zero-pole model of Sherlock and Monro (1993),
/// θ(z) = θ₀ + ½ Σ arg(z − coreᵢ) − ½ Σ arg(z − deltaⱼ), so it is smooth except at the singular points.
/// 40...60 minutiae (about the density of a 400 x 500 live-scan plain impression at 500 dpi) are
/// placed by dart throwing with a minimum spacing of 12 pixels (more than one ridge period, ~9 px)
/// inside an elliptical finger area; each points along the local ridge orientation, in one of its two
/// directions (rounded to the ISO unit of 360/256°); about 55% are ridge endings, 40% bifurcations, 5% "other".
///
/// Impressions apply, in order: a random rotation about the image centre and translation, a smooth
/// sinusoidal displacement field (skin elasticity), Gaussian position and angle noise, random loss
/// of minutiae, partial contact (a random half-plane of the finger missing), spurious minutiae (inside
/// the finger area in contact, along the ridge flow), and occasional ending/bifurcation confusion;
/// minutiae falling outside the image are dropped.
/// Everything is drawn from `SplitMix64` seeded by the given seeds, so the same seeds give the same
/// bytes on every machine.
public struct SyntheticFingerprint: Sendable, Hashable {
    /// The ridge pattern class.
    public enum Pattern: String, Sendable, Hashable, CaseIterable {
        case arch, leftLoop, rightLoop, whorl
    }

    /// Which finger this is.
    public let position: FingerPosition
    /// The pattern class.
    public let pattern: Pattern
    /// Capture image width in pixels (400).
    public let imageWidth: UInt16
    /// Capture image height in pixels (500).
    public let imageHeight: UInt16
    /// The finger's true minutiae, in master coordinates (the image frame of an ideal centred capture).
    public let masterMinutiae: [Minutia]

    private let cores: [Point]
    private let deltas: [Point]
    private let baseOrientation: Double

    struct Point: Sendable, Hashable {
        var x: Double
        var y: Double
    }

    /// Creates the master minutiae of a finger from `seed`. The image must be at least 100 x 100 pixels.
    public init(seed: UInt64, position: FingerPosition = .rightIndex, imageWidth: UInt16 = 400, imageHeight: UInt16 = 500) {
        precondition(imageWidth >= 100 && imageHeight >= 100, "synthetic fingerprint image must be at least 100 x 100")
        var random = SplitMix64(seed: seed)
        self.position = position
        self.imageWidth = imageWidth
        self.imageHeight = imageHeight
        let width = Double(imageWidth), height = Double(imageHeight)
        let pattern = Pattern.allCases[random.int(below: Pattern.allCases.count)]
        self.pattern = pattern

        let centre = Point(x: width * random.double(in: 0.42 ... 0.58), y: height * random.double(in: 0.38 ... 0.52))
        switch pattern {
        case .arch:
            // A core/delta pair almost on top of each other below the finger: a gentle arch.
            cores = [Point(x: centre.x, y: height * 1.05)]
            deltas = [Point(x: centre.x + random.double(in: -5 ... 5), y: height * 1.1)]
        case .leftLoop, .rightLoop:
            let side = pattern == .leftLoop ? 1.0 : -1.0
            cores = [centre]
            deltas = [Point(x: centre.x + side * width * random.double(in: 0.2 ... 0.3),
                            y: centre.y + height * random.double(in: 0.2 ... 0.3))]
        case .whorl:
            let spread = width * random.double(in: 0.03 ... 0.06)
            cores = [Point(x: centre.x - spread, y: centre.y), Point(x: centre.x + spread, y: centre.y + random.double(in: -8 ... 8))]
            let drop = height * random.double(in: 0.2 ... 0.28)
            deltas = [Point(x: centre.x - width * random.double(in: 0.25 ... 0.32), y: centre.y + drop),
                      Point(x: centre.x + width * random.double(in: 0.25 ... 0.32), y: centre.y + drop)]
        }
        baseOrientation = random.double(in: -0.15 ... 0.15)

        // Dart throwing inside the finger ellipse with a minimum spacing.
        let target = random.int(in: 40 ... 60)
        let semiX = width * Self.fingerSemiAxes.x, semiY = height * Self.fingerSemiAxes.y
        let ellipseCentre = Point(x: width / 2, y: height * 0.5)
        var points: [Point] = []
        var attempts = 0
        while points.count < target, attempts < 20_000 {
            attempts += 1
            let candidate = Point(x: random.double(in: 0 ... width - 1), y: random.double(in: 0 ... height - 1))
            let dx = (candidate.x - ellipseCentre.x) / semiX, dy = (candidate.y - ellipseCentre.y) / semiY
            guard dx * dx + dy * dy <= 1 else { continue }
            guard points.allSatisfy({ hypot($0.x - candidate.x, $0.y - candidate.y) >= 12 }) else { continue }
            points.append(candidate)
        }

        var minutiae: [Minutia] = []
        for point in points {
            let roll = random.unitDouble()
            let type: MinutiaType = roll < 0.55 ? .ridgeEnding : roll < 0.95 ? .bifurcation : .other
            var direction = Self.orientation(at: point, cores: cores, deltas: deltas, base: baseOrientation)
            if random.chance(0.5) { direction += .pi }
            minutiae.append(Minutia(type: type, x: UInt16(point.x), y: UInt16(point.y),
                                    angle: Self.angle(radians: direction), quality: UInt8(random.int(in: 45 ... 100))))
        }
        masterMinutiae = minutiae
    }

    /// The finger area: an ellipse centred in the image with these semi-axes (fractions of width, height).
    static let fingerSemiAxes = Point(x: 0.44, y: 0.45)

    /// Ridge orientation (radians, modulo π) at a point: the zero-pole model.
    static func orientation(at point: Point, cores: [Point], deltas: [Point], base: Double) -> Double {
        var theta = base
        // Image y grows downwards; angles are counter-clockwise, so flip y.
        for core in cores { theta += 0.5 * atan2(-(point.y - core.y), point.x - core.x) }
        for delta in deltas { theta -= 0.5 * atan2(-(point.y - delta.y), point.x - delta.x) }
        return theta
    }

    /// Ridge orientation (radians, modulo π, counter-clockwise from the x axis) at a master position.
    public func ridgeOrientation(x: Double, y: Double) -> Double {
        let theta = Self.orientation(at: Point(x: x, y: y), cores: cores, deltas: deltas, base: baseOrientation)
        let reduced = theta.truncatingRemainder(dividingBy: .pi)
        return reduced < 0 ? reduced + .pi : reduced
    }

    /// The nearest ISO/IEC 19794-2 angle (what a capture device would write), so generated
    /// templates survive encoding unchanged.
    static func angle(radians: Double) -> MinutiaAngle {
        let units = (radians * 128 / .pi).rounded()
        guard units.isFinite else { return MinutiaAngle(isoUnits: 0) }
        let reduced = Int(units.truncatingRemainder(dividingBy: 256))
        return MinutiaAngle(isoUnits: UInt8(reduced < 0 ? reduced + 256 : reduced))
    }

    /// One capture of this finger: a finger view drawn from `seed`.
    public func impression(seed: UInt64, variation: ImpressionVariation = ImpressionVariation(), viewNumber: UInt8 = 0) -> FingerView {
        var random = SplitMix64(seed: seed)
        let width = Double(imageWidth), height = Double(imageHeight)
        let centre = Point(x: width / 2, y: height / 2)
        let rotation = random.double(in: -1 ... 1) * variation.maximumRotationDegrees * .pi / 180
        let shift = Point(x: random.double(in: -1 ... 1) * variation.maximumTranslation,
                          y: random.double(in: -1 ... 1) * variation.maximumTranslation)
        // Smooth displacement: one sinusoid per axis with random wavelength and phase.
        let wavelength = Point(x: random.double(in: 250 ... 500), y: random.double(in: 250 ... 500))
        let phase = Point(x: random.double(in: 0 ... 2 * .pi), y: random.double(in: 0 ... 2 * .pi))
        // Partial contact: drop everything beyond a random line through the finger.
        let partial = random.chance(variation.partialRate)
        let cutAngle = random.double(in: 0 ... 2 * .pi)
        let cutOffset = random.double(in: variation.partialContact) * min(width, height)

        func inContact(_ point: Point) -> Bool {
            guard partial else { return true }
            return (point.x - centre.x) * cos(cutAngle) + (point.y - centre.y) * sin(cutAngle) < cutOffset
        }

        /// Where a master-frame point lands in this impression: skin distortion, then the rigid move.
        func place(_ master: Point) -> Point {
            var point = master
            point.x += variation.distortionAmplitude * sin(2 * .pi * point.y / wavelength.y + phase.x)
            point.y += variation.distortionAmplitude * sin(2 * .pi * point.x / wavelength.x + phase.y)
            let dx = point.x - centre.x, dy = point.y - centre.y
            // Counter-clockwise rotation on screen (y down): x' = x cos + y sin, y' = -x sin + y cos.
            return Point(x: centre.x + dx * cos(rotation) + dy * sin(rotation) + shift.x,
                         y: centre.y - dx * sin(rotation) + dy * cos(rotation) + shift.y)
        }

        var minutiae: [Minutia] = []
        for master in masterMinutiae {
            if random.chance(variation.missingRate) { continue }
            let masterPoint = Point(x: Double(master.x), y: Double(master.y))
            guard inContact(masterPoint) else { continue }
            var point = place(masterPoint)
            point.x += variation.positionNoise * Self.gaussian(&random)
            point.y += variation.positionNoise * Self.gaussian(&random)
            var type = master.type
            if type != .other, random.chance(variation.typeFlipRate) { type = type == .ridgeEnding ? .bifurcation : .ridgeEnding }
            let direction = master.angle.radians + rotation + variation.angleNoiseDegrees * .pi / 180 * Self.gaussian(&random)
            let quality = max(1, min(100, Int(master.quality) + random.int(in: -15 ... 10)))
            if let minutia = makeMinutia(type, point, direction, quality) { minutiae.append(minutia) }
        }

        // Spurious minutiae come from breaks and blots in the ridges the finger left, so they lie
        // inside the finger area in contact and follow the ridge flow (either way along it), like
        // real extractor errors; only their quality tends to be lower.
        let spurious = Int((Double(masterMinutiae.count) * variation.spuriousRate).rounded())
        let semiX = width * Self.fingerSemiAxes.x, semiY = height * Self.fingerSemiAxes.y
        var placed = 0, attempts = 0
        while placed < spurious, attempts < 50 * max(1, spurious) {
            attempts += 1
            let master = Point(x: random.double(in: 0 ... width - 1), y: random.double(in: 0 ... height - 1))
            let ex = (master.x - width / 2) / semiX, ey = (master.y - height / 2) / semiY
            guard ex * ex + ey * ey <= 1, inContact(master) else { continue }
            placed += 1
            let type: MinutiaType = random.chance(0.5) ? .ridgeEnding : .bifurcation
            var direction = ridgeOrientation(x: master.x, y: master.y) + rotation
                + variation.angleNoiseDegrees * .pi / 180 * Self.gaussian(&random)
            if random.chance(0.5) { direction += .pi }
            if let minutia = makeMinutia(type, place(master), direction, random.int(in: 5 ... 60)) { minutiae.append(minutia) }
        }
        // Extractors emit minutiae in no particular order; shuffle so order carries no identity.
        for index in stride(from: minutiae.count - 1, to: 0, by: -1) {
            minutiae.swapAt(index, random.int(below: index + 1))
        }
        let fingerQuality = UInt8(max(20, min(100, 40 + minutiae.count + random.int(in: -5 ... 5))))
        return FingerView(position: position, viewNumber: viewNumber, impressionType: .liveScanPlain,
                          fingerQuality: fingerQuality, minutiae: minutiae)
    }

    /// One capture as an ISO/IEC 19794-2:2005 template (one view, 197 px/cm = 500 dpi).
    public func template(seed: UInt64, variation: ImpressionVariation = ImpressionVariation()) -> MinutiaeTemplate {
        MinutiaeTemplate(imageWidth: imageWidth, imageHeight: imageHeight,
                         views: [impression(seed: seed, variation: variation)])
    }

    private func makeMinutia(_ type: MinutiaType, _ point: Point, _ direction: Double, _ quality: Int) -> Minutia? {
        guard point.x >= 0, point.y >= 0, point.x < Double(imageWidth), point.y < Double(imageHeight) else { return nil }
        return Minutia(type: type, x: UInt16(point.x), y: UInt16(point.y), angle: Self.angle(radians: direction),
                       quality: UInt8(quality))
    }

    /// Standard normal deviate (Box–Muller).
    static func gaussian(_ random: inout SplitMix64) -> Double {
        let u = max(random.unitDouble(), 0x1p-53)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * random.unitDouble())
    }
}
