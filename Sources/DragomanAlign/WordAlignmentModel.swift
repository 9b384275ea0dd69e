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
    var forwardRows: TranslationRows
    var reverseRows: TranslationRows
    /// Per source word: its forward row and its reverse NULL probability.
    var sourceSlots: WordSlots
    /// Per target word: its reverse row and its forward NULL probability.
    var targetSlots: WordSlots

    /// A model from stored rows (all of them, or only those of the words to align: the
    /// rows of a unit's source words and target words, and the NULL rows, in which only the
    /// unit's words matter). A word given twice gets the union of its rows; a translation
    /// given twice in a word keeps its last probability.
    public init(forward: [Row], reverse: [Row], forwardTension: Double, reverseTension: Double,
                nullProbability: Double, usesDiagonal: Bool = true,
                symmetrisation: Symmetrisation = .growDiagFinalAnd) {
        self.forwardTension = forwardTension
        self.reverseTension = reverseTension
        self.nullProbability = nullProbability
        self.usesDiagonal = usesDiagonal
        self.symmetrisation = symmetrisation
        forwardRows = TranslationRows(forward)
        reverseRows = TranslationRows(reverse)
        sourceSlots = WordSlots(rows: forwardRows, nullsOf: reverseRows)
        targetSlots = WordSlots(rows: reverseRows, nullsOf: forwardRows)
    }

    /// The stored rows of one direction, by word id (the NULL row, −1, first); translations
    /// by falling probability, then id.
    public func entries(direction: Direction) -> [Row] {
        let rows = direction == .forward ? forwardRows : reverseRows
        return (0..<rows.rowCount).map { r in
            // The last entry of a translation given twice is the one that counts.
            var translations: [(word: Int32, probability: Float)] = []
            var seen = Set<Int32>()
            for k in (rows.start[r]..<rows.start[r + 1]).reversed() where seen.insert(rows.targets[k]).inserted {
                translations.append((rows.targets[k], rows.probabilities[k]))
            }
            translations.sort { $0.probability != $1.probability ? $0.probability > $1.probability : $0.word < $1.word }
            return (rows.words[r], translations)
        }
    }

    /// The stored p(translation | word) of a direction (word −1: NULL), nil when the model
    /// does not hold the pair.
    public func probability(_ direction: Direction, of translation: Int32, given word: Int32) -> Float? {
        let rows = direction == .forward ? forwardRows : reverseRows
        // p(translation | NULL) is kept with the translation's slot on the other side.
        let p: Float
        if word == Self.nullWord {
            p = (direction == .forward ? targetSlots : sourceSlots).slot(of: translation).null
        } else {
            let slot = (direction == .forward ? sourceSlots : targetSlots).slot(of: word)
            p = (Int(slot.start)..<Int(slot.end)).last { rows.targets[$0] == translation }.map { rows.probabilities[$0] } ?? 0
        }
        return p > 0 ? p : nil
    }

    /// The number of stored entries, both directions, NULL rows included.
    public var entryCount: Int { forwardRows.entryCount + reverseRows.entryCount }

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

    /// Cells of the per-sentence probability matrices: a longer pair is aligned in tiles of
    /// target columns, so memory stays bounded (2 MB) whatever the length.
    static let tileCells = 1 << 18

    /// Sorted, unique packed points (source << 32 | target) of both directions.
    ///
    /// Per tile of target columns: both probability matrices start at the floor; the
    /// forward row of each source word is matched against the tile's target words, the
    /// reverse row of each target word against the source words (two small bucket lookups
    /// built for the sentence); then per column one sweep takes
    /// the forward argmax and another updates the reverse argmax of every source word, with
    /// the diagonal weights from a geometric walk. The NULL comparisons come last, with Z in
    /// closed form, so there is no division per pair.
    func directionalPoints(_ sentence: AlignmentSentence, tileCells: Int = tileCells) -> (forward: [UInt64], reverse: [UInt64]) {
        let n = sentence.source.count, m = sentence.target.count
        guard n > 0, m > 0 else { return ([], []) }
        let floor = Self.floorProbability
        let p0 = min(max(nullProbability, 0), 1)
        let range = DiagonalPrior.tensionRange
        let λf = min(max(forwardTension, range.lowerBound), range.upperBound)
        let λr = min(max(reverseTension, range.lowerBound), range.upperBound)
        var walkF = DiagonalPrior.Walk(given: n, predicted: m, tension: λf)
        var walkR = DiagonalPrior.Walk(given: n, predicted: m, tension: λr)
        let diagonal = usesDiagonal
        let width = n * m <= tileCells ? m : max(1, tileCells / n)
        let sourceMask = Self.bucketMask(for: n), targetMask = Self.bucketMask(for: width)
        let doubles = (n + 1) + (m + 1)
        let floats = 3 * n + 4 * n + 2 * n * width + n + m
        let ints = n + m + 2 * n + 2 * m + (sourceMask + 1) + n + (targetMask + 1) + width
        let raw = UnsafeMutableRawPointer.allocate(byteCount: doubles * 8 + (floats + ints) * 4, alignment: 16)
        defer { raw.deallocate() }
        // Z's powers (Double): ratio^k over source positions (forward) and target positions (reverse).
        let zPowersF = raw.bindMemory(to: Double.self, capacity: doubles), zPowersR = zPowersF + n + 1
        let weightF = (raw + doubles * 8).bindMemory(to: Float.self, capacity: floats)
        let weightR = weightF + n, bestR = weightR + n, rampF = bestR + n, rampR = rampF + 2 * n
        let tf = rampR + 2 * n, tr = tf + n * width, nullR = tr + n * width, nullF = nullR + n
        let argR = (raw + doubles * 8 + floats * 4).bindMemory(to: Int32.self, capacity: ints)
        let argF = argR + n, forwardFrom = argF + m, forwardTo = forwardFrom + n
        let reverseFrom = forwardTo + n, reverseTo = reverseFrom + m
        let sourceBuckets = reverseTo + m, sourceNext = sourceBuckets + sourceMask + 1
        let targetBuckets = sourceNext + n, targetNext = targetBuckets + targetMask + 1

        var forward: [UInt64] = [], reverse: [UInt64] = []
        forward.reserveCapacity(m)
        reverse.reserveCapacity(n)
        if diagonal {
            DiagonalPrior.fillRamp(ratio: walkF.ratio, count: n, into: rampF)
            DiagonalPrior.fillPowers(ratio: walkF.ratio, upTo: n, into: zPowersF)
            DiagonalPrior.fillRamp(ratio: walkR.ratio, count: n, into: rampR)
        } else {
            for i in 0..<n { weightF[i] = 1; weightR[i] = 1 }
        }
        for i in 0..<n { bestR[i] = 0; argR[i] = -1 }
        sentence.source.withUnsafeBufferPointer { source in
            sentence.target.withUnsafeBufferPointer { target in
                forwardRows.withBuffers { forwardTargets, forwardProbabilities in
                    reverseRows.withBuffers { reverseTargets, reverseProbabilities in
                        // Row ranges and NULL probabilities, one probe per word; the source words'
                        // positions by id.
                        for i in 0..<n {
                            let slot = sourceSlots.slot(of: source[i])
                            forwardFrom[i] = slot.start
                            forwardTo[i] = slot.end
                            nullR[i] = max(slot.null, floor)
                        }
                        for j in 0..<m {
                            let slot = targetSlots.slot(of: target[j])
                            reverseFrom[j] = slot.start
                            reverseTo[j] = slot.end
                            nullF[j] = max(slot.null, floor)
                        }
                        Self.buildLookup(source.baseAddress!, count: n, buckets: sourceBuckets, mask: sourceMask, next: sourceNext)
                        var j0 = 0
                        while j0 < m {
                            let j1 = min(j0 + width, m), w = j1 - j0
                            (tf).update(repeating: floor, count: n * w)
                            (tr).update(repeating: floor, count: n * w)
                            Self.buildLookup(target.baseAddress! + j0, count: w, buckets: targetBuckets, mask: targetMask,
                                             next: targetNext)
                            for i in 0..<n {
                                Self.matches(ids: forwardTargets.baseAddress!, from: Int(forwardFrom[i]), to: Int(forwardTo[i]),
                                             words: target.baseAddress! + j0, buckets: targetBuckets, mask: targetMask,
                                             next: targetNext) { k, j in
                                    tf[j * n + i] = max(forwardProbabilities[k], floor)
                                }
                            }
                            for j in j0..<j1 {
                                let column = tr + (j - j0) * n
                                Self.matches(ids: reverseTargets.baseAddress!, from: Int(reverseFrom[j]), to: Int(reverseTo[j]),
                                             words: source.baseAddress!, buckets: sourceBuckets, mask: sourceMask,
                                             next: sourceNext) { k, i in
                                    column[i] = max(reverseProbabilities[k], floor)
                                }
                            }
                            for j in j0..<j1 {
                                var zF = 1.0
                                if diagonal {
                                    let v = walkF.next()
                                    zF = DiagonalPrior.z(floor: v.floor, given: n, before: v.before, after: v.after,
                                                         ratio: walkF.ratio, powers: zPowersF)
                                    DiagonalPrior.fill(floor: v.floor, given: n, before: v.before, after: v.after, scale: 1,
                                                       ramp: rampF, into: weightF)
                                    let u = walkR.next()
                                    DiagonalPrior.fill(floor: u.floor, given: n, before: u.before, after: u.after, scale: 1,
                                                       ramp: rampR, into: weightR)
                                }
                                let columnF = tf + (j - j0) * n, columnR = tr + (j - j0) * n
                                // Forward: this column's best source word.
                                let (best, arg) = Self.firstMaximum(scores: columnF, weights: weightF, count: n)
                                let null = nullF[j]
                                let linked = diagonal ? best * Float((1 - p0) / zF) > null * Float(p0) : best > null
                                argF[j] = linked ? Int32(truncatingIfNeeded: arg) : -1
                                // Reverse: every source word's best target word so far.
                                Self.updateBest(scores: columnR, weights: weightR, best: bestR, argument: argR, count: n,
                                                candidate: Int32(truncatingIfNeeded: j))
                            }
                            j0 = j1
                        }
                        // The reverse NULL decisions need Z per source word: the same closed form, with
                        // the roles of the sides swapped.
                        var walk = DiagonalPrior.Walk(given: m, predicted: n, tension: λr)
                        if diagonal { DiagonalPrior.fillPowers(ratio: walk.ratio, upTo: m, into: zPowersR) }
                        for i in 0..<n {
                            var zR = 1.0
                            if diagonal {
                                let u = walk.next()
                                zR = DiagonalPrior.z(floor: u.floor, given: m, before: u.before, after: u.after,
                                                     ratio: walk.ratio, powers: zPowersR)
                            }
                            let null = nullR[i]
                            let linked = diagonal ? bestR[i] * Float((1 - p0) / zR) > null * Float(p0) : bestR[i] > null
                            if !linked { argR[i] = -1 }
                        }
                    }
                }
            }
        }
        if sentence.anchors.isEmpty {
            for j in 0..<m where argF[j] >= 0 { forward.append(WordSymmetrisation.pack(Int(argF[j]), j)) }
            for i in 0..<n where argR[i] >= 0 { reverse.append(WordSymmetrisation.pack(i, Int(argR[i]))) }
            forward.sort()
            return (forward, reverse)
        }
        // An anchored word links to its anchored partners, in its direction.
        let anchors = sentence.anchors.filter { $0.source >= 0 && $0.source < n && $0.target >= 0 && $0.target < m }
        for a in anchors { argF[a.target] = -2; argR[a.source] = -2 }
        for j in 0..<m where argF[j] >= 0 { forward.append(WordSymmetrisation.pack(Int(argF[j]), j)) }
        for i in 0..<n where argR[i] >= 0 { reverse.append(WordSymmetrisation.pack(i, Int(argR[i]))) }
        for a in anchors {
            forward.append(WordSymmetrisation.pack(a.source, a.target))
            reverse.append(WordSymmetrisation.pack(a.source, a.target))
        }
        forward.sort()
        reverse.sort()
        return (WordSymmetrisation.unique(forward), WordSymmetrisation.unique(reverse))
    }

    /// The largest `scores[i] · weights[i]` and its first index (−1 and 0 when none is
    /// positive), four lanes at a time.
    @inline(__always)
    static func firstMaximum(scores: UnsafeMutablePointer<Float>, weights: UnsafeMutablePointer<Float>,
                             count n: Int) -> (best: Float, index: Int) {
        var bestLanes = SIMD4<Float>(repeating: 0), indexLanes = SIMD4<Int32>(repeating: -1)
        var lanes = SIMD4<Int32>(0, 1, 2, 3)
        var i = 0
        while i + 4 <= n {
            let score = UnsafeRawPointer(scores + i).loadUnaligned(as: SIMD4<Float>.self)
                * UnsafeRawPointer(weights + i).loadUnaligned(as: SIMD4<Float>.self)
            let better = score .> bestLanes
            bestLanes.replace(with: score, where: better)
            indexLanes.replace(with: lanes, where: better)
            lanes &+= 4
            i += 4
        }
        // Each lane kept its first maximum; across lanes the smallest index of the maximum.
        var best = max(max(bestLanes[0], bestLanes[1]), max(bestLanes[2], bestLanes[3])), index = -1
        if best > 0 {
            for lane in 0..<4 where bestLanes[lane] == best && indexLanes[lane] >= 0 {
                if index < 0 || Int(indexLanes[lane]) < index { index = Int(indexLanes[lane]) }
            }
        }
        while i < n {
            let score = scores[i] * weights[i]
            if score > best {
                best = score
                index = i
            }
            i += 1
        }
        return (best, index)
    }

    /// `best[i] = max(best[i], scores[i] · weights[i])`, with `argument[i] = candidate` where
    /// the new score is strictly greater (the first maximum wins, as in fast_align), four
    /// lanes at a time: branch-free, since which lanes change is unpredictable.
    @inline(__always)
    static func updateBest(scores: UnsafeMutablePointer<Float>, weights: UnsafeMutablePointer<Float>,
                           best: UnsafeMutablePointer<Float>, argument: UnsafeMutablePointer<Int32>, count n: Int,
                           candidate: Int32) {
        let lanes = SIMD4<Int32>(repeating: candidate)
        var i = 0
        while i + 4 <= n {
            let score = UnsafeRawPointer(scores + i).loadUnaligned(as: SIMD4<Float>.self)
                * UnsafeRawPointer(weights + i).loadUnaligned(as: SIMD4<Float>.self)
            let old = UnsafeRawPointer(best + i).loadUnaligned(as: SIMD4<Float>.self)
            let better = score .> old
            UnsafeMutableRawPointer(best + i).storeBytes(of: old.replacing(with: score, where: better), as: SIMD4<Float>.self)
            let arguments = UnsafeRawPointer(argument + i).loadUnaligned(as: SIMD4<Int32>.self)
            UnsafeMutableRawPointer(argument + i).storeBytes(of: arguments.replacing(with: lanes, where: better),
                                                             as: SIMD4<Int32>.self)
            i += 4
        }
        while i < n {
            let score = scores[i] * weights[i]
            if score > best[i] {
                best[i] = score
                argument[i] = candidate
            }
            i += 1
        }
    }

    /// Buckets of a sentence's word lookup, less one: a power of two about 8 per word (256
    /// for 30 words, at most 4,096), so a row entry mostly finds its bucket empty with one
    /// load, and clearing the buckets stays cheap.
    static func bucketMask(for count: Int) -> Int {
        var buckets = 64
        while buckets < 8 * count && buckets < 4096 { buckets <<= 1 }
        return buckets - 1
    }

    /// Positions of `words[0..<count]` chained per bucket (`buckets[id & mask]` is the first
    /// position, `next` the later ones, −1 ends a chain); negative ids are left out.
    @inline(__always)
    static func buildLookup(_ words: UnsafePointer<Int32>, count: Int, buckets table: UnsafeMutablePointer<Int32>,
                            mask: Int, next: UnsafeMutablePointer<Int32>) {
        table.update(repeating: -1, count: mask + 1)
        var k = count - 1
        while k >= 0 {
            let word = words[k]
            next[k] = -1
            if word >= 0 {
                let b = Int(word) & mask
                next[k] = table[b]
                table[b] = Int32(truncatingIfNeeded: k)
            }
            k -= 1
        }
    }

    /// Calls `body(k, position)` for each entry `k` of `ids[from..<to]` and each position
    /// where that id occurs in `words` (the words of the lookup).
    @inline(__always)
    static func matches(ids: UnsafePointer<Int32>, from: Int, to: Int, words: UnsafePointer<Int32>,
                        buckets table: UnsafeMutablePointer<Int32>, mask: Int, next: UnsafeMutablePointer<Int32>,
                        _ body: (Int, Int) -> Void) {
        var k = from
        while k < to {
            let id = ids[k]
            var position = Int(table[Int(id) & mask])
            while position >= 0 {
                if words[position] == id { body(k, position) }
                position = Int(next[position])
            }
            k += 1
        }
    }
}
