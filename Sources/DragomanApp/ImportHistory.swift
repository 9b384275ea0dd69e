import DragomanGlossary
import DragomanStore
import DragomanText
import Foundation

/// The imports of a database as batches (`dragoman imports`): every TM and glossary
/// import, `align --add` and the starter glossary is one, recorded in its own transaction.
/// An import can be undone (its added rows removed, the rows it changed put back) and a
/// glossary import's priority changed.
public struct ImportHistory: Sendable {
    public let imports: SQLiteImports

    public init(workspace: Workspace) {
        imports = SQLiteImports(database: workspace.database)
    }

    /// Every import, oldest first.
    public func list() throws -> [ImportBatch] {
        try imports.list()
    }

    /// Undoes import `id` (see `SQLiteImports.undo`).
    public func undo(_ id: Int64, force: Bool) throws -> SQLiteImports.UndoReport {
        try imports.undo(id: id, force: force)
    }

    /// Gives the terms of glossary import `id` a priority; returns how many terms it has.
    public func setPriority(_ priority: GlossaryPriority, of id: Int64) throws -> Int {
        try imports.setPriority(priority, of: id)
    }
}

/// An import as `imports --json` prints it (and the server answers): keys kept stable.
public struct ImportBatchJSON: Encodable, Sendable {
    public var id: Int64
    public var kind: String
    public var file: String
    public var format: String
    public var creator: String?
    /// ISO 8601.
    public var started: String
    public var finished: String?
    public var added: Int
    public var termsAdded: Int?
    public var updated: Int
    public var skipped: Int
    public var priority: String?
    public var undone: String?
    public var removedByUndo: Int?
    public var restoredByUndo: Int?

    public init(_ b: ImportBatch) {
        id = b.id
        kind = b.kind.rawValue
        file = b.file
        format = b.format
        creator = b.creator
        started = b.started.formatted(.iso8601)
        finished = b.finished?.formatted(.iso8601)
        added = b.added
        termsAdded = b.kind == .glossary ? b.termsAdded : nil
        updated = b.updated
        skipped = b.skipped
        priority = b.priority?.rawValue
        undone = b.undone?.formatted(.iso8601)
        removedByUndo = b.removedByUndo
        restoredByUndo = b.restoredByUndo
    }
}

/// What `imports undo --json` prints.
public struct UndoReportJSON: Encodable, Sendable {
    public var batch: ImportBatchJSON
    public var removed: Int
    public var entriesRemoved: Int?
    public var restored: Int
    /// Rows edited after the import whose later edits `--force` undid.
    public var editedSince: [String]

    public init(_ r: SQLiteImports.UndoReport) {
        batch = ImportBatchJSON(r.batch)
        removed = r.removed
        entriesRemoved = r.batch.kind == .glossary ? r.entriesRemoved : nil
        restored = r.restored
        editedSince = r.editedSince.map(\.description)
    }
}
