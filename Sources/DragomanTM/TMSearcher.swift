import DragomanText

/// A sentence to look up, with its neighbours in the article (for context matches).
public struct TMQuery: Sendable {
    public var text: String
    public var side: Side
    /// Hashes of the previous and next segments' keys (`UnitContext.hash(ofSegment:)`),
    /// `UnitContext.documentStart` / `.documentEnd` at the edges, nil when unknown.
    public var context: UnitContext?

    public init(text: String, side: Side = .arabic, context: UnitContext? = nil) {
        self.text = text
        self.side = side
        self.context = context
    }
}

/// How a search went: for benchmarks and `--explain`.
public struct SearchStatistics: Sendable {
    public var prefixBases = 0
    public var postingsRead = 0
    public var candidates = 0
    public var afterLengthFilter = 0
    public var verified = 0
}

/// The fuzzy matcher: finds every unit whose score reaches the threshold, exactly as a
/// scan of every unit would, but reads only the postings of the query's rarest bases.
public struct TMSearcher<Index: CandidateIndex> {
    public let index: Index
    public let model: any TokenCostModel

    public init(index: Index, model: any TokenCostModel = DefaultCostModel()) {
        self.index = index
        self.model = model
    }

    /// The best `limit` matches scoring at least `threshold`, ranked.
    public func search(_ query: TMQuery, threshold: Int, limit: Int,
                       statistics: UnsafeMutablePointer<SearchStatistics>? = nil) throws -> [TMMatch] {
        var stats = SearchStatistics()
        defer { statistics?.pointee = stats }
        let prepared = try prepare(query)
        var candidates: [Int64: Int] = [:]
        for id in try index.units(withKeyHash: prepared.profile.keyHash, side: query.side) {
            candidates[id, default: 0] += 1_000
        }
        if prepared.profile.totalWeight > 0 && threshold < 100 {
            let baseList = prepared.profile.baseWeights.map { entry in
                (base: entry.key, weight: entry.value, frequency: entry.key < 0 ? 0 : (prepared.frequency[entry.key] ?? 0))
            }
            let prefix = FuzzyScore.prefix(threshold: max(threshold, 1), baseWeights: baseList)
            stats.prefixBases = prefix.count
            for base in prefix where base > 0 {
                let ids = try index.postings(base: base, side: query.side)
                stats.postingsRead += ids.count
                for id in ids { candidates[id, default: 0] += 1 }
            }
        }
        stats.candidates = candidates.count
        let ordered = candidates.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map(\.key)
        var ranked = RankedMatches(limit: limit)
        var start = 0
        while start < ordered.count {
            let batch = Array(ordered[start..<min(ordered.count, start + 256)])
            start += batch.count
            let profiles = try index.profiles(batch, side: query.side)
            var survivors: [(Int64, SegmentProfile)] = []
            for id in batch {
                guard let profile = profiles[id] else { continue }
                let effective = max(threshold, ranked.floor)
                guard profile.keyHash == prepared.profile.keyHash
                    || (FuzzyScore.lengthAllows(threshold: effective, queryWeight: prepared.profile.totalWeight,
                                                sourceWeight: profile.totalWeight)
                        && FuzzyScore.overlapAllows(threshold: effective, queryWeight: prepared.profile.totalWeight,
                                                    overlap: FuzzyScore.overlap(prepared.baseWeights, profile)))
                else { continue }
                survivors.append((id, profile))
            }
            stats.afterLengthFilter += survivors.count
            guard !survivors.isEmpty else { continue }
            let units = try index.units(survivors.map(\.0))
            for (id, profile) in survivors {
                guard let unit = units[id] else { continue }
                stats.verified += 1
                if let match = score(prepared, unit: unit, profile: profile, threshold: max(threshold, ranked.floor)) {
                    ranked.insert(match)
                }
            }
        }
        return ranked.sorted
    }

    /// Every unit, scored one by one: what the indexed search must equal.
    public func bruteForce(_ query: TMQuery, threshold: Int, limit: Int) throws -> [TMMatch] {
        let prepared = try prepare(query)
        var ranked = RankedMatches(limit: limit)
        let ids = try index.allUnitIDs()
        var start = 0
        while start < ids.count {
            let batch = Array(ids[start..<min(ids.count, start + 1024)])
            start += batch.count
            let profiles = try index.profiles(batch, side: query.side)
            let units = try index.units(batch)
            for id in batch {
                guard let profile = profiles[id], let unit = units[id] else { continue }
                if let match = score(prepared, unit: unit, profile: profile, threshold: threshold) {
                    ranked.insert(match)
                }
            }
        }
        return ranked.sorted
    }

    struct PreparedQuery {
        var query: TMQuery
        var key: String
        var tokens: [MatchToken]
        var profile: SegmentProfile
        var baseWeights: [Int32: Int]
        var frequency: [Int32: Int]
        var surfaceWords: [String]
    }

    func prepare(_ query: TMQuery) throws -> PreparedQuery {
        let tokens = MatchTokenizer.tokens(of: query.text, side: query.side)
        let strings = Set(tokens.flatMap { [$0.key, $0.base] })
        let known = try index.vocabulary(strings, side: query.side)
        var vocabulary = QueryVocabulary(known: known.mapValues(\.id))
        let key = MatchKey.make(query.text)
        let profile = SegmentProfile.make(tokens, key: key, vocabulary: &vocabulary)
        var frequency: [Int32: Int] = [:]
        for (_, entry) in known { frequency[entry.id] = entry.frequency }
        return PreparedQuery(query: query, key: key, tokens: tokens, profile: profile,
                             baseWeights: profile.baseWeights, frequency: frequency,
                             surfaceWords: tokens.filter { $0.weightClass != .punctuation }.map(\.text))
    }

    /// The full score of one unit, or nil below `threshold`.
    func score(_ q: PreparedQuery, unit: TranslationUnit, profile: SegmentProfile, threshold: Int) -> TMMatch? {
        let source = unit.text(q.query.side)
        let keysEqual = profile.keyHash == q.profile.keyHash && MatchKey.make(source) == q.key
        let maxCost = keysEqual ? Int.max / 8
            : FuzzyScore.maxCost(threshold: threshold, queryWeight: q.profile.totalWeight, sourceWeight: profile.totalWeight)
        guard maxCost >= 0 else { return nil }
        let steps: [AlignmentStep]
        let cost: Int
        if keysEqual {
            cost = 0
            steps = []
        } else {
            guard let aligned = WeightedEditDistance.align(q.profile.tokens, profile.tokens, maxCost: maxCost, model: model)
            else { return nil }
            cost = aligned.cost
            steps = aligned.steps
        }
        var score = FuzzyScore.score(cost: cost, queryWeight: q.profile.totalWeight,
                                     sourceWeight: profile.totalWeight, keysEqual: keysEqual)
        guard score >= threshold else { return nil }
        let sourceTokens = MatchTokenizer.tokens(of: source, side: q.query.side)
        var kind: MatchKind = .fuzzy
        var repaired: String?
        var repairs: [NumberRepair] = []
        if keysEqual {
            kind = source == q.query.text ? .exact : .exactVariant
            if let context = q.query.context, contextMatches(context, unit.context(q.query.side)) {
                kind = .context
                score = 101
            }
        } else if let fix = NumberRepairer.repair(steps: steps, query: q.tokens, source: sourceTokens,
                                                  target: unit.text(q.query.side.other)) {
            kind = .repaired
            repaired = fix.text
            repairs = fix.repairs
        }
        let words = sourceTokens.filter { $0.weightClass != .punctuation }.map(\.text)
        return TMMatch(unit: unit, score: score, kind: kind,
                       wordScore: FuzzyScore.wordLevel(q.surfaceWords, words), cost: cost,
                       queryWeight: q.profile.totalWeight, sourceWeight: profile.totalWeight, steps: steps,
                       queryTokens: q.tokens, sourceTokens: sourceTokens, repairedTarget: repaired,
                       repairs: repairs, side: q.query.side)
    }

    func contextMatches(_ query: UnitContext, _ unit: UnitContext) -> Bool {
        guard let qp = query.previous, let up = unit.previous, qp == up else { return false }
        if let qn = query.next, let un = unit.next, qn != un { return false }
        return true
    }
}

/// The best matches so far, in rank order: score, then word-level score, then most
/// recently changed, then most used, then the oldest id.
struct RankedMatches {
    let limit: Int
    var sorted: [TMMatch] = []

    init(limit: Int) { self.limit = max(1, limit) }

    /// Below this score nothing can enter any more (0 until the list is full).
    var floor: Int { sorted.count >= limit ? sorted[sorted.count - 1].score : 0 }

    static func ranksBefore(_ a: TMMatch, _ b: TMMatch) -> Bool {
        if a.score != b.score { return a.score > b.score }
        if a.wordScore != b.wordScore { return a.wordScore > b.wordScore }
        if a.unit.changed != b.unit.changed { return a.unit.changed > b.unit.changed }
        if a.unit.usageCount != b.unit.usageCount { return a.unit.usageCount > b.unit.usageCount }
        return (a.unit.id ?? 0) < (b.unit.id ?? 0)
    }

    mutating func insert(_ match: TMMatch) {
        let at = sorted.firstIndex { Self.ranksBefore(match, $0) } ?? sorted.count
        guard at < limit else { return }
        sorted.insert(match, at: at)
        if sorted.count > limit { sorted.removeLast() }
    }
}
