public import EIDCore

/// A ``CentralLink`` that speaks the replication protocol (docs/PROTOCOL.md §3) over
/// any ``CentralTransport``: it builds each request and reads each answer, so the
/// transport only moves bytes.
public struct ProtocolCentralLink<Transport: CentralTransport>: CentralLink {
    public let transport: Transport

    public init(transport: Transport) {
        self.transport = transport
    }

    public func checkpoint() throws -> CentralCheckpoint {
        let response = try transport.send(ProtocolRequest(method: "GET", path: "/v1/checkpoint"))
        guard response.status == 200 else { throw Self.failure(response) }
        guard let checkpoint = response.decodeJSON(CentralCheckpoint.self) else {
            throw CentralLinkError.badResponse("the checkpoint is not the expected JSON")
        }
        return checkpoint
    }

    public func upload(batch sequence: UInt64, chunk: ArraySlice<UInt8>, at offset: Int, totalLength: Int) throws -> UploadOutcome {
        let request = ProtocolRequest(method: "PUT", path: "/v1/batches/\(sequence)",
                                      query: ["offset": String(offset), "total": String(totalLength)],
                                      headers: ["content-type": ProtocolResponse.octetStream], body: Array(chunk))
        let response = try transport.send(request)
        switch response.status {
        case 200:
            return .receipt(response.body)
        case 202:
            guard let partial = response.decodeJSON(CentralCheckpoint.PartialUpload.self),
                  partial.batchSequence == sequence, partial.totalLength == totalLength else {
                throw CentralLinkError.badResponse("a 202 for batch \(sequence) without its persisted offset")
            }
            return .partial(offset: partial.offset)
        case 400..<500 where response.status != 429:
            guard let body = response.decodeJSON(ProtocolErrorBody.self) else {
                throw CentralLinkError.badResponse("a \(response.status) without an error body")
            }
            if body.code == ProtocolErrorCode.offsetMismatch.rawValue {
                guard let expected = body.expectedOffset else {
                    throw CentralLinkError.badResponse("offset_mismatch without expected_offset")
                }
                return .offsetMismatch(expected: expected)
            }
            return .refused(status: response.status, code: body.code, message: body.message, expectedBatch: body.expectedBatch)
        default:
            throw Self.failure(response)
        }
    }

    public func receipt(batch sequence: UInt64) throws -> [UInt8]? {
        let response = try transport.send(ProtocolRequest(method: "GET", path: "/v1/batches/\(sequence)/receipt"))
        switch response.status {
        case 200: return response.body
        case 404: return nil
        default: throw Self.failure(response)
        }
    }

    public func events(after cursor: UInt64, limit: Int) throws -> [UInt8] {
        let response = try transport.send(ProtocolRequest(method: "GET", path: "/v1/events",
                                                          query: ["after": String(cursor), "limit": String(limit)]))
        guard response.status == 200 else { throw Self.failure(response) }
        return response.body
    }

    /// The error for an answer that is not the one asked for.
    static func failure(_ response: ProtocolResponse) -> CentralLinkError {
        let body = response.decodeJSON(ProtocolErrorBody.self)
        let message = body?.message ?? "HTTP \(response.status)"
        switch response.status {
        case 429, 500..<600:
            return .unavailable(status: response.status, message: message)
        case 400..<500:
            return .refused(status: response.status, code: body?.code ?? "unknown", message: message)
        default:
            return .badResponse("unexpected HTTP \(response.status): \(message)")
        }
    }
}
