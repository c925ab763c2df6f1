import EIDBiometrics
import Testing

@Suite struct SyntheticFingerprintTests {
    @Test func isReproducibleFromSeeds() throws {
        let a = SyntheticFingerprint(seed: 7, position: .leftIndex)
        let b = SyntheticFingerprint(seed: 7, position: .leftIndex)
        #expect(a.masterMinutiae == b.masterMinutiae)
        #expect(try a.template(seed: 99).isoRecord() == b.template(seed: 99).isoRecord())
        #expect(a.impression(seed: 99) != a.impression(seed: 100))
        #expect(SyntheticFingerprint(seed: 8).masterMinutiae != a.masterMinutiae)
    }

    @Test func masterSetsHaveRealisticDensityAndSpacing() {
        var types: [MinutiaType: Int] = [:]
        var patterns: Set<SyntheticFingerprint.Pattern> = []
        for seed in UInt64(0) ..< 60 {
            let finger = SyntheticFingerprint(seed: seed)
            patterns.insert(finger.pattern)
            #expect((40 ... 60).contains(finger.masterMinutiae.count))
            for (index, minutia) in finger.masterMinutiae.enumerated() {
                types[minutia.type, default: 0] += 1
                #expect(minutia.x < 400 && minutia.y < 500)
                for other in finger.masterMinutiae[(index + 1)...] {
                    let dx = Double(minutia.x) - Double(other.x), dy = Double(minutia.y) - Double(other.y)
                    #expect((dx * dx + dy * dy).squareRoot() >= 10)  // 12 before truncation to whole pixels
                }
            }
        }
        let total = Double(types.values.reduce(0, +))
        #expect(abs(Double(types[.ridgeEnding, default: 0]) / total - 0.55) < 0.05)
        #expect(abs(Double(types[.bifurcation, default: 0]) / total - 0.40) < 0.05)
        #expect(patterns.count == SyntheticFingerprint.Pattern.allCases.count)
    }

    @Test func minutiaeFollowTheRidgeOrientation() {
        var aligned = 0, total = 0
        for seed in UInt64(100) ..< 120 {
            let finger = SyntheticFingerprint(seed: seed)
            for minutia in finger.masterMinutiae {
                let ridge = finger.ridgeOrientation(x: Double(minutia.x), y: Double(minutia.y))
                var difference = abs(minutia.angle.radians.truncatingRemainder(dividingBy: .pi) - ridge)
                difference = min(difference, .pi - difference)
                total += 1
                if difference < 5 * .pi / 180 { aligned += 1 }
            }
        }
        #expect(Double(aligned) / Double(total) > 0.9)
    }

    @Test func impressionWithoutVariationIsTheMasterSet() {
        let finger = SyntheticFingerprint(seed: 3)
        let view = finger.impression(seed: 1, variation: .none)
        struct Key: Hashable { let type: MinutiaType, x: UInt16, y: UInt16, angle: MinutiaAngle }
        let key = { (m: Minutia) in Key(type: m.type, x: m.x, y: m.y, angle: m.angle) }
        #expect(Set(view.minutiae.map(key)) == Set(finger.masterMinutiae.map(key)))
    }

    /// Share of `view`'s minutiae within `radius` pixels of some master minutia of `finger`.
    private func overlap(_ view: FingerView, _ finger: SyntheticFingerprint, radius: Double = 10) -> Double {
        let near = view.minutiae.filter { m in
            finger.masterMinutiae.contains { master in
                let dx = Double(m.x) - Double(master.x), dy = Double(m.y) - Double(master.y)
                return (dx * dx + dy * dy).squareRoot() <= radius
            }
        }
        return Double(near.count) / Double(max(1, view.minutiae.count))
    }

    @Test func impressionsVaryButStayRelatedToTheirFinger() throws {
        var unmoved = ImpressionVariation()
        unmoved.maximumRotationDegrees = 0
        unmoved.maximumTranslation = 0
        var genuine = 0.0, impostor = 0.0
        for seed in UInt64(0) ..< 20 {
            let finger = SyntheticFingerprint(seed: seed)
            let other = SyntheticFingerprint(seed: seed + 1000)
            let view = finger.impression(seed: seed, variation: unmoved)
            genuine += overlap(view, finger)
            impostor += overlap(view, other)
            // Default variation: a plausible, valid ISO template.
            let template = finger.template(seed: seed)
            #expect((20 ... 75).contains(template.views[0].minutiae.count))
            #expect(try MinutiaeTemplate(decoding: template.isoRecord()) == template)
        }
        #expect(genuine / 20 > 0.8)
        #expect(impostor / 20 < 0.6)
        #expect(genuine > impostor + 5)
    }

    @Test func mostDefaultImpressionsPassTheQualityGate() throws {
        let gate = BiometricQualityGate()
        var accepted = 0
        for seed in UInt64(0) ..< 40 {
            let records = try [FingerPosition.rightIndex, .leftIndex].map { position in
                try SyntheticFingerprint(seed: seed * 2 + UInt64(position.rawValue), position: position).template(seed: seed).isoRecord()
            }
            if gate.assessFingerprints(records).isAccepted { accepted += 1 }
        }
        #expect(accepted >= 36)
    }

    @Test func captureConditionsMixPoorImpressionsAndHardToCapturePeople() {
        let conditions = FingerCaptureConditions(poorCaptureRate: 0.1, hardToCaptureRate: 0.05)
        var hard = 0, poor = 0, total = 0
        for person in UInt64(0) ..< 2_000 {
            let personSeed = person &* 0x9E37_79B9_7F4A_7C15
            let isHard = conditions.isHardToCapture(personSeed: personSeed)
            if isHard { hard += 1 }
            for capture in UInt64(0) ..< 8 {
                let variation = conditions.variation(personSeed: personSeed, captureSeed: capture ^ personSeed << 3)
                if isHard { #expect(variation == .poor) }
                if variation == .poor { poor += 1 }
                total += 1
            }
        }
        #expect((60 ... 140).contains(hard), "\(hard) of 2000 hard to capture, expected about 100")
        // 5% of people always poor, and 10% of the rest's impressions.
        let expected = 0.05 + 0.95 * 0.1
        #expect(abs(Double(poor) / Double(total) - expected) < 0.02, "\(poor) of \(total) poor")
        for person in UInt64(0) ..< 200 {
            #expect(FingerCaptureConditions.typicalOnly.variation(personSeed: person, captureSeed: person) == ImpressionVariation())
        }
    }

    /// Poor impressions are harder for the matcher: genuine scores drop, measured on template bytes.
    @Test func poorImpressionsLowerGenuineScores() throws {
        var typical: [Double] = [], poor: [Double] = []
        for seed in UInt64(0) ..< 60 {
            let finger = SyntheticFingerprint(seed: 1_000 + seed)
            func template(_ capture: UInt64, _ variation: ImpressionVariation) throws -> FingerprintTemplate {
                let bytes = try finger.template(seed: seed << 4 | capture, variation: variation).isoRecord()
                return FingerprintTemplate.templates(of: try MinutiaeTemplate(decoding: bytes))[0]
            }
            let matcher = FingerprintMatcher(probe: try template(0, ImpressionVariation()))
            typical.append(matcher.match(try template(1, ImpressionVariation())))
            poor.append(matcher.match(try template(2, .poor)))
        }
        typical.sort()
        poor.sort()
        #expect(poor[30] < 0.7 * typical[30], "median genuine score: typical \(typical[30]), poor \(poor[30])")
        // A partial, poor capture still often matches: not every poor impression is lost.
        #expect(poor.filter { $0 >= 40 }.count >= 20)
        // The poor variation keeps most of the finger in contact when partial.
        #expect(ImpressionVariation.poor.partialContact.lowerBound >= 0)
    }
}
