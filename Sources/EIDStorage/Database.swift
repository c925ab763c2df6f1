internal import CSQLite3

/// One SQLite connection to a file database.
///
/// Opened in WAL mode with foreign keys, a busy timeout, extended result codes and
/// `synchronous=FULL` by default. A `Database` is not Sendable: exactly one owner
/// uses it at a time (see ``DatabaseQueue`` for a Sendable owner). Statements are
/// cached by SQL text and finalised before the connection closes.
public final class Database {
    let handle: OpaquePointer
    /// The database file's path.
    public let path: String
    private var statementCache: [String: Statement] = [:]
    private var transactionDepth = 0

    /// Opens (and by default creates) the database at `path`.
    public init(path: String, configuration: DatabaseConfiguration = DatabaseConfiguration()) throws(SQLiteError) {
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if configuration.readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE
            if configuration.createIfMissing { flags |= SQLITE_OPEN_CREATE }
        }
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(db)
            throw SQLiteError(extendedCode: rc, message: "cannot open \(path): \(message)")
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, configuration.busyTimeoutMilliseconds)
        do throws(SQLiteError) {
            // Reading the schema first turns "file is not a database" into an error here.
            try execute("SELECT count(*) FROM sqlite_schema")
            if configuration.walMode && !configuration.readOnly {
                let mode = try scalar("PRAGMA journal_mode=WAL", as: String.self)
                guard mode?.lowercased() == "wal" else {
                    throw SQLiteError(extendedCode: SQLITE_ERROR, message: "could not switch \(path) to WAL mode (got \(mode ?? "nothing"))")
                }
            }
            try execute("PRAGMA synchronous=\(configuration.synchronous.rawValue)")
            try execute("PRAGMA foreign_keys=\(configuration.foreignKeys ? "ON" : "OFF")")
        } catch {
            statementCache.removeAll()
            sqlite3_close_v2(db)
            throw error
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more SQL statements separated by semicolons, with no parameters.
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        guard rc == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(extendedCode: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Runs one statement with bound values, for its effect.
    public func execute(_ sql: String, _ values: [any DatabaseValueConvertible]) throws(SQLiteError) {
        try statement(sql).execute(values)
    }

    /// Runs one query and returns every row.
    public func rows(_ sql: String, _ values: [any DatabaseValueConvertible] = []) throws(SQLiteError) -> [Row] {
        try statement(sql).rows(values)
    }

    /// Runs one query and returns its first row, if any.
    public func row(_ sql: String, _ values: [any DatabaseValueConvertible] = []) throws(SQLiteError) -> Row? {
        try rows(sql, values).first
    }

    /// The first column of the first row as `T` (nil when there is no row or it is NULL).
    public func scalar<T: DatabaseValueConvertible>(_ sql: String, _ values: [any DatabaseValueConvertible] = [],
                                                   as type: T.Type = T.self) throws(SQLiteError) -> T? {
        guard let row = try row(sql, values), let first = row.values.first else { return nil }
        if case .null = first { return nil }
        return try row.get(0, as: T.self)
    }

    /// The cached prepared statement for `sql`.
    public func statement(_ sql: String) throws(SQLiteError) -> Statement {
        if let cached = statementCache[sql] { return cached }
        let statement = try Statement(database: self, sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// The rowid of the last inserted row on this connection.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// How a transaction takes its locks.
    public enum TransactionKind: String, Sendable {
        /// Takes the write lock at BEGIN: no upgrade deadlocks. Use it for writes.
        case immediate = "IMMEDIATE"
        case deferred = "DEFERRED"
        case exclusive = "EXCLUSIVE"
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Nested calls use savepoints, so an inner failure undoes only the inner work
    /// (and still propagates the error).
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: (Database) throws -> T) throws -> T {
        if transactionDepth > 0 || isInTransaction {
            let name = "sp\(transactionDepth)"
            try execute("SAVEPOINT \(name)")
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            do {
                let result = try body(self)
                try execute("RELEASE \(name)")
                return result
            } catch {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
                throw error
            }
        }
        try execute("BEGIN \(kind.rawValue)")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let result = try body(self)
            try execute("COMMIT")
            return result
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs a WAL checkpoint that truncates the log (used before copying or measuring the file).
    public func checkpoint() throws(SQLiteError) {
        var logFrames: Int32 = 0
        var checkpointed: Int32 = 0
        let rc = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_TRUNCATE, &logFrames, &checkpointed)
        guard rc == SQLITE_OK else { throw lastError(rc, sql: nil) }
    }

    func lastError(_ rc: Int32, sql: String?) -> SQLiteError {
        let extended = sqlite3_extended_errcode(handle)
        let message = String(cString: sqlite3_errmsg(handle))
        return SQLiteError(extendedCode: extended != 0 ? extended : rc, message: message, sql: sql)
    }
}
