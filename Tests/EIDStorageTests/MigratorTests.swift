import Testing
@testable import EIDStorage
import EIDTestSupport

@Suite struct MigratorTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory("migrator") }

    func migrator(failSecond: Bool = false) -> Migrator {
        var migrator = Migrator()
        migrator.registerMigration("create people") { db in
            try db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        }
        migrator.registerMigration("add email") { db in
            try db.execute("ALTER TABLE people ADD COLUMN email TEXT")
            if failSecond { try db.execute("THIS IS NOT SQL") }
        }
        return migrator
    }

    @Test func appliesEachMigrationOnce() throws {
        let db = try Database(path: dir.file("m.sqlite"))
        #expect(try migrator().migrate(db) == ["create people", "add email"])
        #expect(try Migrator.currentVersion(db) == 2)
        #expect(try migrator().migrate(db) == [])
        #expect(try db.scalar("SELECT count(*) FROM schema_migrations", as: Int.self) == 2)
        // The columns exist exactly once (a second ALTER would have failed).
        try db.execute("INSERT INTO people(name, email) VALUES (?, ?)", ["A", "a@example.com"])
    }

    @Test func appliesOnlyPendingMigrationsAfterAnUpgrade() throws {
        let path = dir.file("upgrade.sqlite")
        var first = Migrator()
        first.registerMigration("create people") { db in
            try db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        }
        try first.migrate(try Database(path: path))
        let db = try Database(path: path)
        #expect(try migrator().migrate(db) == ["add email"])
        #expect(try Migrator.currentVersion(db) == 2)
    }

    @Test func aFailingMigrationLeavesThePreviousSchema() throws {
        let db = try Database(path: dir.file("fail.sqlite"))
        #expect(throws: SQLiteError.self) { try migrator(failSecond: true).migrate(db) }
        #expect(try Migrator.currentVersion(db) == 1)
        let columns = try db.rows("PRAGMA table_info(people)").map { try $0.get("name", as: String.self) }
        #expect(columns == ["id", "name"])
        // Fixed program: applies the second migration now.
        #expect(try migrator().migrate(db) == ["add email"])
    }

    @Test func refusesADatabaseFromANewerProgram() throws {
        let db = try Database(path: dir.file("newer.sqlite"))
        try db.execute("PRAGMA user_version = 9")
        let error = #expect(throws: SQLiteError.self) { try migrator().migrate(db) }
        #expect(error?.message.contains("newer") == true)
    }
}
