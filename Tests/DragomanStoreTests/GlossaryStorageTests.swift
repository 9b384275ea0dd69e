import DragomanGlossary
import DragomanText
import Foundation
import GRDB
import Testing
@testable import DragomanStore

/// The SQLite glossary's storage layer: record types against the schema, JSON parameters,
/// checked binding, one row mapping for every write path, and damaged values.
@Suite struct GlossaryStorageTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-glossary-storage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func database(_ name: String) throws -> DragomanDatabase {
        try DragomanDatabase(path: folder.appendingPathComponent(name).path)
    }

    // MARK: Records

    /// Each record's `Columns` are its table's columns, by name and in order (the order
    /// gives the places of bound parameters and of columns in whole rows).
    @Test func recordColumnsAreTheTablesColumnsInOrder() throws {
        let db = try database("schema.sqlite")
        func columns(_ table: String) throws -> [String] {
            try db.read { try Row.fetchAll($0, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String } }
        }
        #expect(try columns(EntryRecord.table) == EntryRecord.Columns.allCases.map(\.name))
        #expect(try columns(TermRecord.table) == TermRecord.Columns.allCases.map(\.name))
        #expect(try columns(ChunkRecord.table) == ChunkRecord.Columns.allCases.map(\.name))
        #expect(try columns(FuzzyRecord.table) == FuzzyRecord.Columns.allCases.map(\.name))
        #expect(try columns(WordRecord.table) == WordRecord.Columns.allCases.map(\.name))
        #expect(TermRecord.Columns.allCases.map(\.name).prefix(3) == ["id", "entry", "language"])
    }

    @Test func selectionsPlaceColumnsInTheirOrder() {
        let s = Selection<TermRecord.Columns>([.text, .id, .key])
        #expect(s.sql() == "text, id, key")
        #expect(s.sql("t") == "t.text, t.id, t.key")
        #expect(s[.text] == 0 && s[.id] == 1 && s[.key] == 2)
        let after = s.after(6)
        #expect(after[.text] == 6 && after[.key] == 8)
        #expect(TermRecord.insertSQL(rows: 2).hasPrefix("INSERT INTO gl_term (id, entry, language, text, pos, status, note, source, created, changed, key, head, next, words, tokens, batch, priority) VALUES (?, "))
        #expect(TermRecord.updateSQL([.text, .changed]) == "UPDATE gl_term SET text = ?4, changed = ?10 WHERE id = ?1")
        #expect(FuzzyRecord.upsertSQL == "INSERT OR REPLACE INTO gl_fuzzy (chunk, bucket, pairs) VALUES (?, ?, ?)")
    }

    // MARK: JSON parameters

    static let awkward = [
        "plain", "", "say \"hi\"", "back\\slash", "\\\"", "tab\there", "new\nline", "nul\u{0}byte", "\u{1F}unit\u{1}",
        "الأمم المتحدة", "مُحَمَّد\u{200F}", "emoji 🇵🇸", "\u{7F}\u{2028}", "/slash/",
    ]

    @Test func jsonStringsAreEscaped() throws {
        #expect(JSONParameter.strings(["a\"b", "c\\d", "e\nf", "\u{0}\u{1F}", "نص"]) == #"["a\"b","c\\d","e\u000af","\u0000\u001f","نص"]"#)
        #expect(JSONParameter.strings([String]()) == "[]")
        #expect(JSONParameter.integers([3, -1, 9_000_000_000]) == "[3,-1,9000000000]")
        #expect(JSONParameter.pairs([("a", "\"")]) == #"[["a","\""]]"#)
        // What Foundation parses back is what went in.
        let parsed = try JSONSerialization.jsonObject(with: Data(JSONParameter.strings(Self.awkward).utf8)) as? [String]
        #expect(parsed == Self.awkward)
    }

    /// SQLite's `json_each` unpacks the parameter to the strings that went in (compared
    /// as hex, byte for byte). SQLite's JSON ends a string at an escaped NUL (`\u0000`),
    /// so that one is left out here.
    @Test func jsonParametersRoundTripThroughSQLite() throws {
        let db = try database("json.sqlite")
        func hex(_ s: String) -> String { s.utf8.map { String(format: "%02X", $0) }.joined() }
        let strings = Self.awkward.filter { !$0.contains("\u{0}") }
        let values = try db.read {
            try String.fetchAll($0, sql: "SELECT hex(value) FROM json_each(?) ORDER BY key", arguments: [JSONParameter.strings(strings)])
        }
        #expect(values == strings.map(hex))
        let pairs = zip(strings, strings.reversed()).map { ($0, $1) }
        let rows = try db.read {
            try Row.fetchAll($0, sql: """
                SELECT hex(json_extract(value, '$[0]')) AS a, hex(json_extract(value, '$[1]')) AS b FROM json_each(?) ORDER BY key
                """, arguments: [JSONParameter.pairs(pairs)])
        }
        #expect(rows.map { ($0["a"] as String) + "|" + ($0["b"] as String) } == pairs.map { hex($0.0) + "|" + hex($0.1) })
    }

    // MARK: Binding

    @Test func aRefusedBindThrows() throws {
        let db = try database("bind.sqlite")
        try db.write { db in
            let s = try RawStatement(db, sql: "SELECT ?")
            try s.bind(1, Int64(1))
            #expect { try s.bind(2, "out of range") } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_RANGE
            }
            #expect(throws: DatabaseError.self) { try s.bind(0, Int64(1)) }
            #expect(throws: DatabaseError.self) { try s.bind(3, [UInt8]([1, 2])) }
            #expect(throws: DatabaseError.self) { try s.bind(-1, 1.5) }
            #expect(throws: DatabaseError.self) { try s.bind(4, Int64?.none) }
        }
    }

    // MARK: One mapping

    static func entries(_ count: Int) -> [NewEntry] {
        let created = Date(timeIntervalSince1970: 1_700_000_000)
        return (0..<count).map { (i: Int) -> NewEntry in
            let arabic = NewTerm(.arabic, "الكلمة \(i) الطويلة", pos: i % 2 == 0 ? "noun" : nil, status: .preferred,
                                 note: "ملاحظة", source: i % 4 == 0 ? "source" : nil, created: created)
            let changed: Date = created.addingTimeInterval(Double(i))
            let english = NewTerm(.english, "word number \(i)", status: i % 2 == 0 ? .admitted : .deprecated,
                                  created: created, changed: changed)
            // One word (deletion-neighbourhood postings), its letters from the digits of i.
            let word = "term" + String(String(i).unicodeScalars.map { Character(UnicodeScalar($0.value + 49)!) })
            let single = NewTerm(.english, word, status: .forbidden, created: created)
            let domain: String? = i % 3 == 0 ? nil : "domain \(i % 3)"
            let definition: String? = i % 2 == 0 ? "definition \(i)" : nil
            let note: String? = i % 5 == 0 ? "note \"\(i)\"" : nil
            return NewEntry(domain: domain, definition: definition, note: note, terms: [arabic, english, single],
                            created: created, changed: created.addingTimeInterval(60))
        }
    }

    static func allRows(_ database: DragomanDatabase, _ table: String) throws -> [[DatabaseValue]] {
        try database.read { try Row.fetchAll($0, sql: "SELECT * FROM \(table) ORDER BY 1, 2").map { Array($0.databaseValues) } }
    }

    /// The bulk path (many entries, multi-row inserts with ids given) and the single-row
    /// path store the same rows and the same derived postings.
    @Test func bulkAndSingleInsertsStoreTheSameRows() throws {
        let entries = Self.entries(40)
        let bulk = try database("bulk.sqlite")
        let single = try database("single.sqlite")
        let bulkIDs = try SQLiteGlossary(database: bulk).add(contentsOf: entries)
        let singleIDs = try SQLiteGlossary(database: single).write { w in try entries.map { try w.add($0) } }
        #expect(bulkIDs == singleIDs)
        for table in [EntryRecord.table, TermRecord.table, ChunkRecord.table, FuzzyRecord.table, WordRecord.table] {
            let a = try Self.allRows(bulk, table), b = try Self.allRows(single, table)
            #expect(a.count == b.count && !a.isEmpty, "\(table)")
            #expect(a == b, "\(table)")
        }
        #expect(try DatabaseCheck(database: bulk).run().passed)
        #expect(try DatabaseCheck(database: single).run().passed)
    }

    /// An edit rewrites the text and what derives from it; the entry, language and
    /// creation time stay.
    @Test func termUpdateKeepsEntryLanguageAndCreation() throws {
        let db = try database("update.sqlite")
        let store = SQLiteGlossary(database: db)
        let entry = try store.add(Self.entries(1)[0])
        let before = entry.terms[1]
        try store.write { try $0.update(term: before.id, TermChanges(text: "another phrase here", pos: .some("verb"))) }
        let after = try #require(try store.read { try $0.term(id: before.id) })
        #expect(after.text == "another phrase here" && after.pos == "verb")
        #expect(after.entryID == before.entryID && after.language == before.language && after.status == before.status)
        #expect(after.created == before.created)
        #expect(after.changed > before.changed)
        #expect(try store.lookup("another phrase here").first?.term.id == before.id)
        try store.write { try $0.update(entry: entry.id, EntryChanges(domain: .some("law"), note: .some(nil))) }
        let edited = try #require(try store.entry(id: entry.id))
        #expect(edited.domain == "law" && edited.note == nil && edited.definition == entry.definition)
        #expect(edited.created == entry.created && edited.changed > entry.changed)
        #expect(try DatabaseCheck(database: db).run().passed)
    }

    // MARK: Damaged values

    /// Writes a value the schema's CHECK constraints refuse, as a damaged file could hold.
    static func damage(_ db: DragomanDatabase, _ sql: String, _ arguments: StatementArguments) throws {
        try db.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql, arguments: arguments)
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
    }

    static func isDamage(_ error: any Error, _ what: String) -> Bool {
        guard let failure = error as? Failure else { return false }
        return failure.failureKind == .badInput && failure.message.contains("the database is damaged (\(what))")
            && failure.message.hasSuffix("run dragoman check, or restore a backup")
    }

    @Test func aStoredLanguageThatDoesNotParseThrows() throws {
        let db = try database("damaged-language.sqlite")
        let store = SQLiteGlossary(database: db)
        let entry = try store.add(NewEntry(terms: [NewTerm(.arabic, "الأمم المتحدة"), NewTerm(.english, "United Nations")]))
        let id = entry.terms[1].id
        try Self.damage(db, "UPDATE gl_term SET language = 'xx' WHERE id = ?", [id])
        let what = "term \(id) has language \"xx\""
        #expect { _ = try store.entry(id: entry.id) } throws: { Self.isDamage($0, what) }
        #expect { _ = try store.read { try $0.term(id: id) } } throws: { Self.isDamage($0, what) }
        #expect { _ = try store.lookup("United Nations") } throws: { Self.isDamage($0, what) }
        #expect { _ = try store.allEntries() } throws: { Self.isDamage($0, what) }
        #expect { _ = try store.counts() } throws: { Self.isDamage($0, what) }
        #expect { _ = try store.lookup("United Nations") } throws: { "\($0)".hasPrefix(db.path + ": ") }
        // The other term still reads.
        #expect(try store.read { try $0.term(id: entry.terms[0].id) }?.text == "الأمم المتحدة")
    }

    @Test func aStoredStatusThatDoesNotParseThrows() throws {
        let db = try database("damaged-status.sqlite")
        let store = SQLiteGlossary(database: db)
        let entry = try store.add(NewEntry(terms: [NewTerm(.arabic, "القدس"), NewTerm(.english, "Jerusalem")]))
        let id = entry.terms[0].id
        try Self.damage(db, "UPDATE gl_term SET status = 'maybe' WHERE id = ?", [id])
        let what = "term \(id) has status \"maybe\""
        #expect { _ = try store.entry(id: entry.id) } throws: { Self.isDamage($0, what) }
        #expect { _ = try store.find(in: "زار القدس أمس") } throws: { Self.isDamage($0, what) }
        #expect { _ = try store.allEntries() } throws: { Self.isDamage($0, what) }
        #expect(try store.counts() == GlossaryCounts(entries: 1, arabicTerms: 1, englishTerms: 1))
    }
}
