import EIDNet
import Foundation
import Synchronization
import Testing

@Suite struct ConcurrencyTests {
    @Test func manyClientsAtOnceAllGetTheirOwnAnswers() throws {
        let pki = try TestPKI()
        let nodes = (1...6).map { "node-\($0)" }
        for node in nodes { try pki.issueNode(node) }
        let server = try TestServer(pki: pki) { $0.maxConnections = 16 }
        defer { server.stop() }
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        for node in nodes {
            let client = try makeClient(pki, node: node, port: server.port)
            group.enter()
            Thread {
                defer { group.leave() }
                for index in 0..<40 {
                    let body = Array("\(node)-\(index)".utf8)
                    do {
                        let response = try client.post("/r/\(index)", body: body)
                        let expected = "hello \(node): POST /r/\(index) \(body.count) bytes"
                        if response.bodyText != expected { failures.withLock { $0.append("\(node): \(response.bodyText)") } }
                    } catch {
                        failures.withLock { $0.append("\(node): \(error)") }
                    }
                }
            }.start()
        }
        #expect(group.wait(timeout: .now() + 60) == .success)
        #expect(failures.withLock { $0 } == [])
        #expect(server.calls.count == nodes.count * 40)
        // Every request was attributed to the node whose certificate made it.
        for (request, peer) in server.calls.all {
            #expect(request.body.starts(with: Array("\(peer.nodeID)-".utf8)))
        }
        #expect(server.server.statistics.connectionsAccepted == nodes.count)
    }

    @Test func revocationListRewrittenDuringHandshakes() throws {
        let pki = try TestPKI()
        try pki.issueNode("steady-01")
        let server = try TestServer(pki: pki)
        defer { server.stop() }
        let failures = Mutex(0)
        let done = Atomic(false)
        let worker = Thread {
            while !done.load(ordering: .relaxed) {
                do {
                    let client = try makeClient(pki, node: "steady-01", port: server.port)
                    _ = try client.get("/")
                    client.close()
                } catch {
                    failures.withLock { $0 += 1 }
                }
            }
        }
        worker.start()
        for index in 0..<10 {
            try pki.revoke(try pki.issueNode("gone-\(index)"))  // an unrelated revocation, atomically rewritten
            usleep(30_000)
        }
        done.store(true, ordering: .relaxed)
        usleep(300_000)
        #expect(failures.withLock { $0 } == 0, "a rewritten CRL never refuses a node it does not list")
        #expect(server.calls.count > 0)
    }
}
