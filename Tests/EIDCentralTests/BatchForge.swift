@testable import EIDCentral
import EIDTestSupport

extension BatchForge {
    /// The registration central needs for the forge's node.
    var registration: NodeRegistration {
        NodeRegistration(nodeID: nodeID, code: code, province: "Quang Ninh", kind: .office, signingKey: key.publicKey)
    }
}
