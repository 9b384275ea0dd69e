import Foundation
import DragomanText
import DragomanTM

/// One unit as the word aligner sees it: the Arabic side on match keys with clitics split
/// off (و ف ب ك ل ال and the pronoun suffixes of two letters or more) where the corpus says
/// the rest is a word, the English side lower-cased, and the links Dragoman knows for sure
/// (anchors: numbers by value, Latin-script names, transliterated names, punctuation).
///
/// Every alignment token remembers the match token (`MatchTokenizer`, punctuation
/// included) it came from, so that links found between alignment tokens are stored
/// between the words a user sees (`matchLinks`).
public struct AlignmentTokens: Sendable, Hashable {
    public var arabic: [String]
    /// For each Arabic alignment token, the index of its match token.
    public var arabicWord: [Int]
    public var english: [String]
    /// For each English alignment token, the index of its match token.
    public var englishWord: [Int]
    /// Sure links, in alignment-token indexes.
    public var anchors: [WordLink]

    /// The links between match tokens (Arabic index, English index) that `links` between
    /// alignment tokens amount to, sorted, each once.
    public func matchLinks(_ links: [WordLink]) -> [WordLink] {
        var out = Set<WordLink>()
        for l in links where l.source < arabicWord.count && l.target < englishWord.count {
            out.insert(WordLink(source: arabicWord[l.source], target: englishWord[l.target]))
        }
        return out.sorted()
    }
}

/// Turns unit texts into `AlignmentTokens`.
public struct AlignmentTokenizer: Sendable {
    /// How often an Arabic match key stands as a word in the corpus (the TM's Arabic side):
    /// a clitic is split off only when what is left is a word the corpus knows.
    public let arabicCount: @Sendable (String) -> Int
    /// Each word's split, once: reading the clitics of a word is the costly part of
    /// tokenising, and a TM repeats its words.
    private let splits = SplitCache()

    public init(arabicCount: @escaping @Sendable (String) -> Int) {
        self.arabicCount = arabicCount
    }

    /// The token for every number: numbers meet by anchors, not by their digits.
    public static let numberToken = "<num>"

    public func tokens(arabic: String, english: String) -> AlignmentTokens {
        tokens(arabic: MatchTokenizer.tokens(of: arabic, side: .arabic),
               english: MatchTokenizer.tokens(of: english, side: .english))
    }

    public func tokens(arabic arabicTokens: [MatchToken], english englishTokens: [MatchToken]) -> AlignmentTokens {
        var out = AlignmentTokens(arabic: [], arabicWord: [], english: [], englishWord: [], anchors: [])
        out.arabic.reserveCapacity(arabicTokens.count * 3 / 2)
        // Where each Arabic match token's core (the part a name skeleton is read from) went.
        var coreIndex: [Int] = []
        coreIndex.reserveCapacity(arabicTokens.count)
        for (w, token) in arabicTokens.enumerated() {
            if token.number != nil {
                coreIndex.append(out.arabic.count)
                out.arabic.append(Self.numberToken)
                out.arabicWord.append(w)
                continue
            }
            let parts = split(token)
            for (k, part) in parts.parts.enumerated() {
                if k == parts.core { coreIndex.append(out.arabic.count) }
                out.arabic.append(part)
                out.arabicWord.append(w)
            }
        }
        for (w, token) in englishTokens.enumerated() {
            out.english.append(token.number != nil ? Self.numberToken : token.key)
            out.englishWord.append(w)
        }
        let cores = out.arabic
        out.anchors = Self.anchors(arabic: arabicTokens, english: englishTokens, arabicCore: coreIndex,
                                   arabicSkeleton: { NameSkeleton.arabic(cores[coreIndex[$0]]) })
        return out
    }

    /// The parts of one Arabic match token and which of them is its core.
    func split(_ token: MatchToken) -> (parts: [String], core: Int) {
        if let cached = splits.get(token.key) { return cached }
        let split = computeSplit(token)
        splits.set(token.key, split)
        return split
    }

    func computeSplit(_ token: MatchToken) -> (parts: [String], core: Int) {
        guard token.weightClass == .word, token.key.unicodeScalars.allSatisfy({ ArabicScript.isLetter($0.value) }) else {
            return ([token.key], 0)
        }
        let reading = Self.reading(of: token.key, count: arabicCount)
        guard !reading.isIdentity else { return ([token.key], 0) }
        return Self.parts(of: reading)
    }

    /// The alignment tokens of a reading, clitics marked (و+ ب+ ال+ core +ها), and which
    /// of them is the core.
    public static func parts(of reading: CliticReading) -> (parts: [String], core: Int) {
        var parts: [String] = []
        if let c = reading.conjunction { parts.append(c + "+") }
        if let p = reading.preposition { parts.append(p + "+") }
        if reading.article { parts.append("ال+") }
        let core = parts.count
        parts.append(reading.core)
        if let s = reading.suffix { parts.append("+" + s) }
        return (parts, core)
    }

    /// The reading of an Arabic word the corpus supports: the one that strips most among
    /// those whose core stands as a word (with or without the article) at least half as
    /// often as the whole word does. Single-letter pronoun suffixes (ه ي ك) are never split
    /// off: ه is also ة written plain, ي a nisba ending.
    public static func reading(of key: String, count: (String) -> Int) -> CliticReading {
        let readings = CliticAnalyzer.readings(ofKey: key)
        guard readings.count > 1 else { return readings[0] }
        let whole = count(key)
        var best = readings[0]
        var bestScore = (stripped: 0, count: whole)
        for r in readings.dropFirst() {
            if let s = r.suffix, s.unicodeScalars.count < 2 { continue }
            let core = count(r.core) + count("ال" + r.core)
            guard core >= 1, 2 * core >= whole else { continue }
            let score = (stripped: r.strippedCount, count: core)
            if score.stripped > bestScore.stripped || (score.stripped == bestScore.stripped && score.count > bestScore.count) {
                best = r
                bestScore = score
            }
        }
        return best
    }

    // MARK: Anchors

    /// Punctuation that means the same on both sides, by class.
    static func punctuationClass(_ key: String) -> String? {
        switch key {
        case "،", ",": return ","
        case "؛", ";": return ";"
        case "؟", "?": return "?"
        case ":": return ":"
        case "(", "[": return "("
        case ")", "]": return ")"
        case "\"", "“", "”", "«", "»", "„", "‟": return "\""
        default: return nil
        }
    }

    /// The sure links of a unit, in alignment-token indexes: `arabicCore[i]` is where Arabic
    /// match token `i`'s core went, `arabicSkeleton(i)` that core's name skeleton (asked only
    /// when the English side has a capitalised name).
    static func anchors(arabic: [MatchToken], english: [MatchToken], arabicCore: [Int],
                        arabicSkeleton: (Int) -> String?) -> [WordLink] {
        // Small arrays in sentence order, not dictionaries: a unit has a handful of numbers,
        // names and marks, and hashing strings into eight dictionaries a unit was a third of
        // the anchors' time (the linking on arrival: 16.3 → 14.1 µs a unit on one core with
        // the ASCII case test below).
        var anchors: [WordLink] = []
        // Items of one kind paired in order when both sides have as many.
        func pair<Item: Equatable>(_ a: [(item: Item, at: Int)], _ e: [(item: Item, at: Int)], arabicIndex: (Int) -> Int) {
            guard !a.isEmpty, !e.isEmpty else { return }
            for (x, first) in a.enumerated() where !a[..<x].contains(where: { $0.item == first.item }) {
                let aPositions = a[x...].filter { $0.item == first.item }
                let ePositions = e.filter { $0.item == first.item }
                guard ePositions.count == aPositions.count else { continue }
                for (u, v) in zip(aPositions, ePositions) { anchors.append(WordLink(source: arabicIndex(u.at), target: v.at)) }
            }
        }
        var aNumbers: [(item: String, at: Int)] = [], eNumbers: [(item: String, at: Int)] = []
        var aLatin: [(item: String, at: Int)] = [], eLatin: [(item: String, at: Int)] = []
        var aPunct: [(item: String, at: Int)] = [], ePunct: [(item: String, at: Int)] = []
        for (i, t) in arabic.enumerated() {
            if let n = t.number { aNumbers.append((n.canonical + (n.isPercent ? "%" : ""), i)) }
            else if let f = t.key.utf8.first, Self.isASCIILetter(f), t.key.unicodeScalars.count >= 2 { aLatin.append((t.key, i)) }
            else if t.weightClass == .punctuation, let c = punctuationClass(t.key) { aPunct.append((c, i)) }
        }
        var englishNames: [(item: String, at: Int)] = []
        for (j, t) in english.enumerated() {
            if let n = t.number {
                if !aNumbers.isEmpty { eNumbers.append((n.canonical + (n.isPercent ? "%" : ""), j)) }
            } else if t.weightClass == .punctuation {
                if !aPunct.isEmpty, let c = punctuationClass(t.key) { ePunct.append((c, j)) }
            } else if t.key.unicodeScalars.count >= 2 {
                // Only the words the Arabic also has in Latin letters.
                if aLatin.contains(where: { $0.item == t.key }) { eLatin.append((t.key, j)) }
                // A capitalised word that is not a sentence word: a name, perhaps transliterated.
                if let first = t.text.unicodeScalars.first, Self.isUppercase(first),
                   !NameSkeleton.englishStopwords.contains(t.key), let s = NameSkeleton.english(t.text) {
                    englishNames.append((s, j))
                }
            }
        }
        pair(aNumbers, eNumbers, arabicIndex: { arabicCore[$0] })
        pair(aLatin, eLatin, arabicIndex: { arabicCore[$0] })
        pair(aPunct, ePunct, arabicIndex: { arabicCore[$0] })
        // Transliterated names: a skeleton found once on each side.
        guard !englishNames.isEmpty else { return anchors.sorted() }
        var arabicNames: [(item: String, at: Int)] = []
        for (i, t) in arabic.enumerated() where t.weightClass == .word && t.number == nil {
            if let s = arabicSkeleton(i) { arabicNames.append((s, i)) }
        }
        for (s, i) in arabicNames where arabicNames.lazy.filter({ $0.item == s }).count == 1 {
            let e = englishNames.filter { $0.item == s }
            guard e.count == 1 else { continue }
            anchors.append(WordLink(source: arabicCore[i], target: e[0].at))
        }
        return anchors.sorted()
    }

    @inline(__always) static func isASCIILetter(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }

    /// Upper case, on the scalar's value for ASCII: a Unicode property lookup per English
    /// word was a sixth of the anchors' time.
    @inline(__always) static func isUppercase(_ s: Unicode.Scalar) -> Bool {
        s.isASCII ? (s.value >= 65 && s.value <= 90) : s.properties.isUppercase
    }
}

/// Word → its alignment tokens, shared by the threads that tokenise.
final class SplitCache: @unchecked Sendable {
    private let lock = NSLock()
    /// By the key's bytes: `String`'s canonical hashing of Arabic, done under the lock,
    /// was a tenth of alignment on arrival.
    private var splits: [KeyBytes: (parts: [String], core: Int)] = [:]

    func get(_ key: String) -> (parts: [String], core: Int)? {
        let key = KeyBytes(key)
        lock.lock()
        defer { lock.unlock() }
        return splits[key]
    }

    func set(_ key: String, _ split: (parts: [String], core: Int)) {
        let key = KeyBytes(key)
        lock.lock()
        defer { lock.unlock() }
        if splits.count < 1_000_000 { splits[key] = split }
    }
}
