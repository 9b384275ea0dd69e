import DragomanGlossary
import DragomanText
import Foundation
internal import GRDB

/// The glossary's reads on one connection: index probes for matching and lookup, and
/// entries and terms by id. Term text is always bound as a parameter; sets of keys are
/// passed as one JSON array parameter (`JSONParameter`) and unpacked by `json_each`. It
/// reads what the tables hold: the session first writes postings gathered in its
/// transaction and rebuilds an index dropped for a bulk load.
struct SQLiteGlossaryReader {
    let db: Database
    /// The database file, named in errors.
    let database: String

    // MARK: Index probes

    private static let indexed = TermRecord.indexedColumns
    private static let byPair = "SELECT \(indexed.sql()) FROM gl_term WHERE head = ? AND next = ?"
    private static let byPairs = """
        SELECT \(indexed.sql("t")) FROM json_each(?) AS p
        JOIN gl_term AS t ON t.head = json_extract(p.value, '$[0]') AND t.next = json_extract(p.value, '$[1]')
        """
    private static let byKey = "SELECT \(indexed.sql()) FROM gl_term WHERE head = ? AND key = ?"
    private static let byKeys = """
        SELECT \(indexed.sql()) FROM gl_term
        WHERE head IN (SELECT value FROM json_each(?)) AND key IN (SELECT value FROM json_each(?))
        """
    private static let byHeadRange = "SELECT \(indexed.sql()) FROM gl_term WHERE head >= ? AND head < ? ORDER BY head LIMIT ?"
    private static let byHead = "SELECT \(indexed.sql()) FROM gl_term WHERE head = ? LIMIT ?"
    private static let byID = "SELECT \(indexed.sql()) FROM gl_term WHERE id = ?"
    private static let byIDs = "SELECT \(indexed.sql()) FROM gl_term WHERE id IN (SELECT value FROM json_each(?))"
    private static let byEntries = "SELECT \(indexed.sql()) FROM gl_term WHERE entry IN (SELECT value FROM json_each(?))"

    /// One index probe per (head, next) pair, the pairs passed as one JSON parameter.
    func terms(withPairs pairs: Set<HeadPair>) throws -> [IndexedTerm] {
        guard !pairs.isEmpty else { return [] }
        if pairs.count == 1 {
            return try indexedTerms(Self.byPair, [pairs.first!.head, pairs.first!.next])
        }
        return try indexedTerms(Self.byPairs, [JSONParameter.pairs(pairs.lazy.map { ($0.head, $0.next) })])
    }

    func existingHeads(_ heads: Set<String>) throws -> Set<String> {
        guard !heads.isEmpty else { return [] }
        let rows = try String.fetchAll(db.cachedStatement(sql: """
            SELECT p.value FROM json_each(?) AS p
            WHERE EXISTS (SELECT 1 FROM gl_term WHERE head = p.value)
            """), arguments: [JSONParameter.strings(heads)])
        return Set(rows)
    }

    /// Through the head index: a key determines its head (the first word's core).
    func terms(withKeys keys: Set<String>) throws -> [IndexedTerm] {
        guard !keys.isEmpty else { return [] }
        let heads = Set(keys.map { TermAnalysis(text: $0, language: .english).head })
        if keys.count == 1 {
            return try indexedTerms(Self.byKey, [heads.first!, keys.first!])
        }
        return try indexedTerms(Self.byKeys, [JSONParameter.strings(heads), JSONParameter.strings(keys)])
    }

    /// Terms whose key or head starts with `prefix`, through the head index: a one-word
    /// prefix is a range of heads (with and without the article); a longer one fixes the
    /// head to its first word. Up to 500 in index order, then the shortest keys first.
    func terms(withPrefix prefix: String, limit: Int) throws -> [IndexedTerm] {
        guard !prefix.isEmpty, limit > 0 else { return [] }
        let analysis = TermAnalysis(text: prefix, language: .english)
        guard !analysis.tokens.isEmpty else { return [] }
        let scan = max(limit, 500)
        var found: [IndexedTerm] = []
        if analysis.tokens.count == 1 {
            for start in Set([analysis.tokens[0], analysis.head]) {
                found += try indexedTerms(Self.byHeadRange, [start, start + "\u{10FFFF}", scan])
            }
        } else {
            found = try indexedTerms(Self.byHead, [analysis.head, 20 * scan])
        }
        var seen = Set<Int64>()
        return found.filter { ($0.analysis.key.hasPrefix(prefix) || $0.analysis.head.hasPrefix(prefix)) && seen.insert($0.id).inserted }
            .sorted { ($0.analysis.key.unicodeScalars.count, $0.id) < ($1.analysis.key.unicodeScalars.count, $1.id) }
            .prefix(limit).map { $0 }
    }

    private static let fuzzyPairs = """
        SELECT \(FuzzyRecord.pairsColumn.sql("f")) FROM gl_chunk c CROSS JOIN gl_fuzzy f ON f.chunk = c.id AND f.bucket = ?
        WHERE c.kind = '\(ChunkRecord.Kind.fuzzy.rawValue)'
        """

    /// Ids of the terms indexed under any of these deletion hashes (with collisions),
    /// ascending: one read of each bucket's postings in every chunk.
    func termIDs(withDeletionHashes hashes: Set<UInt64>) throws -> [Int64] {
        var wanted: [Int: Set<UInt32>] = [:]
        for h in hashes { wanted[FuzzyBuckets.bucket(h), default: []].insert(FuzzyBuckets.fragment(h)) }
        var ids = Set<Int64>()
        let statement = try db.cachedStatement(sql: Self.fuzzyPairs)
        for (bucket, fragments) in wanted {
            try RawRows.forEach(statement, [bucket], db: db, FuzzyRecord.pairsColumn) { row in
                FuzzyBuckets.forEachPair(row.bytes(.pairs)) { fragment, id in
                    if fragments.contains(fragment) { ids.insert(id) }
                }
            }
        }
        return ids.sorted()
    }

    private static let wordTerms = """
        SELECT \(WordRecord.termsColumn.sql("w")) FROM gl_chunk c CROSS JOIN gl_word w ON w.chunk = c.id AND w.word = ?
        WHERE c.kind = '\(ChunkRecord.Kind.word.rawValue)' ORDER BY c.id
        """

    func termIDs(containingWord word: String) throws -> [Int64] {
        var ids: [Int64] = []
        var sorted = true
        try RawRows.forEach(db.cachedStatement(sql: Self.wordTerms), [word], db: db, WordRecord.termsColumn) { row in
            let chunk = PostingList.decode(row.bytes(.terms))
            if let last = ids.last, let first = chunk.first, first <= last { sorted = false }
            ids += chunk
        }
        return sorted ? ids : Array(Set(ids)).sorted()
    }

    /// Through the entry index (never dropped for a bulk load).
    func terms(inEntries ids: Set<Int64>) throws -> [IndexedTerm] {
        guard !ids.isEmpty else { return [] }
        return try indexedTerms(Self.byEntries, [JSONParameter.integers(ids)])
    }

    func terms(ids: [Int64]) throws -> [IndexedTerm] {
        guard !ids.isEmpty else { return [] }
        if ids.count == 1 {
            return try indexedTerms(Self.byID, [ids[0]])
        }
        return try indexedTerms(Self.byIDs, [JSONParameter.integers(ids)])
    }

    /// Rows of `TermRecord.indexedColumns`.
    func indexedTerms(_ sql: String, _ arguments: StatementArguments) throws -> [IndexedTerm] {
        var out: [IndexedTerm] = []
        try RawRows.forEach(db.cachedStatement(sql: sql), arguments, db: db, Self.indexed) { row in
            out.append(try TermRecord.indexedTerm(row, database: database))
        }
        return out
    }

    // MARK: Entries and terms

    private static let entriesByID = """
        SELECT \(EntryRecord.entryColumns.sql()) FROM gl_entry WHERE id IN (SELECT value FROM json_each(?))
        """
    private static let termsByEntry = """
        SELECT \(TermRecord.termColumns.sql()) FROM gl_term WHERE entry IN (SELECT value FROM json_each(?)) ORDER BY entry, id
        """
    private static let termByID = "SELECT \(TermRecord.termColumns.sql()) FROM gl_term WHERE id = ?"

    func entries(ids: Set<Int64>) throws -> [Int64: GlossaryEntry] {
        guard !ids.isEmpty else { return [:] }
        let list: StatementArguments = [JSONParameter.integers(ids)]
        var out: [Int64: GlossaryEntry] = [:]
        out.reserveCapacity(ids.count)
        try RawRows.forEach(db.cachedStatement(sql: Self.entriesByID), list, db: db, EntryRecord.entryColumns) { row in
            let entry = EntryRecord.entry(row)
            out[entry.id] = entry
        }
        try RawRows.forEach(db.cachedStatement(sql: Self.termsByEntry), list, db: db, TermRecord.termColumns) { row in
            let t = try TermRecord.term(row, database: database)
            out[t.entryID]?.terms.append(t)
        }
        return out
    }

    func entry(id: Int64) throws -> GlossaryEntry? {
        try entries(ids: [id])[id]
    }

    func term(id: Int64) throws -> GlossaryTerm? {
        var found: GlossaryTerm?
        try RawRows.forEach(db.cachedStatement(sql: Self.termByID), [id], db: db, TermRecord.termColumns) { row in
            found = try TermRecord.term(row, database: database)
        }
        return found
    }

    /// O(log n): the end of the primary key.
    func largestTermID() throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM gl_term") ?? 0
    }

    func counts() throws -> GlossaryCounts {
        let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM gl_entry") ?? 0
        var c = GlossaryCounts(entries: entries)
        for row in try Row.fetchAll(db, sql: "SELECT language, count(*) AS terms FROM gl_term GROUP BY language") {
            let stored: String = row[TermRecord.Columns.language]
            let n: Int = row["terms"]
            switch try language(grouped: stored) {
            case .arabic: c.arabicTerms = n
            case .english: c.englishTerms = n
            }
        }
        return c
    }

    /// A language of `GROUP BY language`; when it does not parse, the error names a
    /// term that has it.
    private func language(grouped stored: String) throws -> Language {
        if let language = Language(rawValue: stored) { return language }
        let id = try Int64.fetchOne(db, sql: "SELECT id FROM gl_term WHERE language = ? ORDER BY id LIMIT 1",
                                    arguments: [stored]) ?? 0
        return try TermRecord.language(stored, term: id, database)
    }

    /// Entry and term columns side by side (a join).
    private static let entryColumns = EntryRecord.entryColumns
    private static let joinedTermColumns = TermRecord.termColumns.after(entryColumns.count)

    /// One pass over entries and their terms in id order (a join on the entry index).
    func forEachEntry(domain: String?, after: Int64, _ body: (GlossaryEntry) throws -> Bool) throws {
        let sql = """
            SELECT \(Self.entryColumns.sql("e")), \(Self.joinedTermColumns.sql("t"))
            FROM gl_entry e JOIN gl_term t ON t.entry = e.id
            WHERE e.id > ? \(domain == nil ? "" : "AND e.domain = ?")
            ORDER BY e.id, t.id
            """
        var arguments: StatementArguments = [after]
        if let domain { arguments += [domain] }
        var current: GlossaryEntry?
        var stopped = false
        try RawRows.forEachWhile(db.makeStatement(sql: sql), arguments, db: db) { statement in
            let entryRow = RawRow(statement: statement, selection: Self.entryColumns)
            let id = entryRow.int64(.id)
            if current?.id != id {
                if let done = current, try !body(done) {
                    stopped = true
                    return false
                }
                current = EntryRecord.entry(entryRow)
            }
            current!.terms.append(try TermRecord.term(RawRow(statement: statement, selection: Self.joinedTermColumns),
                                                      database: database))
            return true
        }
        if !stopped, let done = current { _ = try body(done) }
    }
}
