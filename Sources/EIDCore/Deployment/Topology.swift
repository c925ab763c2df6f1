import Foundation

/// The deployment described as data (`Topology/*.json`): the authority, every
/// provincial node and field kit, their addresses, and where their keys live.
///
/// Paths in the file are relative to a deployment root (by default the folder
/// that holds the topology file); see docs/topology.md.
public struct Topology: Codable, Equatable, Sendable {
    public var authority: Authority
    public var nodes: [Node]

    /// The central identity authority.
    public struct Authority: Codable, Equatable, Sendable {
        /// Human-readable name, shown on the operator page.
        public var name: String
        /// Host the central listener binds to (e.g. `127.0.0.1`).
        public var host: String
        /// TCP port of the central listener.
        public var port: Int
        /// Folder of central's store, relative to the deployment root.
        public var dataDirectory: String
        /// Folder of the PKI (CA, authority keys, node credentials), relative to the root.
        public var pkiDirectory: String

        enum CodingKeys: String, CodingKey {
            case name, host, port
            case dataDirectory = "data_dir"
            case pkiDirectory = "pki_dir"
        }
    }

    /// A provincial office node or a field kit.
    public struct Node: Codable, Equatable, Sendable {
        public enum Kind: String, Codable, Sendable { case office, fieldKit = "field-kit" }
        public var id: NodeID
        /// Short code printed in receipt numbers (2–8 of `A-Z0-9`).
        public var code: String
        public var province: String
        public var kind: Kind
        /// Folder of the node's store, relative to the root.
        public var dataDirectory: String
        /// How the node reaches central (host:port); defaults to the authority's address.
        /// The demo points one node at a fault-injecting proxy.
        public var centralAddress: String?

        enum CodingKeys: String, CodingKey {
            case id, code, province, kind
            case dataDirectory = "data_dir"
            case centralAddress = "central_address"
        }
    }

    /// Decodes and validates a topology document.
    public static func decode(_ json: [UInt8]) throws -> Topology {
        let topology: Topology
        do {
            topology = try JSONDecoder().decode(Topology.self, from: Data(json))
        } catch let error as DecodingError {
            throw TopologyError.invalid(Self.explain(error))
        }
        try topology.validate()
        return topology
    }

    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "document" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)): missing field '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        @unknown default: return String(describing: error)
        }
    }

    /// Checks cross-field rules: unique ids and codes, valid codes and ports.
    public func validate() throws(TopologyError) {
        guard (1...65535).contains(authority.port) else {
            throw .invalid("authority port \(authority.port) is not between 1 and 65535")
        }
        guard !nodes.isEmpty else { throw .invalid("no nodes are declared") }
        var ids = Set<NodeID>(), codes = Set<String>()
        for node in nodes {
            guard ids.insert(node.id).inserted else { throw .invalid("node id \(node.id) is declared twice") }
            guard ReceiptNumber.isValidCode(node.code) else {
                throw .invalid("node \(node.id): code '\(node.code)' must be 2–8 of A-Z and 0-9")
            }
            guard codes.insert(node.code).inserted else { throw .invalid("node code \(node.code) is used twice") }
            if let address = node.centralAddress, HostPort(address) == nil {
                throw .invalid("node \(node.id): central_address '\(address)' is not host:port")
            }
        }
    }

    /// The node with this id.
    public func node(_ id: String) throws(TopologyError) -> Node {
        guard let node = nodes.first(where: { $0.id.rawValue == id }) else {
            throw .invalid("no node '\(id)' in the topology (known: \(nodes.map(\.id.rawValue).joined(separator: ", ")))")
        }
        return node
    }
}

/// A topology file that breaks a rule.
public enum TopologyError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    public var description: String {
        switch self { case .invalid(let reason): return "invalid topology: \(reason)" }
    }
}

/// A `host:port` pair.
public struct HostPort: Equatable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port` (port 1–65535).
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (1...65535).contains(port), colon != text.startIndex else { return nil }
        self.host = String(text[..<colon])
        self.port = port
    }

    public var description: String { "\(host):\(port)" }
}
