import ArgumentParser
import DragomanStore
import Foundation

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
        let database: DragomanDatabase
        do {
            database = try DragomanDatabase(path: path)
        } catch let error as StoreError {
            throw DragomanError(store: error)
        }
        if !existed && !empty {
            try StarterData.load(into: database)
        }
        return database
    }
}

extension DragomanError {
    init(store error: StoreError) {
        switch error.code {
        case .busy: self.init(code: .busy, message: error.message)
        case .newerSchema: self.init(code: .newerDatabase, message: error.message)
        case .notADatabase, .invalidInput: self.init(code: .badInput, message: error.message)
        case .notFound: self.init(code: .badInput, message: error.message)
        }
    }
}
