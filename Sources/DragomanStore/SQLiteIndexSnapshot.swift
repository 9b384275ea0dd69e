import DragomanText
import Foundation
internal import GRDB
import DragomanTM

/// The index as seen inside one read transaction.
struct SQLiteIndexSnapshot: CandidateIndex, UnitLinkIndex {
    let db: Database

    func links(_ ids: [Int64]) throws -> [Int64: [UInt8]] {
        var out: [Int64: [UInt8]] = [:]
        for batch in ids.chunked(400) {
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: "SELECT unit, links FROM tm_link WHERE unit IN (\(marks))",
                                           arguments: StatementArguments(batch))
            while let row = try rows.next() { out[row[0]] = [UInt8](row[1] as Data) }
        }
        return out
    }

    func vocabulary(_ strings: Set<String>, side: Language) throws -> [String: (id: Int32, frequency: Int)] {
        var out: [String: (id: Int32, frequency: Int)] = [:]
        let statement = try db.cachedStatement(sql: "SELECT id, \(side.frequencyColumn) FROM tm_vocab WHERE text = ?")
        for s in strings {
            if let row = try Row.fetchOne(statement, arguments: [s]) {
                out[s] = (row[0], row[1])
            }
        }
        return out
    }

    func postings(base: Int32, side: Language, weights: ClosedRange<Int>) throws -> [Int64] {
        var out: [Int64] = []
        let buckets = WeightBucket.covering(weights)
        let rows = try Row.fetchCursor(
            db.cachedStatement(sql: "SELECT ids FROM tm_posting WHERE side = ? AND base = ? AND bucket BETWEEN ? AND ? ORDER BY bucket, chunk"),
            arguments: [side.code, base, buckets.lowerBound, buckets.upperBound])
        var lists = 0
        while let row = try rows.next() {
            out += PostingList.decode([UInt8](row[0] as Data))
            lists += 1
        }
        // Ids are ascending within a bucket; several buckets need one sort.
        if lists > 1 { out.sort() }
        return out
    }

    func units(withKeyHash hash: Int64, side: Language) throws -> [Int64] {
        try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM tu WHERE \(side.keyHashColumn) = ?"), arguments: [hash])
    }

    func profiles(_ ids: [Int64], side: Language) throws -> [Int64: SegmentProfile] {
        var out: [Int64: SegmentProfile] = [:]
        for batch in ids.chunked(400) {
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: "SELECT id, \(side.keyHashColumn), \(side.profileColumn) FROM tu WHERE id IN (\(marks))",
                                           arguments: StatementArguments(batch))
            while let row = try rows.next() {
                out[row[0]] = SegmentProfile.decode([UInt8](row[2] as Data), keyHash: row[1])
            }
        }
        return out
    }

    func units(_ ids: [Int64]) throws -> [Int64: TranslationUnit] {
        var out: [Int64: TranslationUnit] = [:]
        for batch in ids.chunked(400) {
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM tu WHERE id IN (\(marks))", arguments: StatementArguments(batch))
            while let row = try rows.next() {
                let unit = try UnitRow.unit(from: row)
                out[unit.id!] = unit
            }
        }
        return out
    }

    func allUnitIDs() throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM tu ORDER BY id")
    }
}

enum UnitRow {
    static func unit(from row: Row) throws -> TranslationUnit {
        var properties: [UnitProperty] = []
        if let json = row["properties"] as String? {
            properties = try JSONDecoder().decode([UnitProperty].self, from: Data(json.utf8))
        }
        return TranslationUnit(
            id: row["id"], arabic: row["arabic"], english: row["english"],
            arabicMarkup: row["arabicMarkup"], englishMarkup: row["englishMarkup"],
            created: Date(timeIntervalSince1970: row["created"]), changed: Date(timeIntervalSince1970: row["changed"]),
            creator: row["creator"], origin: row["origin"], note: row["note"], properties: properties,
            arabicContext: UnitContext(previous: row["arPrev"], next: row["arNext"]),
            englishContext: UnitContext(previous: row["enPrev"], next: row["enNext"]),
            usageCount: row["usageCount"])
    }
}

extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min(count, $0 + size)] }
    }
}
