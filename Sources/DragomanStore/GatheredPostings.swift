/// Posting-list additions gathered during one write transaction: unit ids per (side,
/// base, weight bucket), and how many new units each base gained per side.
///
/// Built for the import's writer thread, which adds a dozen postings a unit: every
/// addition is one append to a flat array (list number and id packed into 64 bits);
/// the lists are put together once, by a counting sort, when they are written.
struct GatheredPostings {
    private struct List {
        var side: UInt8
        var base: Int32
        var bucket: Int32
        var next: Int32
        var count: Int32
    }

    /// First list of each base, per side (-1: none); a base's lists are chained by `next`.
    private var heads: [[Int32]] = [[], []]
    private var lists: [List] = []
    /// (list number << 32) | (id - firstID), in the order added.
    private var entries: [UInt64] = []
    private var firstID: Int64?

    mutating func add(_ id: Int64, side: Int, base: Int32, bucket: Int) {
        let b = Int(base)
        if b >= heads[side].count {
            heads[side].append(contentsOf: repeatElement(-1, count: max(b + 1, heads[side].count * 2) - heads[side].count))
        }
        var list = heads[side][b]
        while list >= 0 && lists[Int(list)].bucket != bucket { list = lists[Int(list)].next }
        if list < 0 {
            list = Int32(lists.count)
            lists.append(List(side: UInt8(side), base: base, bucket: Int32(bucket), next: heads[side][b], count: 0))
            heads[side][b] = list
        }
        lists[Int(list)].count += 1
        let first = firstID ?? id
        firstID = first
        entries.append(UInt64(UInt32(list)) << 32 | UInt64(UInt32(truncatingIfNeeded: id - first)))
    }

    /// Each list with its ids in the order added (ascending, as ids are assigned).
    func forEachList(_ body: (_ side: Int, _ base: Int32, _ bucket: Int, _ ids: [Int64]) throws -> Void) rethrows {
        guard let firstID else { return }
        var start = [Int](repeating: 0, count: lists.count + 1)
        for (i, list) in lists.enumerated() { start[i + 1] = start[i] + Int(list.count) }
        var fill = start
        var sorted = [Int64](repeating: 0, count: entries.count)
        for e in entries {
            let list = Int(e >> 32)
            sorted[fill[list]] = firstID + Int64(e & 0xFFFF_FFFF)
            fill[list] += 1
        }
        for (i, list) in lists.enumerated() {
            try body(Int(list.side), list.base, Int(list.bucket), Array(sorted[start[i]..<start[i + 1]]))
        }
    }

    /// (base, new Arabic units, new English units) for every base that gained any.
    func frequencies() -> [(base: Int32, arabic: Int, english: Int)] {
        var counts: [Int32: (Int, Int)] = [:]
        for list in lists {
            var c = counts[list.base] ?? (0, 0)
            if list.side == 0 { c.0 += Int(list.count) } else { c.1 += Int(list.count) }
            counts[list.base] = c
        }
        return counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value.0, $0.value.1) }
    }
}
