import Foundation
import Testing
@testable import DragomanAlign

@Suite struct DiagonalPriorTests {
    static let shapes = [(1, 1), (1, 7), (7, 1), (5, 5), (12, 30), (30, 12), (31, 29), (3, 100)]

    /// Z and d log Z / dλ in closed form equal the brute-force sums.
    @Test(arguments: [0.1, 1.0, 4.0, 13.5])
    func closedFormsMatchSums(tension λ: Double) {
        for (m, n) in Self.shapes {
            for j in 1...m {
                let weights = (1...n).map { exp(λ * DiagonalPrior.feature(given: $0, of: n, predicted: j, of: m)) }
                let z = weights.reduce(0, +)
                let expected = zip(1...n, weights).map { DiagonalPrior.feature(given: $0, of: n, predicted: j, of: m) * $1 }
                    .reduce(0, +) / z
                #expect(abs(DiagonalPrior.z(predicted: j, of: m, given: n, tension: λ) - z) <= 1e-9 * z)
                #expect(abs(DiagonalPrior.dLogZ(predicted: j, of: m, given: n, tension: λ) - expected) <= 1e-9)
                // The walk and the closed form with powers give the same.
                var walk = DiagonalPrior.Walk(given: n, predicted: m, tension: λ)
                var w = walk.next()
                for _ in 1..<j { w = walk.next() }
                #expect(w.floor == DiagonalPrior.split(predicted: j, of: m, given: n))
                var powers = [Double](repeating: 0, count: n + 1)
                var ramp = [Float](repeating: 0, count: 2 * n)
                var filled = [Float](repeating: 0, count: n)
                powers.withUnsafeMutableBufferPointer { DiagonalPrior.fillPowers(ratio: walk.ratio, upTo: n, into: $0.baseAddress!) }
                ramp.withUnsafeMutableBufferPointer { DiagonalPrior.fillRamp(ratio: walk.ratio, count: n, into: $0.baseAddress!) }
                let z2 = powers.withUnsafeBufferPointer {
                    DiagonalPrior.z(floor: w.floor, given: n, before: w.before, after: w.after, ratio: walk.ratio,
                                    powers: $0.baseAddress!)
                }
                #expect(abs(z2 - z) <= 1e-9 * z)
                ramp.withUnsafeBufferPointer { p in
                    filled.withUnsafeMutableBufferPointer {
                        DiagonalPrior.fill(floor: w.floor, given: n, before: w.before, after: w.after, scale: 1,
                                           ramp: p.baseAddress!, into: $0.baseAddress!)
                    }
                }
                for i in 0..<n { #expect(abs(Double(filled[i]) - weights[i]) <= 1e-5 * weights[i]) }
            }
        }
    }

    /// The optimiser moves λ towards the tension whose model E[h] equals the empirical one,
    /// and stays within [0.1, 14].
    @Test func tensionOptimiserFindsTheTension() {
        let lengths = DiagonalPrior.LengthCounts(pairs: [(20, 20, 10), (25, 22, 5)], tokens: 20 * 10 + 25 * 5)
        func modelFeature(_ λ: Double) -> Double {
            lengths.pairs.reduce(0.0) { sum, p in
                sum + Double(p.count) * (1...p.predicted).reduce(0.0) { $0 + DiagonalPrior.dLogZ(predicted: $1, of: p.predicted, given: p.given, tension: λ) }
            } / Double(lengths.tokens)
        }
        let target = modelFeature(7)
        var λ = 4.0
        for _ in 0..<10 { λ = DiagonalPrior.optimisedTension(λ, empiricalFeature: target, lengths: lengths) }
        #expect(abs(λ - 7) < 0.5, "λ = \(λ)")
        #expect(DiagonalPrior.optimisedTension(4, empiricalFeature: 0, lengths: lengths) == 14)
        #expect(DiagonalPrior.optimisedTension(4, empiricalFeature: -1, lengths: lengths) == 0.1)
    }
}
