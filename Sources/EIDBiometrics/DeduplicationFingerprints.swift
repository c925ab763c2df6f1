/// The fingerprint side of de-duplication over every enrolled person (positions as in the `FaceGallery`):
/// a pre-filter that proposes candidates from the whole gallery without the face, and full comparison
/// of chosen candidates. Implemented over the fingerprint matcher and its pre-filter
/// (`EnrolledFingerprints`); tests can supply their own.
public protocol DeduplicationFingerprints: Sendable {
    /// The applicant's fingerprints prepared for searching.
    associatedtype Probe

    /// Up to `limit` enrolled positions whose fingerprints look most like the probe's, by a fast
    /// pre-filter over the whole gallery.
    func prefilterCandidates(_ probe: Probe, limit: Int) -> [Int]

    /// Full fingerprint comparison of the probe with each of `people` (same order): the scores of the
    /// fingers both have.
    func fingerScores(_ probe: Probe, people: [Int]) -> [[FingerScore]]
}
