import Foundation
import Testing
import EIDStorage
import EIDTestSupport

/// Real child processes killed with SIGKILL: what they reported committed must be there.
@Suite(.serialized) struct CrashSafetyTests {
    @Test func committedRowsSurviveSIGKILL() throws {
        let dir = try TemporaryDirectory("crash")
        defer { dir.remove() }
        let db = dir.file("ledger.sqlite")
        var acknowledged = Set<Int>()
        for round in 0..<5 {
            let child = try ChildProcess(EIDExecutable.path, ["debug", "sqlite-writer", "--db", db, "--rows", "100000"])
            // Let it commit a varying number of rows, then kill it mid-stream.
            let target = 20 + round * 37
            var seen = 0
            while seen < target, let line = child.nextLine() {
                if line.hasPrefix("committed "), let id = Int(line.dropFirst(10)) {
                    acknowledged.insert(id)
                    seen += 1
                }
            }
            child.kill()
            child.waitForExit()
            #expect(child.wasKilledBySignal)
            // Lines already in the pipe were acknowledged too.
            for line in child.outputLines where line.hasPrefix("committed ") {
                if let id = Int(line.dropFirst(10)) { acknowledged.insert(id) }
            }
        }
        #expect(acknowledged.count >= 5 * 20)

        let database = try Database(path: db)
        let ids = Set(try database.rows("SELECT id FROM ledger").map { try $0.get(0, as: Int.self) })
        #expect(acknowledged.isSubset(of: ids), "acknowledged rows lost: \(acknowledged.subtracting(ids).sorted().prefix(10))")
        // Never half a transaction: every ledger row has both parts, and no part is orphaned.
        let incomplete = try database.scalar("""
            SELECT count(*) FROM ledger l WHERE (SELECT count(*) FROM ledger_part p WHERE p.ledger_id = l.id) != 2
            """, as: Int.self)
        #expect(incomplete == 0)
        let orphans = try database.scalar("""
            SELECT count(*) FROM ledger_part p WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.id = p.ledger_id)
            """, as: Int.self)
        #expect(orphans == 0)
        // Ids are contiguous: each restart continued after the last committed one.
        #expect(ids.min() == 1 && ids.max() == ids.count)
        #expect(try database.scalar("PRAGMA integrity_check", as: String.self) == "ok")
    }
}
