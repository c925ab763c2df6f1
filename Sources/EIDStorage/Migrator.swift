/// Applies schema migrations in order, each exactly once.
///
/// The schema version is `PRAGMA user_version`: migration *n* (1-based, in
/// registration order) is applied when the version is below *n*, in its own
/// `BEGIN IMMEDIATE` transaction that also sets `user_version = n`, so a crash
/// leaves either the old or the new schema. The names are recorded in
/// `schema_migrations` for people reading the file. A database whose version is
/// above the known migrations was written by a newer program and is refused.
public struct Migrator: Sendable {
    public typealias Migration = @Sendable (Database) throws -> Void

    private var migrations: [(name: String, body: Migration)] = []

    public init() {}

    /// Registers the next migration. Names must be unique; order is the registration order.
    public mutating func registerMigration(_ name: String, _ body: @escaping Migration) {
        precondition(!migrations.contains { $0.name == name }, "migration \(name) registered twice")
        migrations.append((name, body))
    }

    /// The names of the registered migrations, in order.
    public var migrationNames: [String] { migrations.map(\.name) }

    /// Applies every pending migration; returns the names applied now.
    @discardableResult
    public func migrate(_ db: Database) throws -> [String] {
        let current = try Self.currentVersion(db)
        guard current <= migrations.count else {
            throw SQLiteError(extendedCode: 1,
                              message: "database schema version \(current) is newer than this program knows (\(migrations.count)); upgrade eid")
        }
        var applied: [String] = []
        for (offset, migration) in migrations.enumerated() where offset + 1 > current {
            let version = offset + 1
            try db.transaction(.immediate) { db in
                // Re-check inside the write lock: another process may have migrated meanwhile.
                guard try Self.currentVersion(db) < version else { return }
                try db.execute("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, applied_at TEXT NOT NULL)
                    """)
                try migration.body(db)
                try db.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                               [version, migration.name])
                try db.execute("PRAGMA user_version = \(version)")
                applied.append(migration.name)
            }
        }
        return applied
    }

    /// The database's `user_version`.
    public static func currentVersion(_ db: Database) throws(SQLiteError) -> Int {
        try db.scalar("PRAGMA user_version", as: Int.self) ?? 0
    }
}
