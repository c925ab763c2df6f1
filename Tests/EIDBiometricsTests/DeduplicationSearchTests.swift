@testable import EIDBiometrics
import Testing

/// A fingerprint side for tests: each enrolled person has one "finger" identity number; the probe
/// scores 80 against the same identity and 5 against any other; the pre-filter returns the people with
/// the probe's identity (when `prefilterWorks`).
struct FakeFingerprints: DeduplicationFingerprints {
    var identities: [Int]
    var prefilterWorks = true

    func prefilterCandidates(_ probe: Int, limit: Int) -> [Int] {
        prefilterWorks ? Array(identities.indices.filter { identities[$0] == probe }.prefix(limit)) : []
    }

    func fingerScores(_ probe: Int, people: [Int]) -> [[FingerScore]] {
        people.map { person in
            [FingerScore(position: .rightIndex, score: identities[person] == probe ? 80 : 5),
             FingerScore(position: .leftIndex, score: identities[person] == probe ? 70 : 3)]
        }
    }
}

@Suite struct DeduplicationSearchTests {
    let population = SyntheticFacePopulation(variation: FaceCaptureVariation(typicalNoise: 0.6 ... 0.6, poorCaptureRate: 0))
    let policy = FusionPolicy(faceCalibration: .linear(scorePerDecade: 0.05, maximumEvidence: 8))

    func search(prefilterWorks: Bool = true) throws -> DeduplicationSearch<FakeFingerprints> {
        let population = self.population
        let faces = try FaceGallery(parameters: FaceSearchParameters(coarseDimension: 64, rerankCount: 100), count: 2_000) {
            population.face(seed: UInt64($0)).capture(seed: 1)
        }
        return DeduplicationSearch(faces: faces, fingerprints: FakeFingerprints(identities: Array(0 ..< 2_000), prefilterWorks: prefilterWorks),
                                   policy: policy, faceShortlist: 10, fingerprintShortlist: 10, gallerySize: 1_000_000)
    }

    @Test func findsADuplicateByFaceAndFingerprints() throws {
        let search = try search()
        let result = search.search(face: try search.faces.probe(population.face(seed: 77).capture(seed: 2)), fingerprints: 77)
        #expect(result.outcome == .duplicate)
        #expect(result.candidates[0].person == 77)
        #expect(result.candidates[0].sources == [.face, .fingerprintPrefilter])
        #expect(result.matches.map(\.person) == [77])
        #expect(result.duplicateThreshold == 9)
    }

    @Test func aDuplicateWithADifferentFaceIsFoundByTheFingerprintPrefilter() throws {
        let search = try search()
        // Person 77 enrolls again with someone else's face (seed 5,000 is not enrolled).
        let result = search.search(face: try search.faces.probe(population.face(seed: 5_000).capture(seed: 2)), fingerprints: 77)
        let found = try #require(result.candidates.first { $0.person == 77 })
        #expect(found.sources == [.fingerprintPrefilter])
        #expect(result.outcome == .duplicate)
    }

    @Test func aNewPersonIsClear() throws {
        let search = try search()
        let result = search.search(face: try search.faces.probe(population.face(seed: 9_999).capture(seed: 2)), fingerprints: -1)
        #expect(result.outcome == .clear)
        #expect(result.candidates.count == 10)  // the face shortlist, all compared in full
        #expect(result.matches.isEmpty)
    }

    @Test func aFaceMatchAloneIsNeverADuplicate() throws {
        let search = try search(prefilterWorks: false)
        // The same face as person 12, but fingerprints of nobody enrolled.
        let result = search.search(face: try search.faces.probe(population.face(seed: 12).capture(seed: 2)), fingerprints: -1)
        #expect(result.candidates.first?.person == 12)
        #expect(result.outcome == .clear)
    }
}
