internal import Dispatch
internal import Foundation

/// Measures the biometric engine on a generated set (`eid bio eval`): genuine and impostor score
/// distributions of the face, one finger, all fingers and the fused decision; EER and FNMR at fixed
/// FMRs; the calibrations (measured on one half of the impostor pairs, checked on the other); int8
/// against float32 faces; decision rates at the policy's thresholds; timings; 1:N face search latency.
///
/// The set: `people` synthetic people, each with two face captures (`SyntheticFacePopulation`) and two
/// impressions of each of `fingers` fingers (`SyntheticFingerprint`, written to ISO/IEC 19794-2 bytes
/// and read back, as a capture device would deliver them). Capture 0 plays the record, capture 1 the
/// applicant. Genuine comparisons: each person's two captures. Impostor comparisons: `impostorPairs`
/// sampled pairs of different people (fingerprint matching is the expensive part); pairs (i, j) with
/// i + j even calibrate, the others are evaluated. Faces are cheap, so every pair of different people
/// is also compared by face.
public struct BiometricEvaluation: Sendable {
    public var people: Int
    public var fingers: Int
    public var impostorPairs: Int
    public var seed: UInt64
    public var threads: Int
    public var population: SyntheticFacePopulation
    /// How fingerprint impressions vary: typical, poor, and people who are hard to capture.
    public var fingerConditions: FingerCaptureConditions
    /// Gallery sizes for the 1:N face search measurement (none: skipped).
    public var searchGallerySizes: [Int]
    public var searchProbes: Int
    /// Thresholds (its calibrations are replaced by the measured ones).
    public var policy: FusionPolicy

    /// Finger positions used, in order.
    public static let positions: [FingerPosition] = [.rightIndex, .leftIndex, .rightThumb, .leftThumb, .rightMiddle,
                                                     .leftMiddle, .rightRing, .leftRing, .rightLittle, .leftLittle]
    static let faceEvidenceCap = 8.0
    static let fingerEvidenceCap = 10.0

    public init(people: Int = 2_000, fingers: Int = 4, impostorPairs: Int = 100_000, seed: UInt64 = 1, threads: Int = 2,
                population: SyntheticFacePopulation = SyntheticFacePopulation(),
                fingerConditions: FingerCaptureConditions = FingerCaptureConditions(), searchGallerySizes: [Int] = [],
                searchProbes: Int = 20,
                policy: FusionPolicy = FusionPolicy(faceCalibration: .linear(scorePerDecade: 0.05, maximumEvidence: 8)))
    {
        self.people = people
        self.fingers = fingers
        self.impostorPairs = impostorPairs
        self.seed = seed
        self.threads = threads
        self.population = population
        self.fingerConditions = fingerConditions
        self.searchGallerySizes = searchGallerySizes
        self.searchProbes = searchProbes
        self.policy = policy
    }

    /// One generated person.
    struct Subject: Sendable {
        var faces: [FaceEmbedding]
        var faceCodes: [FaceEmbeddingCode]
        /// `fingers[capture][finger]`.
        var fingers: [[FingerprintTemplate]]
        /// How the fingerprints were captured (the generator's record, for the report only).
        var hardToCapture = false
        var poorImpressions = 0
    }

    /// Runs the evaluation; `progress` hears what it is doing.
    public func run(progress: (String) -> Void = { _ in }) throws -> (report: BiometricEvaluationReport, scores: BiometricEvaluationScores) {
        precondition(people >= 20 && (1 ... 10).contains(fingers) && impostorPairs >= 2 * people / 10 && threads > 0)
        let started = DispatchTime.now().uptimeNanoseconds
        progress("generating \(people) people: 2 face captures, 2 impressions of \(fingers) finger(s) each")
        let subjects = try makeSubjects()

        // Impostor pairs: for each person, partners drawn at random among the others.
        var pairs: [(Int, Int)] = []
        var random = SplitMix64(seed: seed ^ 0x1A05_7012)
        let perPerson = (impostorPairs + people - 1) / people
        for i in 0 ..< people {
            for _ in 0 ..< perPerson where pairs.count < impostorPairs {
                pairs.append((i, (i + 1 + random.int(below: people - 1)) % people))
            }
        }

        progress("fingerprints: \(people * fingers) genuine and \(pairs.count * fingers) impostor comparisons")
        let fingerStart = DispatchTime.now().uptimeNanoseconds
        let finger = fingerScores(subjects, pairs: pairs)
        let fingerSeconds = Double(DispatchTime.now().uptimeNanoseconds - fingerStart) / 1e9
        let fingerComparisons = Double(people * fingers + pairs.count * fingers)

        progress("faces: \(people) genuine and \(people * (people - 1)) impostor comparisons (float32 and int8)")
        let face = faceScores(subjects)

        // Calibrate on the even half.
        let faceCalibration = ScoreCalibration.measured(impostorScores: face.crossEven, maximumEvidence: Self.faceEvidenceCap)
        let calibrationPairs = pairs.indices.filter { (pairs[$0].0 + pairs[$0].1) % 2 == 0 }
        let evaluationPairs = pairs.indices.filter { (pairs[$0].0 + pairs[$0].1) % 2 == 1 }
        let fingerCalibration = ScoreCalibration.measured(
            impostorScores: calibrationPairs.flatMap { finger.impostor[$0] }, maximumEvidence: Self.fingerEvidenceCap)
        var policy = self.policy
        policy.faceCalibration = faceCalibration
        policy.fingerprintCalibration = fingerCalibration

        // Evaluate on the odd half.
        let positions = Array(Self.positions.prefix(fingers))
        func evidence(face similarity: Float, fingers scores: [Double]) -> ComparisonEvidence {
            policy.evidence(faceSimilarity: Double(similarity),
                            fingers: zip(positions, scores).map { FingerScore(position: $0, score: $1) })
        }
        let genuineEvidence = (0 ..< people).map { evidence(face: face.genuineInt8[$0], fingers: finger.genuine[$0]) }
        let impostorEvidence = evaluationPairs.map { index in
            let (i, j) = pairs[index]
            return evidence(face: subjects[i].faceCodes[0].similarity(to: subjects[j].faceCodes[1]), fingers: finger.impostor[index])
        }

        var systems: [BiometricEvaluationScores.System] = []
        systems.append(.init(name: "face", stem: "face", genuine: face.genuineInt8.map(Double.init),
                             impostor: impostorEvidence.map { $0.faceSimilarity ?? 0 },
                             operatingThreshold: nil))
        systems.append(.init(name: "fingerprint (one finger)", stem: "finger", genuine: finger.genuine.flatMap { $0 },
                             impostor: evaluationPairs.flatMap { finger.impostor[$0] }, operatingThreshold: nil))
        let oneFinger = Array(positions.prefix(1))
        let genuineOne = (0 ..< people).map {
            policy.evidence(faceSimilarity: Double(face.genuineInt8[$0]), fingers: [FingerScore(position: oneFinger[0], score: finger.genuine[$0][0])])
        }
        let impostorOne = zip(evaluationPairs, impostorEvidence).map { index, full in
            policy.evidence(faceSimilarity: full.faceSimilarity, fingers: [FingerScore(position: oneFinger[0], score: finger.impostor[index][0])])
        }
        if fingers > 1 {
            systems.append(.init(name: "fused (face + one finger)", stem: "fused-one-finger", genuine: genuineOne.map(\.fusedEvidence),
                                 impostor: impostorOne.map(\.fusedEvidence), operatingThreshold: nil))
            systems.append(.init(name: "fingerprints (\(fingers) fingers)", stem: "fingerprints",
                                 genuine: genuineEvidence.map(\.fingerprintEvidence),
                                 impostor: impostorEvidence.map(\.fingerprintEvidence), operatingThreshold: nil))
        }
        systems.append(.init(name: fingers == 1 ? "fused (face + one finger)" : "fused (face + \(fingers) fingers)", stem: "fused",
                             genuine: genuineEvidence.map(\.fusedEvidence), impostor: impostorEvidence.map(\.fusedEvidence),
                             operatingThreshold: -log10(policy.verificationAcceptFMR)))
        systems.append(.init(name: "face (every pair)", stem: "face-all", genuine: face.genuineInt8.map(Double.init),
                             impostor: face.crossOdd, operatingThreshold: nil))
        let results = systems.map(Self.result)

        var checks = [
            Self.calibrationCheck("face (every pair)", face.crossOdd.map { faceCalibration.evidence($0) }),
            Self.calibrationCheck("fingerprint (one finger)", evaluationPairs.flatMap { finger.impostor[$0] }.map { fingerCalibration.evidence($0) }),
            // The matcher's own calibration (score = 10 · −log10 FMR), measured by its authors elsewhere.
            Self.calibrationCheck("one finger, matcher's score/10", evaluationPairs.flatMap { finger.impostor[$0] }.map { $0 / 10 }),
        ]
        if fingers > 1 {
            checks += [Self.calibrationCheck("fused (face + one finger)", impostorOne.map(\.fusedEvidence)),
                       Self.calibrationCheck("fingerprints (\(fingers) fingers)", impostorEvidence.map(\.fingerprintEvidence))]
        }
        checks.append(Self.calibrationCheck(systems.first { $0.stem == "fused" }!.name, impostorEvidence.map(\.fusedEvidence)))

        let quantisationFloat = MatchErrorRates(genuine: face.genuineFloat, impostor: face.crossFloat)
        let quantisationInt8 = MatchErrorRates(genuine: face.genuineInt8.map(Double.init), impostor: face.crossInt8All)
        let quantisation = BiometricEvaluationReport.Quantisation(
            comparisons: face.errorCount, maximumAbsoluteError: face.maximumError, meanAbsoluteError: face.errorSum / Double(face.errorCount),
            equalErrorRateFloat32: quantisationFloat.equalErrorRate.rate, equalErrorRateInt8: quantisationInt8.equalErrorRate.rate,
            fnmrAtFMR1e4Float32: quantisationFloat.falseNonMatchRate(atFalseMatchRate: 1e-4).rate,
            fnmrAtFMR1e4Int8: quantisationInt8.falseNonMatchRate(atFalseMatchRate: 1e-4).rate,
            bytesFloat32: 4 * population.dimension, bytesInt8: population.dimension + 4)

        let verification = Self.decisionRates(policy: policy, genuine: genuineEvidence, impostor: impostorEvidence)
        let dedupSize = 1_000_000
        let thresholds = policy.deduplicationThresholds(gallerySize: dedupSize)
        let deduplication = BiometricEvaluationReport.DeduplicationCheck(
            gallerySize: dedupSize, targetFPIR: policy.deduplicationFPIR, duplicateEvidence: thresholds.duplicate,
            reviewEvidence: thresholds.review,
            genuineDuplicateRate: share(genuineEvidence) {
                $0.fusedEvidence >= thresholds.duplicate && $0.fingerprintEvidence >= policy.minimumFingerprintEvidence
            },
            genuineReviewOrDuplicateRate: share(genuineEvidence) { $0.fusedEvidence >= thresholds.review },
            maximumImpostorEvidence: impostorEvidence.map(\.fusedEvidence).max() ?? 0,
            expectedFPIR: Double(dedupSize) * pow(10, -thresholds.duplicate))

        progress("timing 1:1 comparisons")
        let timing = BiometricEvaluationReport.Timing(
            faceComparisonsPerSecond: Self.faceComparisonRate(subjects),
            fingerprintComparisonsPerSecond: fingerComparisons / (fingerSeconds * Double(min(threads, ProcessInfo.processInfo.activeProcessorCount))),
            verificationsPerSecond: verificationRate(subjects, policy: policy),
            threads: threads, totalSeconds: 0)

        var search: [BiometricEvaluationReport.SearchLatency] = []
        for size in searchGallerySizes {
            progress("1:N face search over \(size) faces")
            search.append(try measureFaceSearch(gallerySize: size, probes: searchProbes))
        }

        var report = BiometricEvaluationReport(
            set: .init(people: people, fingersPerPerson: fingers, capturesPerPerson: 2, seed: seed, impostorPairs: pairs.count,
                       calibrationPairs: calibrationPairs.count, evaluationPairs: evaluationPairs.count,
                       faceCrossPairs: people * (people - 1), poorCaptureRate: fingerConditions.poorCaptureRate,
                       hardToCaptureRate: fingerConditions.hardToCaptureRate,
                       poorImpressions: subjects.reduce(0) { $0 + $1.poorImpressions },
                       hardToCapturePeople: subjects.filter(\.hardToCapture).count,
                       poorFaceCaptureRate: population.variation.poorCaptureRate),
            systems: results, calibrationChecks: checks, quantisation: quantisation, verification: verification,
            deduplication: deduplication, policy: policy, timing: timing, search: search)
        report.timing.totalSeconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return (report, BiometricEvaluationScores(systems: systems))
    }

    // MARK: - Generation

    func makeSubjects() throws -> [Subject] {
        let positions = Array(Self.positions.prefix(fingers))
        let ranges = ParallelWork.ranges(count: people, parts: threads * 4)
        let parts = ParallelWork.map(parts: ranges.count) { part -> Result<[Subject], any Error> in
            Result {
                try ranges[part].map { person in
                    let face = population.face(seed: Self.mix(seed, person, 0xFACE))
                    let captures = (0 ..< 2).map { face.capture(seed: Self.mix(seed, person, 0xCA00 + $0)) }
                    var fingers: [[FingerprintTemplate]] = [[], []]
                    let personSeed = Self.mix(seed, person, 0xF0F0)
                    var poorImpressions = 0
                    for (number, position) in positions.enumerated() {
                        let finger = SyntheticFingerprint(seed: Self.mix(seed, person, 0xF100 + number), position: position)
                        for capture in 0 ..< 2 {
                            let captureSeed = Self.mix(seed, person, 0xF200 + 16 * number + capture)
                            let isPoor = fingerConditions.isPoor(personSeed: personSeed, captureSeed: captureSeed)
                            if isPoor { poorImpressions += 1 }
                            let variation = isPoor ? fingerConditions.poor : fingerConditions.typical
                            let bytes = try finger.template(seed: captureSeed, variation: variation).isoRecord()
                            let templates = FingerprintTemplate.templates(of: try MinutiaeTemplate(decoding: bytes))
                            fingers[capture].append(templates[0])
                        }
                    }
                    return Subject(faces: captures, faceCodes: try captures.map { try FaceEmbeddingCode($0) }, fingers: fingers,
                                   hardToCapture: fingerConditions.isHardToCapture(personSeed: personSeed),
                                   poorImpressions: poorImpressions)
                }
            }
        }
        return try parts.flatMap { try $0.get() }
    }

    static func mix(_ seed: UInt64, _ person: Int, _ purpose: Int) -> UInt64 {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(person) &* 0xBF58_476D_1CE4_E5B9 ^ UInt64(purpose))
        return random.next()
    }

    // MARK: - Scoring

    /// Finger scores: `genuine[person][finger]`, `impostor[pair][finger]`.
    func fingerScores(_ subjects: [Subject], pairs: [(Int, Int)]) -> (genuine: [[Double]], impostor: [[Double]]) {
        var pairsByProbe = [[Int]](repeating: [], count: subjects.count)
        for (index, pair) in pairs.enumerated() { pairsByProbe[pair.0].append(index) }
        let ranges = ParallelWork.ranges(count: subjects.count, parts: threads * 4)
        let parts = ParallelWork.map(parts: ranges.count) { part in
            var genuine: [[Double]] = [], impostor: [(Int, [Double])] = []
            for person in ranges[part] {
                let matchers = subjects[person].fingers[0].map { FingerprintMatcher(probe: $0) }
                genuine.append(zip(matchers, subjects[person].fingers[1]).map { $0.match($1) })
                for index in pairsByProbe[person] {
                    let other = subjects[pairs[index].1].fingers[1]
                    impostor.append((index, zip(matchers, other).map { $0.match($1) }))
                }
            }
            return (genuine, impostor)
        }
        var impostor = [[Double]](repeating: [], count: pairs.count)
        for part in parts { for (index, scores) in part.1 { impostor[index] = scores } }
        return (parts.flatMap(\.0), impostor)
    }

    struct FaceScores {
        var genuineFloat: [Double] = []
        var genuineInt8: [Float] = []
        /// int8 similarity of every pair i ≠ j, split by parity of i + j.
        var crossEven: [Double] = []
        var crossOdd: [Double] = []
        var crossFloat: [Double] = []
        var crossInt8All: [Double] = []
        var maximumError = 0.0
        var errorSum = 0.0
        var errorCount = 0
    }

    func faceScores(_ subjects: [Subject]) -> FaceScores {
        let ranges = ParallelWork.ranges(count: subjects.count, parts: threads * 4)
        let parts = ParallelWork.map(parts: ranges.count) { part in
            var scores = FaceScores()
            for i in ranges[part] {
                scores.genuineFloat.append(subjects[i].faces[0].cosineSimilarity(to: subjects[i].faces[1]))
                scores.genuineInt8.append(subjects[i].faceCodes[0].similarity(to: subjects[i].faceCodes[1]))
                for j in subjects.indices where j != i {
                    let quantised = Double(subjects[i].faceCodes[0].similarity(to: subjects[j].faceCodes[1]))
                    let exact = subjects[i].faces[0].cosineSimilarity(to: subjects[j].faces[1])
                    if (i + j) % 2 == 0 { scores.crossEven.append(quantised) } else { scores.crossOdd.append(quantised) }
                    scores.crossFloat.append(exact)
                    scores.crossInt8All.append(quantised)
                    let error = abs(quantised - exact)
                    scores.maximumError = max(scores.maximumError, error)
                    scores.errorSum += error
                    scores.errorCount += 1
                }
            }
            return scores
        }
        var all = FaceScores()
        for part in parts {
            all.genuineFloat += part.genuineFloat
            all.genuineInt8 += part.genuineInt8
            all.crossEven += part.crossEven
            all.crossOdd += part.crossOdd
            all.crossFloat += part.crossFloat
            all.crossInt8All += part.crossInt8All
            all.maximumError = max(all.maximumError, part.maximumError)
            all.errorSum += part.errorSum
            all.errorCount += part.errorCount
        }
        return all
    }

    // MARK: - Analysis

    static func result(_ system: BiometricEvaluationScores.System) -> BiometricEvaluationReport.SystemResult {
        let rates = MatchErrorRates(genuine: system.genuine, impostor: system.impostor)
        let eer = rates.equalErrorRate
        return BiometricEvaluationReport.SystemResult(
            name: system.name, stem: system.stem, equalErrorRate: eer.rate, equalErrorThreshold: eer.threshold,
            operatingPoints: [1e-2, 1e-3, 1e-4].map { target in
                let point = rates.falseNonMatchRate(atFalseMatchRate: target)
                return .init(falseMatchRate: target, falseNonMatchRate: point.rate, threshold: point.threshold,
                             measurable: point.measurable)
            },
            genuine: .init(system.genuine), impostor: .init(system.impostor))
    }

    static func calibrationCheck(_ name: String, _ impostorEvidence: [Double]) -> BiometricEvaluationReport.CalibrationCheck {
        let count = Double(impostorEvidence.count)
        let levels = stride(from: 1.0, through: 7, by: 1).compactMap { level -> BiometricEvaluationReport.CalibrationCheck.Level? in
            guard pow(10, -level) * count >= 1 else { return nil }
            let reaching = impostorEvidence.filter { $0 >= level }.count
            return .init(evidence: level, nominalFMR: pow(10, -level), measuredFMR: Double(reaching) / count, count: reaching)
        }
        return .init(system: name, impostorCount: impostorEvidence.count, levels: levels)
    }

    static func decisionRates(policy: FusionPolicy, genuine: [ComparisonEvidence], impostor: [ComparisonEvidence])
        -> BiometricEvaluationReport.DecisionRates
    {
        func rates(_ evidence: [ComparisonEvidence]) -> [VerificationDecision.Outcome: Double] {
            var counts: [VerificationDecision.Outcome: Double] = [:]
            for item in evidence { counts[policy.verify(item).outcome, default: 0] += 1 }
            return counts.mapValues { $0 / Double(max(1, evidence.count)) }
        }
        let g = rates(genuine), i = rates(impostor)
        return .init(genuineAccept: g[.accept] ?? 0, genuineReview: g[.review] ?? 0, genuineReject: g[.reject] ?? 0,
                     impostorAccept: i[.accept] ?? 0, impostorReview: i[.review] ?? 0, impostorReject: i[.reject] ?? 0,
                     acceptEvidence: -log10(policy.verificationAcceptFMR), rejectEvidence: -log10(policy.verificationRejectFMR))
    }

    // MARK: - Timing

    static func faceComparisonRate(_ subjects: [Subject]) -> Double {
        let codes = subjects.map { $0.faceCodes[1] }
        let probe = subjects[0].faceCodes[0]
        var sink: Float = 0
        let rounds = max(1, 400_000 / codes.count)
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0 ..< rounds { for code in codes { sink += probe.similarity(to: code) } }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return sink.isNaN ? 0 : Double(rounds * codes.count) / seconds
    }

    func verificationRate(_ subjects: [Subject], policy: FusionPolicy) -> Double {
        let count = min(subjects.count, 200)
        let samples = subjects.prefix(count).map { subject in
            (BiometricSample(face: subject.faceCodes[1], fingers: subject.fingers[1]),
             BiometricSample(face: subject.faceCodes[0], fingers: subject.fingers[0]))
        }
        var accepted = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for (applicant, record) in samples where policy.verify(applicant: applicant, record: record).outcome == .accept {
            accepted += 1
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return accepted >= 0 ? Double(count) / seconds : 0
    }

    /// Builds a gallery of `gallerySize` synthetic faces and times top-10 searches of `probes` new
    /// captures of enrolled people (two-stage and exhaustive), with the mate's presence in each top 10.
    public func measureFaceSearch(gallerySize: Int, probes: Int) throws -> BiometricEvaluationReport.SearchLatency {
        let population = self.population, seed = self.seed
        let buildStart = DispatchTime.now().uptimeNanoseconds
        let gallery = try FaceGallery(parameters: FaceSearchParameters(dimension: population.dimension, threads: threads),
                                      count: gallerySize, threads: threads) { index in
            population.face(seed: Self.mix(seed, index, 0x6A11)).capture(seed: Self.mix(seed, index, 0x6A12))
        }
        let buildSeconds = Double(DispatchTime.now().uptimeNanoseconds - buildStart) / 1e9
        var twoStage: [Double] = [], exhaustive: [Double] = []
        var hits = 0, exhaustiveHits = 0, overlap = 0
        for number in 0 ..< probes {
            let mate = Int(Self.mix(seed, number, 0x6A13) % UInt64(gallerySize))
            let probe = try gallery.probe(population.face(seed: Self.mix(seed, mate, 0x6A11)).capture(seed: Self.mix(seed, number, 0x6A14)))
            var start = DispatchTime.now().uptimeNanoseconds
            let found = gallery.search(probe, top: 10)
            twoStage.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            start = DispatchTime.now().uptimeNanoseconds
            let exact = gallery.exhaustiveSearch(probe, top: 10)
            exhaustive.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            if found.contains(where: { $0.index == mate }) { hits += 1 }
            if exact.contains(where: { $0.index == mate }) { exhaustiveHits += 1 }
            overlap += Set(found.map(\.index)).intersection(exact.map(\.index)).count
        }
        twoStage.sort()
        exhaustive.sort()
        return .init(gallerySize: gallerySize, probes: probes, buildSeconds: buildSeconds,
                     medianMilliseconds: twoStage[probes / 2], p95Milliseconds: twoStage[min(probes - 1, probes * 95 / 100)],
                     exhaustiveMedianMilliseconds: exhaustive[probes / 2],
                     mateInTop10: Double(hits) / Double(probes), mateInTop10Exhaustive: Double(exhaustiveHits) / Double(probes),
                     top10Overlap: Double(overlap) / Double(10 * probes), bytesPerEntry: gallery.bytesPerEntry)
    }
}

private func share<T>(_ items: [T], _ predicate: (T) -> Bool) -> Double {
    Double(items.filter(predicate).count) / Double(max(1, items.count))
}
