/// One result row, copied out of SQLite before the statement steps again.
public struct Row: Sendable, Equatable {
    /// Column names in result order.
    public let columnNames: [String]
    /// Values in result order.
    public let values: [DatabaseValue]

    public init(columnNames: [String], values: [DatabaseValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    /// The raw value of a column by name, or nil when there is no such column.
    public subscript(_ name: String) -> DatabaseValue? {
        guard let index = columnNames.firstIndex(of: name) else { return nil }
        return values[index]
    }

    /// Reads a column by position as `T`, throwing when it has another type.
    public func get<T: DatabaseValueConvertible>(_ index: Int, as type: T.Type = T.self) throws(SQLiteError) -> T {
        guard index >= 0, index < values.count else {
            throw SQLiteError(extendedCode: 25 /* SQLITE_RANGE */, message: "no column at index \(index) (row has \(values.count))")
        }
        guard let value = T.fromDatabaseValue(values[index]) else {
            throw SQLiteError(extendedCode: 20 /* SQLITE_MISMATCH */,
                              message: "column \(columnNames[index]) holds \(values[index]), not \(T.self)")
        }
        return value
    }

    /// Reads a column by name as `T`, throwing when it is missing or has another type.
    public func get<T: DatabaseValueConvertible>(_ name: String, as type: T.Type = T.self) throws(SQLiteError) -> T {
        guard let index = columnNames.firstIndex(of: name) else {
            throw SQLiteError(extendedCode: 25, message: "no column named \(name) (columns: \(columnNames.joined(separator: ", ")))")
        }
        return try get(index, as: T.self)
    }
}
