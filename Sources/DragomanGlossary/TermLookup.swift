import DragomanText

/// One entry found for a query, with the term that matched and how.
public struct LookupResult: Sendable, Hashable {
    public var entry: GlossaryEntry
    /// The entry's term that matched the query.
    public var term: GlossaryTerm
    public var kind: TermMatchKind
    /// Edit distance, for `.fuzzy` (always 1).
    public var distance: Int?
    /// For `.clitic`: what was stripped from the query's first word.
    public var clitics: CliticDetail?

    /// The terms of the entry in the other language, preferred first.
    public var translations: [GlossaryTerm] { entry.terms(in: term.language.other) }
}

/// Looks a word or phrase up, in Arabic or English, as it stands in text.
///
/// Tiers, best first: exact (stored text equal) > normalized (match key equal) > clitic
/// reading (وبالقدس → القدس, مؤتمره → مؤتمر) or English plural > contains (a longer term
/// with the query's words in order: Council → Security Council) > prefix (with
/// `prefix: true`) > fuzzy (one edit, for single words of 5+ letters). One result per
/// entry, with its best match; within a tier, higher priority (`GlossaryPriority`), better
/// status, closer length, older entry
/// first. A tier is skipped when the better ones already filled `limit` entries.
public struct TermLookup {
    public let index: any GlossaryIndex

    public init(index: any GlossaryIndex) {
        self.index = index
    }

    /// The most candidates the "contains" tier inspects, per entry asked for: a very
    /// common word (في, of) is in thousands of terms; the oldest are looked at.
    public static let containsCandidatesPerResult = 20

    struct Found {
        var term: IndexedTerm
        var kind: TermMatchKind
        var distance: Int?
        var clitics: CliticDetail?
        var lengthDifference: Int

        var sortKey: (Int, Int, Int, Int, Int64, Int64) {
            (kind.rank, distance ?? 0, term.priority.rank * 10 + term.status.rank, lengthDifference, term.entryID, term.id)
        }
    }

    public func lookup(_ query: String, limit: Int = 10, prefix: Bool = false) throws -> [LookupResult] {
        let q = GlossaryText.term(query)
        let key = MatchKey.make(q)
        guard limit > 0, !key.isEmpty else { return [] }
        let queryLength = ArabicWords.length(key)
        var best: [Int64: Found] = [:]
        func offer(_ t: IndexedTerm, _ kind: TermMatchKind, distance: Int? = nil, clitics: CliticDetail? = nil) {
            let f = Found(term: t, kind: kind, distance: distance, clitics: clitics,
                          lengthDifference: abs(ArabicWords.length(t.analysis.key) - queryLength))
            if let old = best[t.entryID], old.sortKey <= f.sortKey { return }
            best[t.entryID] = f
        }
        func full() -> Bool { best.count >= limit }

        // Exact and normalized: the key index.
        for t in try index.terms(withKeys: [key]) {
            offer(t, t.text == q ? .exact : .normalized)
        }

        // Clitic readings and plurals: the matcher, on candidates that cover the whole query.
        var tokens = Tokenizer.tokenize(q)
        while let first = tokens.first, !first.isWordLike { tokens.removeFirst() }
        while let last = tokens.last, !last.isWordLike { tokens.removeLast() }
        guard !tokens.isEmpty else { return try results(best, limit: limit) }
        if !full() {
            let matcher = TermMatcher(index: index)
            for c in try matcher.candidates(in: q, tokens: tokens) where c.first == 0 && c.last == tokens.count - 1 {
                offer(c.term, c.kind, clitics: c.clitics)
            }
        }

        // Contains: multi-word terms with the query's words in order.
        let words = tokens.filter(\.isWordLike).map { ArabicWords.withoutArticle($0.key) }
        // An English plural or possessive on the last word finds what its singular finds
        // (Councils → Security Council), as in running text.
        var wordRuns = [words]
        if let last = tokens.last, last.kind == .latinWord, !words.isEmpty {
            wordRuns += EnglishInflection.singulars(of: last.key).map { Array(words.dropLast()) + [$0] }
        }
        for run in wordRuns where !full() && !run.isEmpty {
            for t in try containing(run, at: max(200, limit * Self.containsCandidatesPerResult)) { offer(t, .contains) }
        }

        // Prefix.
        if prefix && !full() {
            for t in try index.terms(withPrefix: key, limit: max(limit * 4, 50)) where t.analysis.key != key {
                offer(t, .prefix)
            }
        }

        // Fuzzy: one edit on the key of a single word of 5+ letters.
        if !full() && tokens.count == 1 && queryLength >= FuzzyKey.minimumQueryLength {
            let probes = FuzzyKey.queryProbes(key)
            var candidates = try index.terms(withKeys: Set(probes.deletions.map(\.text)))
            candidates += try index.terms(withDeletionHashes: Set([probes.selfHash] + probes.deletions.map(\.hash)))
            for t in candidates where t.analysis.tokens.count == 1 {
                if FuzzyKey.distance(key, t.analysis.key) == 1 { offer(t, .fuzzy, distance: 1) }
            }
        }
        return try results(best, limit: limit)
    }

    /// Multi-word terms whose words contain `words` as a contiguous run.
    func containing(_ words: [String], at most: Int) throws -> [IndexedTerm] {
        var lists: [[Int64]] = []
        for w in Set(words) {
            let ids = try index.termIDs(containingWord: w)
            if ids.isEmpty { return [] }
            lists.append(ids)
        }
        lists.sort { $0.count < $1.count }
        var ids = lists[0]
        for other in lists.dropFirst() {
            ids = SortedIDs.intersection(ids, other)
            if ids.isEmpty { return [] }
        }
        let candidates = try index.terms(ids: Array(ids.prefix(most)))
        return candidates.filter { t in
            let termWords = t.analysis.tokens.filter(ArabicWords.isWord).map(ArabicWords.withoutArticle)
            guard termWords.count > words.count else { return false }
            return (0...(termWords.count - words.count)).contains { start in
                termWords[start..<(start + words.count)].elementsEqual(words)
            }
        }
    }

    func results(_ best: [Int64: Found], limit: Int) throws -> [LookupResult] {
        let top = best.values.sorted { $0.sortKey < $1.sortKey }.prefix(limit)
        let entries = try index.entries(ids: Set(top.map(\.term.entryID)))
        return top.compactMap { f in
            guard let entry = entries[f.term.entryID], let term = entry.term(id: f.term.id) else { return nil }
            return LookupResult(entry: entry, term: term, kind: f.kind, distance: f.distance, clitics: f.clitics)
        }
    }
}
