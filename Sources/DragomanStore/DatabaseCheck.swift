import Foundation
internal import GRDB
import DragomanText
import DragomanTM
import DragomanGlossary

/// What `dragoman check` found: one line per check, with the first problems of each.
public struct CheckReport: Codable, Sendable {
    public struct Check: Codable, Sendable {
        public var name: String
        public var passed: Bool
        /// What was checked, with counts.
        public var detail: String
        /// The first problems found (at most `CheckReport.problemLimit`).
        public var problems: [String]
        public var problemCount: Int
    }

    public static let problemLimit = 20
    public var schemaVersion: Int
    public var checks: [Check] = []
    public var passed: Bool { checks.allSatisfy(\.passed) }
}

/// Integrity and consistency checks: SQLite's own, then every derived column and index
/// recomputed from the stored text and compared with what is stored (match-key hashes and
/// token profiles of units, posting lists and frequencies, term keys, word and
/// fuzzy postings). Runs in one read transaction, so it is safe while others write.
public struct DatabaseCheck {
    let database: DragomanDatabase
    var progress: ((String) -> Void)?

    public init(database: DragomanDatabase, progress: ((String) -> Void)? = nil) {
        self.database = database
        self.progress = progress
    }

    public func run() throws -> CheckReport {
        try database.read { db in
            var report = CheckReport(schemaVersion: try DragomanDatabase.appliedVersion(db))
            progress?("SQLite integrity")
            report.checks.append(try sqliteIntegrity(db))
            report.checks.append(try foreignKeys(db))
            progress?("translation memory")
            report.checks += try translationMemory(db)
            progress?("glossary")
            report.checks += try glossary(db)
            report.checks.append(try importBatches(db))
            return report
        }
    }

    /// Collects problems, keeping the first few.
    struct Problems {
        var list: [String] = []
        var count = 0
        mutating func add(_ problem: @autoclosure () -> String) {
            count += 1
            if list.count < CheckReport.problemLimit { list.append(problem()) }
        }
        func check(_ name: String, _ detail: String) -> CheckReport.Check {
            CheckReport.Check(name: name, passed: count == 0, detail: detail, problems: list, problemCount: count)
        }
    }

    func sqliteIntegrity(_ db: Database) throws -> CheckReport.Check {
        var problems = Problems()
        for line in try String.fetchAll(db, sql: "PRAGMA integrity_check") where line != "ok" { problems.add(line) }
        return problems.check("sqlite integrity", "PRAGMA integrity_check")
    }

    func foreignKeys(_ db: Database) throws -> CheckReport.Check {
        var problems = Problems()
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
            problems.add("\(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) refers to a missing \(row[2] as String? ?? "?") row")
        }
        return problems.check("foreign keys", "PRAGMA foreign_key_check")
    }

    /// Every row an import added names a recorded import; no unit or term of an undone
    /// import is left (an entry may stay, holding terms added since from elsewhere); each
    /// term has its import's priority.
    func importBatches(_ db: Database) throws -> CheckReport.Check {
        var problems = Problems()
        for table in ["tu", "gl_entry", "gl_term"] {
            let orphans = try Int64.fetchAll(db, sql: """
                SELECT id FROM \(table) WHERE batch IS NOT NULL AND batch NOT IN (SELECT id FROM import_batch) LIMIT 10
                """)
            for id in orphans { problems.add("\(table) row \(id) names an import that is not recorded") }
        }
        for (table, what) in [("tu", "unit"), ("gl_term", "term")] {
            for row in try Row.fetchAll(db, sql: """
                SELECT t.id, t.batch FROM \(table) t JOIN import_batch b ON b.id = t.batch WHERE b.undone IS NOT NULL LIMIT 10
                """) {
                problems.add("\(what) \(row[0] as Int64) is still there, though its import \(row[1] as Int64) was undone")
            }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT t.id, t.priority, b.priority FROM gl_term t JOIN import_batch b ON b.id = t.batch
            WHERE b.priority IS NOT NULL AND t.priority <> b.priority LIMIT 10
            """) {
            problems.add("term \(row[0] as Int64) has priority \(row[1] as Int64), its import \(row[2] as Int64)")
        }
        let batches = try Int.fetchOne(db, sql: "SELECT count(*) FROM import_batch") ?? 0
        return problems.check("import batches", "\(batches) imports: their rows recorded, undone ones gone, priorities as recorded")
    }

    // MARK: Translation memory

    /// Order-independent summary of a set of unit ids.
    struct IDSum: Equatable {
        var count = 0
        var sum: UInt64 = 0
        var mix: UInt64 = 0
        mutating func add(_ id: Int64) {
            count += 1
            sum &+= UInt64(bitPattern: id)
            mix ^= UInt64(bitPattern: id) &* 0x9E37_79B9_7F4A_7C15
        }
    }

    struct PostingKey: Hashable {
        var side: Int
        var base: Int32
        var bucket: Int
    }

    func translationMemory(_ db: Database) throws -> [CheckReport.Check] {
        var vocabulary: [String: Int32] = [:]
        var storedFrequency: [Int32: (Int, Int)] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, text, arFrequency, enFrequency FROM tm_vocab") {
            vocabulary[row[1]] = row[0]
            storedFrequency[row[0]] = (row[2], row[3])
        }
        var derived = Problems()
        var expected: [PostingKey: IDSum] = [:]
        var frequency: [Int32: (Int, Int)] = [:]
        var units = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, arabic, english, arKeyHash, enKeyHash, arProfile, enProfile FROM tu ORDER BY id")
        var batch: [(id: Int64, text: [String], hash: [Int64], profile: [[UInt8]])] = []
        func verify() {
            let recomputed = ParallelMap.map(batch.count) { i -> [(hash: Int64, tokens: [MatchToken])] in
                let u = batch[i]
                return [(Language.arabic, 0), (.english, 1)].map { side, k in
                    (StableHash.of(MatchKey.make(u.text[k])), MatchTokenizer.tokens(of: u.text[k], side: side))
                }
            }
            for (u, sides) in zip(batch, recomputed) {
                for k in 0..<2 {
                    let sideName = k == 0 ? "Arabic" : "English"
                    if sides[k].hash != u.hash[k] {
                        derived.add("unit \(u.id): stored \(sideName) key hash \(u.hash[k]) is not the hash of its text's match key (\(sides[k].hash))")
                    }
                    let stored = SegmentProfile.decode(u.profile[k], keyHash: u.hash[k])
                    let tokens = sides[k].tokens
                    let same = stored.tokens.count == tokens.count && zip(stored.tokens, tokens).allSatisfy { s, t in
                        vocabulary[t.key] == s.key && vocabulary[t.base] == s.base && t.weightClass == s.weightClass
                    }
                    if !same {
                        derived.add("unit \(u.id): the stored \(sideName) token profile does not match its text (re-import the unit)")
                    }
                    let bucket = WeightBucket.of(stored.totalWeight)
                    for base in Set(stored.tokens.map(\.base)) {
                        expected[PostingKey(side: k, base: base, bucket: bucket), default: IDSum()].add(u.id)
                        var f = frequency[base] ?? (0, 0)
                        if k == 0 { f.0 += 1 } else { f.1 += 1 }
                        frequency[base] = f
                    }
                }
            }
            units += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        while let row = try cursor.next() {
            batch.append((row[0], [row[1], row[2]], [row[3], row[4]], [[UInt8](row[5] as Data), [UInt8](row[6] as Data)]))
            if batch.count == 4096 {
                verify()
                if units % 100_000 == 0 { progress?("translation memory: \(units) units") }
            }
        }
        verify()

        var index = Problems()
        var actual: [PostingKey: IDSum] = [:]
        var chunks = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT side, base, bucket, chunk, count, lastID, ids FROM tm_posting ORDER BY side, base, bucket, chunk")
        while let row = try rows.next() {
            chunks += 1
            let key = PostingKey(side: row[0], base: row[1], bucket: row[2])
            let ids = PostingList.decode([UInt8](row[6] as Data))
            if ids.count != row[4] as Int || ids.last != row[5] as Int64? {
                index.add("posting chunk (side \(key.side), base \(key.base), bucket \(key.bucket), chunk \(row[3] as Int)): its count or last id disagrees with its ids")
            }
            if zip(ids, ids.dropFirst()).contains(where: { $0 >= $1 }) {
                index.add("posting chunk (side \(key.side), base \(key.base), bucket \(key.bucket)): ids out of order")
            }
            for id in ids { actual[key, default: IDSum()].add(id) }
        }
        for (key, sum) in expected where actual[key] != sum {
            index.add("postings of base \(key.base) (side \(key.side), weight bucket \(key.bucket)) list \(actual[key]?.count ?? 0) units, the units say \(sum.count)")
        }
        for (key, sum) in actual where expected[key] == nil {
            index.add("postings of base \(key.base) (side \(key.side), weight bucket \(key.bucket)) list \(sum.count) units that do not have it")
        }
        var frequencies = Problems()
        for (base, stored) in storedFrequency {
            let counted = frequency[base] ?? (0, 0)
            if stored != counted {
                frequencies.add("token \(base): stored frequencies \(stored.0)/\(stored.1) (Arabic/English), counted \(counted.0)/\(counted.1)")
            }
        }
        for (base, _) in frequency where storedFrequency[base] == nil {
            frequencies.add("token \(base) is used by units but missing from the vocabulary")
        }
        return [
            derived.check("tm units", "\(units) units: key hashes and token profiles recomputed from the text"),
            index.check("tm index", "\(chunks) posting chunks for \(expected.count) (side, token, weight bucket) lists"),
            frequencies.check("tm frequencies", "\(storedFrequency.count) vocabulary entries"),
        ]
    }

    // MARK: Glossary

    func glossary(_ db: Database) throws -> [CheckReport.Check] {
        var derived = Problems()
        var expectedWords = Set<WordPosting>()
        var expectedFuzzy: [Int: IDSum] = [:]
        var terms = 0
        var ids = Set<Int64>()
        let rows = try Row.fetchCursor(db, sql: "SELECT id, language, text, key, head, next, words, tokens FROM gl_term ORDER BY id")
        while let row = try rows.next() {
            terms += 1
            let id: Int64 = row[0]
            ids.insert(id)
            guard let language = Language(rawValue: row[1]) else {
                derived.add("term \(id): unknown language \(row[1] as String? ?? "")")
                continue
            }
            let analysis = TermAnalysis(text: row[2], language: language)
            let storedTokens = analysis.tokens.count == 1 && analysis.tokens[0] == analysis.key ? "" : analysis.tokens.joined(separator: "\u{1F}")
            if analysis.key != row[3] as String || analysis.head != row[4] as String || analysis.next != row[5] as String
                || analysis.tokens.count != row[6] as Int || storedTokens != row[7] as String {
                derived.add("term \(id) (\(row[2] as String)): stored key, head or tokens do not match its text")
            }
            for word in Set(analysis.containedWords) { expectedWords.insert(WordPosting(word: word, term: id)) }
            for h in analysis.deletionHashes {
                expectedFuzzy[FuzzyBuckets.bucket(h), default: IDSum()].add(id &* 0x1_0000_0000 &+ Int64(FuzzyBuckets.fragment(h)))
            }
        }
        var index = Problems()
        var storedWords = Set<WordPosting>()
        let wordRows = try Row.fetchCursor(db, sql: "SELECT w.word, w.terms FROM gl_word w JOIN gl_chunk c ON c.id = w.chunk AND c.kind = 'word'")
        while let row = try wordRows.next() {
            for id in PostingList.decode([UInt8](row[1] as Data)) { storedWords.insert(WordPosting(word: row[0], term: id)) }
        }
        for p in expectedWords.subtracting(storedWords).prefix(CheckReport.problemLimit) {
            index.add("term \(p.term) is missing from the word index under \"\(p.word)\"")
        }
        for p in storedWords.subtracting(expectedWords).prefix(CheckReport.problemLimit) {
            index.add("the word index lists term \(p.term) under \"\(p.word)\", which the term does not contain")
        }
        var storedFuzzy: [Int: IDSum] = [:]
        let fuzzyRows = try Row.fetchCursor(db, sql: "SELECT f.bucket, f.pairs FROM gl_fuzzy f JOIN gl_chunk c ON c.id = f.chunk AND c.kind = 'fuzzy'")
        while let row = try fuzzyRows.next() {
            let bucket: Int = row[0]
            FuzzyBuckets.forEachPair([UInt8](row[1] as Data)) { fragment, id in
                storedFuzzy[bucket, default: IDSum()].add(id &* 0x1_0000_0000 &+ Int64(fragment))
            }
        }
        for bucket in Set(expectedFuzzy.keys).union(storedFuzzy.keys) where expectedFuzzy[bucket] != storedFuzzy[bucket] {
            index.add("fuzzy index bucket \(bucket): \(storedFuzzy[bucket]?.count ?? 0) postings stored, the terms give \(expectedFuzzy[bucket]?.count ?? 0)")
        }
        let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM gl_entry") ?? 0
        return [
            derived.check("glossary terms", "\(terms) terms in \(entries) entries: keys and tokens recomputed from the text"),
            index.check("glossary index", "\(expectedWords.count) word postings, \(expectedFuzzy.values.reduce(0) { $0 + $1.count }) fuzzy postings"),
        ]
    }

    struct WordPosting: Hashable {
        var word: String
        var term: Int64
    }
}
