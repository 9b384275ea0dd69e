/// The fuzzy score and the bounds the index proves with it (docs/fuzzy-score.md).
///
/// score = ⌊100 · (M − cost) / M⌋ with M = max(W(query), W(source)), capped at 99 unless
/// the match keys are equal (then 100).
public enum FuzzyScore {
    public static func score(cost: Int, queryWeight: Int, sourceWeight: Int, keysEqual: Bool) -> Int {
        if keysEqual { return 100 }
        let m = max(queryWeight, sourceWeight)
        guard m > 0 else { return 0 }
        let s = (100 * (m - cost)) / m
        return min(99, max(0, s))
    }

    /// The largest cost that still scores at least `threshold` against a source of
    /// weight `sourceWeight` (negative when none can).
    public static func maxCost(threshold: Int, queryWeight: Int, sourceWeight: Int) -> Int {
        let m = max(queryWeight, sourceWeight)
        return m - (threshold * m + 99) / 100
    }

    /// Length filter: a source can reach `threshold` only if
    /// T·W(query) ≤ 100·W(source) and T·W(source) ≤ 100·W(query).
    public static func lengthAllows(threshold: Int, queryWeight: Int, sourceWeight: Int) -> Bool {
        threshold * queryWeight <= 100 * sourceWeight && threshold * sourceWeight <= 100 * queryWeight
    }

    /// Overlap filter: a source can reach `threshold` only if the weight of the bases it
    /// shares with the query (as multisets) is at least T·W(query)/100.
    public static func overlapAllows(threshold: Int, queryWeight: Int, overlap: Int) -> Bool {
        100 * overlap >= threshold * queryWeight
    }

    /// Weighted multiset overlap of bases.
    public static func overlap(_ query: [Int32: Int], _ source: SegmentProfile) -> Int {
        var remaining = query
        var total = 0
        for t in source.tokens {
            if let w = remaining[t.base], w > 0 {
                let take = min(w, t.weightClass.weight)
                total += take
                remaining[t.base] = w - take
            }
        }
        return total
    }

    /// Prefix filter (AllPairs/PPJoin): the query's rarest bases whose weight is more than
    /// (100 − T)% of the query's. Every source that reaches T contains one of them.
    public static func prefix(threshold: Int, baseWeights: [(base: Int32, weight: Int, frequency: Int)]) -> [Int32] {
        let total = baseWeights.reduce(0) { $0 + $1.weight }
        let sorted = baseWeights.sorted { ($0.frequency, $0.base) < ($1.frequency, $1.base) }
        var taken = 0
        var out: [Int32] = []
        for entry in sorted {
            if 100 * taken > (100 - threshold) * total { break }
            out.append(entry.base)
            taken += entry.weight
        }
        return out
    }

    /// OmegaT's word-level similarity on the surface words (punctuation excluded): the
    /// second sort key. Computed with the same banded edit distance (unit costs), so it
    /// stays linear for long, nearly equal segments.
    public static func wordLevel(_ a: [String], _ b: [String]) -> Int {
        let longest = max(a.count, b.count)
        guard longest > 0 else { return 100 }
        var vocabulary = GrowingVocabulary()
        let ta = a.map { w -> ScoringToken in let id = vocabulary.id(for: w); return ScoringToken(key: id, base: id, weightClass: .word) }
        let tb = b.map { w -> ScoringToken in let id = vocabulary.id(for: w); return ScoringToken(key: id, base: id, weightClass: .word) }
        let d = WeightedEditDistance.align(ta, tb, maxCost: longest, model: UnitCostModel(), withSteps: false)?.cost ?? longest
        return 100 * (longest - d) / longest
    }
}

/// Plain Levenshtein costs on tokens (for the word-level score).
struct UnitCostModel: TokenCostModel {
    func indelCost(_ token: ScoringToken) -> Int { 1 }
    func substitution(_ a: ScoringToken, _ b: ScoringToken) -> (cost: Int, kind: EditKind)? {
        a.key == b.key ? (0, .equal) : (1, .substitute)
    }
    var minimumIndelCost: Int { 1 }
}
