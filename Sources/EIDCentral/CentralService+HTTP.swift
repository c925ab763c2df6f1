import EIDCore
public import EIDNet

extension CentralService {
    /// The handler for central's ``HTTPServer``: the node id comes from the peer's
    /// verified certificate, everything else from the request.
    public var httpHandler: HTTPServer.Handler {
        let service = self
        return { request, peer in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.lowercased()] = field.value }
            guard let protocolRequest = ProtocolRequest(method: request.method.rawValue, target: request.target,
                                                        headers: headers, body: request.body) else {
                return Self.httpResponse(.error(400, ProtocolErrorBody(code: .malformed, message: "the request target is not a valid path and query")))
            }
            return Self.httpResponse(service.handle(protocolRequest, from: NodeID(rawValue: peer.nodeID)))
        }
    }

    static func httpResponse(_ response: ProtocolResponse) -> HTTPResponse {
        var headers = HTTPHeaders()
        for (name, value) in response.headers.sorted(by: { $0.key < $1.key }) { headers.set(name, value) }
        return HTTPResponse(status: HTTPStatus(code: response.status), headers: headers, body: response.body)
    }
}
