import DragomanText
import Foundation

/// How a glossary term was matched, best first (a TM match has a `MatchKind`).
public enum TermMatchKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// The text is the term as stored.
    case exact
    /// The match keys are equal (harakat, hamza, ى/ي, ة/ه, tatweel, case, digits).
    case normalized
    /// Equal once clitics are stripped (و ف, ب ك ل, ال, a pronoun suffix) or the article
    /// added or dropped.
    case clitic
    /// An English plural or possessive of the term (councils, Council's).
    case plural
    /// A multi-word term that contains the query's words in order (lookup only).
    case contains
    /// A term that starts with the query (lookup with `--prefix` only).
    case prefix
    /// One edit away (lookup only, words of 5+ letters).
    case fuzzy

    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: TermMatchKind, b: TermMatchKind) -> Bool { a.rank < b.rank }

    public var description: String { rawValue }
}

/// What separates a word of the text from the term's first word.
public struct CliticDetail: Sendable, Hashable, Codable, CustomStringConvertible {
    /// و or ف.
    public var conjunction: String?
    /// ب, ك or ل.
    public var preposition: String?
    /// The text has the article ال where the term has none (الحصار for حصار).
    public var article: Bool
    /// A pronoun suffix (ه ها هما هم هن ك كما كم كن ي نا).
    public var suffix: String?
    /// The ة of the term is written ت before the suffix (قضيتنا).
    public var restoredTaMarbuta: Bool
    /// The term has the article ال where the text has none (رئيس for الرئيس).
    public var articleAbsent: Bool

    public init(conjunction: String? = nil, preposition: String? = nil, article: Bool = false, suffix: String? = nil,
                restoredTaMarbuta: Bool = false, articleAbsent: Bool = false) {
        self.conjunction = conjunction
        self.preposition = preposition
        self.article = article
        self.suffix = suffix
        self.restoredTaMarbuta = restoredTaMarbuta
        self.articleAbsent = articleAbsent
    }

    public var isEmpty: Bool {
        conjunction == nil && preposition == nil && !article && suffix == nil && !articleAbsent
    }

    /// The stripped pieces in reading order: `و+ ب+ ال+ … +ه`, and `−ال` for a missing article.
    public var pieces: [String] {
        var out: [String] = []
        if let c = conjunction { out.append(c + "+") }
        if let p = preposition { out.append(p + "+") }
        if article { out.append("ال+") }
        if let s = suffix { out.append("+" + s) }
        if articleAbsent { out.append("−ال") }
        return out
    }

    public var description: String { pieces.joined(separator: " ") }
}

/// A glossary term found in a text.
public struct TermHit: Sendable, Hashable {
    /// UTF-16 offsets of the matched words in the original text.
    public var range: Range<Int>
    /// The words as they stand in the text.
    public var surface: String
    public var entry: GlossaryEntry
    public var term: GlossaryTerm
    public var kind: TermMatchKind
    /// For `.clitic`: what was stripped from (or missing on) the first word.
    public var clitics: CliticDetail?
    /// A single-letter preposition ك ب ل glued to a core of 3 letters or fewer (no article
    /// between), or any clitic on a 2-letter core: the main source of false hits
    /// (كمال = ك + مال), so shown as less sure.
    public var lowConfidence: Bool
    /// Other entries with a term that matches the same words (homographs such as عمان
    /// Amman / Oman), best first, at most `TermMatcher.maximumAlternatives`.
    public var alternatives: [Alternative]

    public struct Alternative: Sendable, Hashable {
        public var entry: GlossaryEntry
        public var term: GlossaryTerm
        public var kind: TermMatchKind
    }

    /// The terms of the entry in the other language, preferred first.
    public var translations: [GlossaryTerm] { entry.terms(in: term.language.other) }

    /// Set when the matched term is deprecated or forbidden.
    public var flag: TermStatus? { term.status.isDiscouraged ? term.status : nil }
}

/// Finds glossary terms in running text, however the words are cliticized or spelled
/// (README, "Glossary"; arabic-text-notes §2.5).
///
/// - Text side: tokens and, for Arabic words, their clitic readings
///   `[و|ف]? [ب|ك|ل]? [ال]? CORE [pronoun]?`. A reading with a pronoun suffix is dropped
///   when the word is written with a final ة (بمشاركة is not مشارك + ه: the key folds ة to
///   ه, the text does not).
/// - First word of a term: a reading whose core equals the term's head core; the article
///   may be present or absent on either side (a 2-letter head never loses the term's
///   article: له is not الله); a pronoun suffix only for single-word terms. When the word
///   read as itself is a glossary head, no stripped reading of it is taken (ولد, بلد).
/// - Later words: equal keys, or equal once ال is removed on either side; adjacent (no
///   punctuation or line break between). English: a plural or possessive on the last word.
/// - Longest match wins, leftmost first; hits never overlap. Of the entries matching the
///   same words, the term of higher priority (`GlossaryPriority`) is the hit.
public struct TermMatcher {
    public let index: any GlossaryIndex
    /// Filled in when given (for benchmarks).
    public var statistics: MatchStatistics?

    public init(index: any GlossaryIndex, statistics: MatchStatistics? = nil) {
        self.index = index
        self.statistics = statistics
    }

    /// One possible match, before overlaps are resolved.
    public struct Candidate: Sendable, Hashable {
        /// Token indices of the first and last matched token.
        public var first: Int
        public var last: Int
        public var term: IndexedTerm
        public var kind: TermMatchKind
        public var clitics: CliticDetail?
        public var lowConfidence: Bool

        var sortKey: (Int, Int, Int, Int, Int64, Int64) {
            TermMatcher.sortKey(first: first, last: last, kind: kind, lowConfidence: lowConfidence, term: term)
        }
    }

    /// A candidate as the matcher keeps it: the term by its index in the fetched terms.
    struct Match {
        var first: Int
        var last: Int
        var term: Int
        var kind: TermMatchKind
        var clitics: CliticDetail?
        var lowConfidence: Bool
    }

    /// The terms found in `text`: one hit per place, longest match first, in text order.
    public func hits(in text: String) throws -> [TermHit] {
        let tokens = statistics.time("tokenize") { Tokenizer.tokenize(text) }
        return try hits(in: text, tokens: tokens)
    }

    func hits(in text: String, tokens: [Token]) throws -> [TermHit] {
        let (terms, found) = try matches(in: text, tokens: tokens)
        return try hits(in: text, tokens: tokens, terms: terms, matches: found)
    }

    /// Resolves the overlaps of `found` and makes the hits, with their entries.
    func hits(in text: String, tokens: [Token], terms: [IndexedTerm], matches found: [Match]) throws -> [TermHit] {
        let chosen = statistics.time("select") { Self.select(found, terms: terms) }
        let entries = try statistics.time("entries") { try index.entries(ids: Self.entryIDs(chosen, terms: terms)) }
        return statistics.time("assemble") { Self.assemble(text, tokens: tokens, terms: terms, chosen: chosen, entries: entries) }
    }

    static func entryIDs(_ chosen: [[Match]], terms: [IndexedTerm]) -> Set<Int64> {
        var ids = Set<Int64>()
        for group in chosen { for c in group { ids.insert(terms[c.term].entryID) } }
        return ids
    }

    static func assemble(_ text: String, tokens: [Token], terms: [IndexedTerm], chosen: [[Match]],
                         entries: [Int64: GlossaryEntry]) -> [TermHit] {
        chosen.compactMap { group -> TermHit? in
            let best = group[0]
            let bestTerm = terms[best.term]
            guard let entry = entries[bestTerm.entryID], let term = entry.term(id: bestTerm.id) else { return nil }
            let range = tokens[best.first].range.lowerBound..<tokens[best.last].range.upperBound
            let alternatives: [TermHit.Alternative] = group.dropFirst().compactMap { c in
                let t = terms[c.term]
                guard let e = entries[t.entryID], let found = e.term(id: t.id) else { return nil }
                return TermHit.Alternative(entry: e, term: found, kind: c.kind)
            }
            return TermHit(range: range, surface: text.utf16Slice(range), entry: entry, term: term, kind: best.kind,
                           clitics: best.clitics, lowConfidence: best.lowConfidence, alternatives: alternatives)
        }
    }

    /// The order of candidates: by place, the longest first; for the same words, the
    /// term of higher priority (a curated termbase before a bulk dictionary), then the
    /// better match kind, a confident reading, the better status, the older entry.
    static func sortKey(first: Int, last: Int, kind: TermMatchKind, lowConfidence: Bool,
                        term: IndexedTerm) -> (Int, Int, Int, Int, Int64, Int64) {
        (first, -(last - first), term.priority.rank * 100 + kind.rank, (lowConfidence ? 10 : 0) + term.status.rank,
         term.entryID, term.id)
    }

    /// Other entries listed for one hit at most (dictionaries hold a word under many).
    public static let maximumAlternatives = 2

    /// Resolves overlaps: at each place the longest candidate wins (then the better match
    /// kind, higher confidence, better status, older entry); the winner's group holds the
    /// other entries that match exactly the same tokens, one candidate per entry.
    public func select(_ candidates: [Candidate]) -> [[Candidate]] {
        let terms = candidates.map(\.term)
        let matches = candidates.enumerated().map {
            Match(first: $0.element.first, last: $0.element.last, term: $0.offset, kind: $0.element.kind,
                  clitics: $0.element.clitics, lowConfidence: $0.element.lowConfidence)
        }
        return Self.select(matches, terms: terms).map { group in group.map { candidates[$0.term] } }
    }

    static func select(_ matches: [Match], terms: [IndexedTerm]) -> [[Match]] {
        // Sort small keys, not the candidates themselves.
        let keys = matches.map { m -> (Int, Int, Int, Int, Int64, Int64) in
            sortKey(first: m.first, last: m.last, kind: m.kind, lowConfidence: m.lowConfidence, term: terms[m.term])
        }
        let order = matches.indices.sorted { keys[$0] < keys[$1] }
        var out: [[Match]] = []
        var nextFree = 0
        var i = 0
        while i < order.count {
            let best = matches[order[i]]
            var j = i + 1
            while j < order.count && matches[order[j]].first == best.first { j += 1 }
            if best.first >= nextFree {
                var seen: Set<Int64> = []
                var group: [Match] = []
                for k in order[i..<j] {
                    let m = matches[k]
                    guard m.last == best.last, seen.insert(terms[m.term].entryID).inserted else { continue }
                    group.append(m)
                    if group.count > Self.maximumAlternatives { break }
                }
                out.append(group)
                nextFree = best.last + 1
            }
            i = j
        }
        return out
    }

    /// What the index is asked about one token: heads to look up and how each was read.
    struct Probe {
        var head: String
        var reading: CliticReading?
        /// The word read as itself (or only with the article): used for the ولد/بلد rule.
        var isSelf: Bool
        /// The text has ال before the head (in the reading, or as part of the core).
        var hasArticle: Bool
        var plural: Bool
    }

    /// Every candidate match of a glossary term on `tokens` (the tokens of `text`).
    ///
    /// The index is asked once, for the (head, next word) pairs the text has: a word's
    /// readings as heads of one-word terms, and with the following word as the start of a
    /// longer term.
    public func candidates(in text: String, tokens: [Token]) throws -> [Candidate] {
        let (terms, found) = try matches(in: text, tokens: tokens)
        return found.map {
            Candidate(first: $0.first, last: $0.last, term: terms[$0.term], kind: $0.kind, clitics: $0.clitics,
                      lowConfidence: $0.lowConfidence)
        }
    }

    /// The fetched terms and every match on them (terms by index).
    /// Only matches that start at a token in `starts` (all when nil) are made; later
    /// words may lie beyond it.
    func matches(in text: String, tokens: [Token], starts: Range<Int>? = nil,
                 breaks given: [Bool]? = nil) throws -> ([IndexedTerm], [Match]) {
        guard !tokens.isEmpty else { return ([], []) }
        let starts = starts ?? tokens.indices
        let breaks = given ?? Self.lineBreaks(before: tokens, in: text)
        let probeStart = DispatchTime.now().uptimeNanoseconds
        var readingCache: [KeyBytes: [CliticReading]] = [:]
        var probes: [[Probe]] = []
        probes.reserveCapacity(tokens.count)
        for (position, token) in tokens.enumerated() {
            var list: [Probe] = []
            guard starts.contains(position) else {
                probes.append(list)
                continue
            }
            switch token.kind {
            case .arabicWord:
                let readings: [CliticReading]
                if let cached = readingCache[KeyBytes(token.key)] {
                    readings = cached
                } else {
                    readings = CliticAnalyzer.readings(ofKey: token.key)
                    readingCache[KeyBytes(token.key)] = readings
                }
                let writtenTaMarbuta = ArabicWords.lastLetter(token.text) == "\u{0629}"
                for r in readings {
                    // A final ة is never a pronoun ه (بمشاركة ≠ مشارك + ه), nor does a
                    // pronoun follow it.
                    if r.suffix != nil && writtenTaMarbuta { continue }
                    // A core that itself starts with ال (a second article, or ال that the
                    // analyzer left) is compared without it, never together with a suffix
                    // (الفلسطيني is not ال + فلسطين + ي).
                    let head = r.suffix == nil ? ArabicWords.withoutArticle(r.core) : r.core
                    guard ArabicWords.length(head) >= CliticAnalyzer.minimumCoreLength else { continue }
                    let isSelf = r.conjunction == nil && r.preposition == nil && r.suffix == nil
                    list.append(Probe(head: head, reading: r, isSelf: isSelf, hasArticle: r.article || head != r.core,
                                      plural: false))
                }
            case .latinWord, .otherWord, .number:
                list.append(Probe(head: token.key, reading: nil, isSelf: true, hasArticle: false, plural: false))
                if token.kind == .latinWord {
                    for s in EnglishInflection.singulars(of: token.key) {
                        list.append(Probe(head: s, reading: nil, isSelf: false, hasArticle: false, plural: true))
                    }
                }
            default:
                break
            }
            probes.append(list)
        }
        statistics?.phases["probes", default: 0] += DispatchTime.now().uptimeNanoseconds - probeStart

        // Which heads the glossary has at all: only those are asked for terms, and a word
        // read as itself that is one stays itself (the ولد/بلد rule).
        var allHeads = Set<KeyBytes>()
        for list in probes { for p in list { allHeads.insert(KeyBytes(p.head)) } }
        guard !allHeads.isEmpty else { return ([], []) }
        let knownHeads = Set(try statistics.time("heads") { try index.existingHeads(Set(allHeads.map(\.string))) }.map(KeyBytes.init))
        guard !knownHeads.isEmpty else { return ([], []) }
        var pairs = Set<HeadPair>()
        for (i, list) in probes.enumerated() {
            // What a longer term's second word would be here.
            var nexts: [String] = []
            if i + 1 < tokens.count && !breaks[i + 1] {
                let following = tokens[i + 1]
                nexts.append(ArabicWords.withoutArticle(following.key))
                if following.kind == .latinWord { nexts += EnglishInflection.singulars(of: following.key) }
            }
            for probe in list where knownHeads.contains(KeyBytes(probe.head)) {
                pairs.insert(HeadPair(head: probe.head, next: ""))
                guard probe.reading?.suffix == nil && !probe.plural else { continue }
                for n in nexts { pairs.insert(HeadPair(head: probe.head, next: n)) }
            }
        }
        guard !pairs.isEmpty else { return ([], []) }
        let fetched = try statistics.time("fetch") { try index.terms(withPairs: pairs) }
        // Terms by head, equal token sequences side by side (matched once).
        var byHead: [KeyBytes: [Int]] = [:]
        for (k, t) in fetched.enumerated() { byHead[KeyBytes(t.analysis.head), default: []].append(k) }
        for (head, list) in byHead where list.count > 1 {
            byHead[head] = list.sorted {
                let a = fetched[$0].analysis.key.utf8, b = fetched[$1].analysis.key.utf8
                return a.lexicographicallyPrecedes(b) || (a.elementsEqual(b) && $0 < $1)
            }
        }
        statistics?.tokens += tokens.count
        statistics?.heads += pairs.count
        statistics?.termsFetched += fetched.count
        let matchStart = DispatchTime.now().uptimeNanoseconds
        defer { statistics?.phases["match", default: 0] += DispatchTime.now().uptimeNanoseconds - matchStart }

        struct Seen: Hashable {
            var first: Int32
            var last: Int32
            var term: Int64
        }
        var out: [Match] = []
        var seen = Set<Seen>()
        for i in tokens.indices {
            let list = probes[i]
            if list.isEmpty { continue }
            // ولد and بلد stay themselves when the glossary has them as heads.
            let selfIsHead = list.contains { $0.isSelf && $0.reading != nil && knownHeads.contains(KeyBytes($0.head)) }
            for probe in list {
                guard let found = byHead[KeyBytes(probe.head)] else { continue }
                if selfIsHead && !probe.isSelf { continue }
                var previous: (k: Int, shape: Shape?)?
                for k in found {
                    // Terms with the same tokens (a word under several entries) match alike.
                    let shape: Shape?
                    if let p = previous, Self.sameShape(fetched[p.k], fetched[k]) {
                        shape = p.shape
                    } else {
                        shape = self.shape(fetched[k], probe: probe, at: i, tokens: tokens, breaks: breaks, text: text)
                    }
                    previous = (k, shape)
                    guard let shape else { continue }
                    let kind: TermMatchKind = shape.sameKeys
                        ? (Self.isExact(shape.surface, fetched[k].text) ? .exact : .normalized)
                        : (shape.plural ? .plural : .clitic)
                    // One candidate per (place, term): readings come best first.
                    if seen.insert(Seen(first: Int32(i), last: Int32(shape.last), term: fetched[k].id)).inserted {
                        out.append(Match(first: i, last: shape.last, term: k, kind: kind, clitics: shape.clitics,
                                         lowConfidence: shape.lowConfidence))
                    }
                }
            }
        }
        statistics?.candidates += out.count
        return (fetched, out)
    }

    /// Whether two terms have the same language and token keys.
    static func sameShape(_ a: IndexedTerm, _ b: IndexedTerm) -> Bool {
        guard a.language == b.language, a.analysis.tokens.count == b.analysis.tokens.count else { return false }
        for i in a.analysis.tokens.indices where !Bytes.equal(a.analysis.tokens[i], b.analysis.tokens[i]) { return false }
        return true
    }

    /// How a term stands at a place, whatever its entry: the span, the clitics, and the
    /// surface when the keys are equal (for exact versus normalized).
    struct Shape {
        var last: Int
        var clitics: CliticDetail?
        var lowConfidence: Bool
        var plural: Bool
        var sameKeys: Bool
        var surface: String
    }

    func shape(_ term: IndexedTerm, probe: Probe, at i: Int, tokens: [Token], breaks: [Bool], text: String) -> Shape? {
        let a = term.analysis
        let n = a.tokens.count
        guard n > 0, i + n <= tokens.count else { return nil }
        var clitics: CliticDetail?
        var lowConfidence = false
        if let r = probe.reading {
            let headLength = ArabicWords.length(a.head)
            // A pronoun suffix only on a single-word term.
            if r.suffix != nil && n > 1 { return nil }
            // A 2-letter head never loses the term's article (له is not الله).
            if headLength < 3 && a.headHasArticle && !probe.hasArticle { return nil }
            let detail = CliticDetail(conjunction: r.conjunction, preposition: r.preposition,
                                      article: probe.hasArticle && !a.headHasArticle, suffix: r.suffix,
                                      restoredTaMarbuta: r.restoredTaMarbuta,
                                      articleAbsent: a.headHasArticle && !probe.hasArticle)
            clitics = detail.isEmpty ? nil : detail
            // ب ك ل glued straight to a short core (كمال = ك + مال); بالقدس, with the article
            // between, is a sure reading.
            if r.preposition != nil && !probe.hasArticle && headLength <= 3 { lowConfidence = true }
            if headLength < 3 && (r.conjunction != nil || r.preposition != nil || r.suffix != nil) { lowConfidence = true }
        } else if probe.plural && n > 1 {
            // A plural only on the last word: a one-word term here.
            return nil
        }
        var plural = probe.plural
        var k = 1
        while k < n {
            let j = i + k
            if breaks[j] { return nil }
            let textKey = tokens[j].key, termKey = a.tokens[k]
            if !Bytes.equal(textKey, termKey)
                && !Bytes.equal(ArabicWords.withoutArticle(textKey), ArabicWords.withoutArticle(termKey)) {
                guard k == n - 1, term.language == .english, tokens[j].kind == .latinWord,
                      EnglishInflection.singulars(of: textKey).contains(termKey) else { return nil }
                plural = true
            }
            k += 1
        }
        let last = i + n - 1
        let sameKeys = clitics == nil && !plural && (0..<n).allSatisfy { Bytes.equal(tokens[i + $0].key, a.tokens[$0]) }
        let surface = !sameKeys ? "" : n == 1 ? tokens[i].text
            : text.utf16Slice(tokens[i].range.lowerBound..<tokens[last].range.upperBound)
        return Shape(last: last, clitics: clitics, lowConfidence: lowConfidence, plural: plural, sameKeys: sameKeys,
                     surface: surface)
    }

    /// `breaks[i]`: a line break stands between token i − 1 and token i.
    static func lineBreaks(before tokens: [Token], in text: String) -> [Bool] {
        var newlines: [Int] = []
        var offset = 0
        for u in text.utf16 {
            if u == 0x0A || u == 0x0D || u == 0x2028 || u == 0x2029 || u == 0x0085 { newlines.append(offset) }
            offset += 1
        }
        var out = [Bool](repeating: false, count: tokens.count)
        guard !newlines.isEmpty else { return out }
        var p = 0
        for i in 1..<max(1, tokens.count) {
            let lo = tokens[i - 1].range.upperBound, hi = tokens[i].range.lowerBound
            while p < newlines.count && newlines[p] < lo { p += 1 }
            out[i] = p < newlines.count && newlines[p] < hi
        }
        return out
    }

    static let edgeCharacters = CharacterSet.punctuationCharacters.union(.whitespaces)

    /// The words as they stand are the term as stored (byte for byte, as both are NFC
    /// in the common case), or the term without punctuation at its ends (U.N.).
    static func isExact(_ surface: String, _ text: String) -> Bool {
        if surface.utf8.elementsEqual(text.utf8) { return true }
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              edgeCharacters.contains(first) || edgeCharacters.contains(last) else { return false }
        return surface.utf8.elementsEqual(text.trimmingCharacters(in: edgeCharacters).utf8)
    }
}

/// Counts of one or more `TermMatcher` runs.
public final class MatchStatistics: @unchecked Sendable {
    public var tokens = 0
    public var heads = 0
    public var termsFetched = 0
    public var candidates = 0
    /// Nanoseconds spent in each phase.
    public var phases: [String: UInt64] = [:]

    public init() {}

    func time<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { phases[phase, default: 0] += DispatchTime.now().uptimeNanoseconds - start }
        return try body()
    }
}

extension Optional where Wrapped == MatchStatistics {
    func time<T>(_ phase: String, _ body: () throws -> T) rethrows -> T {
        if let s = self { return try s.time(phase, body) }
        return try body()
    }
}

/// English plurals and possessives, undone without a lexicon: councils → council,
/// countries → country, boxes → box, Council's → council.
public enum EnglishInflection {
    public static func singulars(of key: String) -> [String] {
        var out: [String] = []
        var word = Substring(key)
        if word.hasSuffix("'s") || word.hasSuffix("’s") {
            word = word.dropLast(2)
            if word.count >= 2 { out.append(String(word)) }
            return out
        }
        if word.hasSuffix("s'") || word.hasSuffix("s’") { word = word.dropLast() }
        guard word.count >= 4, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is")
        else { return out }
        if word.hasSuffix("ies") && word.count > 4 { out.append(String(word.dropLast(3)) + "y") }
        if word.hasSuffix("es") { out.append(String(word.dropLast(2))) }
        out.append(String(word.dropLast()))
        return out
    }
}
