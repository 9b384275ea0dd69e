import DragomanText
import Foundation
#if canImport(Glibc)
import Glibc
#endif
internal import GRDB
internal import GRDBSQLite

/// Why the database cannot be used: a message a person can act on, and a code the CLI
/// maps to its exit status.
public struct StoreError: DragomanFailure, Sendable {
    public enum Code: String, Sendable {
        case busy
        case newerSchema
        case notADatabase
        case invalidInput
        case notFound
        /// The request clashes with the data's state (an import edited since, or undone).
        case conflict
        case cannotWrite
        /// SQLite failed in a way nothing the user did explains: a bug.
        case `internal`
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }

    public var failureKind: FailureKind {
        switch code {
        case .busy: .busy
        case .newerSchema: .newerDatabase
        case .notADatabase, .invalidInput: .badInput
        case .notFound: .notFound
        case .conflict: .conflict
        case .cannotWrite: .cannotWrite
        case .internal: .internal
        }
    }
}

/// The project's one SQLite file: glossary and translation memory, in WAL mode so that
/// readers never wait for a writer, with named, append-only migrations.
public final class DragomanDatabase: Sendable {
    /// Internal: GRDB stays inside the store (the CLI and the server never see it).
    let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it. A write that
    /// finds another writer waits up to `busyTimeout`; `onWait` is called once when it has
    /// waited a second (so a person knows why nothing happens).
    public init(path: String, busyTimeout: TimeInterval = 10, onWait: (@Sendable () -> Void)? = nil) throws {
        self.path = path
        var config = Configuration()
        config.busyMode = onWait.map { Self.waiting(timeout: busyTimeout, onWait: $0) } ?? .timeout(busyTimeout)
        config.prepareDatabase { db in
            // Keep the log file when the last connection closes: opening a pool on a
            // database whose log is missing or empty writes to it (GRDB makes sure the log
            // exists), and that write would wait for a running import. Kept small by
            // `shrinkLog()` after large writes.
            var persist: Int32 = 1
            _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MB of page cache for the writer: imports insert into hash indexes in random
            // order. 16 MB for each reader (a pre-translation runs one per core).
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -16384" : "PRAGMA cache_size = -65536")
        }
        do {
            // Read the version on a plain connection first: opening a pool writes to the
            // file (it makes sure the WAL exists), and a newer database must stay untouched.
            if FileManager.default.fileExists(atPath: path) {
                var plain = Configuration()
                plain.busyMode = .timeout(busyTimeout)
                let queue = try DatabaseQueue(path: path, configuration: plain)
                defer { try? queue.close() }
                try Self.checkNotNewer(queue)
            }
            pool = try DatabasePool(path: path, configuration: config)
            // Migrating takes the write lock even when there is nothing to do, which would
            // make every reader wait for a running import: only migrate when steps are missing.
            if try !pool.read({ try Migrations.migrator.hasCompletedMigrations($0) }) {
                try Self.migrate(pool, path: path)
            }
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// SQLite's busy handler: retries every 10 ms until `timeout`, telling `onWait` once a
    /// second has passed. SQLite restarts the count of tries for each new wait.
    static func waiting(timeout: TimeInterval, onWait: @escaping @Sendable () -> Void) -> Database.BusyMode {
        let started = WaitClock()
        return .callback { tries in
            if tries == 0 { started.reset() }
            let waited = started.elapsed
            if waited >= timeout { return false }
            if waited >= 1 { started.tellOnce(onWait) }
            usleep(10_000)
            return true
        }
    }

    /// The schema version this build writes: the number of its migration steps.
    public static var currentSchemaVersion: Int { Migrations.migrator.migrations.count }

    /// The schema version of the open database (`PRAGMA user_version`, kept equal to the
    /// number of migration steps applied).
    public func schemaVersion() throws -> Int {
        try read { db in try Self.appliedVersion(db) }
    }

    static func appliedVersion(_ db: Database) throws -> Int {
        guard try db.tableExists("grdb_migrations") else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") ?? 0
    }

    /// Brings an older database up to date, after copying it (SQLite's online backup,
    /// consistent even while other processes use it) to `PATH.bak-<old version>`; a new,
    /// empty database is simply created. The migration is one transaction.
    static func migrate(_ pool: DatabasePool, path: String) throws {
        // One process migrates at a time (the migrator reads which steps are applied before
        // it takes SQLite's write lock): an advisory lock on the file itself, which SQLite's
        // own (fcntl) locks do not see, and a second look once it is held.
        let descriptor = open(path, O_RDONLY)
        if descriptor >= 0 { flock(descriptor, LOCK_EX) }
        defer {
            if descriptor >= 0 {
                flock(descriptor, LOCK_UN)
                Glibc.close(descriptor)
            }
        }
        if try pool.read({ try Migrations.migrator.hasCompletedMigrations($0) }) { return }
        let old = try pool.read { db in try appliedVersion(db) }
        if old > 0 {
            let backupPath = "\(path).bak-\(old)"
            var info = stat()
            if lstat(backupPath, &info) != 0 {  // nothing there, not even a link
                try backup(pool, to: backupPath)
            }
        }
        try Migrations.migrator.migrate(pool)
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA user_version = \(currentSchemaVersion)")
        }
    }

    /// Copies the database to `destination` with SQLite's online backup, through a
    /// temporary file renamed into place: a killed backup leaves no half file behind. For
    /// the backup before a migration, whose name Dragoman chooses: `migrate` makes it only
    /// where nothing is (not even a link), so it never replaces anything.
    static func backup(_ pool: DatabasePool, to destination: String) throws {
        let temporary = "\(destination).tmp-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            try backup(pool, intoFile: temporary)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw StoreError(.cannotWrite, "\(destination): cannot write the backup (\(error)); nothing was written")
        }
        if rename(temporary, destination) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw StoreError(.cannotWrite, "\(destination): cannot write the backup (\(reason)); nothing was written")
        }
    }

    /// SQLite's online backup of `pool` into the file at `path`, new or empty, left in
    /// rollback-journal mode so that the file alone is the whole copy.
    static func backup(_ pool: DatabasePool, intoFile path: String) throws {
        let target = try DatabaseQueue(path: path)
        do {
            try pool.backup(to: target)
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
        } catch {
            try? target.close()
            throw error
        }
        try target.close()
    }

    /// Copies the open database, with SQLite's online backup (a consistent snapshot, safe
    /// while other connections read and write), into the file at `path`, which must be
    /// new or empty. Where that file goes (renamed over a file, copied into a FIFO) is the
    /// caller's: `OutputFile.writeFile` in DragomanApp.
    public func backup(intoFile path: String) throws {
        var info = stat()
        if lstat(path, &info) == 0 && (info.st_mode & S_IFMT != S_IFREG || info.st_size > 0) {
            throw StoreError(.cannotWrite, "\(path): a backup is written into a new or empty file only; nothing was written")
        }
        do {
            try Self.backup(pool, intoFile: path)
        } catch let error as DatabaseError {
            let translated = Self.translate(error, path: self.path)
            if translated.code == .busy { throw translated }
            throw StoreError(.cannotWrite, "\(path): cannot write the backup (\(error.message ?? "\(error.resultCode)"))")
        } catch {
            throw StoreError(.cannotWrite, "\(path): cannot write the backup (\(error))")
        }
    }

    /// Refuses a database written by a newer Dragoman (migrations this build lacks).
    static func checkNotNewer(_ pool: some DatabaseReader) throws {
        let known = Set(Migrations.migrator.migrations)
        let applied = try pool.read { db -> [String] in
            guard try db.tableExists("grdb_migrations") else { return [] }
            return try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
        }
        let userVersion = try pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        if userVersion > currentSchemaVersion && applied.allSatisfy(known.contains) {
            throw StoreError(.newerSchema, "the database has schema version \(userVersion), newer than this Dragoman's \(currentSchemaVersion); it was left untouched: use a newer dragoman")
        }
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw StoreError(.newerSchema, "the database was written by a newer Dragoman (unknown schema steps: \(unknown.joined(separator: ", "))); it was left untouched: use a newer dragoman")
        }
    }

    /// Maps SQLite failures to messages a person can act on, without stack traces: the
    /// one place where a `DatabaseError` becomes a `StoreError`.
    static func translate(_ error: DatabaseError, path: String) -> StoreError {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, "\(path): the database is busy (another dragoman command is writing); try again when it has finished")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(.notADatabase, "\(path): not a Dragoman database, or damaged (\(detail)); check the --db path, run dragoman check, or restore a backup")
        case .SQLITE_FULL:
            return StoreError(.cannotWrite, "\(path): the disk is full (\(detail)); nothing was changed: free some space and run the command again")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_PERM:
            return StoreError(.cannotWrite, "\(path): cannot write the database (\(detail)); check the --db path and its permissions")
        default:
            return StoreError(.internal, "\(path): database error: \(detail); this is a bug, please report it")
        }
    }

    /// Moves everything in the write-ahead log into the database file and empties the log
    /// (for a file about to be copied or linked elsewhere as a whole).
    public func checkpoint() throws {
        try writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    /// Closes every connection; the object cannot be used afterwards.
    public func close() throws {
        do {
            try pool.close()
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// Runs `body` outside a transaction (pragmas, checkpoints).
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction(body)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    /// The log size above which `shrinkLog()` truncates it.
    public static let largeLogBytes = 64 << 20

    /// After a large write: when the log has grown past `largeLogBytes`, empties it into
    /// the database and truncates it, then writes one small frame, so that the log is
    /// small but never empty (see `init`). A smaller log is left alone (truncating costs a
    /// checkpoint and an fsync). Best effort: with readers in the middle of a transaction
    /// the log stays as it is.
    public func shrinkLog() {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        guard size > Self.largeLogBytes else { return }
        try? pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            try db.execute(sql: "PRAGMA user_version = \(version)")
        }
    }

    /// Runs a write transaction; SQLite's failures become `StoreError`s.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch let error as DatabaseError {
            throw Self.translate(error, path: path)
        }
    }
}

/// When the current wait for the write lock began, and whether it was told.
final class WaitClock: @unchecked Sendable {
    private let lock = NSLock()
    private var start = Date()
    private var told = false

    func reset() {
        lock.lock()
        start = Date()
        told = false
        lock.unlock()
    }

    var elapsed: TimeInterval {
        lock.lock()
        defer { lock.unlock() }
        return Date().timeIntervalSince(start)
    }

    func tellOnce(_ body: () -> Void) {
        lock.lock()
        let first = !told
        told = true
        lock.unlock()
        if first { body() }
    }
}
