import DragomanText

/// A sentence to look up, with its neighbours in the article (for context matches).
public struct TMQuery: Sendable {
    public var text: String
    public var side: Language
    /// Hashes of the previous and next segments' keys (`UnitContext.hash(ofSegment:)`),
    /// `UnitContext.documentStart` / `.documentEnd` at the edges, nil when unknown.
    public var context: UnitContext?

    public init(text: String, side: Language = .arabic, context: UnitContext? = nil) {
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
    /// Candidates whose overlap bound (from postings alone) can reach the threshold.
    public var afterLengthFilter = 0
    public var verified = 0

    public init() {}
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

    /// Posting lists longer than this are not read in the second phase: their weight is
    /// counted as possibly shared by every candidate instead (still a proven bound).
    public var maximumPostingsToIntersect = 250_000

    /// The best `limit` matches scoring at least `threshold`, ranked.
    ///
    /// 1. Candidates: units holding one of the query's prefix bases (`FuzzyScore.prefix`).
    /// 2. Bounds: the postings of the query's other bases are intersected with the
    ///    candidates, so each candidate's possible overlap is known without reading it.
    /// 3. Candidates are verified best bound first; once `limit` matches are held, the
    ///    lowest held score raises the bar, and the first candidate whose bound cannot
    ///    reach it ends the search.
    public func search(_ query: TMQuery, threshold: Int, limit: Int,
                       statistics: UnsafeMutablePointer<SearchStatistics>? = nil) throws -> [TMMatch] {
        var stats = SearchStatistics()
        defer { statistics?.pointee = stats }
        let prepared = try prepare(query)
        let queryWeight = prepared.profile.totalWeight
        var ranked = RankedMatches(limit: limit)
        // Units with the same key are always verified (they score 100 or 101).
        let exactIDs = try index.units(withKeyHash: prepared.profile.keyHash, side: query.side)
        try verify(exactIDs, prepared, threshold: threshold, ranked: &ranked, stats: &stats, filter: false)
        guard queryWeight > 0 && threshold < 100 else { return ranked.sorted }

        let bases = prepared.baseWeights.map { entry in
            (base: entry.key, weight: entry.value, frequency: entry.key < 0 ? 0 : (prepared.frequency[entry.key] ?? 0))
        }.sorted { ($0.frequency, $0.base) < ($1.frequency, $1.base) }
        let prefix = FuzzyScore.prefix(threshold: max(threshold, 1), baseWeights: bases)
        stats.prefixBases = prefix.count
        let weightOf = Dictionary(uniqueKeysWithValues: bases.map { ($0.base, $0.weight) })
        // The length filter, applied to the postings themselves.
        let t = max(threshold, 1)
        let weights = ((t * queryWeight + 99) / 100)...((100 * queryWeight) / t)

        // Phase 1: the candidates, with the weight of the prefix bases they hold
        // (a merge of sorted posting lists: no hashing, linear in what is read).
        var ids: [Int64] = []
        var known: [Int] = []
        for base in prefix where base > 0 {
            let postings = try index.postings(base: base, side: query.side, weights: weights)
            stats.postingsRead += postings.count
            (ids, known) = Self.union(ids, known, postings, weight: weightOf[base]!)
        }
        if !exactIDs.isEmpty {
            let exact = Set(exactIDs)
            let keep = ids.indices.filter { !exact.contains(ids[$0]) }
            ids = keep.map { ids[$0] }
            known = keep.map { known[$0] }
        }
        stats.candidates = ids.count

        // Phase 2: every other base the index knows, intersected with the candidates.
        var unread = 0
        let prefixSet = Set(prefix)
        for entry in bases where !prefixSet.contains(entry.base) {
            if entry.base < 0 || entry.frequency == 0 { continue }  // in no unit: shared by none
            // Reading a list much longer than the candidate set costs more than the
            // profiles it could spare: count its weight as possibly shared instead.
            if entry.frequency > maximumPostingsToIntersect || entry.frequency > 8 * max(ids.count, 256) || ids.isEmpty {
                unread += entry.weight
                continue
            }
            let postings = try index.postings(base: entry.base, side: query.side, weights: weights)
            stats.postingsRead += postings.count
            var i = 0, j = 0
            while i < ids.count && j < postings.count {
                if ids[i] == postings[j] {
                    known[i] += entry.weight
                    i += 1; j += 1
                } else if ids[i] < postings[j] {
                    i += 1
                } else {
                    j += 1
                }
            }
        }

        // Drop what cannot reach the threshold; verify the rest best bound first
        // (bounds are small integers: a counting sort, ids ascending within a bound).
        var byBound: [Int: [Int64]] = [:]
        for k in ids.indices where 100 * (known[k] + unread) >= threshold * queryWeight {
            byBound[known[k] + unread, default: []].append(ids[k])
        }
        stats.afterLengthFilter = byBound.values.reduce(0) { $0 + $1.count }
        search: for b in byBound.keys.sorted(by: >) {
            let group = byBound[b]!
            var position = 0
            while position < group.count {
                if 100 * b < max(threshold, ranked.floor) * queryWeight { break search }
                let batch = Array(group[position..<min(group.count, position + 64)])
                position += batch.count
                try verify(batch, prepared, threshold: threshold, ranked: &ranked, stats: &stats, filter: true)
            }
        }
        return ranked.sorted
    }

    /// The union of two ascending id lists, adding `weight` to the ids of the second.
    static func union(_ ids: [Int64], _ known: [Int], _ postings: [Int64], weight: Int) -> ([Int64], [Int]) {
        var outIDs: [Int64] = []
        var outKnown: [Int] = []
        outIDs.reserveCapacity(ids.count + postings.count)
        outKnown.reserveCapacity(ids.count + postings.count)
        var i = 0, j = 0
        while i < ids.count || j < postings.count {
            if j == postings.count || (i < ids.count && ids[i] < postings[j]) {
                outIDs.append(ids[i]); outKnown.append(known[i]); i += 1
            } else if i == ids.count || postings[j] < ids[i] {
                outIDs.append(postings[j]); outKnown.append(weight); j += 1
            } else {
                outIDs.append(ids[i]); outKnown.append(known[i] + weight); i += 1; j += 1
            }
        }
        return (outIDs, outKnown)
    }

    /// Scores these units (after the exact length and overlap filters when `filter`).
    func verify(_ ids: [Int64], _ prepared: PreparedQuery, threshold: Int, ranked: inout RankedMatches,
                stats: inout SearchStatistics, filter: Bool) throws {
        guard !ids.isEmpty else { return }
        let profiles = try index.profiles(ids, side: prepared.query.side)
        var survivors: [(Int64, SegmentProfile)] = []
        for id in ids {
            guard let profile = profiles[id] else { continue }
            let effective = max(threshold, ranked.floor)
            if filter {
                guard FuzzyScore.lengthAllows(threshold: effective, queryWeight: prepared.profile.totalWeight,
                                              sourceWeight: profile.totalWeight),
                      FuzzyScore.overlapAllows(threshold: effective, queryWeight: prepared.profile.totalWeight,
                                               overlap: FuzzyScore.overlap(prepared.baseWeights, profile))
                else { continue }
            }
            survivors.append((id, profile))
        }
        guard !survivors.isEmpty else { return }
        let units = try index.units(survivors.map(\.0))
        for (id, profile) in survivors {
            guard let unit = units[id] else { continue }
            stats.verified += 1
            if let match = score(prepared, unit: unit, profile: profile, threshold: max(threshold, ranked.floor)) {
                ranked.insert(match)
            }
        }
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
