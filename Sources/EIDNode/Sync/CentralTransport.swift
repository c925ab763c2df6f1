public import EIDCore

/// Carries one protocol request to central and brings back its answer. The
/// production transport is HTTP/1.1 over mutual TLS; it throws when the link
/// fails (refused, cut, timed out) and returns every answer central gave,
/// whatever its status.
public protocol CentralTransport {
    func send(_ request: ProtocolRequest) throws -> ProtocolResponse
}
