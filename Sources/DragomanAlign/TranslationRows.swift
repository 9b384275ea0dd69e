/// One direction of a stored word-alignment model: per word a short row of translations
/// with their probabilities, contiguous in memory. Aligning a sentence pair reads the rows
/// of its words once each (a few hundred bytes apiece) instead of probing a big pair table
/// once per (source, target) pair, which is what keeps `WordAlignmentModel.align` in the
/// microseconds on a large model.
struct TranslationRows: Sendable {
    /// Row words, in row order (sorted by id; the NULL row, −1, first).
    private(set) var words: [Int32] = []
    /// Row r is `targets[start[r] ..< start[r + 1]]` with `probabilities` alongside, in the
    /// order given. Two arrays, not one of pairs: a sentence scans the ids and reads a
    /// probability only for the few that occur in it.
    private(set) var start: [Int] = [0]
    private(set) var targets: [Int32] = []
    private(set) var probabilities: [Float] = []

    /// Rows from `(word, translations)` pairs, cheap enough to build per unit from the rows
    /// of its words. A word given twice gets the union of its rows, and a translation given
    /// twice in a word counts with its last probability (rows are read in order, so the last
    /// one wins without a deduplication pass). Probabilities that are not positive, negative
    /// translation ids and negative words other than NULL (−1) are dropped.
    init(_ rows: [(word: Int32, translations: [(word: Int32, probability: Float)])]) {
        var order = rows.indices.filter { rows[$0].word >= -1 }
        if !zip(order, order.dropFirst()).allSatisfy({ rows[$0].word < rows[$1].word }) {
            order.sort { rows[$0].word != rows[$1].word ? rows[$0].word < rows[$1].word : $0 < $1 }
        }
        let total = order.reduce(0) { $0 + rows[$1].translations.count }
        precondition(total < Int(Int32.max), "a model direction holds at most 2^31 entries")
        targets.reserveCapacity(total)
        probabilities.reserveCapacity(total)
        words.reserveCapacity(order.count)
        start.reserveCapacity(order.count + 1)
        var k = 0
        while k < order.count {
            let word = rows[order[k]].word
            while k < order.count && rows[order[k]].word == word {
                for t in rows[order[k]].translations where t.probability > 0 && t.word >= 0 {
                    targets.append(t.word)
                    probabilities.append(t.probability)
                }
                k += 1
            }
            if targets.count > start[start.count - 1] {
                words.append(word)
                start.append(targets.count)
            }
        }
    }

    var rowCount: Int { words.count }
    var entryCount: Int { targets.count }

    /// The NULL row's entries (p(word | NULL) per word), empty when there is none.
    var nullEntries: Range<Int> { words.first == -1 ? start[0]..<start[1] : 0..<0 }

    /// The ids and probabilities of all rows, for a scan without bounds checks.
    @inline(__always)
    func withBuffers<R>(_ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) -> R) -> R {
        targets.withUnsafeBufferPointer { ids in probabilities.withUnsafeBufferPointer { body(ids, $0) } }
    }
}

/// What aligning needs about one word of one side, in one probe: the range of its row in
/// the direction that conditions on it, and its NULL probability in the other direction.
/// For a source word: its forward row and p(word | NULL) of the reverse model; for a target
/// word: its reverse row and p(word | NULL) of the forward model. Open addressing keyed by
/// word id, load at most 1/2, 16 bytes a slot, so a probe is one cache line.
struct WordSlots: Sendable {
    struct Slot: Sendable {
        var word: Int32
        var start: Int32
        var end: Int32
        var null: Float
    }

    private var slots: [Slot]
    private let shift: UInt64
    private static let empty = Slot(word: -1, start: 0, end: 0, null: 0)

    /// Slots for the rows of `rows` and the NULL row of `other`.
    init(rows: TranslationRows, nullsOf other: TranslationRows) {
        let count = rows.rowCount + other.nullEntries.count
        var bits: UInt64 = 4
        while (1 << bits) < count * 2 { bits += 1 }
        shift = 64 - bits
        slots = [Slot](repeating: Self.empty, count: 1 << bits)
        for (r, word) in rows.words.enumerated() where word >= 0 {
            let p = place(word)
            slots[p].start = Int32(truncatingIfNeeded: rows.start[r])
            slots[p].end = Int32(truncatingIfNeeded: rows.start[r + 1])
        }
        for k in other.nullEntries {
            slots[place(other.targets[k])].null = other.probabilities[k]
        }
    }

    @inline(__always)
    private static func home(_ word: Int32, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: word)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot of `word`, made if absent.
    private mutating func place(_ word: Int32) -> Int {
        let mask = slots.count - 1
        var p = Self.home(word, shift: shift)
        while slots[p].word >= 0 && slots[p].word != word { p = (p + 1) & mask }
        slots[p].word = word
        return p
    }

    /// The slot of `word`; an empty row and a NULL probability of 0 when the model does not
    /// know it (or for a negative id).
    @inline(__always)
    func slot(of word: Int32) -> Slot {
        guard word >= 0 else { return Self.empty }
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count &- 1
            var p = Self.home(word, shift: shift)
            while true {
                let slot = slots[p]
                if slot.word == word { return slot }
                if slot.word < 0 { return Self.empty }
                p = (p &+ 1) & mask
            }
        }
    }
}
