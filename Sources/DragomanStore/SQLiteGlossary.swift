import DragomanGlossary
import Foundation
import GRDB

/// The glossary in the project's SQLite database (tables `gl_*`, migration
/// "2026-11-29 glossary"). Every write is one transaction; reads see one snapshot and
/// never wait for a writer (WAL). Term text is always bound as a parameter; sets of keys
/// are passed as one JSON array parameter and unpacked by `json_each`.
public final class SQLiteGlossary: GlossaryStore, @unchecked Sendable {
    public let database: DragomanDatabase

    public init(database: DragomanDatabase) {
        self.database = database
    }

    public func read<T>(_ body: (any GlossaryReader) throws -> T) throws -> T {
        try database.read { db in try body(SQLiteGlossarySession(db: db)) }
    }

    public func write<T>(_ body: (any GlossaryWriter) throws -> T) throws -> T {
        try database.write { db in
            // Large imports touch index pages all over the file: keep them in memory
            // rather than spilling dirty pages mid-transaction (64 MB, this connection).
            try db.execute(sql: "PRAGMA cache_size = -65536")
            let session = SQLiteGlossarySession(db: db)
            let result = try body(session)
            try session.flush()
            return result
        }
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
    static let flushThreshold = 4_000_000

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
        let statement = try db.cachedStatement(sql: "SELECT pairs FROM gl_fuzzy WHERE bucket = ?")
        for (bucket, fragments) in wanted {
            guard let data = try Data.fetchOne(statement, arguments: [bucket]) else { continue }
            FuzzyBuckets.forEachPair([UInt8](data)) { fragment, id in
                if fragments.contains(fragment) { ids.insert(id) }
            }
        }
        return try terms(ids: ids.sorted())
    }

    func termIDs(containingWord word: String) throws -> [Int64] {
        try flushWords()
        guard let data = try Data.fetchOne(db.cachedStatement(sql: "SELECT terms FROM gl_word WHERE word = ?"),
                                           arguments: [word]) else { return [] }
        return PostingList.decode([UInt8](data))
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
        let list = Self.json(Array(ids))
        var out: [Int64: GlossaryEntry] = [:]
        let entryRows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, domain, definition, note, created, changed FROM gl_entry WHERE id IN (SELECT value FROM json_each(?))"),
                                            arguments: [list])
        while let row = try entryRows.next() {
            let e = Self.entry(row)
            out[e.id] = e
        }
        let termRows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, entry, language, text, pos, status, note, source, created, changed FROM gl_term WHERE entry IN (SELECT value FROM json_each(?)) ORDER BY entry, id"),
                                           arguments: [list])
        while let row = try termRows.next() {
            let t = Self.term(row)
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
            if (row[0] as String) == TermLanguage.arabic.rawValue { c.arabicTerms = n } else { c.englishTerms = n }
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
                id: row[6], entryID: row[7], language: TermLanguage(rawValue: row[8]) ?? .english, text: row[9],
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

    func add(prepared entries: [PreparedEntry]) throws -> [Int64] {
        let now = Date()
        try considerBulkMode(adding: entries.count)
        return try entries.map { try insert($0, now: now) }
    }

    // MARK: Bulk mode

    /// Entries added in this transaction, and terms in the table when it began.
    var addedEntries = 0
    var existingTerms: Int?
    var fuzzyFlushed = false
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
            existingTerms = try Int.fetchOne(db, sql: "SELECT count(*) FROM gl_term") ?? 0
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
        let e = prepared.entry
        let created = e.created ?? now
        if insertEntry == nil {
            insertEntry = try RawStatement(db, sql: "INSERT INTO gl_entry (domain, definition, note, created, changed) VALUES (?, ?, ?, ?, ?)")
        }
        let s = insertEntry!
        s.bind(1, e.domain)
        s.bind(2, e.definition)
        s.bind(3, e.note)
        s.bind(4, created.timeIntervalSince1970)
        s.bind(5, (e.changed ?? created).timeIntervalSince1970)
        try s.step()
        let id = db.lastInsertedRowID
        for t in prepared.terms { try insert(t, entryID: id, now: now) }
        return id
    }

    @discardableResult
    func insert(_ prepared: PreparedTerm, entryID: Int64, now: Date) throws -> Int64 {
        let t = prepared.term
        let a = prepared.analysis
        let created = t.created ?? now
        if insertTerm == nil {
            insertTerm = try RawStatement(db, sql: """
                INSERT INTO gl_term (entry, language, text, pos, status, note, source, created, changed, key, head, next, words, tokens)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        }
        let s = insertTerm!
        s.bind(1, entryID)
        s.bind(2, t.language.rawValue)
        s.bind(3, t.text)
        s.bind(4, t.pos)
        s.bind(5, t.status.rawValue)
        s.bind(6, t.note)
        s.bind(7, t.source)
        s.bind(8, created.timeIntervalSince1970)
        s.bind(9, (t.changed ?? created).timeIntervalSince1970)
        s.bind(10, a.key)
        s.bind(11, a.head)
        s.bind(12, a.next)
        s.bind(13, Int64(a.tokens.count))
        s.bind(14, Self.storedTokens(a))
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
        if pendingFuzzy.count + pendingWordCount > Self.flushThreshold {
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
        var draft = NewTerm(t.language, changes.text ?? t.text, pos: t.pos, status: changes.status ?? t.status,
                            note: t.note, source: t.source)
        if let p = changes.pos { draft.pos = p }
        if let n = changes.note { draft.note = n }
        if let s = changes.source { draft.source = s }
        let prepared = try PreparedTerm(draft)
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
            guard let data = try Data.fetchOne(db, sql: "SELECT pairs FROM gl_fuzzy WHERE bucket = ?", arguments: [bucket])
            else { continue }
            var kept: [UInt8] = []
            FuzzyBuckets.forEachPair([UInt8](data)) { fragment, termID in
                if termID != id { FuzzyBuckets.append(fragment, termID, to: &kept) }
            }
            if kept.isEmpty {
                try db.execute(sql: "DELETE FROM gl_fuzzy WHERE bucket = ?", arguments: [bucket])
            } else {
                try db.execute(sql: "UPDATE gl_fuzzy SET pairs = ? WHERE bucket = ?", arguments: [Data(kept), bucket])
            }
        }
        for w in a.containedWords {
            var ids = try termIDs(containingWord: w)
            ids.removeAll { $0 == id }
            if ids.isEmpty {
                try db.execute(sql: "DELETE FROM gl_word WHERE word = ?", arguments: [w])
            } else {
                try db.execute(sql: "UPDATE gl_word SET terms = ? WHERE word = ?",
                               arguments: [Data(PostingList.encode(ids)), w])
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

    /// Appends the gathered postings to their buckets, grouped by bucket with a counting
    /// sort (term ids stay ascending within a bucket), so each bucket row is read and
    /// written once.
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
        pendingFuzzy = []
        let select = try db.cachedStatement(sql: "SELECT pairs FROM gl_fuzzy WHERE bucket = ?")
        let upsert = try RawStatement(db, sql: "INSERT OR REPLACE INTO gl_fuzzy (bucket, pairs) VALUES (?, ?)")
        // Into an empty glossary, on the first flush, there is nothing to append to.
        let empty = existingTerms == 0 && !fuzzyFlushed
        fuzzyFlushed = true
        var bytes: [UInt8] = []
        for bucket in 0..<buckets where starts[bucket] < starts[bucket + 1] {
            bytes.removeAll(keepingCapacity: true)
            if !empty, let old = try Data.fetchOne(select, arguments: [bucket]) { bytes += old }
            for i in starts[bucket]..<starts[bucket + 1] {
                FuzzyBuckets.append(FuzzyBuckets.fragment(ordered[i].0), ordered[i].1, to: &bytes)
            }
            upsert.bind(1, Int64(bucket))
            upsert.bind(2, bytes)
            try upsert.step()
        }
    }

    func flushWords() throws {
        guard !pendingWords.isEmpty else { return }
        let select = try db.cachedStatement(sql: "SELECT terms FROM gl_word WHERE word = ?")
        let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO gl_word (word, terms) VALUES (?, ?)")
        for word in pendingWords.keys.sorted() {
            var ids = try Data.fetchOne(select, arguments: [word]).map { PostingList.decode([UInt8]($0)) } ?? []
            let new = pendingWords[word]!.sorted()
            if let last = ids.last, let first = new.first, first <= last {
                ids = Array(Set(ids + new)).sorted()
            } else {
                ids += new
            }
            upsert.setUncheckedArguments([word, Data(PostingList.encode(ids))])
            try upsert.execute()
        }
        pendingWords = [:]
        pendingWordCount = 0
    }

    // MARK: Rows

    func indexedTerms(_ sql: String, _ arguments: StatementArguments) throws -> [IndexedTerm] {
        var out: [IndexedTerm] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
        while let row = try rows.next() {
            let key: String = row[5]
            let stored: String = row[7]
            let tokens = stored.isEmpty ? [key] : stored.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
            out.append(IndexedTerm(id: row[0], entryID: row[1], language: TermLanguage(rawValue: row[2]) ?? .english,
                                   text: row[3], status: TermStatus(rawValue: row[4]) ?? .admitted,
                                   analysis: TermAnalysis(key: key, tokens: tokens, head: row[6])))
        }
        return out
    }

    /// Token keys joined by U+001F; empty when the term is one token equal to its key.
    static func storedTokens(_ a: TermAnalysis) -> String {
        a.tokens.count == 1 && a.tokens[0] == a.key ? "" : a.tokens.joined(separator: "\u{1F}")
    }

    static func entry(_ row: Row) -> GlossaryEntry {
        GlossaryEntry(id: row[0], domain: row[1], definition: row[2], note: row[3],
                      created: Date(timeIntervalSince1970: row[4]), changed: Date(timeIntervalSince1970: row[5]))
    }

    static func term(_ row: Row) -> GlossaryTerm {
        GlossaryTerm(id: row[0], entryID: row[1], language: TermLanguage(rawValue: row[2]) ?? .english, text: row[3],
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
