@testable import EIDBiometrics
import Testing

@Suite struct FaceGalleryTests {
    let population = SyntheticFacePopulation(variation: FaceCaptureVariation(typicalNoise: 0.5 ... 0.8, poorCaptureRate: 0))
    let parameters = FaceSearchParameters(coarseDimension: 64, rerankCount: 50, threads: 2)

    func gallery(_ count: Int) throws -> FaceGallery {
        let population = self.population
        return try FaceGallery(parameters: parameters, count: count) { population.face(seed: UInt64($0)).capture(seed: 1) }
    }

    @Test func findsTheMateFirst() throws {
        let gallery = try gallery(3_000)
        #expect(gallery.count == 3_000)
        for mate in [0, 1, 1_234, 2_999] {
            let probe = try gallery.probe(population.face(seed: UInt64(mate)).capture(seed: 99))
            let found = gallery.search(probe, top: 10)
            #expect(found.count == 10)
            #expect(found[0].index == mate)
            #expect(zip(found, found.dropFirst()).allSatisfy { $0.similarity >= $1.similarity })
            #expect(found[0].similarity == gallery.similarity(probe, mate))
        }
    }

    @Test func twoStageSearchEqualsExhaustiveWhenEverythingIsReranked() throws {
        var parameters = self.parameters
        parameters.rerankCount = 500
        let population = self.population
        let gallery = try FaceGallery(parameters: parameters, count: 500) { population.face(seed: UInt64($0)).capture(seed: 1) }
        let probe = try gallery.probe(population.face(seed: 10_000).capture(seed: 2))  // not enrolled
        #expect(gallery.search(probe, top: 20) == gallery.exhaustiveSearch(probe, top: 20))
    }

    @Test func exhaustiveSearchIsExact() throws {
        let gallery = try gallery(700)
        let probe = try gallery.probe(population.face(seed: 5).capture(seed: 3))
        let all = (0 ..< gallery.count).map { FaceCandidate(index: $0, similarity: gallery.similarity(probe, $0)) }
            .sorted(by: FaceCandidate.ranksBefore)
        #expect(gallery.exhaustiveSearch(probe, top: 15) == Array(all.prefix(15)))
    }

    @Test func bulkBuildEqualsAppendingOneByOne() throws {
        let bulk = try gallery(300)
        var single = FaceGallery(parameters: parameters)
        for index in 0 ..< 300 { try single.append(population.face(seed: UInt64(index)).capture(seed: 1)) }
        for index in [0, 150, 299] { #expect(bulk.code(at: index) == single.code(at: index)) }
        let probe = try bulk.probe(population.face(seed: 42).capture(seed: 8))
        #expect(bulk.search(probe, top: 5) == single.search(probe, top: 5))
        #expect(bulk.bytesPerEntry == 512 + 64 + 8)
    }

    @Test func refusesEmbeddingsOfTheWrongLength() {
        var gallery = FaceGallery(parameters: parameters)
        #expect(throws: FaceCodeError.dimensionMismatch(expected: 512, actual: 3)) {
            try gallery.append(FaceEmbedding(values: [1, 2, 3]))
        }
        #expect(gallery.count == 0)
        #expect(gallery.search(try! FaceGallery(parameters: parameters).probe(population.face(seed: 1).capture(seed: 1)), top: 3).isEmpty)
    }

    @Test func topCandidatesKeepsTheBest() {
        var top = TopFaceCandidates(capacity: 4)
        var random = SplitMix64(seed: 3)
        var all: [FaceCandidate] = []
        for index in 0 ..< 1_000 {
            let candidate = FaceCandidate(index: index, similarity: Float(random.int(below: 100)))
            all.append(candidate)
            top.insert(candidate)
        }
        #expect(top.sorted() == Array(all.sorted(by: FaceCandidate.ranksBefore).prefix(4)))
    }
}
