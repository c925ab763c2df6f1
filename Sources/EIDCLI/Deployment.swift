import Foundation
import EIDCore
import EIDCrypto

/// A topology file and the root its relative paths resolve against.
struct Deployment {
    let topology: Topology
    /// Absolute deployment root.
    let root: String

    /// Reads and validates `topologyPath`; the root defaults to the file's folder.
    static func load(topologyPath: String, root: String?) throws -> Deployment {
        guard let data = FileManager.default.contents(atPath: topologyPath) else {
            throw LookupError("cannot read topology file \(topologyPath)")
        }
        let topology = try Topology.decode([UInt8](data))
        let folder = root ?? (URL(fileURLWithPath: topologyPath).deletingLastPathComponent().path)
        return Deployment(topology: topology, root: URL(fileURLWithPath: folder).standardizedFileURL.path)
    }

    /// `relative` resolved against the root (absolute paths are kept).
    func path(_ relative: String) -> String {
        relative.hasPrefix("/") ? relative : (root as NSString).appendingPathComponent(relative)
    }

    var pki: PKILayout { PKILayout(root: path(topology.authority.pkiDirectory)) }
}
