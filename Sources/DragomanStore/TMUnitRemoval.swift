import DragomanText
import DragomanTM
import Foundation
internal import GRDB

/// Removes many units at once (`tm remove --origin`, `imports undo`): each posting list
/// they are in is read and rewritten once, rather than once per unit, and each word's
/// frequency is changed once. Removing a 100,000-unit import from a million-unit TM
/// touches every list of its words a single time; unit by unit, a common word's list of
/// hundreds of thousands of ids would be decoded for every unit.
enum TMUnitRemoval {
    /// Units read per query.
    private static let idsPerQuery = 4_096

    /// Removes the units `ids` (those that exist); returns how many were removed. Their
    /// word links go with them (`tm_link` cascades).
    static func remove(_ ids: [Int64], db: Database) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        struct ListKey: Hashable {
            var side: Int
            var base: Int32
            var bucket: Int
        }
        var removedFrom: [ListKey: [Int64]] = [:]
        var frequencies: [Int32: (arabic: Int, english: Int)] = [:]
        var removed = 0
        let sorted = ids.sorted()
        var start = 0
        while start < sorted.count {
            let part = Array(sorted[start..<min(sorted.count, start + idsPerQuery)])
            start += part.count
            let json = "[" + part.map(String.init).joined(separator: ",") + "]"
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, arProfile, enProfile FROM tu WHERE id IN (SELECT value FROM json_each(?))
                """, arguments: [json])
            while let row = try rows.next() {
                let id: Int64 = row["id"]
                removed += 1
                for (side, column) in [(0, "arProfile"), (1, "enProfile")] {
                    let profile = SegmentProfile.decode([UInt8](row[column] as Data), keyHash: 0)
                    let bucket = WeightBucket.of(profile.totalWeight)
                    for base in Set(profile.tokens.map(\.base)) {
                        removedFrom[ListKey(side: side, base: base, bucket: bucket), default: []].append(id)
                        if side == 0 { frequencies[base, default: (0, 0)].arabic += 1 } else { frequencies[base, default: (0, 0)].english += 1 }
                    }
                }
            }
            try db.execute(sql: "DELETE FROM tu WHERE id IN (SELECT value FROM json_each(?))", arguments: [json])
        }
        let chunks = try db.cachedStatement(sql: "SELECT chunk, ids FROM tm_posting WHERE side = ? AND base = ? AND bucket = ?")
        let delete = try db.cachedStatement(sql: "DELETE FROM tm_posting WHERE side = ? AND base = ? AND bucket = ? AND chunk = ?")
        let update = try db.cachedStatement(sql: """
            UPDATE tm_posting SET count = ?, lastID = ?, ids = ? WHERE side = ? AND base = ? AND bucket = ? AND chunk = ?
            """)
        for (key, gone) in removedFrom {
            let goneSet = Set(gone)
            let arguments: StatementArguments = [key.side, key.base, key.bucket]
            for row in try Row.fetchAll(chunks, arguments: arguments) {
                let stored = PostingList.decode([UInt8](row["ids"] as Data))
                let kept = stored.filter { !goneSet.contains($0) }
                guard kept.count < stored.count else { continue }
                let chunk: Int = row["chunk"]
                if kept.isEmpty {
                    try delete.execute(arguments: arguments + [chunk])
                } else {
                    try update.execute(arguments: [kept.count, kept.last!, Data(PostingList.encode(kept))] + arguments + [chunk])
                }
            }
        }
        let frequency = try db.cachedStatement(sql: """
            UPDATE tm_vocab SET arFrequency = arFrequency - ?, enFrequency = enFrequency - ? WHERE id = ?
            """)
        for (base, counts) in frequencies {
            try frequency.execute(arguments: [counts.arabic, counts.english, base])
        }
        return removed
    }
}
