import Foundation
import GRDB
import DragomanTM

/// Writes units inside one transaction: resolves vocabulary ids, inserts rows, and
/// gathers postings and frequencies to write once at the end (`flush`).
struct TMWriter {
    let db: Database
    var vocabulary: [String: Int32] = [:]
    /// New ids per side, per (base, weight bucket).
    var newPostings: [Side: [PostingKey: [Int64]]] = [.arabic: [:], .english: [:]]
    var frequencyDelta: [Int32: (ar: Int, en: Int)] = [:]

    init(db: Database) { self.db = db }

    mutating func add(_ unit: TranslationUnit, analysis: UnitAnalysis) throws -> AddOutcome {
        // A duplicate has the same Arabic text, hence the same Arabic key hash.
        let arabicKeyHash = StableHash.of(analysis.arabicKey)
        let existing = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, arabic, english, changed FROM tu WHERE arKeyHash = ?"),
                                        arguments: [arabicKeyHash])
        if let row = existing.first(where: { ($0["arabic"] as String) == unit.arabic && ($0["english"] as String) == unit.english }) {
            let id: Int64 = row["id"]
            let changed = max(row["changed"] as Double, unit.changed.timeIntervalSince1970)
            try db.cachedStatement(sql: "UPDATE tu SET changed = ? WHERE id = ?").execute(arguments: [changed, id])
            return .updated(id)
        }
        // Move the cache into the vocabulary and back, so the dictionary is never copied.
        var vocab = StoreVocabulary(db: db)
        swap(&vocab.cache, &vocabulary)
        let ar = SegmentProfile.make(analysis.arabicTokens, key: analysis.arabicKey, vocabulary: &vocab)
        let en = SegmentProfile.make(analysis.englishTokens, key: analysis.englishKey, vocabulary: &vocab)
        swap(&vocab.cache, &vocabulary)
        if let error = vocab.error { throw error }
        let properties = unit.properties.isEmpty ? nil
            : String(decoding: try JSONEncoder().encode(unit.properties), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO tu (arabic, english, arabicMarkup, englishMarkup, created, changed, creator, origin, note,
                properties, arPrev, arNext, enPrev, enNext, usageCount, arKeyHash, enKeyHash, arProfile, enProfile)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                unit.arabic, unit.english, unit.arabicMarkup, unit.englishMarkup,
                unit.created.timeIntervalSince1970, unit.changed.timeIntervalSince1970,
                unit.creator, unit.origin, unit.note, properties,
                unit.arabicContext.previous, unit.arabicContext.next,
                unit.englishContext.previous, unit.englishContext.next, unit.usageCount,
                ar.keyHash, en.keyHash,
                Data(ar.encoded()), Data(en.encoded()),
            ])
        let id = db.lastInsertedRowID
        for (side, profile) in [(Side.arabic, ar), (.english, en)] {
            let bucket = WeightBucket.of(profile.totalWeight)
            for base in Set(profile.tokens.map(\.base)) {
                newPostings[side]![PostingKey(base: base, bucket: bucket), default: []].append(id)
                var delta = frequencyDelta[base] ?? (0, 0)
                if side == .arabic { delta.ar += 1 } else { delta.en += 1 }
                frequencyDelta[base] = delta
            }
        }
        return .added(id)
    }

    /// Writes the gathered postings and frequency changes.
    mutating func flush() throws {
        for side in Side.allCases {
            for (key, ids) in newPostings[side]! {
                try PostingStore.append(ids, base: key.base, bucket: key.bucket, side: side, db: db)
            }
        }
        let update = try db.cachedStatement(sql: "UPDATE tm_vocab SET arFrequency = arFrequency + ?, enFrequency = enFrequency + ? WHERE id = ?")
        for (id, delta) in frequencyDelta {
            try update.execute(arguments: [delta.ar, delta.en, id])
        }
        newPostings = [.arabic: [:], .english: [:]]
        frequencyDelta = [:]
    }
}

/// Vocabulary ids from the `tm_vocab` table, inserting strings it has not seen.
struct StoreVocabulary: TokenVocabulary {
    let db: Database
    var cache: [String: Int32] = [:]
    var error: Error?

    init(db: Database) { self.db = db }

    mutating func id(for string: String) -> Int32 {
        if let id = cache[string] { return id }
        do {
            let id: Int32
            if let found = try Int32.fetchOne(db.cachedStatement(sql: "SELECT id FROM tm_vocab WHERE text = ?"), arguments: [string]) {
                id = found
            } else {
                try db.cachedStatement(sql: "INSERT INTO tm_vocab (text) VALUES (?)").execute(arguments: [string])
                id = Int32(db.lastInsertedRowID)
            }
            cache[string] = id
            return id
        } catch {
            self.error = error
            return 0
        }
    }
}

struct PostingKey: Hashable {
    var base: Int32
    var bucket: Int
}

/// Posting lists in chunks of at most `PostingList.chunkCapacity` ids, per base and
/// weight bucket.
enum PostingStore {
    static func append(_ ids: [Int64], base: Int32, bucket: Int, side: Side, db: Database) throws {
        var ids = ids[...]
        var chunk = 0, count = 0
        var last: Int64 = 0
        var bytes: [UInt8] = []
        if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT chunk, count, lastID, ids FROM tm_posting WHERE side = ? AND base = ? AND bucket = ? ORDER BY chunk DESC LIMIT 1"),
                                      arguments: [side.code, base, bucket]) {
            chunk = row["chunk"]
            count = row["count"]
            last = row["lastID"]
            bytes = [UInt8](row["ids"] as Data)
        }
        let write = try db.cachedStatement(sql: "INSERT OR REPLACE INTO tm_posting (side, base, bucket, chunk, count, lastID, ids) VALUES (?, ?, ?, ?, ?, ?, ?)")
        while !ids.isEmpty {
            if count >= PostingList.chunkCapacity {
                chunk += 1
                count = 0
                last = 0
                bytes = []
            }
            let take = ids.prefix(PostingList.chunkCapacity - count)
            PostingList.append(Array(take), to: &bytes, after: last)
            count += take.count
            last = take.last!
            ids = ids.dropFirst(take.count)
            try write.execute(arguments: [side.code, base, bucket, chunk, count, last, Data(bytes)])
        }
    }

    static func remove(_ id: Int64, base: Int32, bucket: Int, side: Side, db: Database) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT chunk, ids FROM tm_posting WHERE side = ? AND base = ? AND bucket = ?",
                                    arguments: [side.code, base, bucket])
        for row in rows {
            var ids = PostingList.decode([UInt8](row["ids"] as Data))
            guard let at = ids.firstIndex(of: id) else { continue }
            ids.remove(at: at)
            let chunk: Int = row["chunk"]
            if ids.isEmpty {
                try db.execute(sql: "DELETE FROM tm_posting WHERE side = ? AND base = ? AND bucket = ? AND chunk = ?",
                               arguments: [side.code, base, bucket, chunk])
            } else {
                try db.execute(sql: "UPDATE tm_posting SET count = ?, lastID = ?, ids = ? WHERE side = ? AND base = ? AND bucket = ? AND chunk = ?",
                               arguments: [ids.count, ids.last!, Data(PostingList.encode(ids)), side.code, base, bucket, chunk])
            }
            return
        }
    }
}
