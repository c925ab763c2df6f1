@testable import EIDBiometrics
import Testing

@Suite struct FaceEmbeddingCodeTests {
    let population = SyntheticFacePopulation()

    @Test func int8CosineIsCloseToFloat32Cosine() throws {
        var worst = 0.0
        for seed in UInt64(0) ..< 60 {
            let a = population.face(seed: seed).capture(seed: 1), b = population.face(seed: seed % 7).capture(seed: 2)
            let exact = a.cosineSimilarity(to: b)
            let quantised = Double(try FaceEmbeddingCode(a).similarity(to: try FaceEmbeddingCode(b)))
            worst = max(worst, abs(exact - quantised))
        }
        // Step 1/127 of the largest component: per-component error ≈ 3·10⁻⁴, summed over 512 components.
        #expect(worst < 0.004)
        #expect(worst > 0)  // it really is quantised
    }

    @Test func identicalVectorsHaveSimilarityOne() throws {
        let code = try FaceEmbeddingCode(population.face(seed: 3).capture(seed: 4))
        #expect(abs(code.similarity(to: code) - 1) < 1e-6)
        #expect(code.components.contains(127) || code.components.contains(-127))
        let opposite = try FaceEmbeddingCode(values: population.face(seed: 3).capture(seed: 4).values.map { -$0 })
        #expect(abs(code.similarity(to: opposite) + 1) < 1e-6)
    }

    @Test func onlyTheDirectionMatters() throws {
        let values = population.face(seed: 5).identity
        let a = try FaceEmbeddingCode(values: values), b = try FaceEmbeddingCode(values: values.map { $0 * 37 })
        #expect(a == b)
    }

    @Test func storedBytesRoundTrip() throws {
        let code = try FaceEmbeddingCode(population.face(seed: 9).capture(seed: 1))
        let bytes = code.storedBytes
        #expect(bytes.count == 516)
        #expect(try FaceEmbeddingCode(storedBytes: bytes, dimension: 512) == code)
    }

    @Test func badInputIsRefused() {
        #expect(throws: FaceCodeError.zeroVector) { try FaceEmbeddingCode(values: [0, 0, 0]) }
        #expect(throws: FaceCodeError.nonFinite(index: 2)) { try FaceEmbeddingCode(values: [1, 0, .nan, 1]) }
        #expect(throws: FaceCodeError.nonFinite(index: 0)) { try FaceEmbeddingCode(values: [.infinity, 1]) }
        #expect(throws: FaceCodeError.badStoredLength(expected: 516, actual: 10)) {
            try FaceEmbeddingCode(storedBytes: [UInt8](repeating: 1, count: 10), dimension: 512)
        }
        #expect(throws: FaceCodeError.badStoredScale) {
            try FaceEmbeddingCode(storedBytes: [0, 0, 0, 0, 1, 2], dimension: 2)  // scale 0
        }
        #expect(FaceCodeError.zeroVector.description == "the face embedding is all zeros")
    }
}

@Suite struct FaceProjectionTests {
    @Test func keepingEveryCoordinateIsARotation() {
        let projection = FaceProjection(inputDimension: 512, outputDimension: 512, seed: 7)
        let face = SyntheticFacePopulation().face(seed: 1)
        let rotated = projection.project(face.identity)
        let norm = rotated.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-4)
        // Orthogonal: dot products are preserved too.
        let other = SyntheticFacePopulation().face(seed: 2).identity
        let before = zip(face.identity, other).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        let after = zip(rotated, projection.project(other)).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(abs(before - after) < 1e-4)
    }

    @Test func spreadsAConcentratedVectorOverAllCoordinates() {
        var spike = [Float](repeating: 0, count: 300)  // not a power of two: padded to 512
        spike[17] = 1
        let projected = FaceProjection(inputDimension: 300, outputDimension: 128).project(spike)
        #expect(projected.allSatisfy { abs(abs($0) - 1 / Float(512).squareRoot()) < 1e-6 })
    }

    @Test func truncatedCosineEstimatesTheFullCosine() throws {
        let population = SyntheticFacePopulation()
        let projection = FaceProjection(inputDimension: 512, outputDimension: 128)
        var errors: [Double] = []
        for seed in UInt64(0) ..< 100 {
            let face = population.face(seed: seed)
            let a = face.capture(seed: 1), b = face.capture(seed: 2)
            let full = a.cosineSimilarity(to: b)
            let reduced = FaceEmbedding(values: projection.project(a.values)).cosineSimilarity(to: FaceEmbedding(values: projection.project(b.values)))
            errors.append(reduced - full)
        }
        let mean = errors.reduce(0, +) / Double(errors.count)
        let spread = (errors.reduce(0) { $0 + $1 * $1 } / Double(errors.count)).squareRoot()
        #expect(abs(mean) < 0.02)  // unbiased
        #expect(spread < 0.09 && spread > 0.01)  // ≈ √((1 − c²)/128) for c ≈ 0.6: 0.07
    }

    @Test func isDeterminedByTheSeed() {
        let values = SyntheticFacePopulation().face(seed: 4).identity
        #expect(FaceProjection(inputDimension: 512, outputDimension: 64, seed: 1).project(values)
            == FaceProjection(inputDimension: 512, outputDimension: 64, seed: 1).project(values))
        #expect(FaceProjection(inputDimension: 512, outputDimension: 64, seed: 1).project(values)
            != FaceProjection(inputDimension: 512, outputDimension: 64, seed: 2).project(values))
    }
}

@Suite struct SyntheticFaceTests {
    @Test func isReproducibleAndUnitLength() {
        let population = SyntheticFacePopulation()
        let a = population.face(seed: 11).capture(seed: 5), b = population.face(seed: 11).capture(seed: 5)
        #expect(a == b)
        #expect(abs(a.l2Norm - 1) < 1e-5)
        #expect(population.face(seed: 11).capture(seed: 6) != a)
        #expect(a.values.count == 512)
    }

    @Test func genuineSimilarityFollowsTheNoiseModel() {
        // Fixed noise σ = 1 for every capture: expected cosine 1 / (1 + σ²) = 0.5.
        let population = SyntheticFacePopulation(variation: FaceCaptureVariation(typicalNoise: 1 ... 1, poorCaptureRate: 0))
        var sum = 0.0
        for seed in UInt64(0) ..< 200 {
            let face = population.face(seed: seed)
            sum += face.capture(seed: 1).cosineSimilarity(to: face.capture(seed: 2))
        }
        #expect(abs(sum / 200 - 0.5) < 0.01)
        let exact = SyntheticFacePopulation(variation: .none).face(seed: 3)
        #expect(exact.capture(seed: 1).values == exact.identity)
    }

    @Test func lookAlikeGroupsRaiseImpostorSimilarity() {
        let population = SyntheticFacePopulation(groupSimilarity: 0.2)
        let faces = (UInt64(0) ..< 400).map { population.face(seed: $0) }
        var same: [Double] = [], different: [Double] = []
        for i in 0 ..< 200 {
            let a = faces[i], b = faces[i + 200]
            let similarity = FaceEmbedding(values: a.identity).cosineSimilarity(to: FaceEmbedding(values: b.identity))
            if a.group == b.group { same.append(similarity) } else { different.append(similarity) }
        }
        #expect(!same.isEmpty)
        #expect(abs(same.reduce(0, +) / Double(same.count) - 0.2) < 0.03)
        #expect(abs(different.reduce(0, +) / Double(different.count)) < 0.02)
    }
}
