import DragomanGlossary
import DragomanText
import Foundation
internal import GRDB

// One type per glossary table (migration "2026-11-29 glossary"), each with its `Columns`
// in the table's order. Column lists of statements are written from these enums and rows
// are read by column through them; a stored value no Dragoman writes (a language or
// status that does not parse) throws (`Failure.damagedDatabase`) rather than being read as a default.

/// `gl_entry`: one concept, with its terms in `gl_term`.
enum EntryRecord {
    static let table = "gl_entry"

    enum Columns: Int, TableColumns {
        case id, domain, definition, note, created, changed
        /// The import that added the entry (NULL: by hand, or from before imports were
        /// recorded).
        case batch
    }

    private static let all = Columns.allCases
    /// Every column `GlossaryEntry` needs.
    static let entryColumns = Selection(all.filter { $0 != .batch })
    /// Parameters of one row of `insertSQL`.
    static let columnCount = Int32(all.count)

    /// An entry without its terms.
    @inline(__always)
    static func entry(_ row: RawRow<Columns>) -> GlossaryEntry {
        GlossaryEntry(id: row.int64(.id), domain: row.optionalText(.domain), definition: row.optionalText(.definition),
                      note: row.optionalText(.note), created: row.date(.created), changed: row.date(.changed))
    }

    /// `INSERT INTO gl_entry (every column) VALUES (…), …` with `rows` rows; see `bind`.
    static func insertSQL(rows: Int) -> String {
        insert(table: table, columns: all, rows: rows)
    }

    /// `UPDATE gl_entry SET (columns) WHERE id`, with the parameters of `bind` at 1.
    static func updateSQL(_ columns: [Columns]) -> String {
        update(table: table, columns: columns, key: .id)
    }

    /// Binds one row, every column at `base` + its place in the table. A nil id binds
    /// NULL: SQLite gives the next one. `now` stands for missing times.
    @inline(__always)
    static func bind(_ entry: NewEntry, id: Int64?, now: Double, stamp: ImportStamp = .byHand, to s: RawStatement,
                     at base: Int32) throws {
        let created = entry.created?.timeIntervalSince1970 ?? now
        for column in all {
            let p = base + Int32(column.rawValue)
            switch column {
            case .id: try s.bind(p, id)
            case .domain: try s.bind(p, entry.domain)
            case .definition: try s.bind(p, entry.definition)
            case .note: try s.bind(p, entry.note)
            case .created: try s.bind(p, created)
            case .changed: try s.bind(p, entry.changed?.timeIntervalSince1970 ?? created)
            case .batch: if p <= s.parameterCount { try s.bind(p, stamp.batch) }
            }
        }
    }
}

/// `gl_term`: a term of an entry, with the columns derived from its text (`TermAnalysis`)
/// that the (head, next) index serves.
enum TermRecord {
    static let table = "gl_term"

    enum Columns: Int, TableColumns {
        case id, entry, language, text, pos, status, note, source, created, changed, key, head, next, words, tokens
        /// The import that added the term, and its `GlossaryPriority` rank (0 for terms
        /// entered by hand).
        case batch, priority
    }

    /// What matching needs (`IndexedTerm`).
    static let indexedColumns = Selection<Columns>([.id, .entry, .language, .text, .status, .key, .head, .tokens, .priority])
    /// What a reader sees (`GlossaryTerm`): all but the derived columns.
    static let termColumns = Selection<Columns>([.id, .entry, .language, .text, .pos, .status, .note, .source,
                                                 .created, .changed])
    private static let all = Columns.allCases
    /// Parameters of one row of `insertSQL`.
    static let columnCount = Int32(all.count)

    @inline(__always)
    static func indexedTerm(_ row: RawRow<Columns>, database: String) throws -> IndexedTerm {
        let id = row.int64(.id)
        let key = row.text(.key)
        let stored = row.text(.tokens)
        let tokens = stored.isEmpty ? [key] : stored.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        return IndexedTerm(id: id, entryID: row.int64(.entry), language: try language(row.text(.language), term: id, database),
                           text: row.text(.text), status: try status(row.text(.status), term: id, database),
                           analysis: TermAnalysis(key: key, tokens: tokens, head: row.text(.head)),
                           priority: GlossaryPriority(rank: Int(row.int64(.priority))) ?? .curated)
    }

    @inline(__always)
    static func term(_ row: RawRow<Columns>, database: String) throws -> GlossaryTerm {
        let id = row.int64(.id)
        return GlossaryTerm(id: id, entryID: row.int64(.entry), language: try language(row.text(.language), term: id, database),
                            text: row.text(.text), pos: row.optionalText(.pos),
                            status: try status(row.text(.status), term: id, database),
                            note: row.optionalText(.note), source: row.optionalText(.source),
                            created: row.date(.created), changed: row.date(.changed))
    }

    /// The stored language of term `id`.
    @inline(__always)
    static func language(_ stored: String, term id: Int64?, _ database: String) throws -> Language {
        guard let language = Language(rawValue: stored) else {
            throw Failure.damagedDatabase(database, "\(id.map { "term \($0)" } ?? "a term") has language \"\(stored)\"")
        }
        return language
    }

    @inline(__always)
    static func status(_ stored: String, term id: Int64, _ database: String) throws -> TermStatus {
        guard let status = TermStatus(rawValue: stored) else {
            throw Failure.damagedDatabase(database, "term \(id) has status \"\(stored)\"")
        }
        return status
    }

    /// `INSERT INTO gl_term (every column) VALUES (…), …` with `rows` rows; see `bind`.
    static func insertSQL(rows: Int) -> String {
        insert(table: table, columns: all, rows: rows)
    }

    /// `UPDATE gl_term SET (columns) WHERE id`, with the parameters of `bind` at 1.
    static func updateSQL(_ columns: [Columns]) -> String {
        update(table: table, columns: columns, key: .id)
    }

    /// Binds one row, every column at `base` + its place in the table: the one mapping
    /// from a prepared term to the table, for single inserts, bulk inserts and updates.
    /// A nil id binds NULL: SQLite gives the next one. `now` stands for missing times.
    @inline(__always)
    static func bind(_ prepared: PreparedTerm, id: Int64?, entry: Int64, now: Double, stamp: ImportStamp = .byHand,
                     to s: RawStatement, at base: Int32) throws {
        let term = prepared.term
        let created = term.created?.timeIntervalSince1970 ?? now
        for column in all {
            let p = base + Int32(column.rawValue)
            switch column {
            case .id: try s.bind(p, id)
            case .entry: try s.bind(p, entry)
            case .language: try s.bind(p, term.language.rawValue)
            case .text: try s.bind(p, term.text)
            case .pos: try s.bind(p, term.pos)
            case .status: try s.bind(p, term.status.rawValue)
            case .note: try s.bind(p, term.note)
            case .source: try s.bind(p, term.source)
            case .created: try s.bind(p, created)
            case .changed: try s.bind(p, term.changed?.timeIntervalSince1970 ?? created)
            case .key: try s.bind(p, prepared.analysis.key)
            case .head: try s.bind(p, prepared.analysis.head)
            case .next: try s.bind(p, prepared.next)
            case .words: try s.bind(p, Int64(prepared.analysis.tokens.count))
            case .tokens: try s.bind(p, prepared.storedTokens)
            // An update names only the columns it changes: the import's stamp is never among them.
            case .batch: if p <= s.parameterCount { try s.bind(p, stamp.batch) }
            case .priority: if p <= s.parameterCount { try s.bind(p, Int64(stamp.priority.rank)) }
            }
        }
    }
}

/// What a row added to the glossary carries of the import that added it.
struct ImportStamp {
    var batch: Int64?
    var priority: GlossaryPriority

    /// Entered by hand: no batch, curated.
    static let byHand = ImportStamp(batch: nil, priority: .curated)
}

/// `gl_chunk`: one chunk of the derived indexes (`gl_fuzzy` or `gl_word` rows), with the
/// number of postings it holds.
enum ChunkRecord {
    static let table = "gl_chunk"

    enum Columns: Int, TableColumns {
        case id, kind, postings
    }

    /// The index a chunk belongs to (`kind`).
    enum Kind: String, Sendable {
        case fuzzy, word

        /// The table of its postings, keyed by (chunk, key column).
        var postingTable: String { self == .fuzzy ? FuzzyRecord.table : WordRecord.table }
        var keyColumn: String { self == .fuzzy ? FuzzyRecord.Columns.bucket.name : WordRecord.Columns.word.name }
        var valueColumn: String { self == .fuzzy ? FuzzyRecord.Columns.pairs.name : WordRecord.Columns.terms.name }
    }

    static let sizeColumns = Selection<Columns>([.id, .postings])
}

/// `gl_fuzzy`: deletion-neighbourhood postings of one chunk in one bucket (`FuzzyBuckets`).
enum FuzzyRecord {
    static let table = "gl_fuzzy"

    enum Columns: Int, TableColumns {
        case chunk, bucket, pairs
    }

    static let pairsColumn = Selection<Columns>([.pairs])
    static let chunkAndPairs = Selection<Columns>([.chunk, .pairs])
    private static let all = Columns.allCases

    /// `INSERT OR REPLACE INTO gl_fuzzy (every column) VALUES (…)`; see `bind`.
    static let upsertSQL = insert(table: table, columns: all, rows: 1, or: "OR REPLACE")

    /// Binds one row, every column at 1 + its place in the table.
    @inline(__always)
    static func bind(chunk: Int64, bucket: Int, pairs: [UInt8], to s: RawStatement) throws {
        for column in all {
            let p = 1 + Int32(column.rawValue)
            switch column {
            case .chunk: try s.bind(p, chunk)
            case .bucket: try s.bind(p, Int64(bucket))
            case .pairs: try s.bind(p, pairs)
            }
        }
    }
}

/// `gl_word`: the multi-word terms of one chunk that contain a word (`PostingList`).
enum WordRecord {
    static let table = "gl_word"

    enum Columns: Int, TableColumns {
        case chunk, word, terms
    }

    static let termsColumn = Selection<Columns>([.terms])
    static let chunkAndTerms = Selection<Columns>([.chunk, .terms])
    private static let all = Columns.allCases

    /// `INSERT OR REPLACE INTO gl_word (every column) VALUES (…)`; see `bind`.
    static let upsertSQL = insert(table: table, columns: all, rows: 1, or: "OR REPLACE")

    /// Binds one row, every column at 1 + its place in the table.
    @inline(__always)
    static func bind(chunk: Int64, word: String, terms: [UInt8], to s: RawStatement) throws {
        for column in all {
            let p = 1 + Int32(column.rawValue)
            switch column {
            case .chunk: try s.bind(p, chunk)
            case .word: try s.bind(p, word)
            case .terms: try s.bind(p, terms)
            }
        }
    }
}

extension Failure {
    /// A stored value that no Dragoman writes, in the database at `database`.
    static func damagedDatabase(_ database: String, _ what: String) -> Failure {
        Failure(.badInput, "\(database): the database is damaged (\(what)); run dragoman check, or restore a backup")
    }
}

/// `INSERT INTO table (columns) VALUES (?, …), …` with `rows` rows.
private func insert<C: TableColumns>(table: String, columns: [C], rows: Int, or conflict: String? = nil) -> String {
    let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    return "INSERT \(conflict.map { "\($0) " } ?? "")INTO \(table) (\(columns.map(\.name).joined(separator: ", "))) VALUES "
        + Array(repeating: row, count: rows).joined(separator: ", ")
}

/// `UPDATE table SET a = ?N, … WHERE key = ?M`, each column's parameter numbered by its
/// place in the table (from 1), so that a whole row bound at 1 supplies them.
private func update<C: TableColumns>(table: String, columns: [C], key: C) -> String {
    "UPDATE \(table) SET " + columns.map { "\($0.name) = ?\($0.rawValue + 1)" }.joined(separator: ", ")
        + " WHERE \(key.name) = ?\(key.rawValue + 1)"
}
