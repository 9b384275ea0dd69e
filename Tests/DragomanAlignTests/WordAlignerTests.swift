import Foundation
import Testing
@testable import DragomanAlign
import DragomanText

@Suite struct WordAlignerTests {
    static let corpus = SyntheticBitext(.init())

    static let learnt = WordAligner.learn(corpus.sentences, sourceVocabularySize: corpus.sourceVocabularySize,
                                          targetVocabularySize: corpus.targetVocabularySize)

    /// A known bijection with mostly monotone order: ≥ 95 % of the true links are found,
    /// and ≥ 95 % of the links found are true.
    @Test func recoversAKnownBijection() {
        let (precision, recall) = Self.corpus.score(Self.learnt.links)
        #expect(precision >= 0.95, "precision \(precision)")
        #expect(recall >= 0.95, "recall \(recall)")
        #expect(Self.learnt.links.count == Self.corpus.sentences.count)
        // The model learnt the table: the true translation is the best forward entry of the frequent words.
        let rows = Dictionary(Self.learnt.model.entries(direction: .forward).map { ($0.word, $0.translations) },
                              uniquingKeysWith: { a, _ in a })
        for e in 0..<50 {
            #expect(rows[Int32(e)]?.first?.word == Self.corpus.primary[e])
        }
    }

    /// Noisier data (NULL words, dropped words, longer moves, two translations for some
    /// words): still well above chance, and the diagonal model beats Model 1 alone.
    @Test func noisyCorpusAndModel1Baseline() {
        var settings = SyntheticBitext.Settings()
        settings.pairs = 3000
        settings.secondTranslation = 0.3
        settings.dropRate = 0.05
        settings.insertRate = 0.1
        settings.moveRate = 0.3
        settings.seed = 9
        let corpus = SyntheticBitext(settings)
        let full = WordAligner.learn(corpus.sentences, sourceVocabularySize: corpus.sourceVocabularySize,
                                     targetVocabularySize: corpus.targetVocabularySize)
        var options = WordAlignmentOptions()
        options.model1Only = true
        options.model1Iterations = 5
        let baseline = WordAligner.learn(corpus.sentences, sourceVocabularySize: corpus.sourceVocabularySize,
                                         targetVocabularySize: corpus.targetVocabularySize, options: options)
        let a = corpus.score(full.links), b = corpus.score(baseline.links)
        #expect(a.precision > 0.85 && a.recall > 0.9, "diagonal \(a)")
        #expect(2 / (1 / a.precision + 1 / a.recall) > 2 / (1 / b.precision + 1 / b.recall), "diagonal \(a), Model 1 \(b)")
        #expect(!baseline.model.usesDiagonal && full.model.usesDiagonal)
        // λ was optimised away from its start, inside fast_align's range.
        #expect(full.model.forwardTension != 4 && (0.1...14).contains(full.model.forwardTension))
        #expect(full.model.reverseTension != 4 && (0.1...14).contains(full.model.reverseTension))
    }

    /// The links returned by `learn` are the model's own alignments (the Viterbi pass runs
    /// on the stored model), for any symmetrisation.
    @Test func learntLinksAreTheModelsAlignments() {
        for (k, s) in Self.corpus.sentences.enumerated().prefix(300) {
            #expect(Self.learnt.model.align(s) == Self.learnt.links[k])
        }
    }

    /// A model rebuilt from its stored rows aligns as the original; so does one rebuilt
    /// from only the rows of one unit's words.
    @Test func modelRebuiltFromEntriesAlignsTheSame() {
        let model = Self.learnt.model
        let forward = model.entries(direction: .forward), reverse = model.entries(direction: .reverse)
        #expect(!forward.isEmpty && !reverse.isEmpty)
        #expect(forward.first?.word == WordAlignmentModel.nullWord)
        for row in forward + reverse {
            #expect(row.translations.allSatisfy { $0.probability >= 0.001 })
            #expect(row.word == WordAlignmentModel.nullWord || row.translations.count <= 64)
            #expect(zip(row.translations, row.translations.dropFirst()).allSatisfy { $0.probability >= $1.probability })
        }
        let rebuilt = WordAlignmentModel(forward: forward, reverse: reverse, forwardTension: model.forwardTension,
                                         reverseTension: model.reverseTension, nullProbability: model.nullProbability,
                                         usesDiagonal: model.usesDiagonal, symmetrisation: model.symmetrisation)
        #expect(rebuilt.entryCount == model.entryCount)
        for s in Self.corpus.sentences.prefix(300) {
            #expect(rebuilt.align(s) == model.align(s))
        }
        let forwardRows = Dictionary(forward.map { ($0.word, $0) }, uniquingKeysWith: { a, _ in a })
        let reverseRows = Dictionary(reverse.map { ($0.word, $0) }, uniquingKeysWith: { a, _ in a })
        for s in Self.corpus.sentences.prefix(50) {
            let sourceWords = Set(s.source), targetWords = Set(s.target)
            let f = (sourceWords.compactMap { forwardRows[$0] })
                + [(WordAlignmentModel.nullWord, forwardRows[-1]!.translations.filter { targetWords.contains($0.word) })]
            let r = (targetWords.compactMap { reverseRows[$0] })
                + [(WordAlignmentModel.nullWord, reverseRows[-1]!.translations.filter { sourceWords.contains($0.word) })]
            let subset = WordAlignmentModel(forward: f, reverse: r, forwardTension: model.forwardTension,
                                            reverseTension: model.reverseTension, nullProbability: model.nullProbability)
            #expect(subset.align(s) == model.align(s))
        }
    }

    /// Anchors are in the output whatever the model thinks, and an anchored word's mass goes
    /// to its partners: a crossing the data never shows is kept.
    @Test func anchorsAreHonoured() {
        var sentences = Self.corpus.sentences
        let probe = sentences[0]
        // Anchor source 0 to the last target word and the last source word to target 0.
        let n = probe.source.count, m = probe.target.count
        let anchors = [WordLink(source: 0, target: m - 1), WordLink(source: n - 1, target: 0)]
        sentences[0].anchors = anchors + [WordLink(source: 99, target: 0), WordLink(source: -1, target: 2)]  // outside: ignored
        for heuristic in Symmetrisation.allCases {
            var options = WordAlignmentOptions()
            options.symmetrisation = heuristic
            let learnt = WordAligner.learn(sentences, sourceVocabularySize: Self.corpus.sourceVocabularySize,
                                           targetVocabularySize: Self.corpus.targetVocabularySize, options: options)
            let links = learnt.links[0]
            #expect(anchors.allSatisfy(links.contains), "\(heuristic): \(links)")
            #expect(links.allSatisfy { $0.source < n && $0.target < m })
            // Directionally, an anchored target word links to its anchored partner only.
            let (forward, reverse) = learnt.model.directionalLinks(sentences[0])
            #expect(forward.filter { $0.target == m - 1 } == [WordLink(source: 0, target: m - 1)])
            #expect(reverse.filter { $0.source == n - 1 } == [WordLink(source: n - 1, target: 0)])
        }
        // The same anchors on a unit aligned later.
        var unit = probe
        unit.anchors = anchors
        #expect(anchors.allSatisfy(Self.learnt.model.align(unit).contains))
    }

    /// Two rare words seen once, crossed in their only sentence: the diagonal prefers the
    /// wrong pairing; a glossary prior on one pair puts both right.
    @Test func priorsHelpARareWord() {
        var sentences = Self.corpus.sentences
        let v = Int32(Self.corpus.sourceVocabularySize), w = Int32(Self.corpus.targetVocabularySize)
        // Rare source words v, v+1; their translations w, w+1; in the target they come crossed.
        let common = Self.corpus.sentences[1]
        let rare = AlignmentSentence(source: [common.source[0], v, v + 1] + common.source.dropFirst(),
                                     target: [common.target[0], w + 1, w] + common.target.dropFirst())
        sentences.append(rare)
        func links(_ priors: [WordPrior]) -> [WordLink] {
            WordAligner.learn(sentences, sourceVocabularySize: Int(v) + 2, targetVocabularySize: Int(w) + 2,
                              priors: priors).links.last!
        }
        let right = [WordLink(source: 1, target: 2), WordLink(source: 2, target: 1)]
        let without = links([])
        #expect(!right.allSatisfy(without.contains), "\(without)")
        let with = links([WordPrior(source: v, target: w, weight: 5)])
        #expect(right.allSatisfy(with.contains), "\(with)")
        #expect(!with.contains(WordLink(source: 1, target: 1)))
        // A prior on a pair that never shares a sentence does no harm.
        _ = links([WordPrior(source: 0, target: w + 1, weight: 3), WordPrior(source: 1, target: 1, weight: 0)])
    }

    /// Empty sentences, and sentences with one side empty, give no links and no crash.
    @Test func emptySidesGiveNoLinks() {
        var sentences = Array(Self.corpus.sentences.prefix(200))
        sentences.insert(AlignmentSentence(source: [], target: []), at: 0)
        sentences.insert(AlignmentSentence(source: [1, 2, 3], target: [], anchors: [WordLink(source: 0, target: 0)]), at: 5)
        sentences.append(AlignmentSentence(source: [], target: [4, 5]))
        let learnt = WordAligner.learn(sentences, sourceVocabularySize: Self.corpus.sourceVocabularySize,
                                       targetVocabularySize: Self.corpus.targetVocabularySize)
        #expect(learnt.links[0].isEmpty && learnt.links[5].isEmpty && learnt.links.last!.isEmpty)
        #expect(learnt.links[1] == Self.learnt.model.align(sentences[1]) || !learnt.links[1].isEmpty)
        #expect(learnt.model.align(AlignmentSentence(source: [1], target: [])).isEmpty)
        // Only empty or one-sided pairs: an empty model that still aligns by the diagonal.
        let nothing = WordAligner.learn([AlignmentSentence(source: [], target: [1]), AlignmentSentence(source: [0], target: [])],
                                        sourceVocabularySize: 2, targetVocabularySize: 2)
        #expect(nothing.links == [[], []])
        #expect(nothing.model.align(AlignmentSentence(source: [0, 1], target: [1, 0])).count == 2)
        let none = WordAligner.learn([], sourceVocabularySize: 0, targetVocabularySize: 0)
        #expect(none.links.isEmpty)
    }

    /// Aligning in tiles of target columns (how long pairs keep memory bounded) gives the
    /// same links as in one piece.
    @Test func tilesDoNotChangeTheLinks() {
        for (k, s) in Self.corpus.sentences.prefix(100).enumerated() {
            var sentence = s
            if k % 3 == 0 { sentence.anchors = [WordLink(source: 0, target: s.target.count - 1)] }
            let whole = Self.learnt.model.directionalPoints(sentence)
            for tile in [1, 7, s.source.count * 2 + 1] {
                let tiled = Self.learnt.model.directionalPoints(sentence, tileCells: tile)
                #expect(tiled.forward == whole.forward && tiled.reverse == whole.reverse)
            }
        }
    }

    /// Rows given twice, or a translation given twice: the union of the rows, the last
    /// probability; what the model does not hold is nil.
    @Test func modelFromHandMadeRows() {
        let model = WordAlignmentModel(forward: [(3, [(7, 0.5), (8, 0.25)]), (-1, [(9, 0.3)]), (3, [(7, 0.125)]), (-5, [(1, 1)])],
                                       reverse: [(7, [(3, 0.75), (3, 0.5)]), (8, [(2, 0), (-2, 0.5)])],
                                       forwardTension: 4, reverseTension: 4, nullProbability: 0.08)
        #expect(model.probability(.forward, of: 7, given: 3) == 0.125)
        #expect(model.probability(.forward, of: 8, given: 3) == 0.25)
        #expect(model.probability(.forward, of: 9, given: -1) == 0.3)
        #expect(model.probability(.reverse, of: 3, given: 7) == 0.5)
        #expect(model.probability(.reverse, of: 2, given: 8) == nil)
        #expect(model.probability(.forward, of: 1, given: -5) == nil)
        #expect(model.probability(.forward, of: 3, given: 7) == nil)
        let forward = model.entries(direction: .forward)
        #expect(forward.map(\.word) == [-1, 3])
        #expect(forward[1].translations.map(\.word) == [8, 7] && forward[1].translations.map(\.probability) == [0.25, 0.125])
        #expect(model.entries(direction: .reverse).map(\.word) == [7])
        // Rebuilt from its entries: the same answers.
        let rebuilt = WordAlignmentModel(forward: forward, reverse: model.entries(direction: .reverse),
                                         forwardTension: 4, reverseTension: 4, nullProbability: 0.08)
        let pair = AlignmentSentence(source: [3, 4, 3], target: [8, 9, 7])
        #expect(rebuilt.align(pair) == model.align(pair))
    }

    /// Words the model never saw still get the diagonal's links.
    @Test func unseenWordsFollowTheDiagonal() {
        let unseen = AlignmentSentence(source: (0..<6).map { 10_000 + $0 }, target: (0..<6).map { 20_000 + $0 })
        #expect(Self.learnt.model.align(unseen) == (0..<6).map { WordLink(source: $0, target: $0) })
    }

    /// One thread or two: the same model and links.
    @Test func threadsDoNotChangeTheResult() {
        var options = WordAlignmentOptions()
        options.threads = 1
        let sentences = Array(Self.corpus.sentences.prefix(500))
        let one = WordAligner.learn(sentences, sourceVocabularySize: Self.corpus.sourceVocabularySize,
                                    targetVocabularySize: Self.corpus.targetVocabularySize, options: options)
        options.threads = 2
        let two = WordAligner.learn(sentences, sourceVocabularySize: Self.corpus.sourceVocabularySize,
                                    targetVocabularySize: Self.corpus.targetVocabularySize, options: options)
        #expect(one.links == two.links)
        #expect(one.model.forwardTension == two.model.forwardTension)
        #expect(one.model.entries(direction: .reverse).map(\.word) == two.model.entries(direction: .reverse).map(\.word))
    }

    /// Progress ends at the total, never goes back, and never passes it.
    @Test func progressReachesTheTotal() {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var values: [(Int, Int)] = []
        }
        let seen = Seen()
        let sentences = Array(repeating: Self.corpus.sentences, count: 5).flatMap { $0 }
        _ = WordAligner.learn(sentences, sourceVocabularySize: Self.corpus.sourceVocabularySize,
                              targetVocabularySize: Self.corpus.targetVocabularySize) { done, total in
            seen.lock.lock()
            seen.values.append((done, total))
            seen.lock.unlock()
        }
        let total = sentences.count * 7
        #expect(seen.values.allSatisfy { $0.1 == total && $0.0 <= total })
        #expect(seen.values.last?.0 == total)
        #expect(zip(seen.values, seen.values.dropFirst()).allSatisfy { $0.0 <= $1.0 })
    }

    /// A 5,000-token pair: aligned in bounded time (debug build: a few seconds; release:
    /// see the benchmark), with the diagonal keeping most links right.
    @Test func longSentencePairInBoundedTime() {
        var settings = SyntheticBitext.Settings()
        settings.pairs = 1
        settings.lengths = 5000...5000
        settings.seed = 77
        var long = SyntheticBitext(settings)
        // Same vocabulary as the corpus: rename the long pair's target words.
        let rename = Dictionary(uniqueKeysWithValues: zip(long.primary, Self.corpus.primary))
        long.sentences[0].target = long.sentences[0].target.map { rename[$0]! }
        let clock = ContinuousClock()
        let start = clock.now
        let links = Self.learnt.model.align(long.sentences[0])
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(30), "5,000 × 5,000 aligned in \(elapsed)")
        let score = long.score([links])
        // Over 5,000 positions the diagonal barely tells neighbouring occurrences of a
        // frequent word apart (λ/n per step), so recall is lower than on sentences.
        #expect(score.recall > 0.6 && score.precision > 0.9, "\(score)")
        // Learning with a long pair in the corpus works too.
        var sentences = Array(Self.corpus.sentences.prefix(200))
        sentences.append(AlignmentSentence(source: Array(long.sentences[0].source.prefix(1000)),
                                           target: Array(long.sentences[0].target.prefix(1000))))
        let learnt = WordAligner.learn(sentences, sourceVocabularySize: Self.corpus.sourceVocabularySize,
                                       targetVocabularySize: Self.corpus.targetVocabularySize)
        #expect(learnt.links.last!.count > 600)
    }
}
