import Foundation
import EIDCore
import EIDCrypto
import EIDNode
import EIDSynthetic
import EIDTestSupport

/// A node store in a temporary folder with throwaway authority and node keys, and
/// synthetic application folders to feed it.
struct NodeFixture {
    let directory: TemporaryDirectory
    let sealingKey: X25519PrivateKey
    let signingKey: Ed25519PrivateKey
    let store: NodeStore
    let nodeID = NodeID(rawValue: "quang-ninh-01")!
    /// 2026-07-01 10:00 in Vietnam.
    static let morning = Date(timeIntervalSince1970: 1_782_874_800)
    static let applicationDate = try! CivilDate(iso: "2026-07-01")

    init(_ label: String = "node") throws {
        directory = try TemporaryDirectory(label)
        sealingKey = try X25519PrivateKey.generate()
        signingKey = try Ed25519PrivateKey.generate()
        let keys = directory.file("keys")
        try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
        try PEMFile.writePrivate(try signingKey.pemRepresentation, to: keys + "/signing.key")
        let configuration = NodeConfiguration(
            nodeID: nodeID, code: "QN01", province: "Quang Ninh", kind: .office, centralAddress: "127.0.0.1:7443",
            signingKeyPath: keys + "/signing.key", tlsCertificatePath: keys + "/tls.pem", tlsKeyPath: keys + "/tls.key",
            caCertificatePath: keys + "/ca.pem", authoritySealingPublicKeyPEM: sealingKey.publicKey.pemRepresentation,
            authoritySigningPublicKeyPEM: signingKey.publicKey.pemRepresentation)
        store = try NodeStore.create(in: directory.file("node"), configuration: configuration)
    }

    func remove() { directory.remove() }

    var synthesizer: ApplicantSynthesizer { ApplicantSynthesizer(seed: 7, applicationDate: Self.applicationDate) }

    func applicant(_ index: Int) -> SyntheticApplicant { synthesizer.applicant(index) }

    /// An adult applicant (the synthesizer makes some children with guardians).
    func adult(from index: Int = 0) -> (index: Int, applicant: SyntheticApplicant) {
        var index = index
        while applicant(index).application.guardian != nil { index += 1 }
        return (index, applicant(index))
    }

    /// Writes `applicant` as an application folder named `name` and returns its path.
    @discardableResult
    func write(_ applicant: SyntheticApplicant, as name: String) throws -> String {
        let folder = directory.file("applications/\(name)")
        try applicant.write(to: folder)
        return folder
    }

    /// Writes applicants `range` as folders `app-NNNN` and returns their paths.
    func writeApplicants(_ range: Range<Int>) throws -> [String] {
        try range.map { try write(applicant($0), as: String(format: "app-%04d", $0)) }
    }

    var signer: BatchSigner { BatchSigner(key: signingKey) }

    func intake(commitEvery: Int = 1, at date: Date = NodeFixture.morning) throws -> EnrollmentIntake {
        try EnrollmentIntake(store: store, clock: NodeClock(now: { date }), commitEvery: commitEvery)
    }

    /// Opens a stored record's sealed payload with the authority's key, as central does.
    func openPayload(_ record: EnrollmentRecord) throws -> EnrollmentPayload {
        let associatedData = Array(record.nodeID.rawValue.utf8) + [0] + Array(record.receiptNumber.utf8)
        let plain = try SealedBox.open(record.sealedPayload, with: sealingKey, context: EnrollmentSealer.context,
                                       authenticating: associatedData)
        return try EnrollmentPayload(decoding: plain)
    }
}

extension SyntheticApplicant {
    /// The applicant with their declared data changed.
    func with(_ change: (inout Application) -> Void) -> SyntheticApplicant {
        var copy = self
        change(&copy.application)
        return copy
    }
}

/// Reads a file's bytes.
func bytes(of path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}
