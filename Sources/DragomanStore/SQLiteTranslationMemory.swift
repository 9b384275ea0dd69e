import Foundation
internal import GRDB
import DragomanText
import DragomanTM

/// The translation memory in the project's SQLite database. Every write is one
/// transaction; reads see a consistent snapshot and never wait for a writer (WAL).
public final class SQLiteTranslationMemory: TranslationMemoryStore, @unchecked Sendable {
    public let database: DragomanDatabase

    public init(database: DragomanDatabase) {
        self.database = database
    }

    // MARK: Writing

    /// Units are aligned on arrival by `linking` (see `TMWordAligner` in the application
    /// layer); nil leaves them for the next learning.
    public var linking: UnitLinking?

    public func add(_ unit: TranslationUnit) throws -> AddOutcome {
        let analysis = UnitAnalysis(KeyedUnit(unit), linking: linking)
        return try database.write { db in
            var writer = TMWriter(db: db)
            let outcome = try writer.add(unit, analysis: analysis)
            try writer.flush()
            return outcome
        }
    }

    public func add(contentsOf units: [TranslationUnit]) throws -> AddCounts {
        try add(contentsOf: units, progress: nil)
    }

    /// Adds `units` in one transaction (all or nothing: an error thrown while the
    /// sequence is read rolls everything back). Units are read and analysed (tokens,
    /// keys) on other threads, batches ahead of this one, which only writes. `progress`
    /// is called with the number done so far.
    public func add(contentsOf units: some Sequence<TranslationUnit>, progress: ((Int) -> Void)?,
                    recording: ImportSource? = nil) throws -> AddCounts {
        try add(keyedContentsOf: units.lazy.map { KeyedUnit($0) }, progress: progress, recording: recording)
    }

    /// As `add(contentsOf:progress:)`, for units whose key hashes their reader knows.
    public func add(keyedContentsOf units: some Sequence<KeyedUnit>, progress: ((Int) -> Void)?,
                    recording: ImportSource? = nil) throws -> AddCounts {
        var iterator = units.makeIterator()
        return try add(reading: { iterator.next() }, progress: progress, recording: recording)
    }

    /// Adds the units `next` hands over (nil at the end) in one transaction. `next` runs
    /// on the reading thread; when it throws (a bad line in the file), the transaction is
    /// rolled back and nothing is stored.
    ///
    /// With `recording`, the add is recorded as an import batch (`dragoman imports`) in the
    /// same transaction: its units carry the batch, and `skipped` (called at the end) gives
    /// the number of units the reader left out.
    public func add(reading next: @escaping () throws -> KeyedUnit?, progress: ((Int) -> Void)?,
                    recording: ImportSource? = nil) throws -> AddCounts {
        defer { database.shrinkLog() }
        let linking = self.linking
        return try database.write { db in
            let recorder = try recording.map {
                try ImportRecorder(db: db, kind: .tm, file: $0.file, format: $0.format, creator: $0.creator, priority: nil)
            }
            var writer = TMWriter(db: db, bulk: true, importing: recorder)
            var counts = AddCounts()
            var done = 0
            // One thread reads and analyses batches of 1,024 units (up to 8 ahead, at a
            // lower priority); this one only writes. Aligning units on arrival makes the
            // analysis the longest part by far (about three times the writer's work), so
            // a batch is then analysed on every core, the writer taking its share.
            let workers = ProcessInfo.processInfo.activeProcessorCount
            let produce: (_ emit: ([AnalysedUnit]) throws -> Void) throws -> Void = { emit in
                while true {
                    var keyed: [KeyedUnit] = []
                    keyed.reserveCapacity(1024)
                    while keyed.count < 1024, let unit = try next() { keyed.append(unit) }
                    if keyed.isEmpty { return }
                    let batch: [AnalysedUnit] = ParallelMap.map(keyed.count, workers: workers) { i in
                        AnalysedUnit(unit: keyed[i].unit, analysis: UnitAnalysis(keyed[i], linking: linking))
                    }
                    try emit(batch)
                }
            }
            let options = BatchPipeline.Options(depth: 8, lowerProducerPriority: true, recycle: true)
            try BatchPipeline.run(options: options, produce: produce) { (batch: [AnalysedUnit]) in
                for item in batch {
                    switch try writer.add(item.unit, analysis: item.analysis) {
                    case .added: counts.added += 1
                    case .updated: counts.updated += 1
                    }
                }
                done += batch.count
                progress?(done)
            }
            try writer.flush()
            if let recorder {
                try recorder.finish(added: counts.added, updated: counts.updated, skipped: recording?.skipped() ?? 0)
                counts.batch = recorder.id
            }
            return counts
        }
    }

    /// Replaces unit `id` with `unit` in one transaction: the old unit goes (with its index
    /// entries and word links) and the new one is added, aligned on arrival like any unit
    /// (a unit's words are its index keys, so an edited text is a new row). Returns the
    /// outcome of the add (`.updated` with the other unit's id when the TM already holds
    /// the new pair), or nil when there is no unit `id`.
    public func replace(id: Int64, with unit: TranslationUnit) throws -> AddOutcome? {
        let analysis = UnitAnalysis(KeyedUnit(unit), linking: linking)
        return try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM tu WHERE id = ?", arguments: [id]) == true else { return nil }
            _ = try TMUnitRemoval.remove([id], db: db)
            var writer = TMWriter(db: db)
            let outcome = try writer.add(unit, analysis: analysis)
            try writer.flush()
            return outcome
        }
    }

    public func remove(id: Int64) throws -> Bool {
        try database.write { db in try Self.remove(id: id, db: db) }
    }

    /// Removes every unit whose origin is `origin`, in one transaction; returns how many.
    public func remove(origin: String) throws -> Int {
        try database.write { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM tu WHERE origin = ? ORDER BY id", arguments: [origin])
            return try TMUnitRemoval.remove(ids, db: db)
        }
    }

    /// Units by origin: (origin, count), most units first; nil is the units without one.
    public func origins() throws -> [(origin: String?, count: Int)] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT origin, count(*) AS n FROM tu GROUP BY origin ORDER BY n DESC, origin")
                .map { (origin: $0["origin"] as String?, count: $0["n"] as Int) }
        }
    }

    private static func remove(id: Int64, db: Database) throws -> Bool {
        guard let row = try Row.fetchOne(db, sql: "SELECT arProfile, enProfile FROM tu WHERE id = ?", arguments: [id])
        else { return false }
        try db.execute(sql: "DELETE FROM tu WHERE id = ?", arguments: [id])
        for (side, column) in [(Language.arabic, "arProfile"), (.english, "enProfile")] {
            let profile = SegmentProfile.decode([UInt8](row[column] as Data), keyHash: 0)
            let bucket = WeightBucket.of(profile.totalWeight)
            for base in Set(profile.tokens.map(\.base)) {
                try PostingStore.remove(id, base: base, bucket: bucket, side: side, db: db)
                try db.execute(sql: "UPDATE tm_vocab SET \(side.frequencyColumn) = \(side.frequencyColumn) - 1 WHERE id = ?",
                               arguments: [base])
            }
        }
        return true
    }

    public func recordUse(of ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try database.write { db in
            for id in ids {
                try db.execute(sql: "UPDATE tu SET usageCount = usageCount + 1 WHERE id = ?", arguments: [id])
            }
        }
    }

    // MARK: Reading

    /// The stored word links of these units (coded; units without links are absent).
    public func links(_ ids: [Int64]) throws -> [Int64: [UInt8]] {
        try database.read { db in try SQLiteIndexSnapshot(db: db).links(ids) }
    }

    /// Runs `body` on the index inside one read transaction (one consistent snapshot).
    public func withSnapshot<T>(_ body: (any CandidateIndex & UnitLinkIndex) throws -> T) throws -> T {
        try database.read { db in try body(SQLiteIndexSnapshot(db: db)) }
    }

    public func unit(id: Int64) throws -> TranslationUnit? {
        try database.read { db in try SQLiteIndexSnapshot(db: db).units([id])[id] }
    }

    public func count() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM tu") ?? 0 }
    }

    public func forEachUnit(_ body: (TranslationUnit) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM tu ORDER BY id")
            while let row = try rows.next() { try body(UnitRow.unit(from: row)) }
        }
    }

    /// Units in id order after `after`, at most `limit`, only those of `origin` when given:
    /// one page of a browsing list (the workspace's TM page). Paged by id rather than by
    /// OFFSET so that a page costs the same however deep it is.
    public func units(origin: String?, after: Int64, limit: Int) throws -> [TranslationUnit] {
        try database.read { db in
            let sql = "SELECT * FROM tu WHERE id > ?\(origin == nil ? "" : " AND origin = ?") ORDER BY id LIMIT ?"
            var arguments: StatementArguments = [after]
            if let origin { arguments += [origin] }
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { try UnitRow.unit(from: $0) }
        }
    }

    /// Runs a whole search in one read transaction (one consistent snapshot).
    public func search(_ query: TMQuery, threshold: Int, limit: Int, model: any TokenCostModel = DefaultCostModel(),
                       statistics: UnsafeMutablePointer<SearchStatistics>? = nil) throws -> [TMMatch] {
        try database.read { db in
            try TMSearcher(index: SQLiteIndexSnapshot(db: db), model: model)
                .search(query, threshold: threshold, limit: limit, statistics: statistics)
        }
    }

    public func bruteForce(_ query: TMQuery, threshold: Int, limit: Int) throws -> [TMMatch] {
        try database.read { db in
            try TMSearcher(index: SQLiteIndexSnapshot(db: db)).bruteForce(query, threshold: threshold, limit: limit)
        }
    }

    /// Units whose `side` contains every word of `phrase` in order (on match keys, any
    /// clitics on the first word), newest first.
    public func concordance(_ phrase: String, side: Language, limit: Int) throws -> [ConcordanceHit] {
        try concordanceCounted(phrase, side: side, limit: limit).hits
    }

    /// As `concordance`, with the number of units that hold the phrase in all.
    public func concordanceCounted(_ phrase: String, side: Language, limit: Int) throws -> (hits: [ConcordanceHit], total: Int) {
        try database.read { db in
            try ConcordanceSearch(snapshot: SQLiteIndexSnapshot(db: db)).search(phrase, side: side, limit: limit)
        }
    }

    // MARK: CandidateIndex (each call its own read)

    public func vocabulary(_ strings: Set<String>, side: Language) throws -> [String: (id: Int32, frequency: Int)] {
        try database.read { db in try SQLiteIndexSnapshot(db: db).vocabulary(strings, side: side) }
    }

    public func postings(base: Int32, side: Language, weights: ClosedRange<Int>) throws -> [Int64] {
        try database.read { db in try SQLiteIndexSnapshot(db: db).postings(base: base, side: side, weights: weights) }
    }

    public func units(withKeyHash hash: Int64, side: Language) throws -> [Int64] {
        try database.read { db in try SQLiteIndexSnapshot(db: db).units(withKeyHash: hash, side: side) }
    }

    public func profiles(_ ids: [Int64], side: Language) throws -> [Int64: SegmentProfile] {
        try database.read { db in try SQLiteIndexSnapshot(db: db).profiles(ids, side: side) }
    }

    public func units(_ ids: [Int64]) throws -> [Int64: TranslationUnit] {
        try database.read { db in try SQLiteIndexSnapshot(db: db).units(ids) }
    }

    public func allUnitIDs() throws -> [Int64] {
        try database.read { db in try SQLiteIndexSnapshot(db: db).allUnitIDs() }
    }
}

extension Language {
    var code: Int { self == .arabic ? 0 : 1 }
    var frequencyColumn: String { self == .arabic ? "arFrequency" : "enFrequency" }
    var keyHashColumn: String { self == .arabic ? "arKeyHash" : "enKeyHash" }
    var profileColumn: String { self == .arabic ? "arProfile" : "enProfile" }
}

/// A unit and its analysis, as the reading thread hands them to the writer.
struct AnalysedUnit {
    var unit: TranslationUnit
    var analysis: UnitAnalysis
}
