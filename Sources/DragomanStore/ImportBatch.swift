import DragomanGlossary
import DragomanText
import Foundation
internal import GRDB

/// One import as recorded (`dragoman imports`): what was read, when, by whom, what it
/// did, and whether it was undone. Every TM and glossary import is one, written in the
/// import's own transaction, so a batch exists exactly when its rows do.
public struct ImportBatch: Sendable, Hashable {
    /// What the import went into.
    public enum Kind: String, Sendable, Hashable, Codable {
        case tm, glossary
    }

    public var id: Int64
    public var kind: Kind
    /// The file as it was named on the command line (or an upload's name).
    public var file: String
    /// tmx, tsv, csv, xliff, tbx…
    public var format: String
    public var creator: String?
    public var started: Date
    public var finished: Date?
    /// Units (TM) or entries (glossary) added.
    public var added: Int
    /// Glossary: terms added (to new entries and to entries that were there).
    public var termsAdded: Int
    /// Units (TM: dates) or entries (glossary: fields filled, statuses set) that were there and changed.
    public var updated: Int
    /// Rows or units left out (`--skip-bad`, XLIFF segments not done).
    public var skipped: Int
    /// Glossary: the priority of the terms it added.
    public var priority: GlossaryPriority?
    /// When it was undone (`imports undo`); nil while its rows stand.
    public var undone: Date?
    /// What the undo removed (units, or terms) and put back (rows the import had changed).
    public var removedByUndo: Int?
    public var restoredByUndo: Int?
}

/// What a TM import records of its file (the glossary's writer takes the same in
/// `beginImport`).
public struct ImportSource: Sendable {
    public var file: String
    public var format: String
    public var creator: String?
    /// The units the reader left out, asked when the import ends.
    public var skipped: @Sendable () -> Int

    public init(file: String, format: String, creator: String?, skipped: @escaping @Sendable () -> Int = { 0 }) {
        self.file = file
        self.format = format
        self.creator = creator
        self.skipped = skipped
    }
}

/// `import_batch`: one row per import (migration "2026-12-07 import batches").
struct ImportBatchRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "import_batch"

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let kind = Column(CodingKeys.kind)
        static let finished = Column(CodingKeys.finished)
        static let undone = Column(CodingKeys.undone)
    }

    var id: Int64?
    var kind: String
    var file: String
    var format: String
    var creator: String?
    var started: Double
    var finished: Double?
    var added: Int
    var termsAdded: Int
    var updated: Int
    var skipped: Int
    var priority: Int?
    var undone: Double?
    var removedByUndo: Int?
    var restoredByUndo: Int?

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    func batch(database: String) throws -> ImportBatch {
        guard let id, let kind = ImportBatch.Kind(rawValue: kind) else {
            throw Failure.damagedDatabase(database, "an import is of kind \"\(kind)\"")
        }
        return ImportBatch(id: id, kind: kind, file: file, format: format, creator: creator,
                           started: Date(timeIntervalSince1970: started),
                           finished: finished.map { Date(timeIntervalSince1970: $0) },
                           added: added, termsAdded: termsAdded, updated: updated, skipped: skipped,
                           priority: priority.flatMap { GlossaryPriority(rank: $0) },
                           undone: undone.map { Date(timeIntervalSince1970: $0) },
                           removedByUndo: removedByUndo, restoredByUndo: restoredByUndo)
    }
}

/// The record of the import running in a write transaction: its `import_batch` row, and
/// the rows it changes kept as they were before its first change (`import_before`), so
/// that an undo can put them back. Rows the import adds carry its id as they are inserted
/// (`TMWriter`; `SQLiteGlossaryWriter` and its bulk loader, with the terms' priority).
final class ImportRecorder {
    let db: Database
    let id: Int64
    /// The largest entry and term ids when the import began (glossary).
    let entriesBefore: Int64
    let termsBefore: Int64
    private var record: ImportBatchRecord
    /// Glossary: the priority the terms written now get, and whether the import gave it.
    private(set) var priority: GlossaryPriority
    private let priorityGiven: Bool
    /// Glossary: entries added so far (past `GlossaryPriority.bulkEntries`, an import that
    /// gave no priority becomes bulk).
    private var entriesAdded = 0

    init(db: Database, kind: ImportBatch.Kind, file: String, format: String, creator: String?,
         priority: GlossaryPriority?) throws {
        self.db = db
        var record = ImportBatchRecord(id: nil, kind: kind.rawValue, file: file, format: format, creator: creator,
                                       started: Date().timeIntervalSince1970, finished: nil, added: 0, termsAdded: 0,
                                       updated: 0, skipped: 0, priority: priority?.rank, undone: nil,
                                       removedByUndo: nil, restoredByUndo: nil)
        try record.insert(db)
        self.record = record
        id = record.id!
        self.priority = priority ?? .standard
        priorityGiven = priority != nil
        if kind == .glossary {
            entriesBefore = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM gl_entry") ?? 0
            termsBefore = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM gl_term") ?? 0
        } else {
            entriesBefore = 0
            termsBefore = 0
        }
    }

    /// What the glossary rows written now carry.
    var stamp: ImportStamp { ImportStamp(batch: id, priority: priority) }

    /// Counts entries about to be added. When they take an import that gave no priority
    /// past `GlossaryPriority.bulkEntries`, it becomes bulk: the terms written so far (at
    /// most that many entries' worth) are changed, and the rest are written bulk.
    func adding(entries count: Int) throws {
        entriesAdded += count
        guard !priorityGiven, priority == .standard,
              GlossaryPriority.default(entriesAdded: entriesAdded) == .bulk else { return }
        priority = .bulk
        try db.execute(sql: "UPDATE gl_term SET priority = ? WHERE id > ? AND batch = ?",
                       arguments: [priority.rank, termsBefore, id])
    }

    /// The fields of each table an undo puts back, as they are kept (with `changed`, a
    /// REAL kept as it is: JSON would round it to 15 digits).
    static let keptFields: [String: String] = [
        "tu": "json_object()",
        "gl_entry": "json_object('domain', domain, 'definition', definition, 'note', note)",
        "gl_term": "json_object('text', text, 'pos', pos, 'status', status, 'note', note, 'source', source)",
    ]

    /// Keeps row `row` of `table` as it is, before the import's first change to it. A row
    /// the import added itself needs nothing kept: its undo removes it.
    func keepBefore(_ table: String, row: Int64) throws {
        switch table {
        case "gl_entry": guard row <= entriesBefore else { return }
        case "gl_term": guard row <= termsBefore else { return }
        default: break
        }
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO import_before (batch, tableName, row, fields, changed)
            SELECT ?, '\(table)', id, \(Self.keptFields[table]!), changed FROM \(table) WHERE id = ? AND batch IS NOT ?
            """).execute(arguments: [id, row, id])
    }

    /// Completes the record (TM). Units carry the batch already.
    func finish(added: Int, updated: Int, skipped: Int) throws {
        record.added = added
        record.updated = updated
        record.skipped = skipped
        record.finished = Date().timeIntervalSince1970
        try record.update(db)
    }

    /// Completes the record (glossary); returns the priority of the terms it added.
    func finish(entriesAdded: Int, termsAdded: Int, entriesChanged: Int, skipped: Int) throws -> GlossaryPriority {
        record.added = entriesAdded
        record.termsAdded = termsAdded
        record.updated = entriesChanged
        record.skipped = skipped
        record.priority = priority.rank
        record.finished = Date().timeIntervalSince1970
        try record.update(db)
        return priority
    }
}
