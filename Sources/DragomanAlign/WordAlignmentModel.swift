import Foundation

/// A learnt word-alignment model: both directions' translation tables (forward
/// p(target | source), reverse p(source | target)), their diagonal tensions and p0, and the
/// symmetrisation to apply. Aligning a sentence pair needs only the rows of its words, so
/// the model can be stored as rows per word (`entries`) and rebuilt from all of them or
/// from the few a new unit needs (`init(forward:reverse:…)`); either way it aligns the
/// unit the same.
public struct WordAlignmentModel: Sendable {
    public enum Direction: String, Sendable, Hashable, Codable, CaseIterable {
        /// p(target word | source word): rows per source word.
        case forward
        /// p(source word | target word): rows per target word.
        case reverse
    }

    /// One stored row: a word and its translations with their probabilities.
    public typealias Row = (word: Int32, translations: [(word: Int32, probability: Float)])

    /// The NULL word's id in rows: the row of word −1 holds p(word | NULL) of the direction.
    public static let nullWord: Int32 = -1
    /// What a pair the model does not store counts as (fast_align's table answers a tiny
    /// constant too): an unseen word then still gets the diagonal's link, or an anchor's.
    public static let floorProbability: Float = 1e-7

    /// λ of the forward diagonal prior.
    public var forwardTension: Double
    /// λ of the reverse diagonal prior.
    public var reverseTension: Double
    /// p0, the NULL link's prior.
    public var nullProbability: Double
    /// false: Model 1 (uniform positions), the baseline of `WordAlignmentOptions.model1Only`.
    public var usesDiagonal: Bool
    /// The heuristic `align(_:)` applies.
    public var symmetrisation: Symmetrisation
    var table: PairProbabilityTable

    /// A model from stored rows (all of them, or only those of the words to align: the
    /// rows of a unit's source words and target words, and the NULL rows, in which only the
    /// unit's words matter). A pair given twice keeps its last probability.
    public init(forward: [Row], reverse: [Row], forwardTension: Double, reverseTension: Double,
                nullProbability: Double, usesDiagonal: Bool = true,
                symmetrisation: Symmetrisation = .growDiagFinalAnd) {
        self.forwardTension = forwardTension
        self.reverseTension = reverseTension
        self.nullProbability = nullProbability
        self.usesDiagonal = usesDiagonal
        self.symmetrisation = symmetrisation
        let size = forward.reduce(0) { $0 + $1.translations.count } + reverse.reduce(0) { $0 + $1.translations.count }
        var table = PairProbabilityTable(minimumCapacity: size)
        for row in forward {
            for t in row.translations where t.probability > 0 {
                table.set(source: row.word, target: t.word, forward: t.probability, reverse: nil)
            }
        }
        for row in reverse {
            for t in row.translations where t.probability > 0 {
                table.set(source: t.word, target: row.word, forward: nil, reverse: t.probability)
            }
        }
        self.table = table
    }

    /// The stored rows of one direction, by word id (the NULL row, −1, first); translations
    /// by falling probability, then id.
    public func entries(direction: Direction) -> [Row] {
        var triples: [(word: Int32, translation: Int32, probability: Float)] = []
        triples.reserveCapacity(table.count)
        for entry in table.entries where entry.key != PairProbabilityTable.emptyKey {
            let source = Int32(bitPattern: UInt32(truncatingIfNeeded: entry.key >> 32))
            let target = Int32(bitPattern: UInt32(truncatingIfNeeded: entry.key))
            switch direction {
            case .forward where entry.forward > 0: triples.append((source, target, entry.forward))
            case .reverse where entry.reverse > 0: triples.append((target, source, entry.reverse))
            default: break
            }
        }
        triples.sort { a, b in
            if a.word != b.word { return a.word < b.word }
            if a.probability != b.probability { return a.probability > b.probability }
            return a.translation < b.translation
        }
        var rows: [Row] = []
        var k = 0
        while k < triples.count {
            let word = triples[k].word
            var translations: [(word: Int32, probability: Float)] = []
            while k < triples.count && triples[k].word == word {
                translations.append((triples[k].translation, triples[k].probability))
                k += 1
            }
            rows.append((word, translations))
        }
        return rows
    }

    /// The stored p(translation | word) of a direction (word or translation −1: NULL), nil
    /// when the model does not hold the pair.
    public func probability(_ direction: Direction, of translation: Int32, given word: Int32) -> Float? {
        let value = direction == .forward
            ? table.lookup(source: word, target: translation).forward
            : table.lookup(source: translation, target: word).reverse
        return value > 0 ? value : nil
    }

    /// The number of stored (source, target) pairs, either direction, NULL included.
    public var pairCount: Int { table.count }

    /// Symmetrised links of one sentence pair under the model (fast_align's Viterbi argmax
    /// per word in each direction, then `symmetrisation`), sorted. Unknown pairs count as
    /// `floorProbability`, so a unit with unseen words still gets the diagonal's links and
    /// its anchors. No links when a side is empty.
    public func align(_ sentence: AlignmentSentence) -> [WordLink] {
        align(sentence, symmetrisation: symmetrisation)
    }

    /// As `align(_:)` with another heuristic.
    public func align(_ sentence: AlignmentSentence, symmetrisation heuristic: Symmetrisation) -> [WordLink] {
        let n = sentence.source.count, m = sentence.target.count
        guard n > 0, m > 0 else { return [] }
        let (forward, reverse) = directionalPoints(sentence)
        return WordSymmetrisation.combinePacked(forward: forward, reverse: reverse, sourceCount: n, targetCount: m,
                                          heuristic: heuristic)
            .map { WordLink(source: Int($0 >> 32), target: Int($0 & 0xFFFF_FFFF)) }
    }

    /// The two directional alignments before symmetrisation: forward gives each target word
    /// its best source word (none: NULL), reverse each source word its best target word; an
    /// anchored word gets its anchored partners instead.
    public func directionalLinks(_ sentence: AlignmentSentence) -> (forward: [WordLink], reverse: [WordLink]) {
        let (forward, reverse) = directionalPoints(sentence)
        func links(_ points: [UInt64]) -> [WordLink] {
            points.map { WordLink(source: Int($0 >> 32), target: Int($0 & 0xFFFF_FFFF)) }
        }
        return (links(forward), links(reverse))
    }

    /// Sorted, unique packed points (source << 32 | target) of both directions.
    func directionalPoints(_ sentence: AlignmentSentence) -> (forward: [UInt64], reverse: [UInt64]) {
        let n = sentence.source.count, m = sentence.target.count
        guard n > 0, m > 0 else { return ([], []) }
        let floor = Self.floorProbability
        let p0 = min(max(nullProbability, 0), 1)
        let range = DiagonalPrior.tensionRange
        let λf = min(max(forwardTension, range.lowerBound), range.upperBound)
        let λr = min(max(reverseTension, range.lowerBound), range.upperBound)
        let ratioF = exp(-λf / Double(n)), ratioR = exp(-λr / Double(n))
        let diagonal = usesDiagonal

        var forward: [UInt64] = [], reverse: [UInt64] = []
        forward.reserveCapacity(m)
        reverse.reserveCapacity(n)
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 4 * n) { floats in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: n + m) { ints in
                let weightF = floats.baseAddress!, weightR = weightF + n, bestR = weightR + n, zR = bestR + n
                let argR = ints.baseAddress!, argF = argR + n
                if !diagonal {
                    for i in 0..<n { weightF[i] = 1; weightR[i] = 1 }
                }
                for i in 0..<n { bestR[i] = 0; zR[i] = 0; argR[i] = -1 }
                table.entries.withUnsafeBufferPointer { entries in
                    sentence.source.withUnsafeBufferPointer { source in
                        sentence.target.withUnsafeBufferPointer { target in
                            for j in 0..<m {
                                let f = target[j]
                                if diagonal {
                                    let w = DiagonalPrior.splitWeights(predicted: j + 1, of: m, given: n, tension: λf, ratio: ratioF)
                                    DiagonalPrior.fill(floor: w.floor, given: n, before: w.before, after: w.after,
                                                       ratio: ratioF, scale: 1, into: weightF)
                                    let v = DiagonalPrior.splitWeights(predicted: j + 1, of: m, given: n, tension: λr, ratio: ratioR)
                                    DiagonalPrior.fill(floor: v.floor, given: n, before: v.before, after: v.after,
                                                       ratio: ratioR, scale: 1, into: weightR)
                                }
                                var best: Float = 0, arg: Int32 = -1, zF: Float = 0
                                for i in 0..<n {
                                    let t = table.lookup(source: source[i], target: f, in: entries)
                                    let a = weightF[i], b = weightR[i]
                                    let scoreF = max(t.forward, floor) * a
                                    if scoreF > best { best = scoreF; arg = Int32(i) }
                                    zF += a
                                    let scoreR = max(t.reverse, floor) * b
                                    if scoreR > bestR[i] { bestR[i] = scoreR; argR[i] = Int32(j) }
                                    zR[i] += b
                                }
                                let null = max(table.lookup(source: Self.nullWord, target: f, in: entries).forward, floor)
                                let linked = diagonal ? best * Float((1 - p0) / Double(zF)) > null * Float(p0)
                                                      : best > null
                                argF[j] = linked ? arg : -1
                            }
                            for i in 0..<n {
                                let null = max(table.lookup(source: source[i], target: Self.nullWord, in: entries).reverse, floor)
                                let linked = diagonal ? bestR[i] * Float((1 - p0) / Double(zR[i])) > null * Float(p0)
                                                      : bestR[i] > null
                                if !linked { argR[i] = -1 }
                            }
                        }
                    }
                }
                if sentence.anchors.isEmpty {
                    for j in 0..<m where argF[j] >= 0 { forward.append(WordSymmetrisation.pack(Int(argF[j]), j)) }
                    for i in 0..<n where argR[i] >= 0 { reverse.append(WordSymmetrisation.pack(i, Int(argR[i]))) }
                } else {
                    // An anchored word links to its anchored partners, in its direction.
                    let anchors = sentence.anchors.filter { $0.source >= 0 && $0.source < n && $0.target >= 0 && $0.target < m }
                    for a in anchors { argF[a.target] = -2; argR[a.source] = -2 }
                    for j in 0..<m where argF[j] >= 0 { forward.append(WordSymmetrisation.pack(Int(argF[j]), j)) }
                    for i in 0..<n where argR[i] >= 0 { reverse.append(WordSymmetrisation.pack(i, Int(argR[i]))) }
                    for a in anchors {
                        forward.append(WordSymmetrisation.pack(a.source, a.target))
                        reverse.append(WordSymmetrisation.pack(a.source, a.target))
                    }
                }
            }
        }
        forward.sort()
        reverse.sort()
        if !sentence.anchors.isEmpty {
            forward = WordSymmetrisation.unique(forward)
            reverse = WordSymmetrisation.unique(reverse)
        }
        return (forward, reverse)
    }
}
