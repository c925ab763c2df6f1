import Foundation
import Testing
@testable import EIDStorage
import EIDTestSupport

@Suite struct DatabaseTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory("storage") }

    @Test func opensInWALModeWithForeignKeysAndFullSync() throws {
        let db = try Database(path: dir.file("a.sqlite"))
        #expect(try db.scalar("PRAGMA journal_mode", as: String.self) == "wal")
        #expect(try db.scalar("PRAGMA foreign_keys", as: Int.self) == 1)
        #expect(try db.scalar("PRAGMA synchronous", as: Int.self) == 2)  // FULL
        #expect(FileManager.default.fileExists(atPath: dir.file("a.sqlite")))
    }

    @Test func roundTripsEveryValueType() throws {
        let db = try Database(path: dir.file("types.sqlite"))
        try db.execute("CREATE TABLE t (i INTEGER, r REAL, s TEXT, b BLOB, n TEXT)")
        let blob: [UInt8] = [0, 1, 2, 255, 0]
        try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                       [Int64.min, 3.25, "Nguyễn Văn A — 阮", blob, String?.none])
        try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [Int64.max, -0.5, "", [UInt8](), "x"])
        let rows = try db.rows("SELECT * FROM t ORDER BY i")
        #expect(rows.count == 2)
        #expect(try rows[0].get("i", as: Int64.self) == Int64.min)
        #expect(try rows[0].get("r", as: Double.self) == 3.25)
        #expect(try rows[0].get("s", as: String.self) == "Nguyễn Văn A — 阮")
        #expect(try rows[0].get("b", as: [UInt8].self) == blob)
        #expect(rows[0]["n"] == .null)
        #expect(try rows[0].get("n", as: String?.self) == nil)
        #expect(try rows[1].get("b", as: [UInt8].self) == [])
        #expect(rows[1]["b"] == .blob([]))  // an empty blob stays a blob, not NULL
        #expect(try rows[1].get("s", as: String.self) == "")
    }

    @Test func readingAColumnAsTheWrongTypeIsAnError() throws {
        let db = try Database(path: dir.file("mismatch.sqlite"))
        let error = #expect(throws: SQLiteError.self) {
            _ = try db.scalar("SELECT 'text'", as: Int.self)
        }
        #expect(error?.message.contains("not Int") == true)
        #expect(throws: SQLiteError.self) { _ = try db.row("SELECT 1 AS a")?.get("b", as: Int.self) }
    }

    @Test func errorsCarryCodeMessageAndSQL() throws {
        let db = try Database(path: dir.file("errors.sqlite"))
        try db.execute("CREATE TABLE u (k TEXT PRIMARY KEY)")
        try db.execute("INSERT INTO u VALUES (?)", ["a"])
        let error = #expect(throws: SQLiteError.self) {
            try db.execute("INSERT INTO u VALUES (?)", ["a"])
        }
        #expect(error?.code == 19)  // SQLITE_CONSTRAINT
        #expect(error?.isUniqueConstraintViolation == true)
        #expect(error?.message.contains("UNIQUE") == true)
        #expect(error?.sql == "INSERT INTO u VALUES (?)")
        #expect(error?.description.contains("INSERT INTO u") == true)

        let syntax = #expect(throws: SQLiteError.self) { try db.execute("SELEC nothing", []) }
        #expect(syntax?.code == 1)
        #expect(syntax?.sql == "SELEC nothing")
    }

    @Test func refusesWrongParameterCountAndMultipleStatements() throws {
        let db = try Database(path: dir.file("misuse.sqlite"))
        try db.execute("CREATE TABLE t (a, b)")
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO t VALUES (?, ?)", [1]) }
        #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO t VALUES (1, 2); DROP TABLE t", []) }
        #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 0)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedClearly() throws {
        let path = dir.file("garbage.sqlite")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: SQLiteError.self) { _ = try Database(path: path) }
        #expect(error?.isCorruption == true)
    }

    @Test func aThrownErrorRollsBackTheWholeTransaction() throws {
        struct Abort: Error {}
        let db = try Database(path: dir.file("tx.sqlite"))
        try db.execute("CREATE TABLE t (v INTEGER)")
        #expect(throws: Abort.self) {
            try db.transaction { db in
                try db.execute("INSERT INTO t VALUES (?)", [1])
                try db.execute("INSERT INTO t VALUES (?)", [2])
                throw Abort()
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 0)
        #expect(!db.isInTransaction)

        // A failing statement inside rolls back the earlier ones too.
        #expect(throws: SQLiteError.self) {
            try db.transaction { db in
                try db.execute("INSERT INTO t VALUES (?)", [3])
                try db.execute("INSERT INTO nowhere VALUES (?)", [4])
            }
        }
        #expect(try db.scalar("SELECT count(*) FROM t", as: Int.self) == 0)

        try db.transaction { db in try db.execute("INSERT INTO t VALUES (?)", [5]) }
        #expect(try db.scalar("SELECT sum(v) FROM t", as: Int.self) == 5)
    }

    @Test func nestedTransactionsUseSavepoints() throws {
        struct Abort: Error {}
        let db = try Database(path: dir.file("nested.sqlite"))
        try db.execute("CREATE TABLE t (v INTEGER)")
        try db.transaction { db in
            try db.execute("INSERT INTO t VALUES (1)", [])
            try? db.transaction { db in
                try db.execute("INSERT INTO t VALUES (2)", [])
                throw Abort()
            }
            try db.execute("INSERT INTO t VALUES (3)", [])
        }
        let values = try db.rows("SELECT v FROM t ORDER BY v").map { try $0.get(0, as: Int.self) }
        #expect(values == [1, 3])
    }

    @Test func foreignKeysAreEnforced() throws {
        let db = try Database(path: dir.file("fk.sqlite"))
        try db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p(id))")
        let error = #expect(throws: SQLiteError.self) { try db.execute("INSERT INTO c VALUES (?)", [42]) }
        #expect(error?.code == 19)
    }

    @Test func committedDataIsVisibleToASecondConnection() throws {
        let path = dir.file("two.sqlite")
        let writer = try Database(path: path)
        try writer.execute("CREATE TABLE t (v TEXT)")
        try writer.transaction { db in try db.execute("INSERT INTO t VALUES (?)", ["x"]) }
        var readOnly = DatabaseConfiguration()
        readOnly.readOnly = true
        let reader = try Database(path: path, configuration: readOnly)
        #expect(try reader.scalar("SELECT v FROM t", as: String.self) == "x")
        #expect(throws: SQLiteError.self) { try reader.execute("INSERT INTO t VALUES (?)", ["y"]) }
    }

    @Test func databaseQueueSerialisesConcurrentWriters() async throws {
        let queue = try DatabaseQueue(path: dir.file("queue.sqlite"))
        try queue.inDatabase { db in try db.execute("CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0)") }
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<25 {
                        try? queue.write { db in
                            let n = try db.scalar("SELECT n FROM counter", as: Int.self) ?? 0
                            try db.execute("UPDATE counter SET n = ?", [n + 1])
                        }
                    }
                }
            }
        }
        #expect(try queue.read { db in try db.scalar("SELECT n FROM counter", as: Int.self) } == 200)
    }
}
