/// Every enrolled face, held in memory for 1:N search, as int8 codes in two contiguous tables.
///
/// Per entry: the full `FaceEmbeddingCode` (one byte per component plus a 4-byte scale) and a coarse
/// code: the embedding rotated by `FaceProjection`, truncated to `coarseDimension`, renormalised and
/// quantised the same way (128 + 4 bytes by default). A search scans every coarse code (a memory-bound
/// pass: 132 MB for a million entries, split over `threads`), keeps the `rerankCount` best, re-scores
/// those with the full codes and returns the top k. `exhaustiveSearch` scores every full code, the
/// exact reference the two-stage search's recall is measured against.
///
/// Entries are numbered from 0 in the order added; callers map positions to people.
public struct FaceGallery: Sendable {
    public let parameters: FaceSearchParameters
    public let projection: FaceProjection
    private var full: [Int8] = []
    private var fullScales: [Float] = []
    private var coarse: [Int8] = []
    private var coarseScales: [Float] = []

    /// An empty gallery.
    public init(parameters: FaceSearchParameters = FaceSearchParameters()) {
        precondition(parameters.dimension > 0 && parameters.coarseDimension > 0 && parameters.rerankCount > 0
            && parameters.threads > 0, "bad face search parameters")
        self.parameters = parameters
        projection = FaceProjection(inputDimension: parameters.dimension, outputDimension: parameters.coarseDimension,
                                    seed: parameters.projectionSeed)
    }

    /// A gallery of `count` entries whose embeddings `embedding(index)` supplies, coded on `threads`
    /// threads (the closure is called once per index, from several threads at once).
    public init(parameters: FaceSearchParameters = FaceSearchParameters(), count: Int, threads: Int = 2,
                embedding: @Sendable (Int) -> FaceEmbedding) throws(FaceCodeError)
    {
        self.init(parameters: parameters)
        let ranges = ParallelWork.ranges(count: count, parts: max(1, threads) * 8)
        let template = self
        let parts = ParallelWork.map(parts: ranges.count) { part -> Result<FaceGallery, FaceCodeError> in
            var chunk = FaceGallery(parameters: template.parameters)
            chunk.reserveCapacity(ranges[part].count)
            do throws(FaceCodeError) {
                for index in ranges[part] { try chunk.append(embedding(index)) }
            } catch {
                return .failure(error)
            }
            return .success(chunk)
        }
        reserveCapacity(count)
        for part in parts {
            let chunk = try part.get()
            full += chunk.full
            fullScales += chunk.fullScales
            coarse += chunk.coarse
            coarseScales += chunk.coarseScales
        }
    }

    /// Number of entries.
    public var count: Int { fullScales.count }

    /// Bytes held per entry (full code, coarse code, their scales).
    public var bytesPerEntry: Int { parameters.dimension + parameters.coarseDimension + 8 }

    public mutating func reserveCapacity(_ capacity: Int) {
        full.reserveCapacity(capacity * parameters.dimension)
        coarse.reserveCapacity(capacity * parameters.coarseDimension)
        fullScales.reserveCapacity(capacity)
        coarseScales.reserveCapacity(capacity)
    }

    /// Codes a face for searching this gallery (or comparing with its entries).
    public func probe(_ embedding: FaceEmbedding) throws(FaceCodeError) -> FaceSearchProbe {
        guard embedding.values.count == parameters.dimension else {
            throw .dimensionMismatch(expected: parameters.dimension, actual: embedding.values.count)
        }
        let code = try FaceEmbeddingCode(embedding)
        return FaceSearchProbe(code: code, coarse: try FaceEmbeddingCode(values: projection.project(embedding.values)))
    }

    /// Adds a face; returns its position.
    @discardableResult
    public mutating func append(_ embedding: FaceEmbedding) throws(FaceCodeError) -> Int {
        try append(probe(embedding))
    }

    /// Adds an already coded face; returns its position.
    @discardableResult
    public mutating func append(_ probe: FaceSearchProbe) throws(FaceCodeError) -> Int {
        guard probe.code.dimension == parameters.dimension else {
            throw .dimensionMismatch(expected: parameters.dimension, actual: probe.code.dimension)
        }
        guard probe.coarse.dimension == parameters.coarseDimension else {
            throw .dimensionMismatch(expected: parameters.coarseDimension, actual: probe.coarse.dimension)
        }
        full += probe.code.components
        fullScales.append(probe.code.scale)
        coarse += probe.coarse.components
        coarseScales.append(probe.coarse.scale)
        return count - 1
    }

    /// The full code stored at `index`.
    public func code(at index: Int) -> FaceEmbeddingCode {
        let start = index * parameters.dimension
        return FaceEmbeddingCode(components: Array(full[start ..< start + parameters.dimension]), scale: fullScales[index])
    }

    /// Cosine similarity of the probe and entry `index` (full codes).
    public func similarity(_ probe: FaceSearchProbe, _ index: Int) -> Float {
        let dimension = parameters.dimension
        return Float(FaceEmbeddingCode.dot(full, index * dimension, probe.code.components, 0, count: dimension))
            * fullScales[index] * probe.code.scale
    }

    /// The `k` entries most similar to the probe, best first: a coarse scan of every entry keeps the
    /// `rerankCount` best, which are re-scored with the full codes.
    public func search(_ probe: FaceSearchProbe, top k: Int) -> [FaceCandidate] {
        precondition(k > 0)
        guard count > 0 else { return [] }
        let shortlist = scan(keep: max(k, parameters.rerankCount)) { gallery, index in
            gallery.coarseSimilarity(probe, index)
        }
        var best = TopFaceCandidates(capacity: k)
        for candidate in shortlist {
            best.insert(FaceCandidate(index: candidate.index, similarity: similarity(probe, candidate.index)))
        }
        return best.sorted()
    }

    /// The `k` entries most similar to the probe by full codes, scoring every entry (the exact reference).
    public func exhaustiveSearch(_ probe: FaceSearchProbe, top k: Int) -> [FaceCandidate] {
        precondition(k > 0)
        guard count > 0 else { return [] }
        return scan(keep: k) { gallery, index in gallery.similarity(probe, index) }
    }

    private func coarseSimilarity(_ probe: FaceSearchProbe, _ index: Int) -> Float {
        let dimension = parameters.coarseDimension
        return Float(FaceEmbeddingCode.dot(coarse, index * dimension, probe.coarse.components, 0, count: dimension))
            * coarseScales[index]
    }

    /// Scores every entry on `threads` threads and keeps the `keep` best (merged, best first).
    private func scan(keep: Int, score: (FaceGallery, Int) -> Float) -> [FaceCandidate] {
        let ranges = ParallelWork.ranges(count: count, parts: parameters.threads)
        let parts = ParallelWork.map(parts: ranges.count) { part in
            var best = TopFaceCandidates(capacity: keep)
            var threshold = best.threshold
            for index in ranges[part] {
                let value = score(self, index)
                if value > threshold {
                    best.insert(FaceCandidate(index: index, similarity: value))
                    threshold = best.threshold
                }
            }
            return best.heap
        }
        var merged = TopFaceCandidates(capacity: keep)
        for part in parts { for candidate in part { merged.insert(candidate) } }
        return merged.sorted()
    }
}
