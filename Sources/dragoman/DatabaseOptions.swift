import ArgumentParser
import DragomanStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `--db PATH` and `--empty`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The database file. Default: $DRAGOMAN_DB, else $XDG_DATA_HOME/dragoman/dragoman.sqlite (~/.local/share/dragoman/dragoman.sqlite).")
    var db: String?

    @Flag(name: .long, help: "When the database does not exist yet, create it without the starter glossary.")
    var empty = false

    /// The path the options resolve to.
    var resolvedPath: String {
        if let db { return db }
        let env = ProcessInfo.processInfo.environment
        if let path = env["DRAGOMAN_DB"], !path.isEmpty { return path }
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/share")
        return ((dataHome as NSString).appendingPathComponent("dragoman") as NSString).appendingPathComponent("dragoman.sqlite")
    }

    /// Opens the database, creating it (and its folder) on first use; a new database
    /// gets the starter glossary unless `--empty` was given.
    func open() throws -> DragomanDatabase {
        let path = resolvedPath
        let existed = FileManager.default.fileExists(atPath: path)
        if !existed {
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw DragomanError(code: .cannotWrite, message: "\(folder): cannot create the database folder (\(error.localizedDescription))")
                }
            }
        }
        if !existed {
            try create(path)
        }
        return try Self.openStore(path)
    }

    static func openStore(_ path: String) throws -> DragomanDatabase {
        do {
            return try DragomanDatabase(path: path)
        } catch let error as StoreError {
            throw DragomanError(store: error)
        }
    }

    /// Builds a new database (schema, starter glossary) under a temporary name beside
    /// `path` and links it into place only when complete. Processes that find no database
    /// at once each build one and the first link wins, so none sees a half-made database
    /// or loads the starter glossary twice, and a killed run leaves nothing under `path`.
    func create(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).new-\(ProcessInfo.processInfo.processIdentifier)").path
        func removeTemporary() {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        }
        removeTemporary()
        defer { removeTemporary() }
        let database = try Self.openStore(temporary)
        if !empty {
            try StarterData.load(into: database, shownAs: path)
        }
        do {
            // Everything into the main file, so that linking it alone carries it all.
            try database.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            try database.pool.close()
        } catch {
            throw DragomanError(code: .cannotWrite, message: "\(path): cannot create the database (\(error))")
        }
        // link(2) fails when `path` exists: then another process created it first.
        if link(temporary, path) != 0 && errno != EEXIST {
            // A file system without hard links: rename, unless another process got there first.
            if !FileManager.default.fileExists(atPath: path) && rename(temporary, path) != 0 {
                throw DragomanError(code: .cannotWrite, message: "\(path): cannot create the database (\(String(cString: strerror(errno))))")
            }
        }
    }
}

extension DragomanError {
    init(store error: StoreError) {
        switch error.code {
        case .busy: self.init(code: .busy, message: error.message)
        case .newerSchema: self.init(code: .newerDatabase, message: error.message)
        case .notADatabase, .invalidInput: self.init(code: .badInput, message: error.message)
        case .notFound: self.init(code: .badInput, message: error.message)
        case .cannotWrite: self.init(code: .cannotWrite, message: error.message)
        }
    }
}
