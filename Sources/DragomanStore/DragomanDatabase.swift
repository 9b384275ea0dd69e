import Foundation
import GRDB

/// Why the database cannot be used: a message a person can act on, and a code the CLI
/// maps to its exit status.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case busy
        case newerSchema
        case notADatabase
        case invalidInput
        case notFound
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// The project's one SQLite file: glossary and translation memory, in WAL mode so that
/// readers never wait for a writer, with named, append-only migrations.
public final class DragomanDatabase: Sendable {
    public let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it.
    public init(path: String, busyTimeout: TimeInterval = 10) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MB of page cache: imports insert into hash indexes in random order.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Self.checkNotNewer(pool)
            try Migrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// Refuses a database written by a newer Dragoman (migrations this build lacks).
    static func checkNotNewer(_ pool: DatabasePool) throws {
        let known = Set(Migrations.migrator.migrations)
        let applied = try pool.read { db -> [String] in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw StoreError(.newerSchema, "the database was written by a newer Dragoman (unknown schema steps: \(unknown.joined(separator: ", "))); it was left untouched: use a newer dragoman")
        }
    }

    /// Maps SQLite failures to messages without stack traces.
    public static func translate(_ error: DatabaseError, path: String) -> Error {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, "\(path): the database is busy (another dragoman command is writing); try again when it has finished")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(.notADatabase, "\(path): not a Dragoman database, or damaged (\(error.message ?? "unknown")); check the --db path")
        default:
            return error
        }
    }

    /// Runs a write transaction, turning "database is locked" into a `StoreError`.
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }
}
