internal import CSQLite3

/// An error reported by SQLite, with the result code, SQLite's message, and the
/// SQL that failed (when there was one).
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The primary result code (`SQLITE_CONSTRAINT` = 19, `SQLITE_BUSY` = 5, ...).
    public var code: Int32 { extendedCode & 0xFF }
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE` = 2067, ...).
    public let extendedCode: Int32
    /// SQLite's explanation, or ours for misuse detected in Swift.
    public let message: String
    /// The statement that failed, if any.
    public let sql: String?

    public init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }

    /// SQLite's name for the result code, e.g. "constraint failed".
    public var codeName: String {
        String(cString: sqlite3_errstr(extendedCode))
    }

    public var description: String {
        var text = "SQLite error \(extendedCode) (\(codeName)): \(message)"
        if let sql { text += " — while executing: \(sql)" }
        return text
    }

    /// True for a UNIQUE or PRIMARY KEY constraint violation.
    public var isUniqueConstraintViolation: Bool {
        // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555) are macros Swift cannot import.
        extendedCode == 2067 || extendedCode == 1555
    }

    /// True when the database file is not a database or is corrupt.
    public var isCorruption: Bool {
        code == SQLITE_CORRUPT || code == SQLITE_NOTADB
    }
}
