import Foundation
internal import GRDB
import DragomanText
import DragomanTM

/// A learned word-alignment model as stored: the words it knows (with how often each
/// Arabic key stands as a word in the TM), per word and direction its translations
/// (coded by `DragomanAlign`; the store keeps bytes), and its parameters.
public struct StoredWordModel: Sendable {
    public var words: [String: Int32]
    public var arabicCounts: [String: Int]
    /// Direction 0 (Arabic → English) and 1 (English → Arabic): word id → coded translations.
    public var forward: [Int32: [UInt8]]
    public var reverse: [Int32: [UInt8]]
    public var forwardTension: Double
    public var reverseTension: Double
    public var nullProbability: Double

    public init(words: [String: Int32], arabicCounts: [String: Int], forward: [Int32: [UInt8]], reverse: [Int32: [UInt8]],
                forwardTension: Double, reverseTension: Double, nullProbability: Double) {
        self.words = words
        self.arabicCounts = arabicCounts
        self.forward = forward
        self.reverse = reverse
        self.forwardTension = forwardTension
        self.reverseTension = reverseTension
        self.nullProbability = nullProbability
    }
}

/// The TM's word alignment in the database: the model (`wa_*` tables) and each unit's
/// links (`tm_link`). Learning replaces the model and the links of the units it read in
/// one transaction, so an interrupted learning leaves the previous model and links whole.
public final class SQLiteWordAlignment: @unchecked Sendable {
    public let database: DragomanDatabase

    public init(database: DragomanDatabase) {
        self.database = database
    }

    public func state() throws -> WordAlignmentState {
        try database.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM tu") ?? 0
            let aligned = try Int.fetchOne(db, sql: "SELECT count(*) FROM tm_link") ?? 0
            if let row = try Row.fetchOne(db, sql: "SELECT learned, units, seconds FROM wa_model WHERE id = 1") {
                return WordAlignmentState(learned: Date(timeIntervalSince1970: row["learned"]), unitsAtLearning: row["units"],
                                          alignedUnits: aligned, totalUnits: total, seconds: row["seconds"])
            }
            return WordAlignmentState(learned: nil, unitsAtLearning: 0, alignedUnits: aligned, totalUnits: total, seconds: 0)
        }
    }

    /// Every unit's id and texts, in id order, in one read (one consistent snapshot).
    public func corpus(_ body: (_ id: Int64, _ arabic: String, _ english: String) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT id, arabic, english FROM tu ORDER BY id")
            while let row = try rows.next() { try body(row[0], row[1], row[2]) }
        }
    }

    /// Every aligned unit's id, texts and coded links, in id order, in one read.
    public func alignedCorpus(_ body: (_ id: Int64, _ arabic: String, _ english: String, _ links: [UInt8]) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT tu.id, tu.arabic, tu.english, tm_link.links FROM tu JOIN tm_link ON tm_link.unit = tu.id ORDER BY tu.id")
            while let row = try rows.next() { try body(row[0], row[1], row[2], [UInt8](row[3] as Data)) }
        }
    }

    /// The stored model, whole (`words` nil) or only the rows of the given words (enough to
    /// align a few new units); nil when no model was learnt.
    public func model(words wanted: Set<String>? = nil) throws -> StoredWordModel? {
        try database.read { db in
            guard let parameters = try Row.fetchOne(db, sql: "SELECT forwardTension, reverseTension, nullProbability FROM wa_model WHERE id = 1")
            else { return nil }
            var words: [String: Int32] = [:]
            var counts: [String: Int] = [:]
            var forward: [Int32: [UInt8]] = [:]
            var reverse: [Int32: [UInt8]] = [:]
            func take(_ row: Row) {
                let id: Int32 = row[0], text: String = row[1], count: Int = row[2]
                words[text] = id
                if count > 0 { counts[text] = count }
            }
            if let wanted {
                let statement = try db.cachedStatement(sql: "SELECT id, text, arabicCount FROM wa_word WHERE text = ?")
                for text in wanted { if let row = try Row.fetchOne(statement, arguments: [text]) { take(row) } }
                let lexicon = try db.cachedStatement(sql: "SELECT direction, translations FROM wa_lexicon WHERE direction IN (0, 1) AND word = ?")
                // The rows of the wanted words, and the NULL word's (id −1).
                for id in Array(words.values) + [-1] {
                    for row in try Row.fetchAll(lexicon, arguments: [id]) {
                        let bytes = [UInt8](row[1] as Data)
                        if row[0] as Int == 0 { forward[id] = bytes } else { reverse[id] = bytes }
                    }
                }
            } else {
                let rows = try Row.fetchCursor(db, sql: "SELECT id, text, arabicCount FROM wa_word")
                while let row = try rows.next() { take(row) }
                let lexicon = try Row.fetchCursor(db, sql: "SELECT direction, word, translations FROM wa_lexicon")
                while let row = try lexicon.next() {
                    let bytes = [UInt8](row[2] as Data)
                    if row[0] as Int == 0 { forward[row[1]] = bytes } else { reverse[row[1]] = bytes }
                }
            }
            return StoredWordModel(words: words, arabicCounts: counts, forward: forward, reverse: reverse,
                                   forwardTension: parameters[0], reverseTension: parameters[1], nullProbability: parameters[2])
        }
    }

    /// Replaces the model with `model` and stores the links of the units learnt from, in
    /// one transaction. Units removed since they were read are skipped; units added since
    /// keep the links they got on arrival.
    public func replace(with model: StoredWordModel, links: [(unit: Int64, links: [UInt8])], unitsLearnt: Int,
                        seconds: Double, progress: ((Int) -> Void)? = nil) throws {
        defer { database.shrinkLog() }
        try database.write { db in
            try db.execute(sql: "DELETE FROM wa_lexicon")
            try db.execute(sql: "DELETE FROM wa_word")
            let word = try db.makeStatement(sql: "INSERT INTO wa_word (id, text, arabicCount) VALUES (?, ?, ?)")
            for (text, id) in model.words {
                try word.execute(arguments: [id, text, model.arabicCounts[text] ?? 0])
            }
            let lexicon = try db.makeStatement(sql: "INSERT INTO wa_lexicon (direction, word, translations) VALUES (?, ?, ?)")
            for (direction, rows) in [(0, model.forward), (1, model.reverse)] {
                for (id, bytes) in rows { try lexicon.execute(arguments: [direction, id, Data(bytes)]) }
            }
            let link = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO tm_link (unit, links) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM tu WHERE id = ?1)
                """)
            for (i, item) in links.enumerated() {
                try link.execute(arguments: [item.unit, Data(item.links)])
                if i % 8192 == 8191 { progress?(i + 1) }
            }
            progress?(links.count)
            try db.execute(sql: """
                INSERT OR REPLACE INTO wa_model (id, learned, units, forwardTension, reverseTension, nullProbability, seconds)
                VALUES (1, ?, ?, ?, ?, ?, ?)
                """, arguments: [Date().timeIntervalSince1970, unitsLearnt, model.forwardTension, model.reverseTension,
                                 model.nullProbability, seconds])
        }
    }
}
