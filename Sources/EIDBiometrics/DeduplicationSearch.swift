/// 1:N de-duplication of an applicant against every enrolled person: a face shortlist and a
/// fingerprint pre-filter shortlist, each drawn from the whole gallery, are merged and every candidate
/// is compared in full (face and fingerprints) and judged by `FusionPolicy`. Because the fingerprint
/// pre-filter supplies candidates of its own, a face that fails (poor capture, disguise, a different
/// person's photo) cannot hide a duplicate.
public struct DeduplicationSearch<Fingerprints: DeduplicationFingerprints>: Sendable {
    /// Enrolled faces; position i is the same person as position i of `fingerprints`.
    public let faces: FaceGallery
    public let fingerprints: Fingerprints
    public var policy: FusionPolicy
    /// Candidates taken from the face search. Default 50.
    public var faceShortlist: Int
    /// Candidates taken from the fingerprint pre-filter. Default 50.
    public var fingerprintShortlist: Int
    /// Number of enrolled people (for the thresholds); defaults to the face gallery's size.
    public var gallerySize: Int

    public init(faces: FaceGallery, fingerprints: Fingerprints, policy: FusionPolicy, faceShortlist: Int = 50,
                fingerprintShortlist: Int = 50, gallerySize: Int? = nil)
    {
        self.faces = faces
        self.fingerprints = fingerprints
        self.policy = policy
        self.faceShortlist = faceShortlist
        self.fingerprintShortlist = fingerprintShortlist
        self.gallerySize = gallerySize ?? faces.count
    }

    /// Searches for the applicant. `face` is nil when the applicant has no usable face.
    public func search(face: FaceSearchProbe?, fingerprints probe: Fingerprints.Probe) -> DeduplicationResult {
        var sources: [Int: DeduplicationResult.Sources] = [:]
        var faceSimilarity: [Int: Float] = [:]
        if let face, faceShortlist > 0 {
            for candidate in faces.search(face, top: faceShortlist) {
                sources[candidate.index, default: []].insert(.face)
                faceSimilarity[candidate.index] = candidate.similarity
            }
        }
        if fingerprintShortlist > 0 {
            for person in fingerprints.prefilterCandidates(probe, limit: fingerprintShortlist) {
                sources[person, default: []].insert(.fingerprintPrefilter)
            }
        }
        let people = sources.keys.sorted()
        let scores = fingerprints.fingerScores(probe, people: people)
        let thresholds = policy.deduplicationThresholds(gallerySize: gallerySize)
        var candidates: [DeduplicationResult.Candidate] = []
        for (person, fingers) in zip(people, scores) {
            let similarity = face.map { faceSimilarity[person] ?? faces.similarity($0, person) }
            let evidence = policy.evidence(faceSimilarity: similarity.map(Double.init), fingers: fingers)
            candidates.append(.init(person: person, sources: sources[person]!, evidence: evidence))
        }
        candidates.sort { a, b in
            a.evidence.fusedEvidence != b.evidence.fusedEvidence ? a.evidence.fusedEvidence > b.evidence.fusedEvidence : a.person < b.person
        }
        var outcome = DeduplicationResult.Outcome.clear
        for candidate in candidates where candidate.evidence.fusedEvidence >= thresholds.review {
            if candidate.evidence.fusedEvidence >= thresholds.duplicate,
               candidate.evidence.fingerprintEvidence >= policy.minimumFingerprintEvidence
            {
                outcome = .duplicate
                break
            }
            outcome = .review
        }
        return DeduplicationResult(outcome: outcome, candidates: candidates, duplicateThreshold: thresholds.duplicate,
                                   reviewThreshold: thresholds.review)
    }
}
