import DragomanText
import DragomanGlossary
import Foundation
internal import GRDB

/// The glossary in the project's SQLite database (tables `gl_*`, migration
/// "2026-11-29 glossary"). Every write is one transaction; reads see one snapshot and
/// never wait for a writer (WAL). Term text is always bound as a parameter; sets of keys
/// are passed as one JSON array parameter and unpacked by `json_each`.
///
/// The parts: `SQLiteGlossaryReader` (index probes, entries and terms),
/// `SQLiteGlossaryWriter` (add, edit, remove), `SQLiteGlossaryBulkLoader` (many entries
/// at once), `SQLiteGlossaryDerivedIndexes` (fuzzy and word postings, in chunks), and the
/// record types of `SQLiteGlossaryRecords.swift` (each table's columns, row decoding and
/// binding).
public final class SQLiteGlossary: GlossaryStore, Sendable {
    public let database: DragomanDatabase

    public init(database: DragomanDatabase) {
        self.database = database
    }

    public func read<T>(_ body: (any GlossaryReader) throws -> T) throws -> T {
        try database.read { db in
            // `term find` reads thousands of rows spread over the file: a larger page
            // cache (and memory-mapped reads) keep them from being copied in again and
            // again. Per connection; a no-op once set.
            if tuned.insert(ObjectIdentifier(db)) {
                try db.execute(sql: "PRAGMA cache_size = -32768")
                try db.execute(sql: "PRAGMA mmap_size = 268435456")
            }
            return try body(SQLiteGlossarySession(db: db, database: database.path))
        }
    }

    /// Reader connections already tuned.
    private let tuned = ConnectionSet()

    public func write<T>(_ body: (any GlossaryWriter) throws -> T) throws -> T {
        var changes = 0
        defer { if changes > 10_000 { database.shrinkLog() } }
        return try database.write { db in
            let before = db.totalChangesCount
            defer { changes = db.totalChangesCount - before }
            // Large imports touch index pages all over the file: a 16 MB page cache for
            // this connection (more did not make imports faster, only bigger).
            try db.execute(sql: "PRAGMA cache_size = -16384")
            let session = SQLiteGlossarySession(db: db, database: database.path)
            let result = try body(session)
            try session.flush()
            return result
        }
    }
}

/// Connections seen, behind a lock (readers run on several threads).
final class ConnectionSet: @unchecked Sendable {
    private let lock = NSLock()
    private var seen = Set<ObjectIdentifier>()

    /// True the first time `id` is inserted.
    func insert(_ id: ObjectIdentifier) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return seen.insert(id).inserted
    }
}

/// One read snapshot or write transaction on the glossary tables: the glossary protocols,
/// each call handed to the reader or the writer. Within a write, reads see the writes
/// before them: postings gathered so far are written, and an index dropped for a bulk
/// load is rebuilt, before a read that needs them.
final class SQLiteGlossarySession: GlossaryWriter {
    let reader: SQLiteGlossaryReader
    let writer: SQLiteGlossaryWriter

    init(db: Database, database: String) {
        reader = SQLiteGlossaryReader(db: db, database: database)
        writer = SQLiteGlossaryWriter(db: db, reader: reader)
    }

    /// Writes what the transaction gathered (see `SQLiteGlossaryWriter.flush`).
    func flush() throws {
        try writer.flush()
    }

    // MARK: GlossaryIndex

    func terms(withPairs pairs: Set<HeadPair>) throws -> [IndexedTerm] {
        try writer.bulkLoader.restoreIndexes()
        return try reader.terms(withPairs: pairs)
    }

    func existingHeads(_ heads: Set<String>) throws -> Set<String> {
        try writer.bulkLoader.restoreIndexes()
        return try reader.existingHeads(heads)
    }

    func terms(withKeys keys: Set<String>) throws -> [IndexedTerm] {
        try writer.bulkLoader.restoreIndexes()
        return try reader.terms(withKeys: keys)
    }

    func terms(withPrefix prefix: String, limit: Int) throws -> [IndexedTerm] {
        try writer.bulkLoader.restoreIndexes()
        return try reader.terms(withPrefix: prefix, limit: limit)
    }

    func terms(withDeletionHashes hashes: Set<UInt64>) throws -> [IndexedTerm] {
        guard !hashes.isEmpty else { return [] }
        try writer.derived.flushFuzzy()
        return try reader.terms(ids: reader.termIDs(withDeletionHashes: hashes))
    }

    func termIDs(containingWord word: String) throws -> [Int64] {
        try writer.derived.flushWords()
        return try reader.termIDs(containingWord: word)
    }

    func terms(ids: [Int64]) throws -> [IndexedTerm] {
        try reader.terms(ids: ids)
    }

    func terms(inEntries ids: Set<Int64>) throws -> [IndexedTerm] {
        try reader.terms(inEntries: ids)
    }

    func entries(ids: Set<Int64>) throws -> [Int64: GlossaryEntry] {
        try reader.entries(ids: ids)
    }

    // MARK: GlossaryReader

    func entry(id: Int64) throws -> GlossaryEntry? {
        try reader.entry(id: id)
    }

    func term(id: Int64) throws -> GlossaryTerm? {
        try reader.term(id: id)
    }

    func counts() throws -> GlossaryCounts {
        try reader.counts()
    }

    func largestTermID() throws -> Int64 {
        try reader.largestTermID()
    }

    func forEachEntry(domain: String?, after: Int64, _ body: (GlossaryEntry) throws -> Bool) throws {
        try reader.forEachEntry(domain: domain, after: after, body)
    }

    // MARK: GlossaryWriter

    func add(_ entry: NewEntry) throws -> Int64 {
        try writer.insert(PreparedEntry(entry), now: Date())
    }

    func add(contentsOf entries: [NewEntry]) throws -> [Int64] {
        try writer.add(prepared: PreparedEntry.concurrently(entries))
    }

    func add(prepared entries: [PreparedEntry]) throws -> [Int64] {
        try writer.add(prepared: entries)
    }

    func addTerm(_ term: NewTerm, toEntry entryID: Int64) throws -> Int64 {
        try writer.addTerm(prepared: PreparedTerm(term), toEntry: entryID)
    }

    func addTerm(prepared term: PreparedTerm, toEntry entryID: Int64) throws -> Int64 {
        try writer.addTerm(prepared: term, toEntry: entryID)
    }

    func update(entry id: Int64, _ changes: EntryChanges) throws {
        try writer.update(entry: id, changes)
    }

    func update(term id: Int64, _ changes: TermChanges) throws {
        try writer.update(term: id, changes)
    }

    func removeEntry(id: Int64) throws -> Bool {
        try writer.removeEntry(id: id)
    }

    func removeTerm(id: Int64) throws -> Bool {
        try writer.removeTerm(id: id)
    }

    func beginImport(file: String, format: String, priority: GlossaryPriority?, creator: String?) throws -> Int64 {
        try writer.beginImport(file: file, format: format, priority: priority, creator: creator)
    }

    func finishImport(entriesAdded: Int, termsAdded: Int, entriesChanged: Int, skipped: Int) throws -> GlossaryPriority {
        try writer.finishImport(entriesAdded: entriesAdded, termsAdded: termsAdded, entriesChanged: entriesChanged,
                                skipped: skipped)
    }
}
