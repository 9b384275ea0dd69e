import DragomanText
import Foundation
internal import GRDB
import DragomanTM

/// Writes units inside one transaction: resolves vocabulary ids, inserts rows, and
/// gathers postings and frequencies to write once at the end (`flush`).
///
/// Everything gathered is kept in arrays indexed by vocabulary id (ids are dense), and
/// the vocabulary cache compares strings by their bytes: the writer is the one thread
/// of an import that cannot be spread over cores, so it avoids hashing Unicode strings.
struct TMWriter {
    let db: Database
    var vocabulary = VocabularyCache()
    /// The postings gathered so far, one list per (side, base, weight bucket).
    var postings = GatheredPostings()

    /// Every Arabic key hash in the table, once a bulk import has looked up enough units
    /// to make reading them all cheaper than looking each one up (see `mayBeStored`).
    private var keyHashes: Set<Int64>?
    private var lookupsLeft: Int?

    /// Whether many units are coming (an import), worth reading all key hashes for.
    let bulk: Bool
    /// The import these units are part of: each added unit carries its id, and a unit that
    /// was there is kept as it was before its date changes.
    let importing: ImportRecorder?

    init(db: Database, bulk: Bool = false, importing: ImportRecorder? = nil) {
        self.db = db
        self.bulk = bulk
        self.importing = importing
    }

    /// False when no stored unit has this Arabic key hash (then the unit cannot be a
    /// duplicate and needs no lookup). Looks units up one by one at first; after as many
    /// lookups as an eighth of the table's rows, reads all the hashes once instead.
    private mutating func mayBeStored(_ hash: Int64) throws -> Bool {
        if !bulk { return true }
        if let keyHashes { return keyHashes.contains(hash) }
        if lookupsLeft == nil {
            lookupsLeft = try Int.fetchOne(db, sql: "SELECT count(*) FROM tu").map { $0 / 8 } ?? 0
        }
        if lookupsLeft! > 0 {
            lookupsLeft! -= 1
            return true
        }
        var hashes = Set<Int64>()
        let cursor = try Int64.fetchCursor(db, sql: "SELECT arKeyHash FROM tu")
        while let h = try cursor.next() { hashes.insert(h) }
        keyHashes = hashes
        return hashes.contains(hash)
    }

    mutating func add(_ unit: TranslationUnit, analysis: UnitAnalysis) throws -> AddOutcome {
        // A duplicate has the same Arabic text, hence the same Arabic key hash.
        if try mayBeStored(analysis.arabicKeyHash) {
            let existing = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, arabic, english, changed FROM tu WHERE arKeyHash = ?"),
                                            arguments: [analysis.arabicKeyHash])
            if let row = existing.first(where: { ($0["arabic"] as String) == unit.arabic && ($0["english"] as String) == unit.english }) {
                let id: Int64 = row["id"]
                let changed = max(row["changed"] as Double, unit.changed.timeIntervalSince1970)
                try importing?.keepBefore("tu", row: id)
                try db.cachedStatement(sql: "UPDATE tu SET changed = ? WHERE id = ?").execute(arguments: [changed, id])
                return .updated(id)
            }
        }
        keyHashes?.insert(analysis.arabicKeyHash)
        let ar = try profile(analysis.arabicTerms, keyHash: analysis.arabicKeyHash)
        let en = try profile(analysis.englishTerms, keyHash: analysis.englishKeyHash)
        let properties = unit.properties.isEmpty ? nil
            : String(decoding: try JSONEncoder().encode(unit.properties), as: UTF8.self)
        try db.cachedStatement(sql: """
            INSERT INTO tu (arabic, english, arabicMarkup, englishMarkup, created, changed, creator, origin, note,
                properties, arPrev, arNext, enPrev, enNext, usageCount, arKeyHash, enKeyHash, arProfile, enProfile, batch)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                unit.arabic, unit.english, unit.arabicMarkup, unit.englishMarkup,
                unit.created.timeIntervalSince1970, unit.changed.timeIntervalSince1970,
                unit.creator, unit.origin, unit.note, properties,
                unit.arabicContext.previous, unit.arabicContext.next,
                unit.englishContext.previous, unit.englishContext.next, unit.usageCount,
                ar.keyHash, en.keyHash,
                Data(ar.encoded()), Data(en.encoded()), importing?.id,
            ])
        let id = db.lastInsertedRowID
        if let links = analysis.links {
            try db.cachedStatement(sql: "INSERT INTO tm_link (unit, links) VALUES (?, ?)").execute(arguments: [id, Data(links)])
        }
        gather(id, profile: ar, side: 0)
        gather(id, profile: en, side: 1)
        return .added(id)
    }

    /// The stored profile of a side: its strings as vocabulary ids.
    private mutating func profile(_ terms: [UnitAnalysis.Term], keyHash: Int64) throws -> SegmentProfile {
        var tokens: [ScoringToken] = []
        tokens.reserveCapacity(terms.count)
        for term in terms {
            let key = try vocabularyID(term.key)
            let base = term.base.hash == term.key.hash && term.base.string.utf8.elementsEqual(term.key.string.utf8) ? key : try vocabularyID(term.base)
            tokens.append(ScoringToken(key: key, base: base, weightClass: term.weightClass))
        }
        return SegmentProfile(tokens: tokens, keyHash: keyHash)
    }

    /// The id of a token string, inserting it into `tm_vocab` when new.
    private mutating func vocabularyID(_ s: HashedString) throws -> Int32 {
        if let id = vocabulary.id(of: s) { return id }
        let id: Int32
        if let found = try Int32.fetchOne(db.cachedStatement(sql: "SELECT id FROM tm_vocab WHERE text = ?"), arguments: [s.string]) {
            id = found
        } else {
            try db.cachedStatement(sql: "INSERT INTO tm_vocab (text) VALUES (?)").execute(arguments: [s.string])
            id = Int32(db.lastInsertedRowID)
        }
        vocabulary.insert(s, id: id)
        return id
    }

    /// Notes `id` under each distinct base of `profile`.
    private mutating func gather(_ id: Int64, profile: SegmentProfile, side: Int) {
        let bucket = WeightBucket.of(profile.totalWeight)
        var bases = profile.tokens.map(\.base)
        bases.sort()
        var previous: Int32 = -1
        for base in bases where base != previous {
            previous = base
            postings.add(id, side: side, base: base, bucket: bucket)
        }
    }

    /// Writes the gathered postings and frequency changes.
    mutating func flush() throws {
        try postings.forEachList { side, base, bucket, ids in
            try PostingStore.append(ids, base: base, bucket: bucket, side: side == 0 ? .arabic : .english, db: db)
        }
        let update = try db.cachedStatement(sql: "UPDATE tm_vocab SET arFrequency = arFrequency + ?, enFrequency = enFrequency + ? WHERE id = ?")
        for (base, ar, en) in postings.frequencies() {
            try update.execute(arguments: [ar, en, base])
        }
        postings = GatheredPostings()
    }
}

/// Posting lists in chunks of at most `PostingList.chunkCapacity` ids, per base and
/// weight bucket.
enum PostingStore {
    static func append(_ ids: [Int64], base: Int32, bucket: Int, side: Language, db: Database) throws {
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

    static func remove(_ id: Int64, base: Int32, bucket: Int, side: Language, db: Database) throws {
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
