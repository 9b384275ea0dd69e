import Foundation
import DragomanAlign
import DragomanText

/// A random "language pair" with known word links, for the word aligner's tests and
/// benchmark: source words drawn by a Zipf law, each translated by a fixed table (one or a
/// few target words per source word), some source words untranslated, some target function
/// words with no source (NULL), and word-order jitter (adjacent swaps, rarely a longer move).
struct SyntheticBitext {
    struct Settings {
        var pairs = 2000
        var sourceVocabulary = 300
        var lengths = 5...20
        /// Per source word: the probability that it has a second translation (used 30 %).
        var secondTranslation = 0.0
        /// Per source word occurrence: not translated.
        var dropRate = 0.0
        /// Per target word: a NULL-generated function word inserted before it.
        var insertRate = 0.0
        /// Function words (target ids at the end of the vocabulary) for the insertions.
        var functionWords = 20
        /// Per position: swapped with the next word.
        var swapRate = 0.1
        /// Per sentence: one word moved by up to 5 positions.
        var moveRate = 0.0
        var zipfExponent = 1.0
        var seed: UInt64 = 1
    }

    var sentences: [AlignmentSentence] = []
    /// The true links of every sentence.
    var truth: [[WordLink]] = []
    var sourceVocabularySize: Int
    var targetVocabularySize: Int
    /// The translation table: primary (and second) translation per source word.
    var primary: [Int32]
    var second: [Int32?]

    init(_ settings: Settings) {
        var rng = SplitMix64(seed: settings.seed)
        let v = settings.sourceVocabulary
        sourceVocabularySize = v
        // Target ids: a random permutation for the primary translations, then the second
        // translations, then the function words.
        var permutation = (0..<v).map { Int32($0) }
        permutation.shuffle(using: &rng)
        primary = permutation
        var next = Int32(v)
        second = (0..<v).map { _ in
            guard Double.random(in: 0..<1, using: &rng) < settings.secondTranslation else { return nil }
            defer { next += 1 }
            return next
        }
        let firstFunctionWord = next
        targetVocabularySize = Int(next) + settings.functionWords
        var cumulative: [Double] = []
        var sum = 0.0
        for k in 0..<v {
            sum += 1 / pow(Double(k + 1), settings.zipfExponent)
            cumulative.append(sum)
        }
        func draw() -> Int32 {
            let x = Double.random(in: 0..<sum, using: &rng)
            var lo = 0, hi = v - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            return Int32(lo)
        }
        sentences.reserveCapacity(settings.pairs)
        truth.reserveCapacity(settings.pairs)
        for _ in 0..<settings.pairs {
            let n = Int.random(in: settings.lengths, using: &rng)
            let source = (0..<n).map { _ in draw() }
            // (target word, source position or −1)
            var target: [(Int32, Int)] = []
            target.reserveCapacity(n + n / 4)
            for (i, e) in source.enumerated() {
                if settings.insertRate > 0, Double.random(in: 0..<1, using: &rng) < settings.insertRate {
                    target.append((firstFunctionWord + Int32.random(in: 0..<Int32(settings.functionWords), using: &rng), -1))
                }
                if settings.dropRate > 0, Double.random(in: 0..<1, using: &rng) < settings.dropRate { continue }
                let f = second[Int(e)].flatMap { Double.random(in: 0..<1, using: &rng) < 0.3 ? $0 : nil } ?? primary[Int(e)]
                target.append((f, i))
            }
            var k = 0
            while k + 1 < target.count {
                if Double.random(in: 0..<1, using: &rng) < settings.swapRate {
                    target.swapAt(k, k + 1)
                    k += 2
                } else {
                    k += 1
                }
            }
            if target.count > 2, Double.random(in: 0..<1, using: &rng) < settings.moveRate {
                let from = Int.random(in: 0..<target.count, using: &rng)
                let word = target.remove(at: from)
                let to = min(max(from + Int.random(in: -5...5, using: &rng), 0), target.count)
                target.insert(word, at: to)
            }
            sentences.append(AlignmentSentence(source: source, target: target.map(\.0)))
            truth.append(target.enumerated().compactMap { j, t in t.1 >= 0 ? WordLink(source: t.1, target: j) : nil }.sorted())
        }
    }

    /// Precision and recall of `links` against the truth.
    func score(_ links: [[WordLink]]) -> (precision: Double, recall: Double) {
        var correct = 0, proposed = 0, gold = 0
        for (found, expected) in zip(links, truth) {
            let expected = Set(expected)
            correct += found.filter(expected.contains).count
            proposed += found.count
            gold += expected.count
        }
        return (Double(correct) / Double(max(proposed, 1)), Double(correct) / Double(max(gold, 1)))
    }
}
