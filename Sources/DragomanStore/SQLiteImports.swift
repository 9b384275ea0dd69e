import DragomanGlossary
import DragomanText
import Foundation
internal import GRDB

/// The imports recorded in the database (`import_batch`): listing them, undoing one,
/// changing a glossary import's priority. Each change is one transaction.
public final class SQLiteImports: Sendable {
    public let database: DragomanDatabase

    public init(database: DragomanDatabase) {
        self.database = database
    }

    /// Every import, oldest first.
    public func list() throws -> [ImportBatch] {
        try database.read { db in
            try ImportBatchRecord.order(ImportBatchRecord.Columns.id).fetchAll(db).map { try $0.batch(database: database.path) }
        }
    }

    /// The import `id`, or nil.
    public func batch(id: Int64) throws -> ImportBatch? {
        try database.read { db in try ImportBatchRecord.fetchOne(db, key: id)?.batch(database: database.path) }
    }

    /// What an undo did.
    public struct UndoReport: Sendable, Hashable {
        /// The import, as it stands now (undone).
        public var batch: ImportBatch
        /// Units (TM) or terms (glossary) removed.
        public var removed: Int
        /// Glossary: entries removed (those left without terms).
        public var entriesRemoved: Int
        /// Rows the import had changed, put back as they were.
        public var restored: Int
        /// Rows edited after the import that `force` undid anyway (their later edits are lost).
        public var editedSince: [EditedRow]
    }

    /// A row the import added or changed that was edited after it.
    public struct EditedRow: Sendable, Hashable, CustomStringConvertible {
        public enum Kind: String, Sendable, Hashable { case unit, entry, term }
        public var kind: Kind
        public var id: Int64
        public var description: String { "\(kind) \(id)" }
    }

    /// Undoes import `id` in one transaction: removes the units, or the entries and terms,
    /// it added, and puts back the rows it changed as they were before it. Refused (a
    /// conflict) when it was undone already, or when rows it added or changed were edited
    /// since, unless `force` (then those later edits are lost: the report lists the rows).
    /// An entry it added that has since gained terms from elsewhere keeps those terms.
    public func undo(id: Int64, force: Bool) throws -> UndoReport {
        defer { database.shrinkLog() }
        return try database.write { db in
            guard var record = try ImportBatchRecord.fetchOne(db, key: id) else {
                throw StoreError(.notFound, "no import \(id) in \(database.path): dragoman imports lists them")
            }
            let batch = try record.batch(database: database.path)
            if let undone = batch.undone {
                throw StoreError(.conflict, "import \(id) (\(batch.file)) was undone already, on \(Self.format(undone))")
            }
            let finished = record.finished ?? record.started
            let edited = try Self.editedSince(batch, finished: finished, db: db)
            if !edited.isEmpty && !force {
                let shown = edited.prefix(10).map(\.description).joined(separator: ", ") + (edited.count > 10 ? ", …" : "")
                throw StoreError(.conflict, """
                    import \(id) (\(batch.file)) cannot be undone: \(edited.count) of the rows it added or changed \
                    were edited after it (\(shown)); undo the later imports or edits first, or use --force to undo it \
                    anyway (those later edits are lost)
                    """)
            }
            var report = UndoReport(batch: batch, removed: 0, entriesRemoved: 0, restored: 0, editedSince: edited)
            switch batch.kind {
            case .tm:
                report.restored = try Self.restoreUnits(of: id, db: db)
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM tu WHERE batch = ?", arguments: [id])
                report.removed = try TMUnitRemoval.remove(ids, db: db)
            case .glossary:
                let writer = SQLiteGlossaryWriter(db: db, reader: SQLiteGlossaryReader(db: db, database: database.path))
                report.restored = try Self.restoreGlossary(of: id, writer: writer, db: db)
                let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM gl_entry") ?? 0
                let terms = try Int64.fetchAll(db, sql: "SELECT id FROM gl_term WHERE batch = ?", arguments: [id])
                report.removed = try writer.removeTerms(terms)
                try writer.flush()
                report.entriesRemoved = entries - (try Int.fetchOne(db, sql: "SELECT count(*) FROM gl_entry") ?? 0)
            }
            record.undone = Date().timeIntervalSince1970
            record.removedByUndo = report.removed
            record.restoredByUndo = report.restored
            try record.update(db)
            report.batch = try record.batch(database: database.path)
            return report
        }
    }

    /// Sets the priority of a glossary import's terms; returns how many terms it has.
    public func setPriority(_ priority: GlossaryPriority, of id: Int64) throws -> Int {
        try database.write { db in
            guard var record = try ImportBatchRecord.fetchOne(db, key: id) else {
                throw StoreError(.notFound, "no import \(id) in \(database.path): dragoman imports lists them")
            }
            guard record.kind == ImportBatch.Kind.glossary.rawValue else {
                throw StoreError(.invalidInput, "import \(id) (\(record.file)) went into the TM: only glossary imports have a priority")
            }
            if let undone = record.undone {
                throw StoreError(.conflict, "import \(id) (\(record.file)) was undone on \(Self.format(Date(timeIntervalSince1970: undone)))")
            }
            try db.execute(sql: "UPDATE gl_term SET priority = ? WHERE batch = ?", arguments: [priority.rank, id])
            let terms = db.changesCount
            record.priority = priority.rank
            try record.update(db)
            return terms
        }
    }

    // MARK: Undo, step by step

    /// The rows import `batch` added or changed whose `changed` time is after the import.
    static func editedSince(_ batch: ImportBatch, finished: Double, db: Database) throws -> [EditedRow] {
        var rows: [EditedRow] = []
        func collect(_ kind: EditedRow.Kind, _ sql: String) throws {
            rows += try Int64.fetchAll(db, sql: sql, arguments: [batch.id, finished]).map { EditedRow(kind: kind, id: $0) }
        }
        switch batch.kind {
        case .tm:
            try collect(.unit, "SELECT id FROM tu WHERE batch = ? AND changed > ?")
            try collect(.unit, """
                SELECT b.row FROM import_before b JOIN tu ON tu.id = b.row
                WHERE b.batch = ? AND b.tableName = 'tu' AND tu.changed > ?
                """)
        case .glossary:
            try collect(.entry, "SELECT id FROM gl_entry WHERE batch = ? AND changed > ?")
            try collect(.entry, """
                SELECT b.row FROM import_before b JOIN gl_entry e ON e.id = b.row
                WHERE b.batch = ? AND b.tableName = 'gl_entry' AND e.changed > ?
                """)
            try collect(.term, "SELECT id FROM gl_term WHERE batch = ? AND changed > ?")
            try collect(.term, """
                SELECT b.row FROM import_before b JOIN gl_term t ON t.id = b.row
                WHERE b.batch = ? AND b.tableName = 'gl_term' AND t.changed > ?
                """)
        }
        return Array(Set(rows)).sorted { ($0.kind.rawValue, $0.id) < ($1.kind.rawValue, $1.id) }
    }

    /// Puts back the dates of the units the import found already there; returns how many.
    static func restoreUnits(of batch: Int64, db: Database) throws -> Int {
        try db.execute(sql: """
            UPDATE tu SET changed = (SELECT b.changed FROM import_before b
                                     WHERE b.batch = ? AND b.tableName = 'tu' AND b.row = tu.id)
            WHERE id IN (SELECT row FROM import_before WHERE batch = ? AND tableName = 'tu')
            """, arguments: [batch, batch])
        return db.changesCount
    }

    /// Puts back the terms, then the entries, the import changed (a term first: changing
    /// one touches its entry); returns how many rows.
    static func restoreGlossary(of batch: Int64, writer: SQLiteGlossaryWriter, db: Database) throws -> Int {
        // A term whose text changed is changed back through the writer, which keeps the
        // derived indexes right; its other fields and its date are then set as they were.
        let retexted = try Row.fetchAll(db, sql: """
            SELECT b.row, json_extract(b.fields, '$.text') AS text FROM import_before b JOIN gl_term t ON t.id = b.row
            WHERE b.batch = ? AND b.tableName = 'gl_term' AND t.text <> json_extract(b.fields, '$.text')
            """, arguments: [batch])
        for row in retexted {
            try writer.update(term: row["row"], TermChanges(text: row["text"]))
        }
        try writer.flush()
        try db.execute(sql: """
            UPDATE gl_term SET (pos, status, note, source, changed) = (
                SELECT json_extract(b.fields, '$.pos'), json_extract(b.fields, '$.status'), json_extract(b.fields, '$.note'),
                       json_extract(b.fields, '$.source'), b.changed
                FROM import_before b WHERE b.batch = ? AND b.tableName = 'gl_term' AND b.row = gl_term.id)
            WHERE id IN (SELECT row FROM import_before WHERE batch = ? AND tableName = 'gl_term')
            """, arguments: [batch, batch])
        var restored = db.changesCount
        try db.execute(sql: """
            UPDATE gl_entry SET (domain, definition, note, changed) = (
                SELECT json_extract(b.fields, '$.domain'), json_extract(b.fields, '$.definition'),
                       json_extract(b.fields, '$.note'), b.changed
                FROM import_before b WHERE b.batch = ? AND b.tableName = 'gl_entry' AND b.row = gl_entry.id)
            WHERE id IN (SELECT row FROM import_before WHERE batch = ? AND tableName = 'gl_entry')
            """, arguments: [batch, batch])
        restored += db.changesCount
        return restored
    }

    static func format(_ date: Date) -> String {
        ISO8601DateFormatter.string(from: date, timeZone: .current, formatOptions: [.withInternetDateTime])
    }
}
