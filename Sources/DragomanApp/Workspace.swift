import DragomanAlign
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The open database with its translation memory and glossary: what every use-case
/// works on. Opening creates the database on first use (schema and starter glossary),
/// built aside and linked into place.
public final class Workspace: Sendable {
    public let database: DragomanDatabase
    public let tm: SQLiteTranslationMemory
    public let glossary: SQLiteGlossary

    /// Aligns the units added from now on with the stored model (nothing when there is
    /// none): the whole model for an import, or only the rows `units` need (a pair added by
    /// hand, a confirmed segment).
    public func alignOnArrival(units: [(arabic: String, english: String)]? = nil) throws {
        tm.linking = try ArrivalAlignment.linking(SQLiteWordAlignment(database: database), for: units)
    }

    /// The TM's fragment search, as pre-translation calls it (several threads at once).
    public func fragmentSearch(options: FragmentOptions = FragmentOptions()) -> Pretranslation.FragmentSearch {
        let recall = FragmentRecall(tm: tm, glossary: glossary, options: options)
        return { text, side in try recall.fragments(of: text, side: side) }
    }

    /// Where the TM's word alignment stands (learnt when, units aligned).
    public func alignmentState() throws -> WordAlignmentState {
        try SQLiteWordAlignment(database: database).state()
    }

    public var path: String { database.path }

    public init(database: DragomanDatabase) {
        self.database = database
        self.tm = SQLiteTranslationMemory(database: database)
        self.glossary = SQLiteGlossary(database: database)
    }

    /// What to do when there is no database at the location.
    public enum Missing: Sendable {
        /// Create it; with the starter glossary unless `empty`. Its folder is created
        /// too for the default location; a location the user gave must have its folder
        /// (a typo in `--db` is not a reason to make folders).
        case create(empty: Bool)
        /// Refuse: a command that only reads, backs up or checks has nothing to work on.
        case refuse
    }

    /// Opens the database at `location`. `notice` receives the one-line messages a person
    /// should see (a database created, a starter glossary not found).
    public static func open(_ location: DatabaseLocation, ifMissing: Missing,
                            notice: @escaping @Sendable (String) -> Void = { _ in }) throws -> Workspace {
        let path = location.path
        if !location.exists {
            switch ifMissing {
            case .refuse:
                throw Failure.noInput("\(path): no database there (this command does not create one): check the --db path or $DRAGOMAN_DB")
            case .create(let empty):
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
                    if location.isExplicit {
                        throw Failure.noInput("\(path): the folder \(folder) does not exist; check the --db path (or $DRAGOMAN_DB), or create the folder first")
                    }
                    do {
                        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    } catch {
                        throw Failure.cannotWrite("\(folder): cannot create the database folder (\(error.localizedDescription))")
                    }
                }
                let entries = try create(at: path, starterGlossary: !empty, notice: notice)
                notice(entries.map { "created a new database at \(path) with the starter glossary (\($0) entries)" }
                       ?? "created a new empty database at \(path)")
            }
        }
        return Workspace(database: try DragomanDatabase(path: path, onWait: {
            notice("waiting for another dragoman command to finish writing…")
        }))
    }

    /// Builds a new database (schema, starter glossary) under a temporary name beside
    /// `path` and links it into place only when complete. Processes that find no database
    /// at once each build one and the first link wins, so none sees a half-made database
    /// or loads the starter glossary twice, and a killed run leaves nothing under `path`.
    /// Returns the number of starter entries loaded (nil when none were).
    @discardableResult
    static func create(at path: String, starterGlossary: Bool, notice: (String) -> Void) throws -> Int? {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).new-\(ProcessInfo.processInfo.processIdentifier)").path
        func removeTemporary() {
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: temporary + suffix) }
        }
        removeTemporary()
        defer { removeTemporary() }
        let database = try DragomanDatabase(path: temporary)
        let entries = starterGlossary
            ? try StarterGlossary.load(into: SQLiteGlossary(database: database), shownAs: path, notice: notice) : nil
        do {
            // Everything into the main file, so that linking it alone carries it all.
            try database.checkpoint()
            try database.close()
        } catch {
            throw Failure.cannotWrite("\(path): cannot create the database (\(error))")
        }
        // link(2) fails when `path` exists: then another process created it first.
        if link(temporary, path) != 0 && errno != EEXIST {
            // A file system without hard links: rename, unless another process got there first.
            if !FileManager.default.fileExists(atPath: path) && rename(temporary, path) != 0 {
                throw Failure.cannotWrite("\(path): cannot create the database (\(String(cString: strerror(errno))))")
            }
        }
        return entries
    }
}
