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

    public init(side: Language = .arabic, threshold: Int = 70, alternatives: Int = 3, exactAs: ExactAs = .final) {
        self.side = side
        self.threshold = threshold
        self.alternatives = alternatives
        self.exactAs = exactAs
    }
}

/// Fills an article's segments from the translation memory and the glossary.
public struct Pretranslator {
    /// Runs one TM search (the store's snapshot search).
    public typealias Search = (_ query: TMQuery, _ threshold: Int, _ limit: Int) throws -> [TMMatch]

    let search: Search
    let terms: TermSpotter?
    let workers: Int

    /// `workers` > 1 runs the searches and glossary look-ups of different segments on
    /// that many threads at once: then `search` and `terms` must be safe to call from
    /// several threads (the SQLite stores are: each call is a read transaction of its own).
    public init(search: @escaping Search, terms: TermSpotter?, workers: Int = 1) {
        self.search = search
        self.terms = terms
        self.workers = workers
    }

    /// What each segment needs from the stores: its glossary hits, and (for the first
    /// of repeated segments only) its TM matches.
    private func lookUp(_ article: Article, keys: [String], options: PretranslationOptions) throws
        -> [(hits: [SegmentTerm], matches: [TMMatch]?)] {
        var first: [String: Int] = [:]
        for (i, key) in keys.enumerated() where first[key] == nil { first[key] = i }
        let segments = article.segments
        let contextHashes = segments.map { UnitContext.hash(ofSegment: $0.text) }
        return try ParallelMap.map(segments.count, workers: workers, minimumCount: 2) { i in
            let hits = try terms?.hits(in: segments[i].text, side: options.side) ?? []
            guard first[keys[i]] == i else { return (hits, nil) }
            let context = UnitContext(
                previous: i == 0 ? UnitContext.documentStart : contextHashes[i - 1]!,
                next: i + 1 == segments.count ? UnitContext.documentEnd : contextHashes[i + 1]!)
            let matches = try search(TMQuery(text: segments[i].text, side: options.side, context: context),
                                     options.threshold, 1 + options.alternatives)
            return (hits, matches)
        }
    }

    public func run(_ article: Article, fileName: String, options: PretranslationOptions) throws -> PretranslatedDocument {
        var out: [PretranslatedSegment] = []
        var firstByKey: [String: Int] = [:]
        let keys = article.segments.map { MatchKey.make($0.text) }
        let found = try lookUp(article, keys: keys, options: options)
        for (i, segment) in article.segments.enumerated() {
            let tokens = Tokenizer.tokenize(segment.text)
            let numbers = tokens.compactMap { t in
                t.number.map { SegmentNumber(text: t.text, value: $0.canonical + ($0.isPercent ? "%" : ""), range: t.range) }
            }
            let words = tokens.filter { $0.kind != .punctuation && $0.kind != .symbol && $0.kind != .clitic }.count
            let hits = found[i].hits
            if let first = firstByKey[keys[i]] {
                // A repetition: translated once, the same way.
                var repeated = out[first]
                repeated.segment = segment
                repeated.repetitionOf = first
                repeated.terms = hits
                repeated.numbers = numbers
                repeated.words = words
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
            out.append(PretranslatedSegment(segment: segment, best: best, alternatives: Array(suggestions.dropFirst()),
                                            terms: hits, numbers: numbers, repetitionOf: nil, state: state, words: words))
        }
        return PretranslatedDocument(fileName: fileName, sourceLanguage: options.side, article: article, segments: out,
                                     threshold: options.threshold)
    }
}
