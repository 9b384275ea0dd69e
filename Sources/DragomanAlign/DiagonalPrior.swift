import Foundation

/// fast_align's diagonal distortion (Dyer, Chahuneau & Smith 2013; clab/fast_align
/// `src/da.h`): a predicted word at position `j` of `m` links to the given word at `i` of
/// `n` (both 1-based) with weight `exp(λ·h)`, `h = −|i/n − j/m|`, normalised over `i` by
/// `Z`. The weights fall geometrically (ratio `exp(−λ/n)`) on both sides of the point
/// where `i/n` crosses `j/m`, so `Z` and its derivative are sums of two geometric
/// (arithmetico-geometric) series in closed form: every prior stays O(1) per word, and the
/// E-step O(m·n).
enum DiagonalPrior {
    /// The λ range of fast_align's optimiser.
    static let tensionRange = 0.1...14.0

    /// h for given position `i` of `n` and predicted position `j` of `m` (1-based).
    @inline(__always)
    static func feature(given i: Int, of n: Int, predicted j: Int, of m: Int) -> Double {
        -abs(Double(i) / Double(n) - Double(j) / Double(m))
    }

    /// The last given position at or before the diagonal point of predicted position `j`
    /// (0 when the first given word is already past it).
    @inline(__always)
    static func split(predicted j: Int, of m: Int, given n: Int) -> Int {
        Int(Double(j) * Double(n) / Double(m))
    }

    /// Z = Σ_{i=1…n} exp(λ·h(i, j)), as two geometric series meeting at the split.
    static func z(predicted j: Int, of m: Int, given n: Int, tension λ: Double) -> Double {
        let floor = split(predicted: j, of: m, given: n)
        let ratio = exp(-λ / Double(n))
        let top = n - floor
        var sum = 0.0
        if top > 0 {
            sum += exp(λ * feature(given: floor + 1, of: n, predicted: j, of: m)) * (1 - pow(ratio, Double(top))) / (1 - ratio)
        }
        if floor > 0 {
            sum += exp(λ * feature(given: floor, of: n, predicted: j, of: m)) * (1 - pow(ratio, Double(floor))) / (1 - ratio)
        }
        return sum
    }

    /// d log Z / dλ = E[h] under the prior of predicted position `j`: the model's side of
    /// the tension gradient.
    static func dLogZ(predicted j: Int, of m: Int, given n: Int, tension λ: Double) -> Double {
        let floor = split(predicted: j, of: m, given: n)
        let ratio = exp(-λ / Double(n))
        let step = -1.0 / Double(n)
        let top = n - floor
        var sum = 0.0
        if top > 0 {
            let h = feature(given: floor + 1, of: n, predicted: j, of: m)
            sum += arithmeticoGeometricSum(firstTerm: h, firstWeight: exp(λ * h), ratio: ratio, step: step, count: top)
        }
        if floor > 0 {
            let h = feature(given: floor, of: n, predicted: j, of: m)
            sum += arithmeticoGeometricSum(firstTerm: h, firstWeight: exp(λ * h), ratio: ratio, step: step, count: floor)
        }
        return sum / z(predicted: j, of: m, given: n, tension: λ)
    }

    /// Σ_{k=1…count} a_k·g_k with a_k = a_1 + (k−1)·step and g_k = g_1·ratio^(k−1).
    private static func arithmeticoGeometricSum(firstTerm a1: Double, firstWeight g1: Double, ratio r: Double,
                                                step d: Double, count: Int) -> Double {
        let gNext = g1 * pow(r, Double(count))
        let aLast = a1 + d * Double(count - 1)
        let rm1 = r - 1
        return (aLast * gNext - a1 * g1) / rm1 - d * (gNext - g1 * r) / (rm1 * rm1)
    }

    /// The split weights of predicted positions 1, 2, … m in turn: exp(λ·h) at the given
    /// positions just before and just after the diagonal point, by multiplication only.
    /// exp(−λ·(j/m − floor/n)) is exp(−λ/m)^j · exp(λ/n)^floor, and both factors advance
    /// by one step (or a few, for `floor`) from one predicted word to the next, so a sentence
    /// needs three `exp` calls in all instead of one per word.
    struct Walk {
        let n: Int
        let m: Int
        /// exp(−λ/n): the ratio of the geometric series over given positions.
        let ratio: Double
        private let predictedStep: Double
        private let givenStep: Double
        private var j = 0
        private var floor = 0
        private var predictedWeight = 1.0
        private var givenWeight = 1.0

        init(given n: Int, predicted m: Int, tension λ: Double) {
            self.n = n
            self.m = m
            ratio = exp(-λ / Double(n))
            predictedStep = exp(-λ / Double(m))
            givenStep = 1 / ratio
        }

        /// The next predicted position's split and its two weights.
        @inline(__always)
        mutating func next() -> (floor: Int, before: Double, after: Double) {
            j += 1
            predictedWeight *= predictedStep
            let target = split(predicted: j, of: m, given: n)
            while floor < target {
                givenWeight *= givenStep
                floor += 1
            }
            let before = predictedWeight * givenWeight
            return (floor, before, ratio / before)
        }
    }

    /// Z from the split weights and `powers[k] = ratio^k` (k = 0…n): da.h's closed form,
    /// without a `pow` call per word.
    @inline(__always)
    static func z(floor: Int, given n: Int, before: Double, after: Double, ratio: Double,
                  powers: UnsafePointer<Double>) -> Double {
        var sum = 0.0
        if n > floor { sum += after * (1 - powers[n - floor]) / (1 - ratio) }
        if floor > 0 { sum += before * (1 - powers[floor]) / (1 - ratio) }
        return sum
    }

    /// Writes `scale · exp(λ·h(i, j))` for i = 1…n into `out[0..<n]`: the two geometric
    /// series outwards from the split, as independent products with a `ramp` (see
    /// `fillRamp`) read forwards on both sides, which the compiler vectorises.
    @inline(__always)
    static func fill(floor: Int, given n: Int, before: Double, after: Double, scale: Double,
                     ramp: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>) {
        let b = Float(scale * before), a = Float(scale * after)
        let r = ramp + (n - floor)
        for i in 0..<floor { out[i] = b * r[i] }
        for i in floor..<n { out[i] = a * r[i] }
    }

    /// `ramp[t] = ratio^(n−1−t)` for t < n and `ratio^(t−n)` for t ≥ n (2n values): position
    /// `i` of a predicted word with split `floor` reads `ramp[n − floor + i]` on either side.
    @inline(__always)
    static func fillRamp(ratio: Double, count n: Int, into ramp: UnsafeMutablePointer<Float>) {
        var p = 1.0
        for k in 0..<n {
            ramp[n - 1 - k] = Float(p)
            ramp[n + k] = Float(p)
            p *= ratio
        }
    }

    /// `powers[k] = ratio^k` for k = 0…n, by repeated multiplication.
    @inline(__always)
    static func fillPowers(ratio: Double, upTo n: Int, into powers: UnsafeMutablePointer<Double>) {
        var p = 1.0
        for k in 0...n {
            powers[k] = p
            p *= ratio
        }
    }

    /// The (m, n) length pairs of a corpus with their frequencies: all that the tension
    /// gradient's model side depends on.
    struct LengthCounts: Sendable {
        var pairs: [(predicted: Int, given: Int, count: Int)] = []
        /// Predicted tokens over the corpus (the gradient's normaliser).
        var tokens = 0
    }

    /// fast_align's tension update after an E-step: 8 gradient steps of size 20 on
    /// (empirical E[h] − model E[h]), each clamped to [0.1, 14].
    static func optimisedTension(_ start: Double, empiricalFeature: Double, lengths: LengthCounts) -> Double {
        guard lengths.tokens > 0 else { return start }
        var λ = start
        for _ in 0..<8 {
            var model = 0.0
            for pair in lengths.pairs {
                var perSentence = 0.0
                for j in 1...pair.predicted {
                    perSentence += dLogZ(predicted: j, of: pair.predicted, given: pair.given, tension: λ)
                }
                model += Double(pair.count) * perSentence
            }
            model /= Double(lengths.tokens)
            λ += (empiricalFeature - model) * 20
            λ = min(max(λ, tensionRange.lowerBound), tensionRange.upperBound)
        }
        return λ
    }
}
