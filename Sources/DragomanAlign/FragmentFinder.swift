import DragomanText
import DragomanTM

/// How fragments are searched and when one is proposed.
public struct FragmentOptions: Sendable {
    /// The fewest units that must agree on a translation.
    public var minimumCount: Int
    /// The lowest confidence proposed.
    public var minimumConfidence: Double
    /// At most this many units are read per pair of query words (the newest): a phrase
    /// found in more units is counted from these, which is plenty to tell its translation.
    public var unitsPerPair: Int
    /// At most this many units are projected per span (the newest).
    public var unitsPerSpan: Int
    /// The longest span tried, in words.
    public var maximumWords: Int
    /// Posting lists longer than this are not read (see `FragmentFinder`).
    public var maximumPostings = 20_000
    /// For the evaluation: every span found in TM sources, projected or not.
    public var diagnosticSpansOnly = false
    /// For the evaluation's ceiling: spans may start or end with a function word.
    public var diagnosticLooseEdges = false

    public init(minimumCount: Int = 1, minimumConfidence: Double = 0.25, unitsPerPair: Int = 200, unitsPerSpan: Int = 40,
                maximumWords: Int = 12) {
        self.minimumCount = minimumCount
        self.minimumConfidence = minimumConfidence
        self.unitsPerPair = unitsPerPair
        self.unitsPerSpan = unitsPerSpan
        self.maximumWords = maximumWords
    }
}

/// Fragment recall: the longest spans of two or more words of a query that TM sources
/// hold, each with the translation the stored word links project it onto. Arabic words
/// meet on their keys with or without proclitics and clitics (وبالقدس الشرقية finds القدس
/// الشرقية, and the TM's للعام الماضي counts for العام الماضي), not on the light stemmer's
/// bases: an ending changes the translation (العامين الماضيين is the past two years, not
/// last year). English words meet on their keys too (talks is not talk: the Arabic differs).
///
/// Precision before coverage: a span is proposed only when units project it onto one
/// consistent target span (no link leaves the box), enough of them agree, and it is not
/// made of function words alone; spans never cross punctuation. A number inside a span
/// matches any number of a TM source and is carried over by value, not recalled: the
/// query's number takes the unit's place in the translation.
public struct FragmentFinder<Index: CandidateIndex & UnitLinkIndex> {
    public let index: Index

    public init(index: Index) { self.index = index }

    /// Only this many tokens of a query are searched: a sentence has far fewer, and a
    /// pasted article must not cost a search per word pair of the whole text.
    public static var maximumQueryTokens: Int { 400 }

    public func fragments(of query: String, side: Language, options: FragmentOptions = FragmentOptions()) throws -> [TMFragment] {
        var projector = Projector(index: index, side: side)
        return try search(query, side: side, options: options, projector: &projector)
    }

    /// For the evaluation's ceiling: every span of `query` found in TM sources (every start
    /// and length the finder tries, not a cover), with what its units could translate it by.
    public func spanTranslations(of query: String, side: Language, options: FragmentOptions = FragmentOptions()) throws
        -> [SpanTranslations] {
        var projector = Projector(index: index, side: side)
        projector.collected = []
        _ = try search(query, side: side, options: options, projector: &projector)
        return projector.collected ?? []
    }

    private func search(_ query: String, side: Language, options: FragmentOptions, projector: inout Projector) throws -> [TMFragment] {
        let tokens = Array(MatchTokenizer.tokens(of: query, side: side).prefix(Self.maximumQueryTokens))
        let runs = Self.runs(tokens)
        guard !runs.isEmpty else { return [] }
        var forms: [Int: WordForms] = [:]
        for run in runs { for i in run { forms[i] = WordForms(tokens[i], side: side) } }
        let wanted = Set(forms.values.flatMap { $0.keys.union($0.bases) })
        let vocabulary = try index.vocabulary(wanted, side: side)
        var out: [TMFragment] = []
        for run in runs {
            out += try fragments(in: run, tokens: tokens, forms: run.map { forms[$0]!.resolved(vocabulary) }, query: query,
                                 side: side, options: options, projector: &projector)
        }
        return out
    }

    /// Runs of word and number tokens (indexes into `tokens`) between punctuation and
    /// stand-alone clitics, of two tokens or more; a hyphen inside a word (Al-Quds,
    /// 20-year-old) does not end a run, so that the name is found whole in English queries.
    /// A number inside a span matches any number of a TM source and is carried into the
    /// translation by value (أكثر من 100 شخص → more than 100 people from the TM's أكثر من
    /// 50 شخصا).
    static func runs(_ tokens: [MatchToken]) -> [[Int]] {
        var runs: [[Int]] = []
        var current: [Int] = []
        for (i, t) in tokens.enumerated() {
            if t.weightClass == .word || (t.weightClass == .number && t.number != nil) || Projector.isInnerHyphen(i, in: tokens)
                || (t.weightClass == .clitic && t.number == nil && t.key != MatchTokenizer.numberBase && isStandaloneConjunction(t)) {
                current.append(i)
            } else {
                if current.count >= 2 { runs.append(current) }
                current = []
            }
        }
        if current.count >= 2 { runs.append(current) }
        return runs
    }

    /// و or ف written apart belongs to the phrase that follows (وزير الخارجية و الدفاع).
    static func isStandaloneConjunction(_ t: MatchToken) -> Bool { t.key == "و" || t.key == "ف" }

    private func fragments(in run: [Int], tokens: [MatchToken], forms: [ResolvedForms], query: String,
                           side: Language, options: FragmentOptions, projector: inout Projector) throws -> [TMFragment] {
        let n = run.count
        // Candidate units: for each pair of neighbouring known words, the units holding
        // both (the rarer word's postings intersected with the other's), newest first.
        var postings: [Int: [Int64]] = [:]
        func list(_ k: Int) throws -> [Int64] {
            if let l = postings[k] { return l }
            var l: [Int64] = []
            for base in forms[k].baseIDs { l = SortedIDs.union(l, try index.postings(base: base, side: side, weights: 0...Int.max)) }
            postings[k] = l
            return l
        }
        var candidateIDs = Set<Int64>()
        // Pairs of neighbouring words, a hyphen inside a word (Al-Quds) skipped.
        let words = (0..<n).filter { tokens[run[$0]].weightClass != .punctuation }
        for (k, next) in zip(words, words.dropFirst()) {
            guard forms[k].isKnown, forms[next].isKnown else { continue }
            // A number's units are its neighbour's: every number matches every number.
            if forms[k].isNumber || forms[next].isNumber {
                let word = forms[k].isNumber ? next : k
                guard !forms[word].isNumber, forms[word].frequency <= options.maximumPostings,
                      !FunctionWords.contains(tokens[run[word]].key, side) else { continue }
                candidateIDs.formUnion(try list(word).suffix(options.unitsPerPair))
                continue
            }
            if FunctionWords.contains(tokens[run[k]].key, side) && FunctionWords.contains(tokens[run[next]].key, side) { continue }
            let (rare, other) = forms[k].frequency <= forms[next].frequency ? (k, next) : (next, k)
            // Two words both in more units than this make no candidates: in a large TM such
            // a pair is a set phrase of the language, and reading two posting lists of that
            // length for each pair of a sentence costs more than the rest of the search.
            guard forms[rare].frequency <= options.maximumPostings else { continue }
            let a = try list(rare)
            // A very common word (a function word) is not read: the rarer one's units are
            // checked against the profile instead.
            let both: [Int64]
            if forms[other].frequency <= options.maximumPostings {
                both = SortedIDs.intersection(a, try list(other))
            } else {
                both = a
            }
            candidateIDs.formUnion(both.suffix(options.unitsPerPair))
        }
        guard !candidateIDs.isEmpty else { return [] }
        let profiles = try index.profiles(Array(candidateIDs), side: side)
        // Which query words a stored key may stand for. Words meet on keys (an Arabic
        // word's proclitic and clitic forms are among them), not on the bases the
        // candidates were found by: English queries on bases, leave-documents-out on NTREX
        // with Arabic references, quarter / half / whole TM: precision 0.644 / 0.655 /
        // 0.671, right-coverage 0.011 / 0.019 / 0.033; on keys 0.656 / 0.667 / 0.681, the
        // same right-coverage; LibreOffice UI 0.577 / 0.118 → 0.628 / 0.124.
        var positions: [Int32: [Int]] = [:]
        for (k, f) in forms.enumerated() {
            for id in f.keyIDs { positions[id, default: []].append(k) }
        }
        let numberPositions = forms.indices.filter { forms[$0].isNumber }
        func matches(_ k: Int, _ t: ScoringToken) -> Bool {
            if forms[k].isNumber { return t.weightClass == .number }
            return forms[k].keyIDs.contains(t.key)
        }
        // occurrences[k][len] = units (with their start token) where the span k..<k+len occurs
        var occurrences = [[Int: [(Int64, Int)]]](repeating: [:], count: n)
        for (id, profile) in profiles {
            let u = profile.tokens
            var best = [Int](repeating: 0, count: n)
            var bestStart = [Int](repeating: 0, count: n)
            for j in u.indices {
                let ks = u[j].weightClass == .number ? numberPositions : positions[u[j].key] ?? []
                for k in ks where best[k] < options.maximumWords {
                    var len = 0
                    while k + len < n, j + len < u.count, len < options.maximumWords, matches(k + len, u[j + len]) { len += 1 }
                    if len > best[k] { best[k] = len; bestStart[k] = j }
                }
            }
            for k in 0..<n where best[k] >= 2 {
                for len in 2...best[k] { occurrences[k][len, default: []].append((id, bestStart[k])) }
            }
        }
        // For each start, every span that projects well enough, not only the longest: the
        // cover (`choose`) may then take a shorter one where it leaves room for another
        // fragment. (NTREX unchanged; LibreOffice UI 4,310 / 3,209 → 4,317 / 3,217
        // proposed / right.)
        var proposals: [(start: Int, words: Int, fragment: TMFragment)] = []
        // A span repeated in the query is projected once (its words are the key).
        var projected: [[String]: TMFragment?] = [:]
        for k in 0..<n {
            let lengths = occurrences[k].keys.sorted(by: >)
            for len in lengths {
                let span = Array(run[k..<(k + len)])
                // Words, a hyphenated word (Al-Quds, right-click) one: a compound alone is the
                // glossary's business, as any one word is.
                let words = span.filter {
                    tokens[$0].number == nil && tokens[$0].weightClass != .punctuation && !($0 > 0 && Projector.isInnerHyphen($0 - 1, in: tokens))
                }
                let contentWords = words.filter { !FunctionWords.contains(tokens[$0].key, side) }.count
                // Two words or more besides its numbers, not all of them function words.
                guard words.count >= 2, contentWords >= 1,
                      options.diagnosticLooseEdges || !Self.hasLooseEdge(span.map { tokens[$0] }, side: side),
                      !Self.cutsInitials(span.first!...span.last!, in: tokens),
                      // Nor a hyphenated word cut: Quds of Al-Quds.
                      !Projector.isInnerHyphen(span.first! - 1, in: tokens), !Projector.isInnerHyphen(span.last! + 1, in: tokens)
                else { continue }
                let range = tokens[span.first!].range.lowerBound..<tokens[span.last!].range.upperBound
                let key = span.map { tokens[$0].key }
                let fragment: TMFragment?
                if let known = projected[key], projector.collected == nil {
                    fragment = known.map { f in
                        var f = f
                        f.range = range
                        f.source = query.utf16Slice(range)
                        return f
                    }
                } else {
                    let units = occurrences[k][len]!.sorted { $0.0 > $1.0 }
                    fragment = try projector.project(units: Array(units.prefix(options.unitsPerSpan)), found: units.count,
                                                     length: len, range: range, query: query,
                                                     numbers: span.map { tokens[$0].number == nil ? nil : tokens[$0] },
                                                     contentWords: contentWords, options: options)
                    projected[key] = .some(fragment)
                }
                if let fragment { proposals.append((k, len, fragment)) }
            }
        }
        return Self.choose(proposals)
    }

    /// A span that stops inside initials written with stops: "the U" of the U.S., "John F"
    /// of John F. Kennedy. The tokenizer makes U.S. four tokens, and a span stops at the
    /// first stop, so without this "the U" was a phrase (→ الولايات, the United of the
    /// United States). English queries, leave-documents-out on NTREX with the whole TM:
    /// 489 / 357 proposed / right → 477 / 351, precision 0.730 → 0.736.
    static func cutsInitials(_ span: ClosedRange<Int>, in tokens: [MatchToken]) -> Bool {
        func glued(_ a: Int, _ b: Int) -> Bool {
            tokens.indices.contains(a) && tokens.indices.contains(b) && tokens[a].range.upperBound == tokens[b].range.lowerBound
        }
        func isInitial(_ i: Int) -> Bool {
            tokens[i].weightClass == .word && tokens[i].text.unicodeScalars.count == 1
                && tokens[i].text.unicodeScalars.first!.properties.isUppercase
        }
        let last = span.upperBound, first = span.lowerBound
        // Ends with an initial its stop follows, and more of the name after the stop (not
        // Plan B at the end of a sentence).
        if isInitial(last), glued(last, last + 1), tokens[last + 1].key == ".", tokens.indices.contains(last + 2),
           tokens[last + 2].text.unicodeScalars.first?.properties.isUppercase == true { return true }
        // Starts with an initial that follows another's stop.
        if isInitial(first), glued(first - 1, first), tokens[first - 1].key == "." { return true }
        return false
    }

    /// A span that ends with a function word, or starts with one that is not a
    /// preposition or an English article (في القدس and "the Prime Minister" are phrases;
    /// إن الحكومة and الحكومة في are not).
    static func hasLooseEdge(_ span: [MatchToken], side: Language) -> Bool {
        guard let first = span.first, let last = span.last else { return true }
        // Nor a hyphen: "Global Coalition for Al" is no phrase of Al-Quds.
        if first.weightClass == .punctuation || last.weightClass == .punctuation { return true }
        if FunctionWords.contains(last.key, side) || last.weightClass == .clitic { return true }
        // An English article may start a phrase: it is often linked with the Arabic
        // article, and leaving it out makes the pair inconsistent.
        if side == .english, ["the", "a", "an"].contains(first.key) { return false }
        return FunctionWords.contains(first.key, side) && !FunctionWords.isPreposition(first.key, side)
    }

    /// The non-overlapping proposals that cover the most words, then in the fewest pieces,
    /// then the most confident. Fewer pieces: where a phrase projects whole and also as two
    /// pieces that each project, the whole is the translation (الائتلاف العالمي لنصرة القدس
    /// وفلسطين, not الائتلاف العالمي and لنصرة القدس وفلسطين each with a cut translation). A
    /// tie on words went to more pieces before, since each piece added its confidence.
    static func choose(_ proposals: [(start: Int, words: Int, fragment: TMFragment)]) -> [TMFragment] {
        guard !proposals.isEmpty else { return [] }
        let sorted = proposals.sorted { $0.start < $1.start }
        // Weighted interval scheduling over word positions.
        let end = sorted.map { $0.start + $0.words }.max()!
        var best = [(score: Double, picks: [Int])](repeating: (0, []), count: end + 1)
        var byStart: [Int: [Int]] = [:]
        for (i, p) in sorted.enumerated() { byStart[p.start, default: []].append(i) }
        for position in stride(from: end - 1, through: 0, by: -1) {
            best[position] = best[position + 1]
            for i in byStart[position] ?? [] {
                let p = sorted[i]
                // Words first; then fewer pieces (a phrase whole rather than cut in two that
                // each project); then confidence.
                let score = Double(p.words) - 0.1 + p.fragment.confidence * 0.01 + best[p.start + p.words].score
                if score > best[position].score { best[position] = (score, [i] + best[p.start + p.words].picks) }
            }
        }
        return best[0].picks.map { sorted[$0].fragment }
    }

    /// Projects spans of TM sources onto their targets through the stored links, reading
    /// each unit once per query.
    private struct Projector {
        let index: Index
        let side: Language
        var units: [Int64: (target: String, tokens: [MatchToken], source: [MatchToken], links: StoredLinks)?] = [:]
        /// What each span's units could give (`spanTranslations`), when collecting.
        var collected: [SpanTranslations]?

        init(index: Index, side: Language) {
            self.index = index
            self.side = side
        }

        mutating func load(_ ids: [Int64]) throws {
            let missing = ids.filter { units[$0] == nil }
            guard !missing.isEmpty else { return }
            let stored = try index.units(missing)
            let links = try index.links(missing)
            for id in missing {
                // A unit longer than a long sentence (a pasted article) is not projected
                // through: its spans are found in other units, and its thousands of links
                // would make every projection as slow as the unit is long.
                guard let unit = stored[id], let coded = links[id], coded.count <= Self.maximumLinkBytes
                else { units[id] = .some(nil); continue }
                var decoded = StoredLinks.decode(coded)
                if side == .english { decoded = decoded.reversed }
                let target = unit.text(side.other)
                units[id] = (target, MatchTokenizer.tokens(of: target, side: side.other),
                             MatchTokenizer.tokens(of: unit.text(side), side: side), decoded)
            }
        }


        typealias Entry = (target: String, tokens: [MatchToken], source: [MatchToken], links: StoredLinks)

        /// About 1,000 links: a unit of a few hundred words a side.
        static var maximumLinkBytes: Int { 4_096 }

        static func targetSpan(of source: Range<Int>, in entry: Entry, sourceLanguage: Language, strict: Bool = false,
                               keepsNumbers: Bool = false) -> Range<Int>? {
            SpanProjection.target(of: source, sourceTokens: entry.source, targetTokens: entry.tokens, links: entry.links,
                                  sourceLanguage: sourceLanguage, strict: strict, refusesCutNames: true, keepsNumbers: keepsNumbers,
                                  holdsEveryLink: strict)
        }

        /// Where the links of the units that hold a span give no translation two of them
        /// agree on (a stray link makes one projection inconsistent, another takes in a word
        /// too many): the word sequence that more than two thirds of the units share near the
        /// span's links (one word either side of the linked targets, no function word at its
        /// edges, at most two words longer than the span), the most shared, then the longest.
        /// Leave-documents-out on NTREX, precision / right-coverage with a quarter, half and
        /// all of the TM: 0.650/0.010, 0.681/0.022, 0.741/0.036 before; 0.658/0.015,
        /// 0.680/0.027, 0.736/0.044 with it; LibreOffice UI 0.705/0.120 → 0.705/0.142.
        /// (Chosen on these folds: half of the units gave 0.689 with the whole TM, and
        /// common one-word translations 0.617 with a quarter of it.)
        func vote(_ distinct: [(Int64, Int)], length: Int) -> (text: String, units: [Int64])? {
            let targetLanguage = side.other
            var seen: [String: (text: String, words: Int, units: [Int64])] = [:]
            for (id, start) in distinct {
                guard let entry = units[id] ?? nil else { continue }
                let span = start..<(start + length)
                let targets = entry.links.links.filter { span.contains($0.source) }.map(\.target)
                guard let lo = targets.min(), let hi = targets.max() else { continue }
                var a = max(0, lo - 1), b = min(entry.tokens.count, hi + 2)
                // A hyphen inside a word (Al-Quds) joins it; a sequence cut at the hyphen
                // would be a cut name.
                func isInnerHyphen(_ k: Int) -> Bool { Self.isInnerHyphen(k, in: entry.tokens) }
                // The window takes in whole hyphenated words.
                while b + 1 < entry.tokens.count, isInnerHyphen(b) { b += 2 }
                while a >= 2, isInnerHyphen(a - 1) { a -= 2 }
                var mine = Set<String>()
                for i in a..<b where !(i > 0 && isInnerHyphen(i - 1)) {
                    var count = 0
                    for j in (i + 1)...b {
                        let added = entry.tokens[j - 1]
                        if added.weightClass == .word { count += 1 } else if j - 1 == i || !isInnerHyphen(j - 1) { break }
                        guard count <= length + 2 else { break }
                        let words = entry.tokens[i..<j]
                        guard added.weightClass == .word, !(j < entry.tokens.count && isInnerHyphen(j)),
                              !FunctionWords.contains(words.first!.key, targetLanguage),
                              !FunctionWords.contains(words.last!.key, targetLanguage) else { continue }
                        let key = words.map(\.key).joined(separator: " ")
                        guard mine.insert(key).inserted else { continue }
                        let text = entry.target.utf16Slice(words.first!.range.lowerBound..<words.last!.range.upperBound)
                        seen[key, default: (text, count, [])].units.append(id)
                    }
                }
            }
            let need = max(2, 2 * distinct.count / 3 + 1)
            return seen.filter {
                // One word for a span of several only as a name or acronym (UN); a common
                // word shared by the units is as often a piece of the translation (food of
                // food security) as the whole of it, and a single capital is one of a name's
                // initials (the U of U.S.).
                $0.value.units.count >= need
                    && ($0.value.words > 1 || length == 1
                        || ($0.value.text.unicodeScalars.first?.properties.isUppercase == true && $0.value.text.unicodeScalars.count >= 2))
            }
                .max { ($0.value.units.count, $0.value.words, $1.key) < ($1.value.units.count, $1.value.words, $0.key) }
                .map { (text: $0.value.text, units: $0.value.units) }
        }

        /// Every word sequence of the units' targets at most two words longer than the span,
        /// and whether it touches a target word linked to the span.
        func sequences(_ distinct: [(Int64, Int)], length: Int) -> [(text: String, touchesLinks: Bool)] {
            var out: [String: Bool] = [:]
            for (id, start) in distinct {
                guard let entry = units[id] ?? nil else { continue }
                let span = start..<(start + length)
                let linked = Set(entry.links.links.filter { span.contains($0.source) }.map(\.target))
                let words = entry.tokens.indices.filter { entry.tokens[$0].weightClass == .word }
                for a in words.indices {
                    for b in a..<min(words.count, a + length + 2) {
                        let text = entry.target.utf16Slice(entry.tokens[words[a]].range.lowerBound..<entry.tokens[words[b]].range.upperBound)
                        let touches = (words[a]...words[b]).contains(where: linked.contains)
                        out[text] = (out[text] ?? false) || touches
                    }
                }
            }
            return out.map { (text: $0.key, touchesLinks: $0.value) }
        }

        /// Whether token `k` is a hyphen inside a word, written without spaces between two
        /// others (Al-Quds, 20-year-old).
        static func isInnerHyphen(_ k: Int, in tokens: [MatchToken]) -> Bool {
            k > 0 && k + 1 < tokens.count && tokens[k].key == "-"
                && tokens[k - 1].range.upperBound == tokens[k].range.lowerBound
                && tokens[k].range.upperBound == tokens[k + 1].range.lowerBound
        }

        /// The translation of a box with the query's numbers in place of the unit's, or nil
        /// when a number of the unit's span is not in the box by value (written in words,
        /// or left out) or is not the query's kind of number (a percentage, an ordinal).
        static func translation(of box: Range<Int>, in entry: Entry, span: Range<Int>, numbers: [MatchToken?],
                                targetLanguage: Language) -> (text: String, key: String)? {
            let tokens = entry.tokens
            var replaced: [Int: String] = [:]
            for (offset, written) in numbers.enumerated() {
                guard let written, let query = written.number else { continue }
                guard let value = entry.source[span.lowerBound + offset].number, value.isPercent == query.isPercent,
                      value.isOrdinal == query.isOrdinal,
                      let j = box.first(where: { tokens[$0].number.map { $0.sameValue(as: value) } == true && replaced[$0] == nil })
                else { return nil }
                replaced[j] = NumberRepairer.render(query, replacing: tokens[j].text, value: tokens[j].number!, queryText: written.text)
            }
            if !replaced.isEmpty {
                // A translation that is numbers and function words is no more than the
                // numbers carried over (من العمر 79 → "79", لأكثر من 800 → "800").
                guard box.contains(where: { tokens[$0].weightClass == .word && tokens[$0].number == nil
                          && !FunctionWords.contains(tokens[$0].key, targetLanguage) }) else { return nil }
                // Nor one that cuts a hyphenated word: 20-year of 20-year-old.
                if Self.isInnerHyphen(box.upperBound, in: tokens) || Self.isInnerHyphen(box.lowerBound - 1, in: tokens) { return nil }
            }
            let whole = tokens[box.lowerBound].range.lowerBound..<tokens[box.upperBound - 1].range.upperBound
            // By its words: U.S. and U.S (a sentence's last stop) are one translation.
            var key: [String] = []
            for j in box where tokens[j].weightClass == .word || replaced[j] != nil { key.append(replaced[j] ?? tokens[j].key) }
            guard !replaced.isEmpty else { return (entry.target.utf16Slice(whole), key.joined(separator: " ")) }
            var text = ""
            var at = whole.lowerBound
            for j in box where replaced[j] != nil {
                text += entry.target.utf16Slice(at..<tokens[j].range.lowerBound) + replaced[j]!
                at = tokens[j].range.upperBound
            }
            text += entry.target.utf16Slice(at..<whole.upperBound)
            return (text, key.joined(separator: " "))
        }

        mutating func project(units found: [(Int64, Int)], found total: Int, length: Int, range: Range<Int>, query: String,
                              numbers: [MatchToken?], contentWords: Int, options: FragmentOptions) throws -> TMFragment? {
            try load(found.map(\.0))
            // Units with the same translation (copies of one sentence, versions of one story
            // that differ in their numbers) are one piece of evidence, not many: the newest
            // of them speaks for all.
            var translations = Set<[String]>()
            let distinct = found.filter { (id, _) in
                // The translation's words, numbers aside (a story updated with new figures).
                (units[id] ?? nil).map { translations.insert($0.tokens.filter { $0.number == nil }.map(\.key)).inserted } ?? false
            }
            var groups: [String: (text: String, units: [Int64])] = [:]
            var order: [String] = []
            for (id, start) in distinct {
                guard let entry = units[id] ?? nil,
                      let box = Self.targetSpan(of: start..<(start + length), in: entry, sourceLanguage: side,
                                                strict: distinct.count == 1, keepsNumbers: numbers.contains { $0 != nil }),
                      let (text, key) = Self.translation(of: box, in: entry, span: start..<(start + length), numbers: numbers,
                                                     targetLanguage: side.other)
                else { continue }
                if groups[key] == nil { groups[key] = (text, []); order.append(key) }
                groups[key]!.units.append(id)
            }
            var ranked = order.map { groups[$0]! }.sorted { $0.units.count > $1.units.count }
            // No translation two units agree on through their links: what the units share.
            // (Not for a span with numbers: what the units share leaves their numbers out.)
            if (ranked.first?.units.count ?? 0) < 2, distinct.count >= 2, numbers.allSatisfy({ $0 == nil }),
               let voted = vote(distinct, length: length) {
                ranked = [voted] + ranked.filter { MatchKey.make($0.text) != MatchKey.make(voted.text) }
            }
            if collected != nil {
                collected!.append(SpanTranslations(range: range, projections: ranked.map(\.text),
                                                   sequences: sequences(distinct, length: length)))
                return nil
            }
            if options.diagnosticSpansOnly {
                return TMFragment(range: range, source: query.utf16Slice(range), target: ranked.first?.text ?? "", count: total,
                                  confidence: 1, alternatives: [], units: [], words: length)
            }
            guard let top = ranked.first else { return nil }
            let checked = distinct.count
            let agree = top.units.count
            let confidence = Double(agree) / Double(checked + 1)
            // A translation that rests on one unit is proposed only when no other unit that
            // holds the span disagrees, and the span has two content words: a preposition or
            // an article with one word (في الدائرة, a veteran) is that word in one unit's
            // grammar, and one unit's links for it are as often a neighbour's translation
            // (→ "demonstrating"). Leave-documents-out on NTREX, quarter / half / whole TM,
            // precision and right-coverage: Arabic queries 0.682 / 0.707 / 0.785 and
            // 0.016 / 0.028 / 0.047 → 0.715 / 0.740 / 0.805 and 0.016 / 0.027 / 0.045;
            // English queries 0.656 / 0.667 / 0.681 and 0.011 / 0.019 / 0.033 → 0.748 /
            // 0.777 / 0.730 and 0.008 / 0.016 / 0.029.
            guard agree >= options.minimumCount, confidence >= options.minimumConfidence,
                  agree >= 2 || (checked == 1 && contentWords >= 2) else { return nil }
            return TMFragment(range: range, source: query.utf16Slice(range), target: top.text,
                              count: max(agree, agree * total / max(found.count, 1)),
                              confidence: (confidence * 1000).rounded() / 1000,
                              alternatives: ranked.dropFirst().prefix(3).map { FragmentAlternative(target: $0.text, count: $0.units.count) },
                              units: Array(top.units.prefix(5)), words: length)
        }
    }
}

/// The forms a query word may take in a TM source: its key, and for an Arabic word its
/// key with any proclitics and the cores its clitic readings leave (with and without the
/// article), so that ولوزير finds وزير. The bases (of the key and of those cores) only find
/// the candidate units, through the index's postings; words meet on keys.
struct WordForms {
    var keys: Set<String>
    var bases: Set<String>

    /// A number: it matches any number (its value is carried over, not recalled).
    var isNumber = false

    init(_ token: MatchToken, side: Language) {
        if token.weightClass == .number, token.number != nil {
            isNumber = true
            keys = []
            bases = []
            return
        }
        keys = [token.key]
        bases = [token.base]
        guard side == .arabic, token.weightClass == .word else { return }
        // The word with any proclitics (و ف, ب ك ل, the article) in the TM: keys, not
        // bases, so that its ending still counts (العامين, two years, is not العام).
        let bare = LightStemmer.arabicWithoutProclitics(token.key)
        for c in ["", "و", "ف"] {
            for p in ["", "ال", "لل", "بال", "كال", "ب", "ك", "ل"] { keys.insert(c + p + bare) }
        }
        for r in CliticAnalyzer.readings(ofKey: token.key) where !r.isIdentity && r.core.unicodeScalars.count >= 3 {
            if let s = r.suffix, s.unicodeScalars.count < 2 { continue }
            for form in [r.core, "ال" + r.core] {
                keys.insert(form)
                bases.insert(LightStemmer.arabicBase(form))
            }
        }
    }

    func resolved(_ vocabulary: [String: (id: Int32, frequency: Int)]) -> ResolvedForms {
        var out = ResolvedForms()
        out.isNumber = isNumber
        for b in bases { if let v = vocabulary[b] { out.baseIDs.insert(v.id); out.frequency += v.frequency } }
        for k in keys { if let v = vocabulary[k] { out.keyIDs.insert(v.id) } }
        return out
    }
}

/// A query word's forms as vocabulary ids, and how many units hold any of its bases.
struct ResolvedForms {
    var baseIDs = Set<Int32>()
    var keyIDs = Set<Int32>()
    var frequency = 0
    var isNumber = false
    var isKnown: Bool { isNumber || !baseIDs.isEmpty }
}
