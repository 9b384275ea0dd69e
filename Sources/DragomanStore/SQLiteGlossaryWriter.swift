import DragomanGlossary
import Foundation
internal import GRDB

/// The glossary's writes in one transaction: entries and terms added one at a time (many
/// at once go to the bulk loader), edited and removed, with their derived index postings
/// (gathered in `derived`, written by `flush`). Rows are bound through `EntryRecord` and
/// `TermRecord`, the one mapping of each table's columns.
final class SQLiteGlossaryWriter {
    let db: Database
    let reader: SQLiteGlossaryReader
    let derived: SQLiteGlossaryDerivedIndexes
    let bulkLoader: SQLiteGlossaryBulkLoader

    /// The import this transaction records, when it is one (`beginImport`).
    private(set) var importing: ImportRecorder?

    /// Single-row statements, prepared once per transaction.
    private var insertEntry: RawStatement?
    private var insertTerm: RawStatement?
    private var updateEntry: RawStatement?
    private var updateTerm: RawStatement?

    init(db: Database, reader: SQLiteGlossaryReader) {
        self.db = db
        self.reader = reader
        derived = SQLiteGlossaryDerivedIndexes(db: db)
        bulkLoader = SQLiteGlossaryBulkLoader(db: db, derived: derived)
    }

    /// Writes the derived indexes gathered so far and rebuilds any dropped by bulk mode.
    func flush() throws {
        try derived.flush()
        try bulkLoader.restoreIndexes()
    }

    // MARK: Imports

    func beginImport(file: String, format: String, priority: GlossaryPriority?, creator: String?) throws -> Int64 {
        precondition(importing == nil, "one import per transaction")
        let recorder = try ImportRecorder(db: db, kind: .glossary, file: file, format: format, creator: creator,
                                          priority: priority)
        importing = recorder
        return recorder.id
    }

    func finishImport(entriesAdded: Int, termsAdded: Int, entriesChanged: Int, skipped: Int) throws -> GlossaryPriority {
        guard let recorder = importing else { return .curated }
        try flush()
        importing = nil
        return try recorder.finish(entriesAdded: entriesAdded, termsAdded: termsAdded, entriesChanged: entriesChanged,
                                   skipped: skipped)
    }

    // MARK: Adding

    /// What the rows written now carry: the import's id and priority, or nothing (by hand).
    private var stamp: ImportStamp { importing?.stamp ?? .byHand }

    func add(prepared entries: [PreparedEntry]) throws -> [Int64] {
        guard entries.count >= SQLiteGlossaryBulkLoader.minimumEntries else {
            let now = Date()
            return try entries.map { try insert($0, now: now) }
        }
        try importing?.adding(entries: entries.count)
        return try bulkLoader.add(entries, stamp: stamp)
    }

    func insert(_ prepared: PreparedEntry, now: Date) throws -> Int64 {
        try importing?.adding(entries: 1)
        let s = try statement(&insertEntry, EntryRecord.insertSQL(rows: 1))
        try EntryRecord.bind(prepared.entry, id: nil, now: now.timeIntervalSince1970, stamp: stamp, to: s, at: 1)
        try s.step()
        let id = db.lastInsertedRowID
        for i in prepared.terms.indices { try insert(prepared.terms[i], entryID: id, now: now) }
        return id
    }

    @discardableResult
    func insert(_ prepared: PreparedTerm, entryID: Int64, now: Date) throws -> Int64 {
        let s = try statement(&insertTerm, TermRecord.insertSQL(rows: 1))
        try TermRecord.bind(prepared, id: nil, entry: entryID, now: now.timeIntervalSince1970, stamp: stamp, to: s, at: 1)
        try s.step()
        let id = db.lastInsertedRowID
        try derived.add(term: id, deletionHashes: prepared.deletionHashes, words: prepared.containedWords)
        return id
    }

    func addTerm(prepared term: PreparedTerm, toEntry entryID: Int64) throws -> Int64 {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM gl_entry WHERE id = ?", arguments: [entryID]) == true else {
            throw GlossaryError(.notFound, "there is no entry \(entryID)")
        }
        let now = Date()
        let id = try insert(term, entryID: entryID, now: now)
        try touch(entry: entryID, now.timeIntervalSince1970)
        return id
    }

    // MARK: Editing

    func update(entry id: Int64, _ changes: EntryChanges) throws {
        guard var e = try reader.entry(id: id) else { throw GlossaryError(.notFound, "there is no entry \(id)") }
        try importing?.keepBefore("gl_entry", row: id)
        if let d = changes.domain { e.domain = GlossaryText.field(d) }
        if let d = changes.definition { e.definition = GlossaryText.field(d) }
        if let n = changes.note { e.note = GlossaryText.field(n) }
        let now = Date()
        let s = try statement(&updateEntry, EntryRecord.updateSQL([.domain, .definition, .note, .changed]))
        try EntryRecord.bind(NewEntry(domain: e.domain, definition: e.definition, note: e.note, terms: [], changed: now),
                             id: id, now: now.timeIntervalSince1970, to: s, at: 1)
        try s.step()
    }

    func update(term id: Int64, _ changes: TermChanges) throws {
        guard let t = try reader.term(id: id) else { throw GlossaryError(.notFound, "there is no term \(id)") }
        try importing?.keepBefore("gl_term", row: id)
        var prepared = try PreparedTerm(changes.applied(to: t))
        try unindex(id)
        let now = Date()
        prepared.term.changed = now
        // The entry and language stay; the text and what is derived from it change.
        let s = try statement(&updateTerm, TermRecord.updateSQL([.text, .pos, .status, .note, .source, .changed,
                                                                  .key, .head, .next, .words, .tokens]))
        try TermRecord.bind(prepared, id: id, entry: t.entryID, now: now.timeIntervalSince1970, to: s, at: 1)
        try s.step()
        try touch(entry: t.entryID, now.timeIntervalSince1970)
        try derived.add(term: id, deletionHashes: prepared.deletionHashes, words: prepared.containedWords)
    }

    /// Sets an entry's `changed` time.
    private func touch(entry id: Int64, _ now: Double) throws {
        try importing?.keepBefore("gl_entry", row: id)
        try db.execute(sql: "UPDATE gl_entry SET changed = ? WHERE id = ?", arguments: [now, id])
    }

    // MARK: Removing

    func removeEntry(id: Int64) throws -> Bool {
        let termIDs = try Int64.fetchAll(db, sql: "SELECT id FROM gl_term WHERE entry = ?", arguments: [id])
        for t in termIDs { try unindex(t) }
        try db.execute(sql: "DELETE FROM gl_entry WHERE id = ?", arguments: [id])  // terms cascade
        return db.changesCount > 0
    }

    func removeTerm(id: Int64) throws -> Bool {
        guard let entryID = try Int64.fetchOne(db, sql: "SELECT entry FROM gl_term WHERE id = ?", arguments: [id]) else {
            return false
        }
        try unindex(id)
        try db.execute(sql: "DELETE FROM gl_term WHERE id = ?", arguments: [id])
        let left = try Int.fetchOne(db, sql: "SELECT count(*) FROM gl_term WHERE entry = ?", arguments: [entryID]) ?? 0
        if left == 0 {
            try db.execute(sql: "DELETE FROM gl_entry WHERE id = ?", arguments: [entryID])
        } else {
            try touch(entry: entryID, Date().timeIntervalSince1970)
        }
        return true
    }

    /// Removes many terms at once (an import undone): their postings in one pass over the
    /// derived indexes when there are many. An entry left without terms goes too; an entry
    /// that keeps terms is not otherwise changed. Returns the number of terms removed.
    func removeTerms(_ ids: [Int64]) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        try flush()
        let parts = stride(from: 0, to: ids.count, by: 4_096).map { start in
            "[" + ids[start..<min(ids.count, start + 4_096)].map(String.init).joined(separator: ",") + "]"
        }
        var entries = Set<Int64>()
        for json in parts {
            entries.formUnion(try Int64.fetchAll(db, sql: "SELECT DISTINCT entry FROM gl_term WHERE id IN (SELECT value FROM json_each(?))",
                                                 arguments: [json]))
        }
        // Postings first, while the terms are there to be read.
        if ids.count < Self.termsRemovedOneByOne {
            for id in ids { try unindex(id) }
        } else {
            try derived.removeAll(terms: Set(ids))
        }
        var removed = 0
        for json in parts {
            try db.execute(sql: "DELETE FROM gl_term WHERE id IN (SELECT value FROM json_each(?))", arguments: [json])
            removed += db.changesCount
        }
        try db.execute(sql: """
            DELETE FROM gl_entry WHERE id IN (SELECT value FROM json_each(?))
            AND NOT EXISTS (SELECT 1 FROM gl_term WHERE gl_term.entry = gl_entry.id)
            """, arguments: ["[" + entries.map(String.init).joined(separator: ",") + "]"])
        return removed
    }

    /// Below this many terms, `removeTerms` takes each one's postings out where they are;
    /// from it, one pass over the derived tables is cheaper.
    static let termsRemovedOneByOne = 256

    /// Removes a stored term from the derived indexes (recomputed from its stored text).
    private func unindex(_ id: Int64) throws {
        try flush()
        guard let t = try reader.terms(ids: [id]).first else { return }
        try derived.remove(t)
    }

    /// `slot`'s statement, prepared on first use.
    private func statement(_ slot: inout RawStatement?, _ sql: @autoclosure () -> String) throws -> RawStatement {
        if let s = slot { return s }
        let s = try RawStatement(db, sql: sql())
        slot = s
        return s
    }
}
