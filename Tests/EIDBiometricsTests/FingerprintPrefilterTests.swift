import EIDBiometrics
import Testing

@Suite struct FingerprintPrefilterTests {
    static let positions: [FingerPosition] = [.rightIndex, .leftIndex]
    /// 300 persons with two fingers, two impressions each.
    static let people = SyntheticImpressionSet(seed: 0xF117, positions: positions)
        .templates(fingers: 0 ..< 600, impressions: 2)

    static func codes(person: Int, impression: Int) -> [FingerprintPrefilterCode] {
        (0 ..< 2).map { FingerprintPrefilterCode(template: people[2 * person + $0][impression]) }
    }

    static let gallery: FingerprintGallery = {
        var gallery = FingerprintGallery(positions: positions)
        for person in 0 ..< people.count / 2 { gallery.append(codes(person: person, impression: 1)) }
        return gallery
    }()

    @Test func codesDoNotDependOnPlacement() {
        let finger = SyntheticFingerprint(seed: 77)
        let view = finger.impression(seed: 3)
        let code = FingerprintPrefilterCode(template: FingerprintTemplate(view: view))
        let moved = FingerprintPrefilterCode(template: FingerprintTemplate(
            view: FingerprintTestData.transformed(view, degrees: 70, dx: 300, dy: 250)))
        // Rounding to whole pixels and ISO angle units moves a few pairs across cell borders.
        #expect(Double(code.sharedBits(with: moved)) >= 0.8 * Double(code.bitsSet))
        #expect(code.bitsSet > 60 && code.bitsSet < 400)
    }

    @Test func matesShareMoreThanStrangers() {
        var mates: [Double] = [], strangers: [Double] = []
        for person in 0 ..< 100 {
            let probe = Self.codes(person: person, impression: 0)[0]
            mates.append(probe.similarity(to: Self.codes(person: person, impression: 1)[0]))
            strangers.append(probe.similarity(to: Self.codes(person: (person + 1) % 100, impression: 1)[0]))
        }
        mates.sort()
        strangers.sort()
        #expect(mates[50] > strangers[50] + 3)
        #expect(mates[10] > strangers[90])
    }

    /// Recall on genuine mates: each person's first impressions searched among everyone's second ones.
    @Test func searchFindsMatesAmongTheTopCandidates() {
        var hitsAt1 = 0, hitsAt10 = 0
        for person in 0 ..< Self.people.count / 2 {
            let found = Self.gallery.search(Self.codes(person: person, impression: 0), topK: 10).map(\.row)
            if found.first == person { hitsAt1 += 1 }
            if found.contains(person) { hitsAt10 += 1 }
        }
        #expect(Double(hitsAt1) / 300 >= 0.85, "recall@1 \(hitsAt1)/300")
        #expect(Double(hitsAt10) / 300 >= 0.97, "recall@10 \(hitsAt10)/300")
    }

    @Test func resultsAreOrderedAndTheSameOnAnyNumberOfThreads() {
        let probe = Self.codes(person: 7, impression: 0)
        let one = Self.gallery.search(probe, topK: 25, threads: 1)
        let several = Self.gallery.search(probe, topK: 25, threads: 3)
        #expect(one == several)
        #expect(one.count == 25)
        #expect(zip(one, one.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(Set(one.map(\.row)).count == 25)
        #expect(Self.gallery.search(probe, topK: 1000).count == 300)
    }

    @Test func fingersAreComparedOnlyWithTheSameFinger() {
        var gallery = FingerprintGallery(positions: [.rightIndex, .leftIndex])
        let right = Self.codes(person: 0, impression: 1)[0], left = Self.codes(person: 0, impression: 1)[1]
        gallery.append([right])  // only a right index
        gallery.append([left])   // only a left index
        #expect(gallery.count == 2)
        let probeRight = Self.codes(person: 0, impression: 0)[0]
        let found = gallery.search([probeRight], topK: 5)
        // Person 1 has no right index finger: nothing to compare, so not a candidate at all.
        #expect(found.map(\.row) == [0])
        #expect(gallery.search([], topK: 5).isEmpty)
        #expect(FingerprintGallery(positions: [.leftThumb]).search([probeRight], topK: 5).isEmpty)
    }

    @Test func codesSerialize() {
        let code = Self.codes(person: 3, impression: 0)[1]
        let bytes = code.serialized()
        #expect(bytes.count == 133)
        #expect(FingerprintPrefilterCode(serialized: bytes) == code)
        #expect(FingerprintPrefilterCode(serialized: bytes.dropLast()) == nil)
        var bad = bytes
        bad[3] = 9
        #expect(FingerprintPrefilterCode(serialized: bad) == nil)
        bad = bytes
        bad[4] = 42
        #expect(FingerprintPrefilterCode(serialized: bad) == nil)
    }

    /// Storage is in blocks of 4,096 persons: rows past the first block keep their codes and are found.
    @Test func rowsBeyondTheFirstStorageBlockAreStoredAndFound() {
        var gallery = FingerprintGallery(positions: Self.positions)
        let rows = 4096 + 700
        for row in 0 ..< rows { gallery.append(Self.codes(person: row % 300, impression: 1)) }
        #expect(gallery.count == rows)
        for row in [0, 4095, 4096, 4097, rows - 1] {
            #expect(gallery.codes(ofRow: row) == Self.codes(person: row % 300, impression: 1))
        }
        // Person 42's codes are stored in rows 42, 342, ..., 4542: identical scores, ties by row.
        let found = gallery.search(Self.codes(person: 42, impression: 0), topK: 16, threads: 2).map(\.row)
        #expect(found == Array(stride(from: 42, to: rows, by: 300)))
    }
}
