import DragomanText
import DragomanTM

/// Options a translator sets for a pre-translation.
public struct PretranslationOptions: Sendable {
    /// Whether 100% and context matches count as final or still need review.
    public enum ExactAs: String, Sendable, CaseIterable {
        case final, review
    }

    public var side: Language
    /// The lowest score proposed as a target.
    public var threshold: Int
    /// How many alternatives to list besides the proposal.
    public var alternatives: Int
    public var exactAs: ExactAs
    /// Whether a segment without a match gets its assembled draft as its proposal (always
    /// needing review) rather than no target at all (`--assembled-as-target`).
    public var assembledAsTarget: Bool

    public init(side: Language = .arabic, threshold: Int = 70, alternatives: Int = 3, exactAs: ExactAs = .final,
                assembledAsTarget: Bool = false) {
        self.side = side
        self.threshold = threshold
        self.alternatives = alternatives
        self.exactAs = exactAs
        self.assembledAsTarget = assembledAsTarget
    }
}

/// Fills an article's segments from the translation memory and the glossary, and, below
/// the sentence, from the TM's fragments: every segment gets the fragments the TM holds,
/// and a segment without a match a draft assembled from them (`DraftAssembler`).
public struct Pretranslator {
    /// Runs one TM search (the store's snapshot search).
    public typealias Search = (_ query: TMQuery, _ threshold: Int, _ limit: Int) throws -> [TMMatch]
    /// Finds the spans of a segment the TM holds below the sentence (the store's fragment search).
    public typealias Fragments = (_ text: String, _ side: Language) throws -> [TMFragment]
    /// Repairs a segment's matches (fuzzy-match repair), given the fragments already found
    /// for it, so that they are not searched twice.
    public typealias Repair = (_ matches: [TMMatch], _ text: String, _ side: Language, _ fragments: [TMFragment]?) throws -> [TMMatch]

    let search: Search
    let terms: TermSpotter?
    let fragments: Fragments?
    let workers: Int
    /// Run on each segment's matches after the search (nil: the matches as found).
    public var repair: Repair?

    /// `workers` > 1 runs the searches, glossary and fragment look-ups of different
    /// segments on that many threads at once: then `search`, `terms` and `fragments` must
    /// be safe to call from several threads (the SQLite stores are: each call is a read
    /// transaction of its own). Without `fragments`, drafts are assembled from glossary
    /// terms, numbers and names alone.
    public init(search: @escaping Search, terms: TermSpotter?, fragments: Fragments? = nil, workers: Int = 1) {
        self.search = search
        self.terms = terms
        self.fragments = fragments
        self.workers = workers
    }

    /// What each segment needs from the stores: its glossary hits, its fragments (for
    /// the first segment of each text; a repetition of the same text copies them, nil
    /// here) and (for the first of repeated segments only) its TM matches.
    private func lookUp(_ article: Article, keys: [String], options: PretranslationOptions) throws
        -> [(hits: [SegmentTerm], fragments: [TMFragment]?, matches: [TMMatch]?)] {
        var first: [String: Int] = [:]
        for (i, key) in keys.enumerated() where first[key] == nil { first[key] = i }
        var firstText: [String: Int] = [:]
        for (i, s) in article.segments.enumerated() where firstText[s.text] == nil { firstText[s.text] = i }
        let segments = article.segments
        let contextHashes = segments.map { UnitContext.hash(ofSegment: $0.text) }
        return try ParallelMap.map(segments.count, workers: workers, minimumCount: 2) { i in
            let hits = try terms?.hits(in: segments[i].text, side: options.side) ?? []
            // Fragments are offsets into the text: only the very same text may share them,
            // and one that points outside it is dropped. A segment the TM holds whole (an
            // exact or context match) needs none.
            let length = segments[i].text.utf16.count
            func fragmentsOfText(unless matches: [TMMatch]?) throws -> [TMFragment]? {
                guard firstText[segments[i].text] == i else { return nil }
                if let best = matches?.first, best.score >= 100 { return [] }
                return try fragments?(segments[i].text, options.side)
                    .filter { $0.range.lowerBound >= 0 && $0.range.upperBound <= length && !$0.range.isEmpty }
                    .sorted { $0.range.lowerBound < $1.range.lowerBound } ?? []
            }
            guard first[keys[i]] == i else { return (hits, try fragmentsOfText(unless: nil), nil) }
            let context = UnitContext(
                previous: i == 0 ? UnitContext.documentStart : contextHashes[i - 1]!,
                next: i + 1 == segments.count ? UnitContext.documentEnd : contextHashes[i + 1]!)
            var matches = try search(TMQuery(text: segments[i].text, side: options.side, context: context),
                                     options.threshold, 1 + options.alternatives)
            let found = try fragmentsOfText(unless: matches)
            if let repair { matches = try repair(matches, segments[i].text, options.side, found) }
            return (hits, found, matches)
        }
    }

    /// A segment's fragments, and the draft of a segment without a match (its proposal,
    /// needing review, with `assembledAsTarget`; no `MatchKind`, as it is no TM match).
    private func belowTheSentence(_ s: inout PretranslatedSegment, tokens: [Token], fragments: [TMFragment],
                                  options: PretranslationOptions) {
        s.fragments = fragments
        s.assembled = nil
        s.assembledIsTarget = false
        guard s.best == nil else { return }
        s.assembled = DraftAssembler.assemble(s.segment.text, tokens: tokens, side: options.side,
                                              fragments: fragments, terms: s.terms)
        if options.assembledAsTarget && s.assembled != nil {
            s.assembledIsTarget = true
            s.state = .needsReview
        }
    }

    public func run(_ article: Article, fileName: String, options: PretranslationOptions) throws -> PretranslatedDocument {
        var out: [PretranslatedSegment] = []
        var firstByKey: [String: Int] = [:]
        let keys = article.segments.map { MatchKey.make($0.text) }
        let found = try lookUp(article, keys: keys, options: options)
        var firstText: [String: Int] = [:]
        for (i, segment) in article.segments.enumerated() {
            if firstText[segment.text] == nil { firstText[segment.text] = i }
            let fragments = found[i].fragments ?? found[firstText[segment.text]!].fragments ?? []
            let tokens = Tokenizer.tokenize(segment.text)
            let numbers = tokens.compactMap { t in
                t.number.map { SegmentNumber(text: t.text, value: $0.canonical + ($0.isPercent ? "%" : ""), range: t.range) }
            }
            let words = tokens.filter(DraftAssembler.isWord).count
            let hits = found[i].hits
            if let first = firstByKey[keys[i]] {
                // A repetition: translated once, the same way.
                var repeated = out[first]
                repeated.segment = segment
                repeated.repetitionOf = first
                repeated.terms = hits
                repeated.numbers = numbers
                repeated.words = words
                repeated.state = out[first].best == nil ? .untranslated : out[first].state
                belowTheSentence(&repeated, tokens: tokens, fragments: fragments, options: options)
                out.append(repeated)
                continue
            }
            firstByKey[keys[i]] = i
            let matches = found[i].matches ?? []
            let suggestions = matches.map(Suggestion.init)
            let best = suggestions.first
            let state: SegmentState
            switch best?.kind {
            case nil: state = .untranslated
            case .context?, .exact?, .exactVariant?: state = options.exactAs == .final ? .translated : .needsReview
            case .repaired?, .fuzzy?: state = .needsReview
            }
            var pretranslated = PretranslatedSegment(segment: segment, best: best, alternatives: Array(suggestions.dropFirst()),
                                                     terms: hits, numbers: numbers, repetitionOf: nil, state: state, words: words)
            belowTheSentence(&pretranslated, tokens: tokens, fragments: fragments, options: options)
            out.append(pretranslated)
        }
        return PretranslatedDocument(fileName: fileName, sourceLanguage: options.side, article: article, segments: out,
                                     threshold: options.threshold)
    }
}
