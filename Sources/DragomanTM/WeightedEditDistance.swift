/// One step of the alignment of a query with a TM source.
public struct AlignmentStep: Sendable, Hashable {
    public var kind: EditKind
    /// Index of the query token (nil for an insertion).
    public var queryIndex: Int?
    /// Index of the TM source token (nil for a deletion).
    public var sourceIndex: Int?
    public var cost: Int
}

/// A weighted token edit distance with a band that doubles until the answer is proven,
/// so that two long, nearly equal segments cost O(n·d), never O(n²).
public enum WeightedEditDistance {
    /// The cheapest alignment of `a` with `b` if it costs at most `maxCost`, else nil.
    public static func align(_ a: [ScoringToken], _ b: [ScoringToken], maxCost: Int,
                             model: some TokenCostModel, withSteps: Bool = true) -> (cost: Int, steps: [AlignmentStep])? {
        guard maxCost >= 0 else { return nil }
        let n = a.count, m = b.count
        let minIndel = max(1, model.minimumIndelCost)
        let delta = n - m
        if abs(delta) * minIndel > maxCost { return nil }
        var bound = min(maxCost, max(4 * minIndel, abs(delta) * minIndel + 2 * minIndel))
        while true {
            if let result = banded(a, b, bound: bound, model: model, withSteps: withSteps), result.cost <= bound {
                return result
            }
            if bound >= maxCost { return nil }
            bound = min(maxCost, bound * 2)
        }
    }

    /// The DP restricted to the diagonals a path of cost ≤ bound can reach.
    static func banded(_ a: [ScoringToken], _ b: [ScoringToken], bound: Int,
                       model: some TokenCostModel, withSteps: Bool) -> (cost: Int, steps: [AlignmentStep])? {
        let n = a.count, m = b.count
        let minIndel = max(1, model.minimumIndelCost)
        let delta = n - m  // diagonal d = i - j
        let extra = (bound / minIndel - abs(delta)) / 2
        guard extra >= 0 else { return nil }
        let lo = min(0, delta) - extra, hi = max(0, delta) + extra
        let width = hi - lo + 1
        let inf = Int.max / 4
        // Row i holds columns j with lo <= i - j <= hi, i.e. j in [i - hi, i - lo].
        var cost = [Int](repeating: inf, count: (n + 1) * width)
        var move = withSteps ? [UInt8](repeating: 0, count: (n + 1) * width) : []
        @inline(__always) func slot(_ i: Int, _ j: Int) -> Int? {
            let d = i - j
            guard d >= lo && d <= hi && j >= 0 && j <= m else { return nil }
            return i * width + (d - lo)
        }
        var rowMin = 0
        for i in 0...n {
            let jFrom = max(0, i - hi), jTo = min(m, i - lo)
            if jFrom > jTo { continue }
            rowMin = inf
            for j in jFrom...jTo {
                let s = slot(i, j)!
                var best = inf
                var how: UInt8 = 0
                if i == 0 && j == 0 {
                    best = 0
                } else {
                    if i > 0, let p = slot(i - 1, j), cost[p] < inf {
                        let c = cost[p] + model.indelCost(a[i - 1])
                        if c < best { best = c; how = 1 }
                    }
                    if j > 0, let p = slot(i, j - 1), cost[p] < inf {
                        let c = cost[p] + model.indelCost(b[j - 1])
                        if c < best { best = c; how = 2 }
                    }
                    if i > 0 && j > 0, let p = slot(i - 1, j - 1), cost[p] < inf,
                       let sub = model.substitution(a[i - 1], b[j - 1]) {
                        let c = cost[p] + sub.cost
                        if c < best || (c == best && how != 3 && sub.cost == 0) { best = c; how = 3 }
                    }
                }
                cost[s] = best
                if withSteps { move[s] = how }
                rowMin = min(rowMin, best)
            }
            if rowMin > bound { return nil }
        }
        guard let end = slot(n, m), cost[end] <= bound else { return nil }
        guard withSteps else { return (cost[end], []) }
        var steps: [AlignmentStep] = []
        var i = n, j = m
        while i > 0 || j > 0 {
            let s = slot(i, j)!
            switch move[s] {
            case 3:
                let sub = model.substitution(a[i - 1], b[j - 1])!
                steps.append(AlignmentStep(kind: sub.kind, queryIndex: i - 1, sourceIndex: j - 1, cost: sub.cost))
                i -= 1; j -= 1
            case 1:
                steps.append(AlignmentStep(kind: .delete, queryIndex: i - 1, sourceIndex: nil, cost: model.indelCost(a[i - 1])))
                i -= 1
            default:
                steps.append(AlignmentStep(kind: .insert, queryIndex: nil, sourceIndex: j - 1, cost: model.indelCost(b[j - 1])))
                j -= 1
            }
        }
        return (cost[end], steps.reversed())
    }
}
