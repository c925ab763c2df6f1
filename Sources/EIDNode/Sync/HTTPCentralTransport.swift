public import EIDCore
public import EIDNet

/// The production ``CentralTransport``: HTTP/1.1 over mutual TLS 1.3 to central
/// (docs/PROTOCOL.md §2), one kept-alive connection, reopened after a failure.
public final class HTTPCentralTransport: CentralTransport, Sendable {
    public let client: HTTPClient

    public init(client: HTTPClient) {
        self.client = client
    }

    /// A client for the node in `configuration`: its TLS certificate and key, central
    /// verified against the CA and the address it dials.
    public convenience init(configuration: NodeConfiguration, requestTimeout: Duration = .seconds(60)) throws {
        guard let address = HostPort(configuration.centralAddress), let port = UInt16(exactly: address.port) else {
            throw NodeError.corruptStore("central address '\(configuration.centralAddress)' is not host:port")
        }
        let tls = try TLSContext(TLSConfiguration(role: .client, certificatePath: configuration.tlsCertificatePath,
                                                  privateKeyPath: configuration.tlsKeyPath,
                                                  trustedCAPath: configuration.caCertificatePath, revocationListPath: nil))
        self.init(client: try HTTPClient(configuration: HTTPClientConfiguration(host: address.host, port: port,
                                                                               requestTimeout: requestTimeout),
                                         tls: tls))
    }

    public func send(_ request: ProtocolRequest) throws -> ProtocolResponse {
        var headers = HTTPHeaders()
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) { headers.set(name, value) }
        let response: HTTPResponse
        do {
            response = try client.send(HTTPRequest(method: HTTPMethod(rawValue: request.method), target: request.target,
                                                   headers: headers, body: request.body))
        } catch {
            // The next request starts on a fresh connection.
            client.close()
            throw error
        }
        var fields: [String: String] = [:]
        for field in response.headers { fields[field.name.lowercased()] = field.value }
        return ProtocolResponse(status: response.status.code, headers: fields, body: response.body)
    }
}

/// The production link: the replication protocol over ``HTTPCentralTransport``.
public typealias HTTPCentralLink = ProtocolCentralLink<HTTPCentralTransport>
