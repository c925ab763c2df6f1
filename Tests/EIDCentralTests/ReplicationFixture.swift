import Foundation
@testable import EIDCentral
import EIDCore
import EIDCrypto
import EIDNode
import EIDSynthetic
import EIDStorage
import EIDTestSupport

/// The transport of a test: hands each request straight to a real ``CentralService``
/// as if it came over a connection authenticated as `peer`. Only the bytes-moving
/// layer is replaced; the node store, the sync agent, the service and the central
/// store are the real ones on real SQLite files. Faults can be injected per request.
final class InProcessTransport: CentralTransport {
    enum Fault { case dropRequest, dropResponse }
    struct Cut: Error, CustomStringConvertible { var description: String { "the link was cut (test fault)" } }

    let service: CentralService
    var peer: NodeID?
    /// Decides, for the n-th request (0-based), whether the link fails.
    var fault: ((ProtocolRequest, Int) -> Fault?)?
    private(set) var requests: [ProtocolRequest] = []
    /// Chunk bytes that reached central.
    private(set) var uploadedBytesDelivered = 0

    init(service: CentralService, peer: NodeID?) {
        self.service = service
        self.peer = peer
    }

    func send(_ request: ProtocolRequest) throws -> ProtocolResponse {
        let index = requests.count
        requests.append(request)
        let injected = fault?(request, index)
        if injected == .dropRequest { throw Cut() }
        // Through the request target, as an HTTP server would see it.
        let arrived = ProtocolRequest(method: request.method, target: request.target, headers: request.headers,
                                      body: request.body)!
        let response = service.handle(arrived, from: peer)
        if request.method == "PUT" { uploadedBytesDelivered += request.body.count }
        if injected == .dropResponse { throw Cut() }
        return response
    }
}

/// A central (store, service, authority keys) and one node (store, keys, agent), in a temporary folder.
final class ReplicationFixture {
    let dir: TemporaryDirectory
    let authoritySigning: Ed25519PrivateKey
    let authoritySealing: X25519PrivateKey
    let central: CentralStore
    var service: CentralService
    let nodeKey: Ed25519PrivateKey
    let node: NodeStore
    let nodeID: NodeID
    var clock = NodeClock(now: { Date(timeIntervalSince1970: 1_782_900_000) })   // 2026-07-01 (Vietnam)
    let applicationDate = try! CivilDate(iso: "2026-07-01")

    init(_ label: String = "replication", nodeID: String = "quang-ninh-01", code: String = "QN01",
         limits: CentralLimits = CentralLimits()) throws {
        dir = try TemporaryDirectory(label)
        authoritySigning = try Ed25519PrivateKey.generate()
        authoritySealing = try X25519PrivateKey.generate()
        central = try CentralStore(folder: dir.file("central"))
        service = CentralService(store: central, signer: AuthoritySigner(key: authoritySigning), limits: limits)
        nodeKey = try Ed25519PrivateKey.generate()
        self.nodeID = NodeID(rawValue: nodeID)!
        let configuration = NodeConfiguration(
            nodeID: self.nodeID, code: code, province: "Quang Ninh", kind: .office, centralAddress: "127.0.0.1:7443",
            signingKeyPath: "unused", tlsCertificatePath: "unused", tlsKeyPath: "unused", caCertificatePath: "unused",
            authoritySealingPublicKeyPEM: authoritySealing.publicKey.pemRepresentation,
            authoritySigningPublicKeyPEM: authoritySigning.publicKey.pemRepresentation)
        node = try NodeStore.create(in: dir.file("node"), configuration: configuration)
        try central.register([NodeRegistration(nodeID: self.nodeID, code: code, province: "Quang Ninh", kind: .office,
                                               signingKey: nodeKey.publicKey)])
    }

    deinit { dir.remove() }

    /// Enrolls synthetic applicants `start ..< start + count` through the real intake checks.
    func enroll(_ count: Int, start: Int = 0, seed: UInt64 = 7) throws {
        let synthesizer = ApplicantSynthesizer(seed: seed, applicationDate: applicationDate, fingers: 2)
        let checks = IntakeChecks()
        let sealer = try EnrollmentSealer(authorityPublicKeyPEM: authoritySealing.publicKey.pemRepresentation)
        var enrollments: [CheckedEnrollment] = []
        for index in start..<(start + count) {
            let applicant = synthesizer.applicant(index)
            let package = ApplicationPackage(folder: "synthetic-\(index)", applicationJSON: Array(applicant.application.jsonString().utf8),
                                             portrait: applicant.portraitPNG, portraitFormat: .png,
                                             fingerprintTemplates: applicant.fingerprintTemplates,
                                             faceEmbedding: applicant.faceEmbedding)
            enrollments.append(try checks.check(package))
        }
        _ = try node.appendAll(enrollments, sealer: sealer, at: clock.now())
    }

    func agent(maxRecords: Int = 10, chunkSize: Int = 64 * 1024) throws -> SyncAgent {
        var agent = SyncAgent(store: node, signer: BatchSigner(key: nodeKey),
                              verifier: try ReceiptVerifier(authoritySigningPublicKeyPEM: authoritySigning.publicKey.pemRepresentation),
                              feedVerifier: try FeedPageVerifier(authoritySigningPublicKeyPEM: authoritySigning.publicKey.pemRepresentation),
                              limits: BatchLimits(maxRecords: maxRecords), clock: clock)
        agent.chunkSize = chunkSize
        return agent
    }

    func transport(peer: NodeID? = nil) -> InProcessTransport {
        InProcessTransport(service: service, peer: peer ?? nodeID)
    }

    /// (seq, record hash) of every record the node has sealed into batches, in order.
    func nodeRecords() throws -> [RecordDigest] {
        var result: [RecordDigest] = []
        for sequence in try node.batchSequences() {
            guard let batch = try node.batch(sequence) else { continue }
            for (record, bytes) in zip(batch.records, batch.recordBytes) {
                result.append(RecordDigest(sequence: record.sequence, hash: SHA256.hash(bytes)))
            }
        }
        return result
    }

    /// (seq, record hash) of every record central holds from the node.
    func centralRecords() throws -> [RecordDigest] {
        try central.records(nodeID).map { RecordDigest(sequence: $0.sequence, hash: $0.recordHash) }
    }

    /// Appends `count` small enrollments (tiny payloads, no intake checks) for tests
    /// that need many bytes-level cases rather than realistic applicants.
    func enrollSmall(_ count: Int, start: Int = 0) throws {
        let sealer = try EnrollmentSealer(authorityPublicKeyPEM: authoritySealing.publicKey.pemRepresentation)
        let enrollments = (start..<(start + count)).map { index in
            CheckedEnrollment(fullName: "TEST PERSON \(index)", passportNumber: "T\(1_000_000 + index)", level: 2,
                              payload: EnrollmentPayload(applicationJSON: Array("{\"i\":\(index)}".utf8), portraitFormat: .png,
                                                         portrait: [UInt8](repeating: UInt8(index & 0xFF), count: 64),
                                                         fingerprintTemplates: [[1, 2, 3]], faceEmbedding: [0, 0, 128, 63]))
        }
        _ = try node.appendAll(enrollments, sealer: sealer, at: clock.now())
    }
}

/// One record as both sides must agree on it.
struct RecordDigest: Equatable, CustomStringConvertible {
    var sequence: UInt64
    var hash: [UInt8]
    var description: String { "#\(sequence) \(Hex.encode(hash.prefix(4)))" }
}
