internal import CSQLite3

/// A prepared statement. Owned by its ``Database`` (which caches it by SQL text
/// and finalises it before closing); not Sendable, like the connection.
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    /// The SQL text this statement was prepared from.
    public let sql: String

    init(database: Database, sql: String) throws(SQLiteError) {
        var stmt: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let rc = sql.withCString { text in
            sqlite3_prepare_v3(database.handle, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, &tail)
        }
        guard rc == SQLITE_OK, let stmt else {
            throw database.lastError(rc, sql: sql)
        }
        if let tail, tail.pointee != 0, !String(cString: tail).allSatisfy({ $0.isWhitespace || $0 == ";" }) {
            sqlite3_finalize(stmt)
            throw SQLiteError(extendedCode: SQLITE_MISUSE,
                              message: "only one statement may be prepared at a time; use execute(_:) for scripts", sql: sql)
        }
        self.handle = stmt
        self.database = database
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `values` to parameters 1...n (after clearing previous bindings).
    public func bind(_ values: [any DatabaseValueConvertible]) throws(SQLiteError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw SQLiteError(extendedCode: SQLITE_RANGE,
                              message: "statement has \(expected) parameter(s), \(values.count) value(s) given", sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value.databaseValue {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .integer(let v):
                rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v):
                rc = sqlite3_bind_double(handle, index, v)
            case .text(let v):
                rc = sqlite3_bind_text(handle, index, v, -1, CSQLite3_SQLITE_TRANSIENT())
            case .blob(let v):
                rc = v.withUnsafeBytes { raw in
                    // A zero-length blob must still be a blob, not NULL.
                    sqlite3_bind_blob64(handle, index, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1),
                                        sqlite3_uint64(raw.count), CSQLite3_SQLITE_TRANSIENT())
                }
            }
            guard rc == SQLITE_OK else { throw database.lastError(rc, sql: sql) }
        }
    }

    /// Steps once; returns the row, or nil when the statement is done.
    func step() throws(SQLiteError) -> Row? {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW:
            return currentRow()
        case SQLITE_DONE:
            return nil
        default:
            let error = database.lastError(rc, sql: sql)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs the statement to completion and returns every row.
    public func rows(_ values: [any DatabaseValueConvertible] = []) throws(SQLiteError) -> [Row] {
        try bind(values)
        defer { sqlite3_reset(handle) }
        var result: [Row] = []
        while let row = try step() { result.append(row) }
        return result
    }

    /// Runs the statement for its effect, discarding rows.
    public func execute(_ values: [any DatabaseValueConvertible] = []) throws(SQLiteError) {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while try step() != nil {}
    }

    private func currentRow() -> Row {
        let count = sqlite3_column_count(handle)
        var names: [String] = []
        var values: [DatabaseValue] = []
        names.reserveCapacity(Int(count))
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            names.append(String(cString: sqlite3_column_name(handle, column)))
            switch sqlite3_column_type(handle, column) {
            case SQLITE_INTEGER:
                values.append(.integer(sqlite3_column_int64(handle, column)))
            case SQLITE_FLOAT:
                values.append(.real(sqlite3_column_double(handle, column)))
            case SQLITE_TEXT:
                // Copy now: the pointer is only valid until the next step.
                let text = sqlite3_column_text(handle, column)
                let length = Int(sqlite3_column_bytes(handle, column))
                let bytes = text.map { UnsafeBufferPointer(start: $0, count: length) }
                values.append(.text(bytes.map { String(decoding: $0, as: UTF8.self) } ?? ""))
            case SQLITE_BLOB:
                let length = Int(sqlite3_column_bytes(handle, column))
                if length > 0, let pointer = sqlite3_column_blob(handle, column) {
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: pointer, count: length))))
                } else {
                    values.append(.blob([]))
                }
            default:
                values.append(.null)
            }
        }
        return Row(columnNames: names, values: values)
    }
}
