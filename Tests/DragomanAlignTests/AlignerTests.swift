import Foundation
import Testing
@testable import DragomanAlign
import DragomanText

@Suite struct AlignerTests {
    /// Whatever the input, the beads are monotone and cover every sentence exactly once.
    @Test(arguments: 0..<40)
    func beadsAreMonotoneAndCoverEverySentence(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed) &* 7919 &+ 1)
        var (arabic, english) = Synthetic.pairs(Int.random(in: 1...30, using: &rng), using: &rng)
        // Random damage: drop, insert, merge.
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where arabic.count > 1: arabic.remove(at: Int.random(in: 0..<arabic.count, using: &rng))
            case 1: english.insert(Synthetic.sentence(Synthetic.englishWords, length: 60, using: &rng),
                                   at: Int.random(in: 0...english.count, using: &rng))
            default:
                if english.count > 1 {
                    let k = Int.random(in: 0..<(english.count - 1), using: &rng)
                    english[k] += " " + english.remove(at: k + 1)
                }
            }
        }
        let paragraphsA = arabic.indices.map { $0 / 4 }, paragraphsE = english.indices.map { $0 / 5 }
        let alignment = SentenceAligner().align(arabic: arabic, english: english, arabicParagraphs: paragraphsA,
                                                englishParagraphs: paragraphsE)
        expectMonotoneCover(alignment.beads, arabic: arabic.count, english: english.count)
        let baseline = SentenceAligner(parameters: .galeChurch).align(arabic: arabic, english: english)
        expectMonotoneCover(baseline.beads, arabic: arabic.count, english: english.count)
    }

    @Test func emptySidesGiveUnpairedBeads() {
        let a = SentenceAligner().align(arabic: ["جملة أولى.", "جملة ثانية."], english: [])
        #expect(a.beads.map(\.move) == [.oneToZero, .oneToZero])
        let b = SentenceAligner().align(arabic: [], english: ["One."])
        #expect(b.beads.map(\.move) == [.zeroToOne])
        #expect(SentenceAligner().align(arabic: [], english: []).beads.isEmpty)
    }

    /// Clean 1-1 synthetic documents come back 1-1, with the ratio estimated from them.
    @Test func cleanPairsAlignOneToOne() {
        var rng = SplitMix64(seed: 42)
        let (arabic, english) = Synthetic.pairs(60, using: &rng)
        let alignment = SentenceAligner().align(arabic: arabic, english: english)
        #expect(alignment.beads.allSatisfy { $0.move == .oneToOne })
        #expect(alignment.ratio > 0.9 && alignment.ratio < 1.5)
    }

    /// A run of untranslated sentences longer than the band: the band is widened and the
    /// rest stays aligned.
    @Test func longUntranslatedRunWidensTheBand() {
        var rng = SplitMix64(seed: 7)
        let (arabic, english) = Synthetic.pairs(120, using: &rng)
        var rng2 = SplitMix64(seed: 8)
        let extra = Synthetic.pairs(60, using: &rng2).arabic
        let damaged = Array(arabic[..<30]) + extra + Array(arabic[30...])
        var parameters = AlignmentParameters.dragoman
        parameters.bandHalfWidth = 20
        let alignment = SentenceAligner(parameters: parameters).align(arabic: damaged, english: english,
                                                                      arabicParagraphs: damaged.indices.map { $0 < 30 ? 0 : $0 < 90 ? 1 : 2 },
                                                                      englishParagraphs: english.indices.map { _ in 0 })
        expectMonotoneCover(alignment.beads, arabic: damaged.count, english: english.count)
        #expect(alignment.bandHalfWidth > 20)
        let pairs = alignment.beads.filter { $0.move == .oneToOne }
        let right = pairs.filter { b in
            let a = b.arabic.lowerBound, e = b.english.lowerBound
            return (a < 30 && a == e) || (a >= 90 && a - 60 == e)
        }
        #expect(right.count >= 110, "\(right.count) of 120 pairs right")
        #expect(alignment.beads.filter { $0.move == .oneToZero && (30..<90).contains($0.arabic.lowerBound) }.count >= 55)
    }

    /// 2,000 sentence pairs align in linear memory and little time (debug build: generous).
    @Test func twoThousandSentences() {
        var rng = SplitMix64(seed: 2000)
        let (arabic, english) = Synthetic.pairs(2000, using: &rng)
        let start = Date()
        let alignment = SentenceAligner().align(arabic: arabic, english: english)
        let seconds = Date().timeIntervalSince(start)
        expectMonotoneCover(alignment.beads, arabic: 2000, english: 2000)
        #expect(alignment.bandHalfWidth == AlignmentParameters.dragoman.bandHalfWidth)
        #expect(alignment.beads.filter { $0.move == .oneToOne }.count >= 1950)
        #expect(seconds < 60)
    }

    /// Fixed ratio 1 against documents whose English runs 1.4 times the Arabic (as a
    /// translation from Arabic does), with a 1-2 split and an omitted sentence in each:
    /// Gale–Church with c = 1 takes the extra English length for merges and drifts; the
    /// ratio estimated from the documents does not.
    @Test func estimatedRatioAvoidsDrift() {
        var estimatedRight = 0, fixedRight = 0, total = 0
        for seed in 0..<10 {
            var rng = SplitMix64(seed: UInt64(100 + seed))
            var arabic: [String] = [], english: [String] = []
            var gold: [BeadShape] = []
            for k in 0..<30 {
                let length = Int.random(in: 40...240, using: &rng)
                let a = Synthetic.sentence(Synthetic.arabicWords, length: length, using: &rng)
                let target = Int(Double(length) * Double.random(in: 1.3...1.5, using: &rng))
                if k == 10 {  // one Arabic sentence, two English
                    gold.append(BeadShape(arabic: [arabic.count], english: [english.count, english.count + 1]))
                    english.append(Synthetic.sentence(Synthetic.englishWords, length: target / 2, using: &rng))
                    english.append(Synthetic.sentence(Synthetic.englishWords, length: target / 2, using: &rng))
                } else if k == 20 {  // not translated
                    gold.append(BeadShape(arabic: [arabic.count], english: []))
                } else {
                    gold.append(BeadShape(arabic: [arabic.count], english: [english.count]))
                    english.append(Synthetic.sentence(Synthetic.englishWords, length: target, using: &rng))
                }
                arabic.append(a)
            }
            let goldSet = Set(gold)
            estimatedRight += SentenceAligner().align(arabic: arabic, english: english).beads.filter { goldSet.contains(BeadShape($0)) }.count
            fixedRight += SentenceAligner(parameters: .galeChurch).align(arabic: arabic, english: english).beads
                .filter { goldSet.contains(BeadShape($0)) }.count
            total += gold.count
        }
        #expect(Double(estimatedRight) >= 0.95 * Double(total), "\(estimatedRight) of \(total)")
        #expect(fixedRight < estimatedRight, "c = 1: \(fixedRight), estimated: \(estimatedRight) of \(total)")
    }

    @Test func lengthCostIsGaleChurch() {
        // δ = 0: only −log P(|δ| ≥ 0) = 0.
        #expect(abs(BeadScorer.lengthCost(100, 110, ratio: 1.1, variance: 6.8)) < 1e-12)
        // Symmetric in the sign of the deviation, growing with it.
        let a = BeadScorer.lengthCost(100, 140, ratio: 1, variance: 6.8)
        let b = BeadScorer.lengthCost(100, 60, ratio: 1, variance: 6.8)
        #expect(a > 0 && b > 0)
        #expect(BeadScorer.lengthCost(100, 200, ratio: 1, variance: 6.8) > a)
        // Far tails stay finite (no log(0)).
        #expect(BeadScorer.lengthCost(1, 100_000, ratio: 1, variance: 6.8).isFinite)
        #expect(abs(BeadScorer.logErfc(24.9999) - BeadScorer.logErfc(25.0001)) < 0.05)
    }
}
