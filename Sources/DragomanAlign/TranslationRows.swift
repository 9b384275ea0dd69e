/// One direction of a stored word-alignment model: per word a short row of translations
/// with their probabilities, contiguous in memory, found through a small open-addressing
/// index. Aligning a sentence pair reads the rows of its words once each (a few hundred
/// bytes apiece) instead of probing a big pair table once per (source, target) pair,
/// which is what keeps `WordAlignmentModel.align` in the microseconds on a large model.
struct TranslationRows: Sendable {
    struct Translation: Sendable {
        var word: Int32
        var probability: Float
    }

    /// Row words, in row order (sorted by id).
    private(set) var words: [Int32] = []
    /// Row r is `targets[start[r] ..< start[r + 1]]` with `probabilities` alongside, in the
    /// order given. Two arrays, not one of pairs: a sentence scans the ids and reads a
    /// probability only for the few that occur in it.
    private(set) var start: [Int] = [0]
    private(set) var targets: [Int32] = []
    private(set) var probabilities: [Float] = []
    private var index: WordIndex
    /// The NULL row (word −1), found by translation id: p(word | NULL) for each word.
    private var nullIndex = WordIndex([])

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
        index = WordIndex(words)
        if words.first == -1 {
            nullIndex = WordIndex(Array(targets[0..<start[1]]))
        }
    }

    /// The ids and probabilities of all rows, for a scan without bounds checks.
    @inline(__always)
    func withBuffers<R>(_ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) -> R) -> R {
        targets.withUnsafeBufferPointer { ids in probabilities.withUnsafeBufferPointer { body(ids, $0) } }
    }

    var rowCount: Int { words.count }
    var entryCount: Int { targets.count }

    /// The row number of `word`, or −1.
    @inline(__always)
    func row(of word: Int32) -> Int { index.position(of: word) }

    /// p(word | NULL), 0 when not stored.
    @inline(__always)
    func nullProbability(of word: Int32) -> Float {
        let k = nullIndex.position(of: word)
        return k >= 0 ? probabilities[k] : 0
    }

    /// p(translation | word) (word −1: NULL), 0 when not stored.
    func probability(of translation: Int32, given word: Int32) -> Float {
        if word == -1 { return nullProbability(of: translation) }
        let r = row(of: word)
        guard r >= 0 else { return 0 }
        return (start[r]..<start[r + 1]).last { targets[$0] == translation }.map { probabilities[$0] } ?? 0
    }
}

/// Word id → position in a list of ids (open addressing, load at most 1/2; a repeated id
/// keeps its last position; negative ids are left out).
struct WordIndex: Sendable {
    private var keys: [Int32]
    private var positions: [Int32]
    private let shift: UInt64

    init(_ words: [Int32]) {
        var bits: UInt64 = 4
        while (1 << bits) < words.count * 2 { bits += 1 }
        shift = 64 - bits
        keys = [Int32](repeating: -1, count: 1 << bits)
        positions = [Int32](repeating: -1, count: 1 << bits)
        let mask = keys.count - 1
        for (k, w) in words.enumerated() where w >= 0 {
            var p = Self.home(w, shift: shift)
            while keys[p] >= 0 && keys[p] != w { p = (p + 1) & mask }
            keys[p] = w
            positions[p] = Int32(k)
        }
    }

    @inline(__always)
    static func home(_ word: Int32, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(UInt32(bitPattern: word)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The position of `word`, or −1 (always −1 for a negative id: the NULL word has no row
    /// here, and ids are never negative otherwise).
    @inline(__always)
    func position(of word: Int32) -> Int {
        guard word >= 0 else { return -1 }
        return keys.withUnsafeBufferPointer { keys in
            positions.withUnsafeBufferPointer { positions in
                let mask = keys.count &- 1
                var p = Self.home(word, shift: shift)
                while true {
                    let k = keys[p]
                    if k == word { return Int(positions[p]) }
                    if k < 0 { return -1 }
                    p = (p &+ 1) & mask
                }
            }
        }
    }
}
