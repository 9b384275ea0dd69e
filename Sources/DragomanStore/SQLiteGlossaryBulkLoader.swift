import DragomanGlossary
import Foundation
internal import GRDB

/// The fast path for many entries at once (imports): ids given here (one past the
/// largest), rows written `rowsPerStatement` to a statement (`INSERT … VALUES (…), (…), …`)
/// bound through the C API, since one statement per row would cost more than SQLite's own
/// work. The columns and their order come from `EntryRecord` and `TermRecord`, as for
/// single rows. A large import into a small glossary also drops the (head, next) index
/// and builds it again, sorted, at the end (`restoreIndexes`).
final class SQLiteGlossaryBulkLoader {
    let db: Database
    let derived: SQLiteGlossaryDerivedIndexes

    /// Fewer entries than this are inserted one by one.
    static let minimumEntries = 16
    static let rowsPerStatement = 64

    private enum Table { case entry, term }
    /// Multi-row inserts, prepared once per transaction and size.
    private var statements: [Int: RawStatement] = [:]

    init(db: Database, derived: SQLiteGlossaryDerivedIndexes) {
        self.db = db
        self.derived = derived
    }

    /// Adds `entries` (at least `minimumEntries`); returns their ids in order.
    func add(_ entries: [PreparedEntry], stamp: ImportStamp) throws -> [Int64] {
        let now = Date().timeIntervalSince1970
        try considerBulkMode(adding: entries.count)
        var entryID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM gl_entry") ?? 0) + 1
        var termID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM gl_term") ?? 0) + 1
        var ids: [Int64] = []
        ids.reserveCapacity(entries.count)
        var start = 0
        while start < entries.count {
            let end = min(entries.count, start + Self.rowsPerStatement)
            let s = try statement(.entry, rows: end - start)
            var p: Int32 = 1
            for i in start..<end {
                try EntryRecord.bind(entries[i].entry, id: entryID, now: now, stamp: stamp, to: s, at: p)
                p += EntryRecord.columnCount
                ids.append(entryID)
                entryID += 1
            }
            try s.step()
            start = end
        }
        // Terms, in entry order.
        var pending: [(entry: Int64, index: Int, term: Int)] = []
        for (i, e) in entries.enumerated() {
            for t in e.terms.indices { pending.append((ids[i], i, t)) }
        }
        start = 0
        while start < pending.count {
            let end = min(pending.count, start + Self.rowsPerStatement)
            let s = try statement(.term, rows: end - start)
            var p: Int32 = 1
            for k in start..<end {
                let (entry, i, t) = pending[k]
                try TermRecord.bind(entries[i].terms[t], id: termID + Int64(k - start), entry: entry, now: now, stamp: stamp,
                                    to: s, at: p)
                p += TermRecord.columnCount
            }
            try s.step()
            for k in start..<end {
                let (_, i, t) = pending[k]
                try derived.add(term: termID + Int64(k - start), deletionHashes: entries[i].terms[t].deletionHashes,
                                words: entries[i].terms[t].containedWords)
            }
            termID += Int64(end - start)
            start = end
        }
        return ids
    }

    /// `INSERT INTO … VALUES (…) × rows` for entries or terms, prepared once per size.
    private func statement(_ table: Table, rows: Int) throws -> RawStatement {
        let key = (table == .entry ? 0 : 1_000) + rows
        if let s = statements[key] { return s }
        let sql = table == .entry ? EntryRecord.insertSQL(rows: rows) : TermRecord.insertSQL(rows: rows)
        let s = try RawStatement(db, sql: sql)
        statements[key] = s
        return s
    }

    // MARK: Bulk mode

    /// Entries added in this transaction, and terms in the table when it began.
    private var addedEntries = 0
    private var existingTerms: Int?
    /// Whether the indexes of `bulkIndexes` are dropped until the end of the transaction.
    private var bulk = false
    /// Whether the indexes were rebuilt in this transaction (for a read that needed them):
    /// they are not dropped again, so that reads between batches do not rebuild them each time.
    private var restored = false
    private static let bulkIndexes = [
        (drop: "DROP INDEX gl_term_head", create: "CREATE INDEX gl_term_head ON gl_term(head, next)"),
    ]

    /// A large import into a small glossary drops the head index (random keys) and builds
    /// it again, sorted, at the end of the transaction (or before the first query that
    /// needs it): about three times cheaper than keeping it up to date row by row once the
    /// import is at least half the size of what is there.
    private func considerBulkMode(adding count: Int) throws {
        addedEntries += count
        guard !bulk, !restored, addedEntries >= 8_192 else { return }
        if existingTerms == nil {
            // The largest id: an upper bound of the count, found in O(log n).
            existingTerms = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM gl_term") ?? 0
        }
        // Two terms an entry, on average.
        guard 2 * addedEntries * 2 >= existingTerms! else { return }
        for index in Self.bulkIndexes { try db.execute(sql: index.drop) }
        bulk = true
    }

    /// Rebuilds the indexes dropped by bulk mode.
    func restoreIndexes() throws {
        guard bulk else { return }
        bulk = false
        restored = true
        for index in Self.bulkIndexes { try db.execute(sql: index.create) }
    }
}
