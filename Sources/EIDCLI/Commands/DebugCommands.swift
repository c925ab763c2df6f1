import EIDStorage

/// `eid debug ...`: hidden hooks the integration tests use to check crash safety
/// of the real binary. Not part of the operator-facing interface.
enum DebugCommands {
    static let group = Command(
        group: "debug",
        abstract: "Test hooks (hidden).",
        hidden: true,
        subcommands: [sqliteWriter])

    /// Commits `--rows` transactions, each inserting one `ledger` row and two
    /// `ledger_part` rows, and prints `committed <id>` after each commit returns.
    /// A test kills the process with SIGKILL and checks that every printed id is
    /// in the file, complete.
    static let sqliteWriter = Command(
        "sqlite-writer",
        abstract: "Commit numbered transactions to a database, printing each id after its commit.",
        options: [
            OptionSpec("db", value: "PATH", help: "Database file.", required: true),
            OptionSpec("rows", value: "N", help: "Transactions to commit.", default: "1000"),
        ],
        run: { args in
            let rows = try args.int("rows", in: 1...10_000_000) ?? 1000
            var migrator = Migrator()
            migrator.registerMigration("ledger") { db in
                try db.execute("""
                    CREATE TABLE ledger (id INTEGER PRIMARY KEY, payload BLOB NOT NULL, parts INTEGER NOT NULL);
                    CREATE TABLE ledger_part (ledger_id INTEGER NOT NULL REFERENCES ledger(id), part INTEGER NOT NULL,
                                              PRIMARY KEY (ledger_id, part));
                    """)
            }
            let queue = try DatabaseQueue(path: try args.requiredString("db"), migrator: migrator)
            let start = try queue.inDatabase { db in try db.scalar("SELECT max(id) FROM ledger", as: Int.self) } ?? 0
            for id in (start + 1)...(start + rows) {
                try queue.write { db in
                    try db.execute("INSERT INTO ledger(id, payload, parts) VALUES (?, ?, 2)",
                                   [id, [UInt8](repeating: UInt8(id & 0xFF), count: 512)])
                    try db.execute("INSERT INTO ledger_part(ledger_id, part) VALUES (?, 1)", [id])
                    try db.execute("INSERT INTO ledger_part(ledger_id, part) VALUES (?, 2)", [id])
                }
                say("committed \(id)")
            }
        })
}
