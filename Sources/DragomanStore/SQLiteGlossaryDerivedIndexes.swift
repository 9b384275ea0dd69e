import DragomanGlossary
import DragomanText
import Foundation
internal import GRDB

/// The glossary's derived indexes, `gl_fuzzy` (deletion-neighbourhood postings, see
/// `FuzzyBuckets`) and `gl_word` (words of multi-word terms, see `PostingList`), kept in a
/// few chunks (`gl_chunk`), log-structured. A write gathers postings here and `flush`
/// writes them, a chunk at a time, so that an import appends its own chunk at the end of
/// the table (or merges into a smaller last one) instead of rewriting pages all over it.
final class SQLiteGlossaryDerivedIndexes {
    let db: Database
    /// Deletion-neighbourhood postings (hash, term) gathered during a write.
    private var pendingFuzzy: [(UInt64, Int64)] = []
    /// Word postings gathered during a write (ascending term ids).
    private var pendingWords: [String: [Int64]] = [:]
    private var pendingWordCount = 0

    /// Postings (or distinct words) held before they are written: bounds the memory an
    /// import needs whatever the size of the file.
    static let flushThreshold = 1_000_000
    static let wordFlushThreshold = 50_000
    /// Chunks of a kind past which they are compacted into one.
    static let maximumChunks = 8
    /// A last chunk smaller than this takes new postings in (rather than a new chunk).
    static let smallChunk = 4_096

    init(db: Database) { self.db = db }

    /// Gathers a new term's postings, written by `flush` (or here, past the thresholds).
    func add(term id: Int64, deletionHashes: [UInt64], words: [String]) throws {
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

    /// Writes the postings gathered so far.
    func flush() throws {
        try flushFuzzy()
        try flushWords()
    }

    // MARK: Removing a term

    private static let fuzzyInBucket = """
        SELECT \(FuzzyRecord.chunkAndPairs.sql()) FROM gl_fuzzy
        WHERE bucket = ? AND chunk IN (SELECT id FROM gl_chunk WHERE kind = '\(ChunkRecord.Kind.fuzzy.rawValue)')
        """
    private static let wordInChunks = """
        SELECT \(WordRecord.chunkAndTerms.sql()) FROM gl_word
        WHERE word = ? AND chunk IN (SELECT id FROM gl_chunk WHERE kind = '\(ChunkRecord.Kind.word.rawValue)')
        """

    /// Removes a stored term's postings (recomputed from its stored text). Gathered
    /// postings must have been written first (`flush`).
    func remove(_ term: IndexedTerm) throws {
        let id = term.id
        let a = term.analysis
        var buckets = Set<Int>()
        for h in a.deletionHashes { buckets.insert(FuzzyBuckets.bucket(h)) }
        for bucket in buckets {
            var rows: [(chunk: Int64, pairs: [UInt8])] = []
            try RawRows.forEach(db.cachedStatement(sql: Self.fuzzyInBucket), [bucket], db: db, FuzzyRecord.chunkAndPairs) { row in
                rows.append((row.int64(.chunk), row.bytes(.pairs)))
            }
            for (chunk, pairs) in rows {
                var kept: [UInt8] = []
                var removed = 0
                FuzzyBuckets.forEachPair(pairs) { fragment, termID in
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
            var rows: [(chunk: Int64, terms: [UInt8])] = []
            try RawRows.forEach(db.cachedStatement(sql: Self.wordInChunks), [w], db: db, WordRecord.chunkAndTerms) { row in
                rows.append((row.int64(.chunk), row.bytes(.terms)))
            }
            for (chunk, terms) in rows {
                var ids = PostingList.decode(terms)
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

    // MARK: Removing many terms

    /// Removes the postings of many terms at once (an import undone): one pass over each
    /// derived table, rewriting the rows that hold one of them, instead of a probe per
    /// term, bucket and word. Gathered postings are written first.
    func removeAll(terms ids: Set<Int64>) throws {
        guard !ids.isEmpty else { return }
        try flush()
        var removedPerChunk: [Int64: Int] = [:]
        var fuzzy: [(chunk: Int64, bucket: Int64, kept: [UInt8])] = []
        let fuzzyRows = try Row.fetchCursor(db, sql: "SELECT chunk, bucket, pairs FROM gl_fuzzy")
        while let row = try fuzzyRows.next() {
            var kept: [UInt8] = []
            var removed = 0
            FuzzyBuckets.forEachPair([UInt8](row["pairs"] as Data)) { fragment, term in
                if ids.contains(term) { removed += 1 } else { FuzzyBuckets.append(fragment, term, to: &kept) }
            }
            guard removed > 0 else { continue }
            let chunk: Int64 = row["chunk"]
            fuzzy.append((chunk, row["bucket"], kept))
            removedPerChunk[chunk, default: 0] += removed
        }
        for (chunk, bucket, kept) in fuzzy {
            if kept.isEmpty {
                try db.execute(sql: "DELETE FROM gl_fuzzy WHERE chunk = ? AND bucket = ?", arguments: [chunk, bucket])
            } else {
                try db.execute(sql: "UPDATE gl_fuzzy SET pairs = ? WHERE chunk = ? AND bucket = ?",
                               arguments: [Data(kept), chunk, bucket])
            }
        }
        var words: [(chunk: Int64, word: String, kept: [Int64])] = []
        let wordRows = try Row.fetchCursor(db, sql: "SELECT chunk, word, terms FROM gl_word")
        while let row = try wordRows.next() {
            let stored = PostingList.decode([UInt8](row["terms"] as Data))
            let kept = stored.filter { !ids.contains($0) }
            guard kept.count < stored.count else { continue }
            let chunk: Int64 = row["chunk"]
            words.append((chunk, row["word"], kept))
            removedPerChunk[chunk, default: 0] += stored.count - kept.count
        }
        for (chunk, word, kept) in words {
            if kept.isEmpty {
                try db.execute(sql: "DELETE FROM gl_word WHERE chunk = ? AND word = ?", arguments: [chunk, word])
            } else {
                try db.execute(sql: "UPDATE gl_word SET terms = ? WHERE chunk = ? AND word = ?",
                               arguments: [Data(PostingList.encode(kept)), chunk, word])
            }
        }
        for (chunk, removed) in removedPerChunk {
            try db.execute(sql: "UPDATE gl_chunk SET postings = postings - ? WHERE id = ?", arguments: [removed, chunk])
        }
    }

    // MARK: Chunks

    private static let lastChunk = "SELECT \(ChunkRecord.sizeColumns.sql()) FROM gl_chunk WHERE kind = ? ORDER BY id DESC LIMIT 1"

    /// Where new postings go: into the last chunk of their kind when it is small or no
    /// larger than the new postings (its rows are rewritten with them), else into a new
    /// chunk appended after all others, so that a large import writes pages at the end of
    /// the table rather than all over it. Past `maximumChunks`, all chunks of the kind are
    /// compacted into one.
    func targetChunk(kind: ChunkRecord.Kind, adding count: Int) throws -> (id: Int64, merge: Bool) {
        let chunks = try Int.fetchOne(db, sql: "SELECT count(*) FROM gl_chunk WHERE kind = ?", arguments: [kind.rawValue]) ?? 0
        if chunks >= Self.maximumChunks { try compact(kind: kind) }
        var last: (id: Int64, postings: Int)?
        try RawRows.forEach(db.cachedStatement(sql: Self.lastChunk), [kind.rawValue], db: db, ChunkRecord.sizeColumns) { row in
            last = (row.int64(.id), Int(row.int64(.postings)))
        }
        if let (id, postings) = last, postings <= count || postings < Self.smallChunk {
            try db.execute(sql: "UPDATE gl_chunk SET postings = postings + ? WHERE id = ?", arguments: [count, id])
            return (id, true)
        }
        try db.execute(sql: "INSERT INTO gl_chunk (kind, postings) VALUES (?, ?)", arguments: [kind.rawValue, count])
        return (db.lastInsertedRowID, false)
    }

    /// Merges every chunk of a kind into the oldest one.
    func compact(kind: ChunkRecord.Kind) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM gl_chunk WHERE kind = ? ORDER BY id", arguments: [kind.rawValue])
        guard let first = ids.first, ids.count > 1 else { return }
        let table = kind.postingTable
        let keyColumn = kind.keyColumn
        let valueColumn = kind.valueColumn
        var merged: [DatabaseValue: [UInt8]] = [:]
        var order: [DatabaseValue] = []
        for id in ids {
            for row in try Row.fetchAll(db, sql: "SELECT \(keyColumn), \(valueColumn) FROM \(table) WHERE chunk = ?", arguments: [id]) {
                let key: DatabaseValue = row[keyColumn]
                let bytes = [UInt8](row[valueColumn] as Data)
                if merged[key] == nil { order.append(key) }
                switch kind {
                case .fuzzy:
                    merged[key, default: []] += bytes
                case .word:
                    let ids = PostingList.decode(merged[key] ?? []) + PostingList.decode(bytes)
                    merged[key] = PostingList.encode(Array(Set(ids)).sorted())
                }
            }
        }
        try db.execute(sql: "DELETE FROM \(table) WHERE chunk IN (SELECT id FROM gl_chunk WHERE kind = ?)", arguments: [kind.rawValue])
        let total = try Int.fetchOne(db, sql: "SELECT sum(postings) FROM gl_chunk WHERE kind = ?", arguments: [kind.rawValue]) ?? 0
        try db.execute(sql: "DELETE FROM gl_chunk WHERE kind = ? AND id <> ?", arguments: [kind.rawValue, first])
        try db.execute(sql: "UPDATE gl_chunk SET postings = ? WHERE id = ?", arguments: [total, first])
        let insert = try db.cachedStatement(sql: "INSERT INTO \(table) (chunk, \(keyColumn), \(valueColumn)) VALUES (?, ?, ?)")
        for key in order {
            try insert.execute(arguments: [first, key, Data(merged[key]!)])
        }
    }

    // MARK: Writing gathered postings

    private static let fuzzyOfBucket = "SELECT \(FuzzyRecord.pairsColumn.sql()) FROM gl_fuzzy WHERE chunk = ? AND bucket = ?"
    private static let termsOfWord = "SELECT \(WordRecord.termsColumn.sql()) FROM gl_word WHERE chunk = ? AND word = ?"

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
        let (chunk, merge) = try targetChunk(kind: .fuzzy, adding: pendingFuzzy.count)
        pendingFuzzy = []
        let old = try db.cachedStatement(sql: Self.fuzzyOfBucket)
        let upsert = try RawStatement(db, sql: FuzzyRecord.upsertSQL)
        var bytes: [UInt8] = []
        for bucket in 0..<buckets where starts[bucket] < starts[bucket + 1] {
            bytes.removeAll(keepingCapacity: true)
            if merge {
                try RawRows.forEach(old, [chunk, bucket], db: db, FuzzyRecord.pairsColumn) { row in bytes += row.bytes(.pairs) }
            }
            for i in starts[bucket]..<starts[bucket + 1] {
                FuzzyBuckets.append(FuzzyBuckets.fragment(ordered[i].0), ordered[i].1, to: &bytes)
            }
            try FuzzyRecord.bind(chunk: chunk, bucket: bucket, pairs: bytes, to: upsert)
            try upsert.step()
        }
    }

    func flushWords() throws {
        guard !pendingWords.isEmpty else { return }
        let (chunk, merge) = try targetChunk(kind: .word, adding: pendingWordCount)
        let old = try db.cachedStatement(sql: Self.termsOfWord)
        let upsert = try RawStatement(db, sql: WordRecord.upsertSQL)
        // In word order, so that a new chunk is written front to back.
        for word in pendingWords.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            var ids: [Int64] = []
            if merge {
                try RawRows.forEach(old, [chunk, word], db: db, WordRecord.termsColumn) { row in ids = PostingList.decode(row.bytes(.terms)) }
            }
            let added = pendingWords[word]!.sorted()
            if let l = ids.last, let f = added.first, f <= l {
                ids = Array(Set(ids + added)).sorted()
            } else {
                ids += added
            }
            try WordRecord.bind(chunk: chunk, word: word, terms: PostingList.encode(ids), to: upsert)
            try upsert.step()
        }
        pendingWords = [:]
        pendingWordCount = 0
    }
}
