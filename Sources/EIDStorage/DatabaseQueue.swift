import Dispatch

/// A Sendable owner of one ``Database`` connection that serialises every use on a
/// private serial dispatch queue, so the connection can be shared across tasks and
/// threads. Blocking SQLite work (fsync on commit) runs on that queue, never on
/// Swift's cooperative pool when called from a dedicated thread.
public final class DatabaseQueue: @unchecked Sendable {
    // Safe: `database` is only touched inside `queue.sync`, a serial queue.
    private let database: Database
    private let queue: DispatchQueue
    /// The database file's path.
    public let path: String

    /// Opens the database at `path` and applies `migrator`'s pending migrations.
    public init(path: String, configuration: DatabaseConfiguration = DatabaseConfiguration(),
                migrator: Migrator? = nil) throws {
        self.database = try Database(path: path, configuration: configuration)
        self.queue = DispatchQueue(label: "eid.sqlite.\(path)")
        self.path = path
        if let migrator { try migrator.migrate(database) }
    }

    /// Runs `body` with exclusive use of the connection, outside any transaction.
    public func inDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.sync { try body(database) }
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction; it has committed when this returns.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.sync { try database.transaction(.immediate, body) }
    }

    /// Runs `body` in a deferred (read) transaction, seeing one consistent snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.sync { try database.transaction(.deferred, body) }
    }
}
