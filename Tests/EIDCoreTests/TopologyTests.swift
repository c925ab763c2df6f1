import Foundation
import Testing
@testable import EIDCore

@Suite struct TopologyTests {
    let valid = """
    {"authority": {"name": "Central", "host": "127.0.0.1", "port": 7443, "data_dir": "central", "pki_dir": "pki"},
     "nodes": [
       {"id": "quang-ninh-01", "code": "QN01", "province": "Quang Ninh", "kind": "office", "data_dir": "nodes/qn"},
       {"id": "field-kit-07", "code": "FK07", "province": "Khanh Hoa", "kind": "field-kit", "data_dir": "nodes/fk",
        "central_address": "127.0.0.1:17443"}]}
    """

    @Test func decodesTheShippedTopology() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Topology/localhost.json")
        let topology = try Topology.decode([UInt8](try Data(contentsOf: url)))
        #expect(topology.nodes.count >= 2)
        #expect(topology.nodes.map(\.id.rawValue).contains("quang-ninh-01"))
        #expect(topology.nodes.map(\.id.rawValue).contains("khanh-hoa-01"))
    }

    @Test func decodesNodesAndAddresses() throws {
        let topology = try Topology.decode(Array(valid.utf8))
        #expect(topology.authority.port == 7443)
        #expect(try topology.node("field-kit-07").kind == .fieldKit)
        #expect(try topology.node("field-kit-07").centralAddress == "127.0.0.1:17443")
        let error = #expect(throws: TopologyError.self) { try topology.node("nowhere-01") }
        #expect(error?.description.contains("known: quang-ninh-01, field-kit-07") == true)
    }

    @Test(arguments: [
        ("\"port\": 7443", "\"port\": 70000", "authority port 70000"),
        ("\"code\": \"FK07\"", "\"code\": \"QN01\"", "node code QN01 is used twice"),
        ("\"id\": \"field-kit-07\"", "\"id\": \"quang-ninh-01\"", "declared twice"),
        ("\"code\": \"QN01\"", "\"code\": \"qn-1\"", "code 'qn-1'"),
        ("\"id\": \"quang-ninh-01\"", "\"id\": \"Quang Ninh\"", "node id"),
        ("\"127.0.0.1:17443\"", "\"nowhere\"", "not host:port"),
        ("\"kind\": \"office\"", "\"kind\": \"castle\"", "kind"),
        ("\"pki_dir\": \"pki\"", "\"pki\": \"pki\"", "pki_dir"),
    ])
    func refusesBrokenTopologies(original: String, replacement: String, message: String) {
        let broken = valid.replacingOccurrences(of: original, with: replacement)
        #expect(broken != valid)
        let error = #expect(throws: (any Error).self) { try Topology.decode(Array(broken.utf8)) }
        #expect(String(describing: error!).contains(message), "\(String(describing: error!))")
    }

    @Test func parsesHostPort() {
        #expect(HostPort("127.0.0.1:7443") == HostPort(host: "127.0.0.1", port: 7443))
        #expect(HostPort("central.example:443")?.host == "central.example")
        for bad in ["", ":80", "host", "host:0", "host:65536", "host:port"] { #expect(HostPort(bad) == nil, "\(bad)") }
    }
}
