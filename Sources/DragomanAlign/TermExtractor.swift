import Foundation
import DragomanText
import DragomanTM

/// A glossary entry proposed from the TM: an Arabic phrase and the English the word links
/// give it in the units that hold it.
public struct TermCandidate: Sendable, Hashable, Codable {
    /// The Arabic as most often written without clitics.
    public var arabic: String
    public var english: String
    /// Units in which the pair was extracted (the Arabic projected onto this English).
    public var count: Int
    /// Units whose Arabic holds the phrase (any translation).
    public var arabicCount: Int
    /// Units whose English holds the English phrase.
    public var englishCount: Int
    /// Dice's coefficient of the two phrases over units: 2·count / (arabicCount + englishCount).
    public var dice: Double
    /// 0…1: the Dice coefficient, smoothed by how many units show the pair.
    public var confidence: Double
    /// One or two units that show it.
    public var units: [Int64]
}

/// Bilingual term extraction from a word-aligned TM (Daille's and Kupiec's idea on
/// Dragoman's links): every Arabic phrase of one to five words projected through a unit's
/// links onto a clean English span (the projection of fragment recall, held by sure links
/// at its edges) is a candidate pair; pairs that recur and look like terms are ranked by
/// Dice's association of the two phrases over units, weighted by how often they recur.
///
/// "Looks like a term": the Arabic does not start or end with a function word and holds
/// no number; the English has one to six words, no function words inside but of, the,
/// and, for, de, al; a one-word English term is a name (capitalised inside its sentence)
/// or a noun: no verb form, its Arabic seen with the article (Arabic verbs never take it),
/// strongly associated (Dice ≥ 0.6); no common reporting verb (said, told). Two passes over the TM: candidates, then how often each English phrase occurs.
public struct TermExtractor: Sendable {
    public var maximumArabicWords = 5
    public var maximumEnglishWords = 6

    struct Pair: Hashable {
        var arabic: String
        var english: String
    }

    struct Tally {
        var count = 0
        /// Times the English stood capitalised inside its sentence (a name).
        var asName = 0
        /// Times the Arabic carried the article (a noun: Arabic verbs never do).
        var withArticle = 0
        var units: [Int64] = []
        var surface: [String: Int] = [:]
        var englishSurface: [String: Int] = [:]
    }

    var pairs: [Pair: Tally] = [:]
    var arabicCounts: [String: Int] = [:]
    var englishCounts: [String: Int] = [:]

    public init() {}

    static let allowedInside: Set<String> = ["of", "the", "and", "for", "de", "al", "el"]
    static let verbs: Set<String> = ["said", "says", "say", "told", "tell", "added", "add", "asked", "stated", "announced",
                                     "according", "reported", "noted", "explained", "called", "described", "made", "took"]

    /// The key a phrase is counted under: match keys, the conjunction و/ف and a
    /// preposition before the article dropped from its first word (والرئيس, للرئيس and
    /// الرئيس are one phrase).
    public static func arabicKey(_ words: [MatchToken]) -> String {
        var keys = words.map(\.key)
        if var first = keys.first.map({ Array($0.unicodeScalars) }) {
            if first.count > 4, first[0] == "و" || first[0] == "ف", first[1] == "ا" || first[1] == "ل" || first[1] == "ب" || first[1] == "ك" {
                first.removeFirst()
            }
            if first.count > 4, first[0] == "ل", first[1] == "ل" { first = ["ا"] + first.dropFirst() }
            else if first.count > 5, first[0] == "ب" || first[0] == "ك" || first[0] == "ل", first[1] == "ا", first[2] == "ل" { first.removeFirst() }
            keys[0] = String(String.UnicodeScalarView(first))
        }
        return keys.joined(separator: " ")
    }

    static func isContent(_ t: MatchToken, _ language: Language) -> Bool {
        t.weightClass == .word && !FunctionWords.contains(t.key, language)
    }

    /// An Arabic word of two letters or more (a Latin placeholder or name in the Arabic
    /// is copied, not translated: no glossary entry).
    static func isArabicWord(_ t: MatchToken) -> Bool {
        t.weightClass == .word && t.key.unicodeScalars.count >= 2 && t.key.unicodeScalars.allSatisfy { ArabicScript.isLetter($0.value) }
    }

    /// Pass 1: the candidate pairs of one unit.
    public mutating func add(unit id: Int64, arabic: String, arabicTokens: [MatchToken], english: String, englishTokens: [MatchToken],
                             links: StoredLinks) {
        var seenArabic = Set<String>(), seenPairs = Set<Pair>()
        for start in arabicTokens.indices where Self.isContent(arabicTokens[start], .arabic) {
            var end = start
            while end < arabicTokens.count, end - start < maximumArabicWords, Self.isArabicWord(arabicTokens[end]) {
                end += 1
                guard Self.isContent(arabicTokens[end - 1], .arabic) else { continue }
                let span = Array(arabicTokens[start..<end])
                let key = Self.arabicKey(span)
                if seenArabic.insert(key).inserted { arabicCounts[key, default: 0] += 1 }
                guard let box = SpanProjection.target(of: start..<end, sourceTokens: arabicTokens, targetTokens: englishTokens,
                                                      links: links, sourceLanguage: .arabic, strict: true),
                      let englishText = termLike(box, englishTokens, english) else { continue }
                let pair = Pair(arabic: key, english: englishText.lowercased())
                guard seenPairs.insert(pair).inserted else { continue }
                var tally = pairs[pair] ?? Tally()
                tally.count += 1
                if box.count == 1, box.lowerBound > 0, englishTokens[box.lowerBound].text.unicodeScalars.first?.properties.isUppercase == true {
                    tally.asName += 1
                }
                if Self.hasArticle(arabicTokens[start].key) { tally.withArticle += 1 }
                if tally.units.count < 2 { tally.units.append(id) }
                let surface = arabic.utf16Slice(arabicTokens[start].range.lowerBound..<arabicTokens[end - 1].range.upperBound)
                tally.surface[surface, default: 0] += 1
                tally.englishSurface[englishText, default: 0] += 1
                pairs[pair] = tally
            }
        }
    }

    /// The English of a projected span when it looks like a term.
    func termLike(_ box: Range<Int>, _ tokens: [MatchToken], _ text: String) -> String? {
        let span = Array(tokens[box])
        guard !span.isEmpty, span.count <= maximumEnglishWords, span.allSatisfy({ $0.weightClass == .word }) else { return nil }
        for (i, t) in span.enumerated() {
            if Self.verbs.contains(t.key) { return nil }
            if FunctionWords.contains(t.key, .english) && (i == 0 || i == span.count - 1 || !Self.allowedInside.contains(t.key)) {
                return nil
            }
        }
        if span.count == 1 && !(box.lowerBound > 0 && span[0].text.unicodeScalars.first?.properties.isUppercase == true) {
            // One word that is not a name here: perhaps a noun the TM translates one way
            // (government, minister); `ranked` decides, not a verb form.
            let w = span[0].key
            guard w.count >= 4, !w.hasSuffix("ed"), !w.hasSuffix("ing"), !w.hasSuffix("ly") else { return nil }
        }
        return text.utf16Slice(span.first!.range.lowerBound..<span.last!.range.upperBound)
    }

    /// The English phrases pass 2 counts.
    public var englishPhrases: Set<String> { Set(pairs.keys.map(\.english)) }

    /// Pass 2: counts the units whose English holds each candidate English phrase.
    public mutating func countEnglish(_ tokens: [MatchToken], phrases: Set<String>) {
        let words = tokens.map { $0.key.lowercased() }
        var seen = Set<String>()
        for start in words.indices {
            var phrase = ""
            for end in start..<min(words.count, start + maximumEnglishWords) {
                phrase += (end == start ? "" : " ") + words[end]
                if phrases.contains(phrase), seen.insert(phrase).inserted { englishCounts[phrase, default: 0] += 1 }
            }
        }
    }

    /// A phrase whose first word carries a proclitic (و ف ب ك ل) counted under the phrase
    /// without it when the TM has that more often (لفرنسا and بفرنسا under فرنسا).
    func canonical(_ key: String) -> String {
        var words = key.split(separator: " ").map(String.init)
        guard let first = words.first, first.unicodeScalars.count >= 4,
              let c = first.unicodeScalars.first, ["و", "ف", "ب", "ك", "ل"].contains(c) else { return key }
        words[0] = String(first.unicodeScalars.dropFirst())
        let bare = words.joined(separator: " ")
        return (arabicCounts[bare] ?? 0) >= (arabicCounts[key] ?? 0) ? canonical(bare) : key
    }

    /// The candidates seen in at least `minimumCount` units, best first.
    public func ranked(minimumCount: Int, minimumDice: Double = 0.3) -> [TermCandidate] {
        var merged: [Pair: Tally] = [:]
        var arabicCounts: [String: Int] = [:]
        for (key, n) in self.arabicCounts { arabicCounts[canonical(key), default: 0] += n }
        for (pair, tally) in pairs {
            let key = Pair(arabic: canonical(pair.arabic), english: pair.english)
            var m = merged[key] ?? Tally()
            m.count += tally.count
            m.units = Array((m.units + tally.units).sorted().prefix(2))
            m.asName += tally.asName
            m.withArticle += tally.withArticle
            m.surface.merge(tally.surface, uniquingKeysWith: +)
            m.englishSurface.merge(tally.englishSurface, uniquingKeysWith: +)
            merged[key] = m
        }
        var out: [TermCandidate] = []
        for (pair, tally) in merged where tally.count >= minimumCount {
            let a = arabicCounts[pair.arabic] ?? tally.count
            let e = max(englishCounts[pair.english] ?? tally.count, tally.count)
            let dice = 2 * Double(tally.count) / Double(a + e)
            // A one-word term that never stood as a name must be a noun (its Arabic seen with
            // the article) strongly associated with its Arabic.
            let commonWord = !pair.english.contains(" ") && tally.asName == 0
            if commonWord && (tally.withArticle == 0 || dice < 0.6) { continue }
            guard dice >= minimumDice else { continue }
            // Prefer a surface without attached clitics when there is one.
            let plain = tally.surface.filter { MatchKey.make($0.key) == pair.arabic || TermExtractor.arabicKeyOf($0.key) == pair.arabic }
            let arabic = (plain.isEmpty ? tally.surface : plain).max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            let english = tally.englishSurface.max { ($0.value, $1.key) < ($1.value, $0.key) }!.key
            let confidence = dice * Double(tally.count) / Double(tally.count + 1)
            out.append(TermCandidate(arabic: arabic, english: english, count: tally.count, arabicCount: a, englishCount: e,
                                     dice: (dice * 1000).rounded() / 1000, confidence: (confidence * 1000).rounded() / 1000,
                                     units: tally.units))
        }
        // Association weighted by recurrence; a longer phrase before the words inside it.
        return out.sorted {
            let x = $0.dice * log2(1 + Double($0.count)), y = $1.dice * log2(1 + Double($1.count))
            return x != y ? x > y : ($0.count, $1.arabic) > ($1.count, $0.arabic)
        }
    }

    /// Whether an Arabic key starts with the article, alone or after و ف ب ك ل (لل too).
    static func hasArticle(_ key: String) -> Bool {
        var w = Substring(key)
        if let c = w.first, c == "و" || c == "ف" { w = w.dropFirst() }
        if w.hasPrefix("لل") { return true }
        if let c = w.first, c == "ب" || c == "ك" || c == "ل", w.dropFirst().hasPrefix("ال") { return true }
        return w.hasPrefix("ال") && w.count > 3
    }

    static func arabicKeyOf(_ s: String) -> String {
        arabicKey(MatchTokenizer.tokens(of: s, side: .arabic).filter { $0.weightClass == .word })
    }
}
