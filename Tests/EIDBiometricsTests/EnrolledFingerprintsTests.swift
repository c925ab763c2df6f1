@testable import EIDBiometrics
import Testing

/// De-duplication with the real fingerprint matcher and pre-filter.
@Suite struct EnrolledFingerprintsTests {
    static let positions: [FingerPosition] = [.rightIndex, .leftIndex]
    static let people = 200

    static func template(person: Int, finger: Int, capture: Int) throws -> FingerprintTemplate {
        let position = positions[finger]
        let synthetic = SyntheticFingerprint(seed: UInt64(person * 10 + finger) &* 0x9E37_79B9, position: position)
        let bytes = try synthetic.template(seed: UInt64(capture * 1_000_003 + person * 7 + finger)).isoRecord()
        return FingerprintTemplate.templates(of: try MinutiaeTemplate(decoding: bytes))[0]
    }

    static func probe(person: Int, capture: Int = 1) throws -> FingerprintSearchProbe {
        FingerprintSearchProbe(templates: try (0 ..< positions.count).map { try template(person: person, finger: $0, capture: capture) })
    }

    static let enrolled: EnrolledFingerprints = {
        var enrolled = EnrolledFingerprints(positions: positions)
        for person in 0 ..< people {
            let templates = (0 ..< positions.count).compactMap { try? template(person: person, finger: $0, capture: 0) }
            enrolled.append(FingerprintEnrollment(templates: templates))
        }
        return enrolled
    }()

    @Test func storedTemplatesComeBackIntact() throws {
        let original = try Self.template(person: 17, finger: 1, capture: 0)
        #expect(Self.enrolled.template(person: 17, slot: 1) == original)
        #expect(Self.enrolled.count == Self.people)
        // Two fingers: 2 × 130 bytes of codes, and 12 + 6 per minutia (40–60 master minutiae) each.
        #expect(Self.enrolled.bytesPerPerson > 2 * 130 + 2 * 200 && Self.enrolled.bytesPerPerson < 2 * 130 + 2 * 500)
    }

    @Test func thePrefilterAndTheMatcherFindTheSameFingers() throws {
        let probe = try Self.probe(person: 42)
        #expect(Self.enrolled.prefilterCandidates(probe, limit: 10).contains(42))
        let scores = Self.enrolled.fingerScores(probe, people: [41, 42, 43])
        #expect(scores.count == 3)
        #expect(scores[1].map(\.position) == Self.positions)
        #expect(scores[1].allSatisfy { $0.score > 40 })  // genuine: FMR well below 10⁻⁴ per finger
        #expect(scores[0].allSatisfy { $0.score < 40 } && scores[2].allSatisfy { $0.score < 40 })
    }

    @Test func aDuplicateHidingBehindAnotherFaceIsStillFound() throws {
        let population = SyntheticFacePopulation()
        let faces = try FaceGallery(parameters: FaceSearchParameters(coarseDimension: 64, rerankCount: 50), count: Self.people) {
            population.face(seed: UInt64($0)).capture(seed: 1)
        }
        let search = DeduplicationSearch(faces: faces, fingerprints: Self.enrolled,
                                         policy: FusionPolicy(faceCalibration: .linear(scorePerDecade: 0.05, maximumEvidence: 8)),
                                         faceShortlist: 5, fingerprintShortlist: 5, gallerySize: 1_000_000)
        // Person 99's fingers with a face nobody enrolled has.
        let hidden = search.search(face: try faces.probe(population.face(seed: 77_777).capture(seed: 2)),
                                   fingerprints: try Self.probe(person: 99))
        #expect(hidden.outcome == .duplicate)
        #expect(hidden.candidates.first?.person == 99)
        #expect(hidden.candidates.first?.sources == [.fingerprintPrefilter])
        // Somebody new: a new face and fingers of a person not enrolled.
        let newcomer = search.search(face: try faces.probe(population.face(seed: 88_888).capture(seed: 2)),
                                     fingerprints: try Self.probe(person: Self.people + 5))
        #expect(newcomer.outcome == .clear)
    }
}

@Suite struct BiometricVerificationTests {
    let policy = FusionPolicy(faceCalibration: .linear(scorePerDecade: 0.05, maximumEvidence: 8))
    let population = SyntheticFacePopulation(variation: FaceCaptureVariation(typicalNoise: 0.6 ... 0.6, poorCaptureRate: 0))

    func sample(person: Int, capture: Int, face: Int? = nil) throws -> BiometricSample {
        try BiometricSample(face: population.face(seed: UInt64(face ?? person)).capture(seed: UInt64(capture)),
                            fingers: (0 ..< 2).map { try EnrolledFingerprintsTests.template(person: person, finger: $0, capture: capture) })
    }

    @Test func theSamePersonIsAcceptedAndSomeoneElseRejected() throws {
        let record = try sample(person: 3, capture: 0)
        let same = policy.verify(applicant: try sample(person: 3, capture: 1), record: record)
        #expect(same.outcome == .accept)
        #expect(same.evidence.fingers.map(\.position) == [.rightIndex, .leftIndex])
        let other = policy.verify(applicant: try sample(person: 4, capture: 1), record: record)
        #expect(other.outcome == .reject)
    }

    @Test func aLookAlikeWithOtherFingersIsNotAccepted() throws {
        // Person 5's face, person 6's fingers, against person 5's record.
        let decision = policy.verify(applicant: try sample(person: 6, capture: 1, face: 5), record: try sample(person: 5, capture: 0))
        #expect(decision.outcome != .accept)
        #expect((decision.evidence.faceEvidence ?? 0) >= 8)
    }

    @Test func aRecordWithoutFingerprintsGoesToReview() throws {
        var record = try sample(person: 7, capture: 0)
        record.fingers = []
        let decision = policy.verify(applicant: try sample(person: 7, capture: 1), record: record)
        #expect(decision.outcome == .review && decision.reason == .noFingerprints)
    }
}
