import Foundation
import DragomanText
import DragomanTM

/// A glossary entry proposed from the TM: an Arabic phrase and the English the word links
/// give it in the units that hold it.
public struct TermCandidate: Sendable, Hashable, Codable {
    /// The Arabic as most often written without clitics.
    public var arabic: String
    public var english: String
    /// Units whose Arabic and English hold the pair.
    public var count: Int
    /// Of them, the units whose word links project the Arabic onto this English.
    public var linkedCount: Int
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
/// at its edges) is a candidate pair; a pair the links find in two units is then counted
/// in every unit that holds both phrases; pairs that recur and look like terms are ranked
/// by Dice's association of the two phrases over units, weighted by how often they recur.
///
/// "Looks like a term": the Arabic does not start or end with a function word and holds
/// no number; the English has one to six words, no function words inside but of, the,
/// and, for, de, al; a one-word English term is a name (capitalised inside its sentence)
/// or a noun: no verb form, its Arabic seen with the article (Arabic verbs never take it),
/// strongly associated (Dice ≥ 0.6); no common reporting verb (said, told); not a piece
/// of a longer term (`TermPieces.swift`: الاتحاد → Union of European Union). Two passes
/// over the TM: candidates, then how often each English phrase occurs and each pair
/// stands together.
public struct TermExtractor: Sendable {
    public var maximumArabicWords = 5
    public var maximumEnglishWords = 6
    /// Count a phrase with the article on its first word under the phrase without it when
    /// the TM writes both (اللقاح under لقاح); off only to measure what it changes.
    public var articleMerging = true

    /// Compared and hashed by bytes: both sides are match keys, already in one normal
    /// form, and `String`'s canonical hashing of Arabic was a third of the time at 1M units.
    struct Pair: Hashable, Sendable {
        var arabic: String
        var english: String

        static func == (a: Pair, b: Pair) -> Bool { Bytes.equal(a.arabic, b.arabic) && Bytes.equal(a.english, b.english) }

        func hash(into hasher: inout Hasher) {
            Bytes.hash(arabic, into: &hasher)
            hasher.combine(0xFF as UInt8)
            Bytes.hash(english, into: &hasher)
        }
    }

    struct Tally {
        var count = 0
        /// Times the English stood capitalised inside its sentence (a name).
        var asName = 0
        /// Times a word of the Arabic carried the article (a noun: Arabic verbs never do; in
        /// a construct the last word carries it: كلمة السر).
        var withArticle = 0
        var units: [Int64] = []
        /// Units whose Arabic and English hold the pair, whether the links projected it there or not.
        var together = 0
        /// Projections in which every Arabic content word had a link into the English (none
        /// left unlinked, as يوم of يوم السبت → Saturday is).
        var fullyLinked = 0
        var surface: [String: Int] = [:]
        var englishSurface: [String: Int] = [:]
    }

    var pairs: [Pair: Tally] = [:]
    var arabicCounts: [KeyBytes: Int] = [:]
    var englishCounts: [String: Int] = [:]
    /// Units whose Arabic and English hold a candidate pair together, projected or not.
    var together: [Pair: Int] = [:]

    public init() {}

    static let allowedInside: Set<String> = ["of", "the", "and", "for", "de", "al", "el"]
    /// Endings of English adverbs that no name has (Italy and Kelly end in -ly alone).
    static let adverbEndings = ["ally", "ently", "antly", "ately", "ively", "ously", "fully", "ingly", "edly"]
    public static let verbs: Set<String> = ["said", "says", "say", "told", "tell", "added", "add", "asked", "stated", "announced",
                                            "according", "reported", "noted", "explained", "called", "described", "made", "took"]

    /// The key a phrase is counted under: match keys, the conjunction و/ف and a
    /// preposition before the article dropped from its first word (والرئيس, للرئيس and
    /// الرئيس are one phrase).
    public static func arabicKey(_ words: [MatchToken]) -> String {
        guard let first = words.first else { return "" }
        var key = firstWordKey(first.key)
        for w in words.dropFirst() { key += " " + w.key }
        return key
    }

    /// The first word's part of `arabicKey`.
    static func firstWordKey(_ key: String) -> String {
        // Most words start with none of و ف ب ك ل: nothing to drop (both passes ask this
        // of every word of the TM).
        guard let c = key.unicodeScalars.first, c == "و" || c == "ف" || c == "ب" || c == "ك" || c == "ل" else { return key }
        var first = Array(key.unicodeScalars)
        if first.count > 4, first[0] == "و" || first[0] == "ف", first[1] == "ا" || first[1] == "ل" || first[1] == "ب" || first[1] == "ك" {
            first.removeFirst()
        }
        if first.count > 4, first[0] == "ل", first[1] == "ل" { first = ["ا"] + first.dropFirst() }
        else if first.count > 5, first[0] == "ب" || first[0] == "ك" || first[0] == "ل", first[1] == "ا", first[2] == "ل" { first.removeFirst() }
        return String(String.UnicodeScalarView(first))
    }

    static func isContent(_ t: MatchToken, _ language: Language) -> Bool {
        t.weightClass == .word && !FunctionWords.contains(t.key, language)
    }

    /// An Arabic word of two letters or more (a Latin placeholder or name in the Arabic
    /// is copied, not translated: no glossary entry).
    static func isArabicWord(_ t: MatchToken) -> Bool {
        t.weightClass == .word && t.key.unicodeScalars.count >= 2 && t.key.unicodeScalars.allSatisfy { ArabicScript.isLetter($0.value) }
    }

    /// The Arabic phrases pass 1 counts in a unit: 1…5 Arabic words starting and ending
    /// with a content word, as token ranges with their keys.
    static func arabicSpans(_ tokens: [MatchToken], maximumWords: Int, startingWhere isStart: (Int) -> Bool = { _ in true },
                            _ body: (Range<Int>, String) -> Void) {
        for start in tokens.indices where isContent(tokens[start], .arabic) && isStart(start) {
            var end = start
            var key = ""
            while end < tokens.count, end - start < maximumWords, isArabicWord(tokens[end]) {
                key = end == start ? firstWordKey(tokens[end].key) : key + " " + tokens[end].key
                end += 1
                guard isContent(tokens[end - 1], .arabic) else { continue }
                body(start..<end, key)
            }
        }
    }

    /// Whether every Arabic content word of a span has a link into the English box.
    static func isFullyLinked(_ span: Range<Int>, _ tokens: [MatchToken], into box: Range<Int>, _ links: StoredLinks) -> Bool {
        span.allSatisfy { i in !isContent(tokens[i], .arabic) || links.links.contains { $0.source == i && box.contains($0.target) } }
    }

    /// Pass 1: the candidate pairs of one unit.
    public mutating func add(unit id: Int64, arabic: String, arabicTokens: [MatchToken], english: String, englishTokens: [MatchToken],
                             links: StoredLinks) {
        record(candidates(arabic: arabic, arabicTokens: arabicTokens, english: english, englishTokens: englishTokens, links: links),
               unit: id)
    }

    /// What pass 1 finds in one unit: its distinct Arabic phrases and the candidate pairs
    /// the links project them onto.
    public struct UnitCandidates: Sendable {
        struct Found: Sendable {
            var pair: Pair
            var asName: Bool
            var withArticle: Bool
            var fullyLinked: Bool
            var surface: String
            var englishSurface: String
        }
        var arabic: [KeyBytes] = []
        var found: [Found] = []
    }

    /// Pass 1's look at one unit. It only reads, so units can be looked at on every core
    /// (at 1M units this is most of pass 1); `record(_:unit:)` adds the findings up.
    public func candidates(arabic: String, arabicTokens: [MatchToken], english: String, englishTokens: [MatchToken],
                           links: StoredLinks) -> UnitCandidates {
        var out = UnitCandidates()
        var seenArabic = Set<KeyBytes>(), seenPairs = Set<Pair>()
        Self.arabicSpans(arabicTokens, maximumWords: maximumArabicWords) { range, key in
            let (start, end) = (range.lowerBound, range.upperBound)
            let arabicKey = KeyBytes(key)
            if seenArabic.insert(arabicKey).inserted { out.arabic.append(arabicKey) }
            guard let box = SpanProjection.target(of: start..<end, sourceTokens: arabicTokens, targetTokens: englishTokens,
                                                  links: links, sourceLanguage: .arabic, strict: true, manyToOne: true),
                  let englishText = termLike(box, englishTokens, english) else { return }
            let pair = Pair(arabic: key, english: englishText.lowercased())
            guard seenPairs.insert(pair).inserted else { return }
            out.found.append(UnitCandidates.Found(
                pair: pair,
                asName: box.count == 1 && box.lowerBound > 0
                    && englishTokens[box.lowerBound].text.unicodeScalars.first?.properties.isUppercase == true,
                withArticle: (start..<end).contains(where: { Self.hasArticle(arabicTokens[$0].key) }),
                fullyLinked: Self.isFullyLinked(start..<end, arabicTokens, into: box, links),
                surface: arabic.utf16Slice(arabicTokens[start].range.lowerBound..<arabicTokens[end - 1].range.upperBound),
                englishSurface: englishText))
        }
        return out
    }

    /// Adds up what pass 1 found in a unit.
    public mutating func record(_ candidates: UnitCandidates, unit id: Int64) {
        for key in candidates.arabic { arabicCounts[key, default: 0] += 1 }
        for f in candidates.found { Self.count(f, unit: id, in: &pairs[f.pair, default: Tally()]) }
    }

    /// One unit's finding of a pair added to its tally, in place (the tally's surface
    /// counts are not copied).
    private static func count(_ f: UnitCandidates.Found, unit id: Int64, in tally: inout Tally) {
        tally.count += 1
        if f.asName { tally.asName += 1 }
        if f.withArticle { tally.withArticle += 1 }
        if f.fullyLinked { tally.fullyLinked += 1 }
        if tally.units.count < 2 { tally.units.append(id) }
        tally.surface[f.surface, default: 0] += 1
        tally.englishSurface[f.englishSurface, default: 0] += 1
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
        // An adverb is no term, even as a title-case label (Currently, Automatically).
        if span.count == 1 && Self.adverbEndings.contains(where: { span[0].key.lowercased().hasSuffix($0) }) { return nil }
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

    /// Pass 2's look at the units, made once pass 1 is done: the candidate English
    /// phrases, and those of each Arabic key. It only reads, so units can be looked at on
    /// every core; `record` adds the findings up.
    public func secondPass() -> SecondPass {
        var byArabic: [KeyBytes: SecondPass.Candidates] = [:]
        for pair in pairs.keys { byArabic[KeyBytes(pair.arabic), default: .init()].english.append(pair.english) }
        if articleMerging {
            // The spelling with the article of each candidate phrase without it (اللقاح for
            // لقاح), whose units count for it too (`canonical`).
            for key in Array(byArabic.keys) where !key.string.hasPrefix("ال") {
                let withArticle = "ال" + key.string
                if Self.withoutArticle(withArticle) != nil { byArabic[KeyBytes(withArticle), default: .init()].articleFree = key.string }
            }
        }
        // Names of two words or more, also written as their initials.
        var byAcronym: [String: [String]] = [:]
        for (pair, tally) in pairs {
            guard let surface = Self.commonest(tally.englishSurface), let acronym = Self.acronym(of: surface) else { continue }
            if !(byAcronym[acronym]?.contains(pair.english) ?? false) { byAcronym[acronym, default: []].append(pair.english) }
        }
        return SecondPass(byArabic: byArabic, firstWords: Set(byArabic.keys.map { KeyBytes(Self.firstWord(of: $0.string)) }),
                          phrases: Set(englishPhrases.map(KeyBytes.init)), byAcronym: byAcronym,
                          maximumArabicWords: maximumArabicWords, maximumEnglishWords: maximumEnglishWords)
    }

    static let acronymSmallWords: Set<Substring> = ["of", "the", "and", "for", "de", "al", "el"]

    /// The acronym news writes a name as: the initials of its capitalised words, small
    /// words aside (European Union → eu, International Court of Justice → icj), lower-cased;
    /// nil unless the name has two to five such words, every one of them capitalised.
    static func acronym(of name: String) -> String? {
        let words = name.split(separator: " ").filter { !acronymSmallWords.contains($0) }
        guard (2...5).contains(words.count),
              words.allSatisfy({ $0.unicodeScalars.first.map { $0.isASCII && $0.properties.isUppercase } ?? false })
        else { return nil }
        return String(words.map { Character($0.first!.lowercased()) })
    }

    /// The acronyms a sentence holds, lower-cased: a word of two to five capitals (EU,
    /// ICJ) or capitals each followed by a full stop (U.S., U.N.).
    static func acronyms(in tokens: [MatchToken]) -> Set<String> {
        func isCapital(_ t: MatchToken) -> Bool {
            t.weightClass == .word && t.text.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isUppercase }
        }
        var out = Set<String>()
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if isCapital(t), (2...5).contains(t.text.unicodeScalars.count) { out.insert(t.key.lowercased()) }
            var letters = ""
            var j = i
            while j + 1 < tokens.count, isCapital(tokens[j]), tokens[j].text.unicodeScalars.count == 1, tokens[j + 1].text == "." {
                letters += tokens[j].key.lowercased()
                j += 2
            }
            if letters.count >= 2 { out.insert(letters); i = j } else { i += 1 }
        }
        return out
    }

    /// What pass 2 finds in one unit: the candidate English phrases its English holds,
    /// and the candidate pairs its Arabic and English hold together.
    public struct UnitFindings: Sendable {
        var english: [String] = []
        var pairs: [Pair] = []
    }

    public struct SecondPass: Sendable {
        /// What pass 2 counts for an Arabic phrase: the English of its candidate pairs, and
        /// for a spelling with the article, the phrase without it whose pairs it counts for.
        struct Candidates: Sendable {
            var english: [String] = []
            var articleFree: String?
        }

        /// One look-up per Arabic span: a third of pass 2 is hashing.
        let byArabic: [KeyBytes: Candidates]
        /// The first words of `byArabic`'s keys: a span whose first word (or that word
        /// without a proclitic) is none of them is not looked up (most spans of a unit).
        let firstWords: Set<KeyBytes>
        /// By bytes, as the pairs: English match keys, NFC already (a third of pass 2's
        /// hashing went to `String`'s canonical hash).
        let phrases: Set<KeyBytes>
        /// Candidate names by their acronym: a unit that writes EU holds "european union".
        let byAcronym: [String: [String]]
        let maximumArabicWords: Int
        let maximumEnglishWords: Int

        public func findings(arabicTokens: [MatchToken], englishTokens: [MatchToken]) -> UnitFindings {
            findings(englishTokens: englishTokens, arabicTokens: { arabicTokens })
        }

        /// `findings`, the Arabic tokenised only when the English holds a candidate phrase.
        public func findings(englishTokens: [MatchToken], arabicTokens tokenise: () -> [MatchToken]) -> UnitFindings {
            var out = UnitFindings()
            let words = englishTokens.map { $0.key.lowercased() }
            var held = Set<KeyBytes>()
            for start in words.indices {
                var phrase = ""
                for end in start..<min(words.count, start + maximumEnglishWords) {
                    phrase += (end == start ? "" : " ") + words[end]
                    if phrases.contains(KeyBytes(phrase)), held.insert(KeyBytes(phrase)).inserted { out.english.append(phrase) }
                }
            }
            if !byAcronym.isEmpty {
                for acronym in TermExtractor.acronyms(in: englishTokens) {
                    for phrase in byAcronym[acronym] ?? [] where held.insert(KeyBytes(phrase)).inserted { out.english.append(phrase) }
                }
            }
            guard !held.isEmpty else { return out }
            let arabicTokens = tokenise()
            // A phrase with a proclitic (لمجلس الأمن) counts for the candidates of the phrase
            // without it when the links found none under its own key; a unit counts once.
            var seen = Set<Pair>()
            // The lookups below try a span's key, then without one and two proclitics,
            // which change its first word only (the same walk, on the first word alone;
            // written as loops: a lazy sequence of the variants made the pass 12% slower).
            func mayBeFound(_ start: Int) -> Bool {
                var word: String? = TermExtractor.firstWordKey(arabicTokens[start].key)
                for _ in 0..<3 {
                    guard let w = word else { return false }
                    if firstWords.contains(KeyBytes(w)) { return true }
                    word = TermExtractor.withoutProclitic(w)
                }
                return false
            }
            TermExtractor.arabicSpans(arabicTokens, maximumWords: maximumArabicWords, startingWhere: mayBeFound) { _, key in
                var variant = key, steps = 0
                var found = byArabic[KeyBytes(variant)]
                while found == nil, steps < 2, let shorter = TermExtractor.withoutProclitic(variant) {
                    variant = shorter
                    steps += 1
                    found = byArabic[KeyBytes(variant)]
                }
                guard let found else { return }
                var bare = variant
                for _ in 0..<2 { bare = TermExtractor.withoutProclitic(bare) ?? bare }
                // A unit counts once for a phrase, with or without the article.
                bare = TermExtractor.withoutArticle(bare) ?? bare
                for english in found.english where held.contains(KeyBytes(english)) {
                    if seen.insert(Pair(arabic: bare, english: english)).inserted { out.pairs.append(Pair(arabic: variant, english: english)) }
                }
                // The candidates of the phrase without the article (اللقاح for لقاح → vaccine).
                guard let articleFree = found.articleFree else { return }
                for english in byArabic[KeyBytes(articleFree)]?.english ?? [] where held.contains(KeyBytes(english)) {
                    if seen.insert(Pair(arabic: bare, english: english)).inserted { out.pairs.append(Pair(arabic: articleFree, english: english)) }
                }
            }
            return out
        }
    }

    public mutating func record(_ findings: UnitFindings) {
        for phrase in findings.english { englishCounts[phrase, default: 0] += 1 }
        for pair in findings.pairs { together[pair, default: 0] += 1 }
    }

    /// A phrase whose first word carries a proclitic (و ف ب ك ل) counted under the phrase
    /// without it when the TM has that more often (لفرنسا and بفرنسا under فرنسا).
    /// A phrase whose first word carries the article is counted under the phrase without
    /// it when the TM writes that too (اللقاح and لقاح are one term, as the glossary finds
    /// one entry for both).
    func canonical(_ key: String) -> String {
        if let bare = Self.withoutProclitic(key), (arabicCounts[KeyBytes(bare)] ?? 0) >= (arabicCounts[KeyBytes(key)] ?? 0) {
            return canonical(bare)
        }
        if articleMerging, let bare = Self.withoutArticle(key), arabicCounts[KeyBytes(bare)] != nil { return bare }
        return key
    }

    /// The first word of a phrase key.
    static func firstWord(of key: String) -> String {
        guard let space = key.utf8.firstIndex(of: UInt8(ascii: " ")) else { return key }
        return String(key[..<space])
    }

    /// The key without the article of its first word, when that word has two letters or
    /// more after it (الم is a word), else nil.
    static func withoutArticle(_ key: String) -> String? {
        guard key.hasPrefix("ال") else { return nil }
        let first = key.unicodeScalars.prefix { $0 != " " }
        guard first.count >= 4 else { return nil }
        return String(key.unicodeScalars.dropFirst(2))
    }

    /// The key with the first letter of its first word dropped when that word has four
    /// letters or more and starts with one of و ف ب ك ل (it may be a proclitic), else nil.
    static func withoutProclitic(_ key: String) -> String? {
        let scalars = key.unicodeScalars
        guard let c = scalars.first, c == "و" || c == "ف" || c == "ب" || c == "ك" || c == "ل" else { return nil }
        var letters = 0
        for s in scalars {
            if s == " " { break }
            letters += 1
            if letters == 4 { break }
        }
        guard letters >= 4 else { return nil }
        return String(scalars.dropFirst())
    }

    /// Why a candidate pair is or is not proposed: the first rule of `ranked` it fails.
    public enum Verdict: String, Sendable {
        case proposed
        /// Seen together in fewer than the minimum count of units.
        case tooFew = "seen in too few units"
        /// The links found it once only, and it is not a one-word name.
        case linkedOnce = "linked in one unit only"
        /// A one-word common English word whose Arabic never carries the article.
        case notNoun = "a common word never seen with the article"
        /// A one-word common English word the links tie to its Arabic too seldom.
        case weakLinks = "a common word the links tie too seldom (Dice of the linked units below the minimum)"
        /// The two phrases do not go together often enough over units.
        case weakAssociation = "Dice below the minimum"
        /// A word of a longer term (`TermPieces.swift`).
        case piece = "a piece of a longer term"
        /// One Arabic word written mostly with the accusative ending ـًا: an adverb
        /// (دائمًا, تلقائيًا), no term.
        case adverb = "an Arabic adverb (written with ـًا)"
    }

    /// A candidate pair with its counts summed over spellings of its Arabic, and its verdict.
    struct Judged {
        var pair: Pair
        var tally: Tally
        var arabicCount: Int
        var englishCount: Int
        var dice: Double
        var verdict: Verdict
    }

    /// The candidate pairs, merged over the proclitic spellings of their Arabic, judged;
    /// those `keep` wants (at a million units most pairs are seen once: not kept).
    func judged(minimumCount: Int, minimumDice: Double, keep: (Pair, Verdict) -> Bool) -> [Judged] {
        var merged: [Pair: Tally] = [:]
        var arabicCounts: [KeyBytes: Int] = [:]
        for (key, n) in self.arabicCounts { arabicCounts[KeyBytes(canonical(key.string)), default: 0] += n }
        for (pair, tally) in pairs {
            let key = Pair(arabic: canonical(pair.arabic), english: pair.english)
            var m = merged[key] ?? Tally()
            m.count += tally.count
            m.together += max(tally.count, together[pair] ?? 0)
            m.units = Array((m.units + tally.units).sorted().prefix(2))
            m.asName += tally.asName
            m.withArticle += tally.withArticle
            m.fullyLinked += tally.fullyLinked
            m.surface.merge(tally.surface, uniquingKeysWith: +)
            m.englishSurface.merge(tally.englishSurface, uniquingKeysWith: +)
            merged[key] = m
        }
        let pieces = pieces(of: merged, arabicCounts: arabicCounts, minimumCount: minimumCount)
        var out: [Judged] = []
        for (pair, tally) in merged {
            let n = tally.together
            let a = max(arabicCounts[KeyBytes(pair.arabic)] ?? n, n)
            let e = max(englishCounts[pair.english] ?? n, n)
            let dice = 2 * Double(n) / Double(a + e)
            let verdict = Self.verdict(pair, tally, dice: dice, arabicCount: a, englishCount: e, isPiece: pieces.contains(pair),
                                       minimumCount: minimumCount, minimumDice: minimumDice)
            guard keep(pair, verdict) else { continue }
            out.append(Judged(pair: pair, tally: tally, arabicCount: a, englishCount: e, dice: dice, verdict: verdict))
        }
        return out
    }

    /// The Dice of its linked units a one-word common term needs (`verdict`).
    static let minimumLinkedDice = 0.5

    /// The rules a candidate must pass to be proposed, in order.
    ///
    /// The links must find the pair in two units (one when one is asked for, or for a
    /// one-word name, below); how often it holds is then counted over the units that hold
    /// both phrases, which the links of a small TM often miss: الأمم المتحدة projected onto
    /// United Nations in 2 of the 9 NTREX units that hold both, written out or as UN or
    /// U.N. (Letting one projection suffice for every pair brought back more held-out
    /// entries and cost dictionary-checked precision, even when asking 5 units and Dice ≥
    /// 0.6 of it: measured with `dragoman-eval terms`.)
    static func verdict(_ pair: Pair, _ tally: Tally, dice: Double, arabicCount a: Int, englishCount e: Int, isPiece: Bool,
                        minimumCount: Int, minimumDice: Double) -> Verdict {
        guard tally.together >= minimumCount else { return .tooFew }
        if !pair.arabic.contains(" ") && isAdverb(tally.surface) { return .adverb }
        // A one-word name the links found once is enough when the two stand together in
        // `minimumCount` units and are strongly associated: a name is translated one way
        // (فرنسا → France, يناير → January; held-out recall 0.566 → 0.598 at the same
        // dictionary-checked precision). One Arabic word too: a phrase linked once to a
        // name is as often a name and the words around it (لنصرة القدس → Quds).
        if tally.count < min(2, minimumCount) {
            guard tally.asName > 0, !pair.english.contains(" "), !pair.arabic.contains(" "), dice >= 0.6 else { return .linkedOnce }
        }
        // A one-word term that never stood as a name must be a noun (its Arabic seen with
        // the article) strongly associated with its Arabic through the links themselves:
        // Dice of the linked units ≥ 0.5 (on the units that hold both, common words passed
        // that stay out: 0.660 against 0.677 of dictionary-checked precision; the article
        // seen on the word elsewhere in the TM instead, قمة ثانية beside القمة, brought back
        // no held-out entry and let in موجود → exists). Since a phrase is counted with and
        // without the article as one, 0.5 rather than 0.6: الهولندية → Dutch came back,
        // dictionary-checked precision unchanged (لقاح → vaccine, 3 of 6 units linked, Dice
        // 0.46, would at 0.45).
        if !pair.english.contains(" ") && tally.asName == 0 {
            if tally.withArticle == 0 { return .notNoun }
            if 2 * Double(tally.count) / Double(a + e) < minimumLinkedDice { return .weakLinks }
        }
        guard dice >= minimumDice else { return .weakAssociation }
        return isPiece ? .piece : .proposed
    }

    /// Whether more than half of a word's written forms end in the accusative ـًا (fathatan
    /// before or after the alif), as adverbs do: دائمًا, حاليًا. A term would stand in other
    /// cases too; text written without harakat says nothing here.
    static func isAdverb(_ surfaces: [String: Int]) -> Bool {
        var marked = 0, total = 0
        for (surface, n) in surfaces {
            total += n
            let tail = surface.unicodeScalars.suffix(2)
            if tail.contains("\u{064B}") { marked += n }
        }
        return 2 * marked > total
    }

    /// The candidates seen in at least `minimumCount` units, best first.
    public func ranked(minimumCount: Int, minimumDice: Double = 0.3) -> [TermCandidate] {
        var out: [TermCandidate] = []
        for j in judged(minimumCount: minimumCount, minimumDice: minimumDice, keep: { $1 == .proposed }) {
            let (pair, tally, n) = (j.pair, j.tally, j.tally.together)
            let arabic = Self.displayed(pair.arabic, tally.surface)
            let english = Self.commonest(tally.englishSurface)!
            let confidence = j.dice * Double(n) / Double(n + 1)
            out.append(TermCandidate(arabic: arabic, english: english, count: n, linkedCount: tally.count, arabicCount: j.arabicCount,
                                     englishCount: j.englishCount, dice: (j.dice * 1000).rounded() / 1000,
                                     confidence: (confidence * 1000).rounded() / 1000, units: tally.units))
        }
        // Association weighted by recurrence; a longer phrase before the words inside it.
        return out.sorted {
            let x = $0.dice * log2(1 + Double($0.count)), y = $1.dice * log2(1 + Double($1.count))
            return x != y ? x > y : ($0.count, $1.arabic, $1.english) > ($1.count, $0.arabic, $0.english)
        }
    }

    /// The Arabic a proposal shows: its written form without attached clitics (لقاح, not
    /// باللقاح), with the article when the TM writes it so in more than two thirds of its
    /// units (القاهرة, الشرطة: a name or a term the article belongs to).
    static func displayed(_ key: String, _ surfaces: [String: Int]) -> String {
        // Each written form sorted once: as the key (أبيض), as the key with a first letter
        // the key takes for a clitic (واجهة, key اجهه), or with the article.
        let articleKey = "ال" + key
        var exact: [String: Int] = [:], keyed: [String: Int] = [:], withArticle: [String: Int] = [:]
        for (surface, n) in surfaces {
            let matchKey = MatchKey.make(surface)
            let phraseKey = matchKey == key || matchKey == articleKey ? matchKey : arabicKeyOf(surface)
            if matchKey == key { exact[surface] = n }
            if phraseKey == key { keyed[surface] = n }
            if phraseKey == articleKey { withArticle[surface] = n }
        }
        let total = surfaces.values.reduce(0, +), keyedTotal = keyed.values.reduce(0, +)
        if !withArticle.isEmpty && 3 * keyedTotal < total { return commonest(withArticle)! }
        // As written, unless the TM mostly writes it with the letter the key drops: then so.
        let plain = 3 * exact.values.reduce(0, +) >= keyedTotal ? exact : keyed
        return commonest(plain.isEmpty ? surfaces : plain)!
    }

    /// The candidate pairs whose Arabic key holds `arabic` (a key as `arabicKey` makes it),
    /// with their counts and verdict, most seen first: why a term was or was not proposed.
    public func explain(_ arabic: String, minimumCount: Int, minimumDice: Double = 0.3) -> [String] {
        judged(minimumCount: minimumCount, minimumDice: minimumDice, keep: { pair, _ in (" " + pair.arabic + " ").contains(" " + arabic + " ") })
            .sorted { ($0.tally.together, $1.pair.arabic, $1.pair.english) > ($1.tally.together, $0.pair.arabic, $0.pair.english) }
            .prefix(20)
            .map { j in
                let t = j.tally
                return "\(j.pair.arabic) → \(j.pair.english): together \(t.together), linked \(t.count) (wholly \(t.fullyLinked)), "
                    + "as a name \(t.asName), with article \(t.withArticle), Arabic in \(j.arabicCount), English in \(j.englishCount), "
                    + String(format: "Dice %.3f: ", j.dice) + j.verdict.rawValue
            }
    }

    /// The most frequent of the written forms counted, the first in code-point order among
    /// equals (so that a run gives the same proposals every time).
    static func commonest(_ counts: [String: Int]) -> String? {
        counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
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
