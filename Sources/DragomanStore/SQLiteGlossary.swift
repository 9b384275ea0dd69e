import DragomanText
import DragomanGlossary
import Foundation
import GRDB

/// The glossary in the project's SQLite database (tables `gl_*`, migration
/// "2026-11-29 glossary"). Every write is one transaction; reads see one snapshot and
/// never wait for a writer (WAL). Term text is always bound as a parameter; sets of keys
/// are passed as one JSON array parameter and unpacked by `json_each`.
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
            return try body(SQLiteGlossarySession(db: db))
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
            let session = SQLiteGlossarySession(db: db)
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

/// One read snapshot or write transaction on the glossary tables.
final class SQLiteGlossarySession: GlossaryWriter {
    let db: Database
    /// Deletion-neighbourhood postings (hash, term) gathered during a write, written by `flush`.
    var pendingFuzzy: [(UInt64, Int64)] = []
    /// Word postings gathered during a write (ascending term ids), written by `flush`.
    var pendingWords: [String: [Int64]] = [:]
    var pendingWordCount = 0

    static let termColumns = "id, entry, language, text, status, key, head, tokens"
    static let prefixedTermColumns = "t.id, t.entry, t.language, t.text, t.status, t.key, t.head, t.tokens"
    /// Postings (or distinct words) held before they are written: bounds the memory an
    /// import needs whatever the size of the file.
    static let flushThreshold = 1_000_000
    static let wordFlushThreshold = 50_000

    /// Bulk inserts, prepared once per transaction.
    var insertEntry: RawStatement?
    var insertTerm: RawStatement?

    init(db: Database) { self.db = db }

    // MARK: GlossaryIndex

    /// One index probe per (head, next) pair, the pairs passed as one JSON parameter.
    func terms(withPairs pairs: Set<HeadPair>) throws -> [IndexedTerm] {
        try restoreIndexes()
        guard !pairs.isEmpty else { return [] }
        if pairs.count == 1 {
            return try indexedTerms("SELECT \(Self.termColumns) FROM gl_term WHERE head = ? AND next = ?",
                                    [pairs.first!.head, pairs.first!.next])
        }
        var flat: [String] = []
        flat.reserveCapacity(2 * pairs.count)
        for p in pairs {
            flat.append(p.head)
            flat.append(p.next)
        }
        return try indexedTerms("""
            SELECT \(Self.prefixedTermColumns) FROM json_each(?) AS p
            JOIN gl_term AS t ON t.head = json_extract(p.value, '$[0]') AND t.next = json_extract(p.value, '$[1]')
            """, [Self.jsonPairs(flat)])
    }

    func existingHeads(_ heads: Set<String>) throws -> Set<String> {
        try restoreIndexes()
        guard !heads.isEmpty else { return [] }
        let rows = try String.fetchAll(db.cachedStatement(sql: """
            SELECT p.value FROM json_each(?) AS p
            WHERE EXISTS (SELECT 1 FROM gl_term WHERE head = p.value)
            """), arguments: [Self.json(heads)])
        return Set(rows)
    }

    /// Through the head index: a key determines its head (the first word's core).
    func terms(withKeys keys: Set<String>) throws -> [IndexedTerm] {
        try restoreIndexes()
        guard !keys.isEmpty else { return [] }
        let heads = Set(keys.map { TermAnalysis(text: $0, language: .english).head })
        if keys.count == 1 {
            return try indexedTerms("SELECT \(Self.termColumns) FROM gl_term WHERE head = ? AND key = ?",
                                    [heads.first!, keys.first!])
        }
        return try indexedTerms("""
            SELECT \(Self.termColumns) FROM gl_term
            WHERE head IN (SELECT value FROM json_each(?)) AND key IN (SELECT value FROM json_each(?))
            """, [Self.json(heads), Self.json(keys)])
    }

    /// Terms whose key or head starts with `prefix`, through the head index: a one-word
    /// prefix is a range of heads (with and without the article); a longer one fixes the
    /// head to its first word. Up to 500 in index order, then the shortest keys first.
    func terms(withPrefix prefix: String, limit: Int) throws -> [IndexedTerm] {
        try restoreIndexes()
        guard !prefix.isEmpty, limit > 0 else { return [] }
        let analysis = TermAnalysis(text: prefix, language: .english)
        guard !analysis.tokens.isEmpty else { return [] }
        let scan = max(limit, 500)
        var found: [IndexedTerm] = []
        if analysis.tokens.count == 1 {
            for start in Set([analysis.tokens[0], analysis.head]) {
                found += try indexedTerms("SELECT \(Self.termColumns) FROM gl_term WHERE head >= ? AND head < ? ORDER BY head LIMIT ?",
                                          [start, start + "\u{10FFFF}", scan])
            }
        } else {
            found = try indexedTerms("SELECT \(Self.termColumns) FROM gl_term WHERE head = ? LIMIT ?", [analysis.head, 20 * scan])
        }
        var seen = Set<Int64>()
        return found.filter { ($0.analysis.key.hasPrefix(prefix) || $0.analysis.head.hasPrefix(prefix)) && seen.insert($0.id).inserted }
            .sorted { ($0.analysis.key.unicodeScalars.count, $0.id) < ($1.analysis.key.unicodeScalars.count, $1.id) }
            .prefix(limit).map { $0 }
    }

    func terms(withDeletionHashes hashes: Set<UInt64>) throws -> [IndexedTerm] {
        guard !hashes.isEmpty else { return [] }
        try flushFuzzy()
        var wanted: [Int: Set<UInt32>] = [:]
        for h in hashes { wanted[FuzzyBuckets.bucket(h), default: []].insert(FuzzyBuckets.fragment(h)) }
        var ids = Set<Int64>()
        let statement = try db.cachedStatement(sql: """
            SELECT f.pairs FROM gl_chunk c CROSS JOIN gl_fuzzy f ON f.chunk = c.id AND f.bucket = ? WHERE c.kind = 'fuzzy'
            """)
        for (bucket, fragments) in wanted {
            try RawRows.forEach(statement, [bucket], db: db) { row in
                FuzzyBuckets.forEachPair(RawRows.bytes(row, 0)) { fragment, id in
                    if fragments.contains(fragment) { ids.insert(id) }
                }
            }
        }
        return try terms(ids: ids.sorted())
    }

    func termIDs(containingWord word: String) throws -> [Int64] {
        try flushWords()
        var ids: [Int64] = []
        var sorted = true
        try RawRows.forEach(db.cachedStatement(sql: """
            SELECT w.terms FROM gl_chunk c CROSS JOIN gl_word w ON w.chunk = c.id AND w.word = ? WHERE c.kind = 'word' ORDER BY c.id
            """), [word], db: db) { row in
            let chunk = PostingList.decode(RawRows.bytes(row, 0))
            if let last = ids.last, let first = chunk.first, first <= last { sorted = false }
            ids += chunk
        }
        return sorted ? ids : Array(Set(ids)).sorted()
    }

    func terms(ids: [Int64]) throws -> [IndexedTerm] {
        guard !ids.isEmpty else { return [] }
        if ids.count == 1 {
            return try indexedTerms("SELECT \(Self.termColumns) FROM gl_term WHERE id = ?", [ids[0]])
        }
        return try indexedTerms("SELECT \(Self.termColumns) FROM gl_term WHERE id IN (SELECT value FROM json_each(?))",
                                [Self.json(ids)])
    }

    func entries(ids: Set<Int64>) throws -> [Int64: GlossaryEntry] {
        guard !ids.isEmpty else { return [:] }
        let list: StatementArguments = [Self.json(Array(ids))]
        var out: [Int64: GlossaryEntry] = [:]
        out.reserveCapacity(ids.count)
        try RawRows.forEach(db.cachedStatement(sql: "SELECT id, domain, definition, note, created, changed FROM gl_entry WHERE id IN (SELECT value FROM json_each(?))"),
                            list, db: db) { row in
            let id = RawRows.int64(row, 0)
            out[id] = GlossaryEntry(id: id, domain: RawRows.optionalText(row, 1), definition: RawRows.optionalText(row, 2),
                                    note: RawRows.optionalText(row, 3),
                                    created: Date(timeIntervalSince1970: RawRows.double(row, 4)),
                                    changed: Date(timeIntervalSince1970: RawRows.double(row, 5)))
        }
        try RawRows.forEach(db.cachedStatement(sql: "SELECT id, entry, language, text, pos, status, note, source, created, changed FROM gl_term WHERE entry IN (SELECT value FROM json_each(?)) ORDER BY entry, id"),
                            list, db: db) { row in
            let t = GlossaryTerm(id: RawRows.int64(row, 0), entryID: RawRows.int64(row, 1),
                                 language: Language(rawValue: RawRows.text(row, 2)) ?? .english,
                                 text: RawRows.text(row, 3), pos: RawRows.optionalText(row, 4),
                                 status: TermStatus(rawValue: RawRows.text(row, 5)) ?? .admitted,
                                 note: RawRows.optionalText(row, 6), source: RawRows.optionalText(row, 7),
                                 created: Date(timeIntervalSince1970: RawRows.double(row, 8)),
                                 changed: Date(timeIntervalSince1970: RawRows.double(row, 9)))
            out[t.entryID]?.terms.append(t)
        }
        return out
    }

    // MARK: GlossaryReader

    func entry(id: Int64) throws -> GlossaryEntry? {
        try entries(ids: [id])[id]
    }

    func term(id: Int64) throws -> GlossaryTerm? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT id, entry, language, text, pos, status, note, source, created, changed FROM gl_term WHERE id = ?"),
                         arguments: [id]).map(Self.term)
    }

    func counts() throws -> GlossaryCounts {
        let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM gl_entry") ?? 0
        var c = GlossaryCounts(entries: entries)
        for row in try Row.fetchAll(db, sql: "SELECT language, count(*) FROM gl_term GROUP BY language") {
            let n: Int = row[1]
            if (row[0] as String) == Language.arabic.rawValue { c.arabicTerms = n } else { c.englishTerms = n }
        }
        return c
    }

    /// One pass over entries and their terms in id order (a join on the entry index).
    func forEachEntry(domain: String?, after: Int64, _ body: (GlossaryEntry) throws -> Bool) throws {
        let sql = """
            SELECT e.id, e.domain, e.definition, e.note, e.created, e.changed,
                   t.id, t.entry, t.language, t.text, t.pos, t.status, t.note, t.source, t.created, t.changed
            FROM gl_entry e JOIN gl_term t ON t.entry = e.id
            WHERE e.id > ? \(domain == nil ? "" : "AND e.domain = ?")
            ORDER BY e.id, t.id
            """
        var arguments: StatementArguments = [after]
        if let domain { arguments += [domain] }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        var current: GlossaryEntry?
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if current?.id != id {
                if let done = current, try !body(done) { return }
                current = GlossaryEntry(id: id, domain: row[1], definition: row[2], note: row[3],
                                        created: Date(timeIntervalSince1970: row[4]),
                                        changed: Date(timeIntervalSince1970: row[5]))
            }
            current!.terms.append(GlossaryTerm(
                id: row[6], entryID: row[7], language: Language(rawValue: row[8]) ?? .english, text: row[9],
                pos: row[10], status: TermStatus(rawValue: row[11]) ?? .admitted, note: row[12], source: row[13],
                created: Date(timeIntervalSince1970: row[14]), changed: Date(timeIntervalSince1970: row[15])))
        }
        if let done = current { _ = try body(done) }
    }

    // MARK: GlossaryWriter

    func add(_ entry: NewEntry) throws -> Int64 {
        try insert(PreparedEntry(entry), now: Date())
    }

    func add(contentsOf entries: [NewEntry]) throws -> [Int64] {
        try add(prepared: PreparedEntry.concurrently(entries))
    }

    /// Many entries: ids given here (one past the largest), rows written 64 to a
    /// statement (`INSERT … VALUES (…), (…), …`): one statement per row would cost more
    /// than SQLite's own work.
    func add(prepared entries: [PreparedEntry]) throws -> [Int64] {
        guard entries.count >= 16 else {
            let now = Date()
            return try entries.map { try insert($0, now: now) }
        }
        let now = Date().timeIntervalSince1970
        try considerBulkMode(adding: entries.count)
        var entryID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM gl_entry") ?? 0) + 1
        var termID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM gl_term") ?? 0) + 1
        var ids: [Int64] = []
        ids.reserveCapacity(entries.count)
        var start = 0
        while start < entries.count {
            let end = min(entries.count, start + Self.rowsPerStatement)
            let s = try multiRow(table: .entry, rows: end - start)
            var p: Int32 = 1
            for i in start..<end {
                let e = entries[i].entry
                let created = e.created?.timeIntervalSince1970 ?? now
                s.bind(p, entryID)
                s.bind(p + 1, e.domain)
                s.bind(p + 2, e.definition)
                s.bind(p + 3, e.note)
                s.bind(p + 4, created)
                s.bind(p + 5, e.changed?.timeIntervalSince1970 ?? created)
                p += 6
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
            let s = try multiRow(table: .term, rows: end - start)
            var p: Int32 = 1
            for k in start..<end {
                let (entry, i, t) = pending[k]
                try bindTerm(entries[i].terms[t], id: termID + Int64(k - start), entryID: entry, now: now, to: s, at: p)
                p += 15
            }
            try s.step()
            for k in start..<end {
                let (_, i, t) = pending[k]
                try indexDerived(termID + Int64(k - start), deletionHashes: entries[i].terms[t].deletionHashes,
                                 words: entries[i].terms[t].containedWords)
            }
            termID += Int64(end - start)
            start = end
        }
        return ids
    }

    static let rowsPerStatement = 64
    enum Table { case entry, term }
    var multiRowStatements: [Int: RawStatement] = [:]

    /// `INSERT INTO … VALUES (…) × rows` for entries or terms, prepared once per size.
    func multiRow(table: Table, rows: Int) throws -> RawStatement {
        let key = (table == .entry ? 0 : 1_000) + rows
        if let s = multiRowStatements[key] { return s }
        let sql: String
        switch table {
        case .entry:
            sql = "INSERT INTO gl_entry (id, domain, definition, note, created, changed) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        case .term:
            sql = "INSERT INTO gl_term (id, entry, language, text, pos, status, note, source, created, changed, key, head, next, words, tokens) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        }
        let s = try RawStatement(db, sql: sql)
        multiRowStatements[key] = s
        return s
    }

    /// Binds one term row (15 values, the first being its id) from parameter `at`.
    @inline(__always)
    func bindTerm(_ prepared: PreparedTerm, id: Int64, entryID: Int64, now: Double, to s: RawStatement, at p: Int32) throws {
        let created = prepared.term.created?.timeIntervalSince1970 ?? now
        s.bind(p, id)
        s.bind(p + 1, entryID)
        s.bind(p + 2, prepared.term.language.rawValue)
        s.bind(p + 3, prepared.term.text)
        s.bind(p + 4, prepared.term.pos)
        s.bind(p + 5, prepared.term.status.rawValue)
        s.bind(p + 6, prepared.term.note)
        s.bind(p + 7, prepared.term.source)
        s.bind(p + 8, created)
        s.bind(p + 9, prepared.term.changed?.timeIntervalSince1970 ?? created)
        s.bind(p + 10, prepared.analysis.key)
        s.bind(p + 11, prepared.analysis.head)
        s.bind(p + 12, prepared.next)
        s.bind(p + 13, Int64(prepared.analysis.tokens.count))
        s.bind(p + 14, prepared.storedTokens)
    }

    // MARK: Bulk mode

    /// Entries added in this transaction, and terms in the table when it began.
    var addedEntries = 0
    var existingTerms: Int?
    /// The key and head indexes are dropped until the end of the transaction.
    var bulk = false
    static let bulkIndexes = [
        "CREATE INDEX gl_term_head ON gl_term(head, next)",
    ]

    /// A large import into a small glossary drops the head index (random keys) and builds
    /// it again, sorted, at the end of the transaction (or before the first query that
    /// needs it): about three times cheaper than keeping it up to date row by row once the
    /// import is at least half the size of what is there.
    func considerBulkMode(adding count: Int) throws {
        addedEntries += count
        guard !bulk, addedEntries >= 8_192 else { return }
        if existingTerms == nil {
            // The largest id: an upper bound of the count, found in O(log n).
            existingTerms = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM gl_term") ?? 0
        }
        // Two terms an entry, on average.
        guard 2 * addedEntries * 2 >= existingTerms! else { return }
        try db.execute(sql: "DROP INDEX gl_term_head")
        bulk = true
    }

    /// Rebuilds the indexes dropped by bulk mode.
    func restoreIndexes() throws {
        guard bulk else { return }
        bulk = false
        for sql in Self.bulkIndexes { try db.execute(sql: sql) }
    }

    func insert(_ prepared: PreparedEntry, now: Date) throws -> Int64 {
        if insertEntry == nil {
            insertEntry = try RawStatement(db, sql: "INSERT INTO gl_entry (domain, definition, note, created, changed) VALUES (?, ?, ?, ?, ?)")
        }
        let s = insertEntry!
        let created = (prepared.entry.created ?? now).timeIntervalSince1970
        s.bind(1, prepared.entry.domain)
        s.bind(2, prepared.entry.definition)
        s.bind(3, prepared.entry.note)
        s.bind(4, created)
        s.bind(5, prepared.entry.changed?.timeIntervalSince1970 ?? created)
        try s.step()
        let id = db.lastInsertedRowID
        for i in prepared.terms.indices { try insert(prepared.terms[i], entryID: id, now: now) }
        return id
    }

    @discardableResult
    func insert(_ prepared: PreparedTerm, entryID: Int64, now: Date) throws -> Int64 {
        if insertTerm == nil {
            insertTerm = try RawStatement(db, sql: """
                INSERT INTO gl_term (entry, language, text, pos, status, note, source, created, changed, key, head, next, words, tokens)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }
        let s = insertTerm!
        let created = (prepared.term.created ?? now).timeIntervalSince1970
        s.bind(1, entryID)
        s.bind(2, prepared.term.language.rawValue)
        s.bind(3, prepared.term.text)
        s.bind(4, prepared.term.pos)
        s.bind(5, prepared.term.status.rawValue)
        s.bind(6, prepared.term.note)
        s.bind(7, prepared.term.source)
        s.bind(8, created)
        s.bind(9, prepared.term.changed?.timeIntervalSince1970 ?? created)
        s.bind(10, prepared.analysis.key)
        s.bind(11, prepared.analysis.head)
        s.bind(12, prepared.next)
        s.bind(13, Int64(prepared.analysis.tokens.count))
        s.bind(14, prepared.storedTokens)
        try s.step()
        let id = db.lastInsertedRowID
        try indexDerived(id, deletionHashes: prepared.deletionHashes, words: prepared.containedWords)
        return id
    }

    /// Gathers the term's deletion-neighbourhood and word postings for `flush`.
    func indexDerived(_ id: Int64, deletionHashes: [UInt64], words: [String]) throws {
        for h in deletionHashes { pendingFuzzy.append((h, id)) }
        for w in words {
            pendingWords[w, default: []].append(id)
            pendingWordCount += 1
        }
        if pendingFuzzy.count + pendingWordCount > Self.flushThreshold || pendingWords.count > Self.wordFlushThreshold {
            try flushFuzzy()
            try flushWords()
        }
    }

    func addTerm(_ term: NewTerm, toEntry entryID: Int64) throws -> Int64 {
        try addTerm(prepared: PreparedTerm(term), toEntry: entryID)
    }

    func addTerm(prepared term: PreparedTerm, toEntry entryID: Int64) throws -> Int64 {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM gl_entry WHERE id = ?", arguments: [entryID]) == true else {
            throw GlossaryError(.notFound, "there is no entry \(entryID)")
        }
        let now = Date()
        let id = try insert(term, entryID: entryID, now: now)
        try db.execute(sql: "UPDATE gl_entry SET changed = ? WHERE id = ?", arguments: [now.timeIntervalSince1970, entryID])
        return id
    }

    func update(entry id: Int64, _ changes: EntryChanges) throws {
        guard var e = try entry(id: id) else { throw GlossaryError(.notFound, "there is no entry \(id)") }
        if let d = changes.domain { e.domain = GlossaryText.field(d) }
        if let d = changes.definition { e.definition = GlossaryText.field(d) }
        if let n = changes.note { e.note = GlossaryText.field(n) }
        try db.execute(sql: "UPDATE gl_entry SET domain = ?, definition = ?, note = ?, changed = ? WHERE id = ?",
                       arguments: [e.domain, e.definition, e.note, Date().timeIntervalSince1970, id])
    }

    func update(term id: Int64, _ changes: TermChanges) throws {
        guard let t = try term(id: id) else { throw GlossaryError(.notFound, "there is no term \(id)") }
        let prepared = try PreparedTerm(changes.applied(to: t))
        try unindexDerived(id)
        let now = Date().timeIntervalSince1970
        let a = prepared.analysis
        let p = prepared.term
        try db.execute(sql: """
            UPDATE gl_term SET text = ?, pos = ?, status = ?, note = ?, source = ?, changed = ?,
                key = ?, head = ?, next = ?, words = ?, tokens = ? WHERE id = ?
            """, arguments: [p.text, p.pos, p.status.rawValue, p.note, p.source, now,
                             a.key, a.head, a.next, a.tokens.count, Self.storedTokens(a), id])
        try db.execute(sql: "UPDATE gl_entry SET changed = ? WHERE id = ?", arguments: [now, t.entryID])
        try indexDerived(id, deletionHashes: prepared.deletionHashes, words: prepared.containedWords)
    }

    func removeEntry(id: Int64) throws -> Bool {
        let termIDs = try Int64.fetchAll(db, sql: "SELECT id FROM gl_term WHERE entry = ?", arguments: [id])
        for t in termIDs { try unindexDerived(t) }
        try db.execute(sql: "DELETE FROM gl_entry WHERE id = ?", arguments: [id])  // terms cascade
        return db.changesCount > 0
    }

    func removeTerm(id: Int64) throws -> Bool {
        guard let entryID = try Int64.fetchOne(db, sql: "SELECT entry FROM gl_term WHERE id = ?", arguments: [id]) else {
            return false
        }
        try unindexDerived(id)
        try db.execute(sql: "DELETE FROM gl_term WHERE id = ?", arguments: [id])
        let left = try Int.fetchOne(db, sql: "SELECT count(*) FROM gl_term WHERE entry = ?", arguments: [entryID]) ?? 0
        if left == 0 {
            try db.execute(sql: "DELETE FROM gl_entry WHERE id = ?", arguments: [entryID])
        } else {
            try db.execute(sql: "UPDATE gl_entry SET changed = ? WHERE id = ?",
                           arguments: [Date().timeIntervalSince1970, entryID])
        }
        return true
    }

    /// Removes a stored term from gl_fuzzy and gl_word (recomputed from its stored text).
    func unindexDerived(_ id: Int64) throws {
        try flush()
        guard let t = try terms(ids: [id]).first else { return }
        let a = t.analysis
        var buckets = Set<Int>()
        for h in a.deletionHashes { buckets.insert(FuzzyBuckets.bucket(h)) }
        for bucket in buckets {
            let rows = try Row.fetchAll(db, sql: "SELECT chunk, pairs FROM gl_fuzzy WHERE bucket = ? AND chunk IN (SELECT id FROM gl_chunk WHERE kind = 'fuzzy')",
                                        arguments: [bucket])
            for row in rows {
                let chunk: Int64 = row[0]
                var kept: [UInt8] = []
                var removed = 0
                FuzzyBuckets.forEachPair([UInt8](row[1] as Data)) { fragment, termID in
                    if termID == id { removed += 1 } else { FuzzyBuckets.append(fragment, termID, to: &kept) }
                }
                guard removed > 0 else { continue }
                if kept.isEmpty {
                    try db.execute(sql: "DELETE FROM gl_fuzzy WHERE chunk = ? AND bucket = ?", arguments: [chunk, bucket])
                } else {
                    try db.execute(sql: "UPDATE gl_fuzzy SET pairs = ? WHERE chunk = ? AND bucket = ?",
                                   arguments: [Data(kept), chunk, bucket])
                }
                try db.execute(sql: "UPDATE gl_chunk SET postings = postings - ? WHERE id = ?", arguments: [removed, chunk])
            }
        }
        for w in a.containedWords {
            let rows = try Row.fetchAll(db, sql: "SELECT chunk, terms FROM gl_word WHERE word = ? AND chunk IN (SELECT id FROM gl_chunk WHERE kind = 'word')",
                                        arguments: [w])
            for row in rows {
                let chunk: Int64 = row[0]
                var ids = PostingList.decode([UInt8](row[1] as Data))
                guard let at = ids.firstIndex(of: id) else { continue }
                ids.remove(at: at)
                if ids.isEmpty {
                    try db.execute(sql: "DELETE FROM gl_word WHERE chunk = ? AND word = ?", arguments: [chunk, w])
                } else {
                    try db.execute(sql: "UPDATE gl_word SET terms = ? WHERE chunk = ? AND word = ?",
                                   arguments: [Data(PostingList.encode(ids.sorted())), chunk, w])
                }
                try db.execute(sql: "UPDATE gl_chunk SET postings = postings - 1 WHERE id = ?", arguments: [chunk])
            }
        }
    }

    // MARK: Derived indexes

    /// Writes the derived indexes gathered so far (and rebuilds any dropped by bulk mode).
    func flush() throws {
        try flushFuzzy()
        try flushWords()
        try restoreIndexes()
    }

    /// Where new postings go: into the last chunk of their kind when it is small or no
    /// larger than the new postings (its rows are rewritten with them), else into a new
    /// chunk appended after all others, so that a large import writes pages at the end of
    /// the table rather than all over it. Past `maximumChunks`, all chunks of the kind are
    /// compacted into one.
    func targetChunk(kind: String, adding count: Int) throws -> (id: Int64, merge: Bool) {
        let chunks = try Row.fetchAll(db, sql: "SELECT id, postings FROM gl_chunk WHERE kind = ? ORDER BY id", arguments: [kind])
        if chunks.count >= Self.maximumChunks { try compact(kind: kind) }
        if let row = try Row.fetchOne(db, sql: "SELECT id, postings FROM gl_chunk WHERE kind = ? ORDER BY id DESC LIMIT 1",
                                      arguments: [kind]) {
            let id: Int64 = row[0], postings: Int = row[1]
            if postings <= count || postings < Self.smallChunk {
                try db.execute(sql: "UPDATE gl_chunk SET postings = postings + ? WHERE id = ?", arguments: [count, id])
                return (id, true)
            }
        }
        try db.execute(sql: "INSERT INTO gl_chunk (kind, postings) VALUES (?, ?)", arguments: [kind, count])
        return (db.lastInsertedRowID, false)
    }

    static let maximumChunks = 8
    static let smallChunk = 4_096

    /// Merges every chunk of a kind into the oldest one.
    func compact(kind: String) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM gl_chunk WHERE kind = ? ORDER BY id", arguments: [kind])
        guard let first = ids.first, ids.count > 1 else { return }
        let table = kind == "fuzzy" ? "gl_fuzzy" : "gl_word"
        let keyColumn = kind == "fuzzy" ? "bucket" : "word"
        let valueColumn = kind == "fuzzy" ? "pairs" : "terms"
        var merged: [DatabaseValue: [UInt8]] = [:]
        var order: [DatabaseValue] = []
        for id in ids {
            for row in try Row.fetchAll(db, sql: "SELECT \(keyColumn), \(valueColumn) FROM \(table) WHERE chunk = ?", arguments: [id]) {
                let key: DatabaseValue = row[0]
                let bytes = [UInt8](row[1] as Data)
                if merged[key] == nil { order.append(key) }
                if kind == "fuzzy" {
                    merged[key, default: []] += bytes
                } else {
                    let ids = PostingList.decode(merged[key] ?? []) + PostingList.decode(bytes)
                    merged[key] = PostingList.encode(Array(Set(ids)).sorted())
                }
            }
        }
        try db.execute(sql: "DELETE FROM \(table) WHERE chunk IN (SELECT id FROM gl_chunk WHERE kind = ?)", arguments: [kind])
        let total = try Int.fetchOne(db, sql: "SELECT sum(postings) FROM gl_chunk WHERE kind = ?", arguments: [kind]) ?? 0
        try db.execute(sql: "DELETE FROM gl_chunk WHERE kind = ? AND id <> ?", arguments: [kind, first])
        try db.execute(sql: "UPDATE gl_chunk SET postings = ? WHERE id = ?", arguments: [total, first])
        let insert = try db.cachedStatement(sql: "INSERT INTO \(table) (chunk, \(keyColumn), \(valueColumn)) VALUES (?, ?, ?)")
        for key in order {
            try insert.execute(arguments: [first, key, Data(merged[key]!)])
        }
    }

    /// Writes the gathered deletion postings, grouped by bucket with a counting sort
    /// (term ids stay ascending within a bucket).
    func flushFuzzy() throws {
        guard !pendingFuzzy.isEmpty else { return }
        let buckets = FuzzyBuckets.count
        var starts = [Int](repeating: 0, count: buckets + 1)
        for (h, _) in pendingFuzzy { starts[FuzzyBuckets.bucket(h) + 1] += 1 }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        var next = starts
        var ordered = [(UInt64, Int64)](repeating: (0, 0), count: pendingFuzzy.count)
        for pair in pendingFuzzy {
            let b = FuzzyBuckets.bucket(pair.0)
            ordered[next[b]] = pair
            next[b] += 1
        }
        let (chunk, merge) = try targetChunk(kind: "fuzzy", adding: pendingFuzzy.count)
        pendingFuzzy = []
        let old = try db.cachedStatement(sql: "SELECT pairs FROM gl_fuzzy WHERE chunk = ? AND bucket = ?")
        let upsert = try RawStatement(db, sql: "INSERT OR REPLACE INTO gl_fuzzy (chunk, bucket, pairs) VALUES (?, ?, ?)")
        var bytes: [UInt8] = []
        for bucket in 0..<buckets where starts[bucket] < starts[bucket + 1] {
            bytes.removeAll(keepingCapacity: true)
            if merge {
                try RawRows.forEach(old, [chunk, bucket], db: db) { row in bytes += RawRows.bytes(row, 0) }
            }
            for i in starts[bucket]..<starts[bucket + 1] {
                FuzzyBuckets.append(FuzzyBuckets.fragment(ordered[i].0), ordered[i].1, to: &bytes)
            }
            upsert.bind(1, chunk)
            upsert.bind(2, Int64(bucket))
            upsert.bind(3, bytes)
            try upsert.step()
        }
    }

    func flushWords() throws {
        guard !pendingWords.isEmpty else { return }
        let (chunk, merge) = try targetChunk(kind: "word", adding: pendingWordCount)
        let old = try db.cachedStatement(sql: "SELECT terms FROM gl_word WHERE chunk = ? AND word = ?")
        let upsert = try RawStatement(db, sql: "INSERT OR REPLACE INTO gl_word (chunk, word, terms) VALUES (?, ?, ?)")
        // In word order, so that a new chunk is written front to back.
        for word in pendingWords.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            var ids: [Int64] = []
            if merge {
                try RawRows.forEach(old, [chunk, word], db: db) { row in ids = PostingList.decode(RawRows.bytes(row, 0)) }
            }
            let added = pendingWords[word]!.sorted()
            if let l = ids.last, let f = added.first, f <= l {
                ids = Array(Set(ids + added)).sorted()
            } else {
                ids += added
            }
            upsert.bind(1, chunk)
            upsert.bind(2, word)
            upsert.bind(3, PostingList.encode(ids))
            try upsert.step()
        }
        pendingWords = [:]
        pendingWordCount = 0
    }

    // MARK: Rows

    func indexedTerms(_ sql: String, _ arguments: StatementArguments) throws -> [IndexedTerm] {
        var out: [IndexedTerm] = []
        try RawRows.forEach(db.cachedStatement(sql: sql), arguments, db: db) { row in
            let key = RawRows.text(row, 5)
            let stored = RawRows.text(row, 7)
            let tokens = stored.isEmpty ? [key] : stored.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            out.append(IndexedTerm(id: RawRows.int64(row, 0), entryID: RawRows.int64(row, 1),
                                   language: Language(rawValue: RawRows.text(row, 2)) ?? .english,
                                   text: RawRows.text(row, 3), status: TermStatus(rawValue: RawRows.text(row, 4)) ?? .admitted,
                                   analysis: TermAnalysis(key: key, tokens: tokens, head: RawRows.text(row, 6))))
        }
        return out
    }

    /// Token keys joined by U+001F; empty when the term is one token equal to its key.
    static func storedTokens(_ a: TermAnalysis) -> String {
        a.tokens.count == 1 && a.tokens[0] == a.key ? "" : a.tokens.joined(separator: "\u{1F}")
    }

    static func term(_ row: Row) -> GlossaryTerm {
        GlossaryTerm(id: row[0], entryID: row[1], language: Language(rawValue: row[2]) ?? .english, text: row[3],
                     pos: row[4], status: TermStatus(rawValue: row[5]) ?? .admitted, note: row[6], source: row[7],
                     created: Date(timeIntervalSince1970: row[8]), changed: Date(timeIntervalSince1970: row[9]))
    }

    /// A JSON array of strings, for `json_each(?)`.
    static func json(_ strings: some Collection<String>) -> String {
        var out = "["
        var first = true
        for s in strings {
            if !first { out += "," }
            first = false
            out += "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }
        return out + "]"
    }

    /// A flat list of strings as a JSON array of [head, next] pairs.
    static func jsonPairs(_ flat: [String]) -> String {
        var out = "["
        var i = 0
        while i < flat.count {
            if i > 0 { out += "," }
            out += json([flat[i], flat[i + 1]])
            i += 2
        }
        return out + "]"
    }

    static func json(_ ids: some Collection<Int64>) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }
}

/// The deletion-neighbourhood index as 16,384 rows: a 64-bit hash picks a bucket by its
/// low 14 bits and is kept as the next 32 bits (the fragment) beside the term id (LEB128).
/// Importing 160k terms writes 16k blobs instead of a million rows; a lookup reads one
/// small blob (about 80 postings) per probe.
enum FuzzyBuckets {
    static let bits: UInt64 = 14
    static let count = 1 << 14
    @inline(__always) static func bucket(_ h: UInt64) -> Int { Int(h & (UInt64(count) - 1)) }
    @inline(__always) static func fragment(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h >> bits) }

    static func append(_ fragment: UInt32, _ id: Int64, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: fragment))
        bytes.append(UInt8(truncatingIfNeeded: fragment >> 8))
        bytes.append(UInt8(truncatingIfNeeded: fragment >> 16))
        bytes.append(UInt8(truncatingIfNeeded: fragment >> 24))
        var v = UInt64(id)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    static func forEachPair(_ bytes: [UInt8], _ body: (UInt32, Int64) -> Void) {
        var i = 0
        while i + 4 < bytes.count {
            let fragment = UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            i += 4
            var v: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count {
                let b = bytes[i]
                i += 1
                v |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
            body(fragment, Int64(v))
        }
    }
}
