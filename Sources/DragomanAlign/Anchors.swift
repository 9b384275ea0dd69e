import DragomanText

/// The kinds of anchor that length cannot see, each with its own weight.
public enum AnchorKind: Int, Sendable, CaseIterable, Codable {
    /// A number with the same value on both sides, in any digit script (40 = ٤٠).
    case number = 0
    /// A Latin-script word of the Arabic text (a name, an acronym, a URL) that the
    /// English text also has (MWPs, BBC, COVID).
    case latinName = 1
    /// A glossary term pair: its Arabic in the Arabic, its English in the English.
    case term = 2
    /// A question mark (? or ؟) on both sides.
    case question = 3
    /// Quotation marks on both sides.
    case quote = 4
    /// A capitalised English word and an Arabic word with the same consonant skeleton
    /// (Hammel and هاميل): names transliterated into Arabic.
    case transliteratedName = 5
}

/// The anchors of one side of a document: per sentence, a sorted multiset of anchor ids
/// (the kind in the top bits), and for every pair of consecutive sentences the merged
/// multiset, so that scoring a bead never allocates. Only anchors whose value occurs on
/// both sides of the document are kept: a number the other side spells out in words is
/// no evidence either way.
struct AnchorTable: Sendable {
    static let kindShift: UInt32 = 28

    /// `single[i]`: anchors of sentence i. `pair[i]`: anchors of sentences i and i + 1.
    var single: [[UInt32]]
    var pair: [[UInt32]]
    /// The summed miss weights of `single[i]` and `pair[i]`.
    var singleMiss: [Double]
    var pairMiss: [Double]

    init(_ perSentence: [[UInt32]], missWeights: [Double] = [Double](repeating: 0, count: 16)) {
        let sorted = perSentence.map { $0.sorted() }
        var pairs = (0..<max(0, sorted.count - 1)).map { (sorted[$0] + sorted[$0 + 1]).sorted() }
        if let last = sorted.last { pairs.append(last) }
        func miss(_ ids: [UInt32]) -> Double { ids.reduce(0) { $0 + missWeights[Self.kind(of: $1)] } }
        single = sorted
        pair = pairs
        singleMiss = sorted.map(miss)
        pairMiss = pairs.map(miss)
    }

    /// The anchors of sentences `start ..< start + count` (count 1 or 2).
    @inline(__always)
    func anchors(start: Int, count: Int) -> [UInt32] {
        count == 1 ? single[start] : pair[start]
    }

    @inline(__always)
    func missWeight(start: Int, count: Int) -> Double {
        count == 1 ? singleMiss[start] : pairMiss[start]
    }

    @inline(__always)
    static func kind(of id: UInt32) -> Int { Int(id >> kindShift) }

    @inline(__always)
    static func id(_ kind: AnchorKind, _ local: Int) -> UInt32 { UInt32(kind.rawValue) << kindShift | UInt32(local & 0x0FFF_FFFF) }

    /// What the anchors change in a bead's cost: minus the bonus of every anchor shared by
    /// the two sides (multiset intersection), plus the miss weight of every anchor of
    /// either side left without its counterpart.
    @inline(__always)
    static func score(_ a: [UInt32], _ b: [UInt32], aMiss: Double, bMiss: Double, bonus: [Double], miss: [Double]) -> Double {
        if a.isEmpty || b.isEmpty { return aMiss + bMiss }
        var i = 0, j = 0, shared = 0.0, sharedMiss = 0.0
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                while i < a.count && j < b.count {
                    let x = a[i], y = b[j]
                    if x == y {
                        let k = kind(of: x)
                        shared += bonus[k]
                        sharedMiss += miss[k]
                        i += 1
                        j += 1
                    } else if x < y {
                        i += 1
                    } else {
                        j += 1
                    }
                }
            }
        }
        return -shared + aMiss + bMiss - 2 * sharedMiss
    }

    /// The total bonus of the anchors the two lists share.
    static func sharedWeight(_ a: [UInt32], _ b: [UInt32], weights: [Double]) -> Double {
        -score(a, b, aMiss: 0, bMiss: 0, bonus: weights, miss: [Double](repeating: 0, count: 16))
    }
}

/// Finds the anchors of the sentences of an Arabic and an English document.
struct AnchorExtractor {
    var lexicon: (any AlignmentLexicon)?

    /// An anchor before filtering: its kind and the value the other side must have.
    struct Item: Hashable {
        let kind: AnchorKind
        let key: String
    }

    /// The anchors of both sides. An anchor is kept only when its value occurs on the other
    /// side within `window` sentences of where the sentence is expected there (by length,
    /// as the band's diagonal): in a long document every small number and common name has a
    /// counterpart somewhere, and only a near one is evidence.
    func tables(arabic: [String], english: [String], missWeights: [Double] = [Double](repeating: 0, count: 16),
                arabicLengths: [Double]? = nil, englishLengths: [Double]? = nil,
                window: Int = .max) -> (arabic: AnchorTable, english: AnchorTable) {
        let arabicTokens = arabic.map(Tokenizer.tokenize)
        let englishTokens = english.map(Tokenizer.tokenize)

        // Skeletons of the English side's capitalised words; Arabic words are looked up in them.
        var englishSkeletonSet = Set<String>()
        let englishItems: [[Item]] = english.indices.map { i in
            var items = Self.commonItems(englishTokens[i])
            for t in englishTokens[i] where t.kind == .latinWord {
                guard let first = t.text.unicodeScalars.first, LatinScript.isUppercase(first),
                      !NameSkeleton.englishStopwords.contains(t.key), let skeleton = NameSkeleton.english(t.text)
                else { continue }
                items.append(Item(kind: .transliteratedName, key: skeleton))
                englishSkeletonSet.insert(skeleton)
            }
            for id in lexicon?.englishTermPairs(in: english[i]) ?? [] { items.append(Item(kind: .term, key: String(id))) }
            return items
        }
        let arabicItems: [[Item]] = arabic.indices.map { i in
            var items = Self.commonItems(arabicTokens[i])
            if !englishSkeletonSet.isEmpty {
                for t in arabicTokens[i] where t.kind == .arabicWord {
                    var found: String?
                    if let s = NameSkeleton.arabic(t.key), englishSkeletonSet.contains(s) {
                        found = s
                    } else {
                        for reading in t.cliticReadings where !reading.isIdentity {
                            if let s = NameSkeleton.arabic(reading.core), englishSkeletonSet.contains(s) { found = s; break }
                        }
                    }
                    if let found { items.append(Item(kind: .transliteratedName, key: found)) }
                }
            }
            for id in lexicon?.arabicTermPairs(in: arabic[i]) ?? [] { items.append(Item(kind: .term, key: String(id))) }
            return items
        }

        // Keep what the other side has near the expected place; number the values.
        func where_(_ items: [[Item]]) -> [Item: [Int]] {
            var out: [Item: [Int]] = [:]
            for (i, list) in items.enumerated() { for item in Set(list) { out[item, default: []].append(i) } }
            return out
        }
        let arabicPlaces = where_(arabicItems), englishPlaces = where_(englishItems)
        let toEnglish = Self.expectedPositions(from: arabicLengths ?? arabic.map { _ in 1 }, to: englishLengths ?? english.map { _ in 1 })
        let toArabic = Self.expectedPositions(from: englishLengths ?? english.map { _ in 1 }, to: arabicLengths ?? arabic.map { _ in 1 })
        var ids: [Item: Int] = [:]
        func encode(_ items: [Item], expected: Int, other: [Item: [Int]]) -> [UInt32] {
            items.compactMap { item in
                guard let places = other[item] else { return nil }
                if window < .max {
                    // The first place at or after expected − window (places are sorted).
                    var lo = 0, hi = places.count
                    while lo < hi { let mid = (lo + hi) / 2; if places[mid] < expected - window { lo = mid + 1 } else { hi = mid } }
                    guard lo < places.count, places[lo] <= expected + window else { return nil }
                }
                let id = ids[item] ?? ids.count
                ids[item] = id
                return AnchorTable.id(item.kind, id)
            }
        }
        let a = arabicItems.indices.map { encode(arabicItems[$0], expected: toEnglish[$0], other: englishPlaces) }
        let e = englishItems.indices.map { encode(englishItems[$0], expected: toArabic[$0], other: arabicPlaces) }
        return (AnchorTable(a, missWeights: missWeights), AnchorTable(e, missWeights: missWeights))
    }

    /// For each sentence of one side, the sentence of the other side at the same share of
    /// the text's length (the diagonal the band follows).
    static func expectedPositions(from: [Double], to: [Double]) -> [Int] {
        guard !to.isEmpty else { return from.map { _ in 0 } }
        let totalFrom = max(from.reduce(0, +), 1), totalTo = max(to.reduce(0, +), 1)
        var out: [Int] = []
        var acc = 0.0, j = 0, accTo = 0.0
        for x in from {
            let target = (acc + x / 2) / totalFrom * totalTo
            while j < to.count - 1 && accTo + to[j] < target { accTo += to[j]; j += 1 }
            out.append(j)
            acc += x
        }
        return out
    }

    /// Numbers, Latin-script words, URLs and e-mail addresses, and one question mark and
    /// one quote item per sentence that has them.
    static func commonItems(_ tokens: [Token]) -> [Item] {
        var items: [Item] = []
        var question = false
        var quote = false
        for t in tokens {
            if let n = t.number, t.kind == .number {
                items.append(Item(kind: .number, key: n.canonical + (n.isPercent ? "%" : "")))
            } else if isLatinName(t) {
                items.append(Item(kind: .latinName, key: t.key))
            } else if t.kind == .punctuation || t.kind == .symbol {
                for s in t.text.unicodeScalars {
                    if s == "?" || s == "؟" { question = true }
                    if quotes.contains(s) { quote = true }
                }
            }
        }
        if question { items.append(Item(kind: .question, key: "?")) }
        if quote { items.append(Item(kind: .quote, key: "\"")) }
        return items
    }

    static let quotes: Set<Unicode.Scalar> = ["\"", "“", "”", "«", "»", "„", "‟"]

    /// A Latin word, URL or e-mail address of two letters or more.
    static func isLatinName(_ t: Token) -> Bool {
        switch t.kind {
        case .latinWord: return t.key.unicodeScalars.count >= 2
        case .url, .email: return true
        default: return false
        }
    }
}
