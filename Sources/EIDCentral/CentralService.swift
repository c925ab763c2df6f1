public import EIDCore
import EIDCrypto

/// Central's side of the replication protocol (docs/PROTOCOL.md §3), independent of
/// the transport: a request and the node id taken from the verified client
/// certificate in, a response out. The HTTP server calls ``handle(_:from:)`` for
/// every request; tests call it directly.
///
/// Every answer is given after the store's transaction for it has committed.
public struct CentralService: Sendable {
    public let store: CentralStore
    public let signer: AuthoritySigner
    public var acceptor: BatchAcceptor
    public var policy: UploadPolicy
    public var limits: CentralLimits
    /// Receives one line per internal failure (never key material or record contents).
    public var log: (@Sendable (String) -> Void)?

    public init(store: CentralStore, signer: AuthoritySigner, limits: CentralLimits = CentralLimits(),
                log: (@Sendable (String) -> Void)? = nil) {
        self.store = store
        self.signer = signer
        self.limits = limits
        self.acceptor = BatchAcceptor(limits: limits)
        self.policy = UploadPolicy(limits: limits)
        self.log = log
    }

    /// Default and largest `limit` of an events page.
    public static let defaultEventsPerPage = 100

    /// Answers one request from `node` (nil when the connection has no verified node certificate).
    public func handle(_ request: ProtocolRequest, from node: NodeID?) -> ProtocolResponse {
        do {
            return try route(request, node)
        } catch let refusal as BatchRefusal {
            return Self.refused(refusal)
        } catch let wrong as MethodNotAllowed {
            return .error(405, ProtocolErrorBody(code: .methodNotAllowed, message: "\(wrong.path) takes \(wrong.allowed) only"),
                          headers: ["allow": wrong.allowed])
        } catch {
            log?("central failed on \(request.method) \(request.path) from \(node?.rawValue ?? "an unidentified peer"): \(error)")
            return Self.refused(BatchRefusal(.internal, "central failed to answer; nothing was changed by this request. Retry later."))
        }
    }

    static func refused(_ refusal: BatchRefusal) -> ProtocolResponse {
        var headers: [String: String] = [:]
        if refusal.code == .internal { headers["retry-after"] = "5" }
        return .error(refusal.code.httpStatus, refusal.body, headers: headers)
    }

    private func route(_ request: ProtocolRequest, _ node: NodeID?) throws -> ProtocolResponse {
        let segments = request.pathSegments
        guard segments.first == "v1" else { throw BatchRefusal(.notFound, "no endpoint \(request.path)") }
        switch (segments.count, segments.dropFirst().first) {
        case (2, "checkpoint"):
            try require(request, "GET")
            return try checkpoint(try identify(node))
        case (3, "batches"):
            try require(request, "PUT")
            return try upload(request, sequence: try Self.batchNumber(segments[2]), node)
        case (4, "batches") where segments[3] == "receipt":
            try require(request, "GET")
            return try receipt(try identify(node), sequence: try Self.batchNumber(segments[2]))
        case (2, "events"):
            try require(request, "GET")
            return try events(request, try identify(node))
        default:
            throw BatchRefusal(.notFound, "no endpoint \(request.path)")
        }
    }

    private func require(_ request: ProtocolRequest, _ method: String) throws {
        guard request.method == method else {
            throw MethodNotAllowed(allowed: method, path: request.path)
        }
    }

    /// The registered, unrevoked node behind the connection.
    private func identify(_ node: NodeID?) throws -> NodeID {
        let registration = try node.flatMap { try store.registration($0) }
        if let refusal = acceptor.identityRefusal(peer: node, registration: registration) { throw refusal }
        return node!
    }

    // MARK: endpoints

    private func checkpoint(_ node: NodeID) throws -> ProtocolResponse {
        try store.recordContact(node)
        return .json(200, try store.checkpoint(node))
    }

    private func upload(_ request: ProtocolRequest, sequence: UInt64, _ node: NodeID?) throws -> ProtocolResponse {
        let offset = try Self.integer(request.query["offset"], name: "offset")
        let total = try Self.integer(request.query["total"], name: "total")
        let outcome = try store.receiveChunk(request.body, batch: sequence, offset: offset, totalLength: total, from: node,
                                             policy: policy, acceptor: acceptor, signer: signer)
        switch outcome {
        case .persisted(let partial):
            return .json(202, partial, headers: ["upload-offset": String(partial.offset)])
        case .decided(.accepted(let receipt)):
            return .bytes(200, receipt, headers: ["eid-batch-outcome": "accepted"])
        case .decided(.replayed(let receipt)):
            return .bytes(200, receipt, headers: ["eid-batch-outcome": "replayed"])
        case .decided(.refused(let refusal)), .refused(let refusal):
            var response = Self.refused(refusal)
            if let expected = refusal.expectedOffset { response.headers["upload-offset"] = String(expected) }
            return response
        }
    }

    private func receipt(_ node: NodeID, sequence: UInt64) throws -> ProtocolResponse {
        guard let receipt = try store.receipt(node, batch: sequence) else {
            throw BatchRefusal(.notFound, "central has accepted no batch \(sequence) from node \(node)")
        }
        return .bytes(200, receipt)
    }

    private func events(_ request: ProtocolRequest, _ node: NodeID) throws -> ProtocolResponse {
        let after = UInt64(try Self.integer(request.query["after"] ?? "0", name: "after"))
        let limit = min(try Self.integer(request.query["limit"] ?? String(Self.defaultEventsPerPage), name: "limit"),
                        limits.maxEventsPerPage)
        guard limit >= 1 else { throw BatchRefusal(.malformed, "limit must be at least 1") }
        let (events, latest) = try store.events(node, after: after, limit: limit)
        guard latest >= after else {
            throw BatchRefusal(.malformed, "cursor \(after) is beyond the newest event (\(latest)) central holds for node \(node)")
        }
        let page = try signer.sign(FeedPage(nodeID: node, after: after, latestSequence: latest,
                                            issuedAtMilliseconds: store.clock.milliseconds(), events: events))
        return .bytes(200, page.encoded())
    }

    // MARK: parsing

    /// A decimal number without sign or leading zeros, 1 ... 2⁶²−1.
    static func batchNumber(_ text: Substring) throws -> UInt64 {
        guard let value = canonicalDecimal(text), value >= 1 else {
            throw BatchRefusal(.malformed, "'\(text.prefix(32))' is not a batch number")
        }
        return value
    }

    static func integer(_ text: String?, name: String) throws -> Int {
        guard let text else { throw BatchRefusal(.malformed, "the query parameter '\(name)' is required") }
        guard let value = canonicalDecimal(Substring(text)) else {
            throw BatchRefusal(.malformed, "the query parameter '\(name)' must be a non-negative decimal integer, not '\(text.prefix(32))'")
        }
        return Int(value)
    }

    static func canonicalDecimal(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.count <= 19, text.allSatisfy({ ("0"..."9").contains($0) }),
              text == "0" || text.first != "0", let value = UInt64(text), value <= BatchHeader.maxSequence else { return nil }
        return value
    }
}

/// A known path asked with the wrong method: answered 405 with `Allow`.
struct MethodNotAllowed: Error {
    let allowed: String
    let path: String
}
