import Foundation

/// EM for one direction: p(predicted word | given word), IBM Model 1 iterations, then
/// fast_align's diagonal model. Forward predicts target words from source words; reverse
/// predicts source words from target words. Both read the same `CooccurrenceTable` (a
/// pair's slot is the same in both) and write only their own arrays, so the two directions
/// run on two threads without locks.
///
/// Owns its arrays (freed on deinit) and is used by one thread at a time, hence
/// `@unchecked Sendable`.
final class DirectionalTrainer: @unchecked Sendable {
    let table: CooccurrenceTable
    /// false: p(target | source); true: p(source | target).
    let reverse: Bool
    let predictedVocabularySize: Int
    /// Per slot, t(predicted | given) and its expected count side by side (one cache miss
    /// per pair in the E-step instead of two). t starts uniform (1), so the first E-step is
    /// Model 1's.
    let cells: UnsafeMutablePointer<Cell>
    /// t(predicted | NULL) per predicted word id.
    let nullProbability: UnsafeMutablePointer<Float>
    let nullCount: UnsafeMutablePointer<Float>
    /// The priors' pseudo-counts by slot.
    let priors: [(slot: Int, weight: Float)]
    let lengths: DiagonalPrior.LengthCounts
    let longest: Int
    private(set) var tension: Double

    init(table: CooccurrenceTable, reverse: Bool, sentences: [AlignmentSentence], priors: [WordPrior],
         initialTension: Double) {
        self.table = table
        self.reverse = reverse
        predictedVocabularySize = reverse ? table.sourceVocabularySize : table.targetVocabularySize
        cells = .allocate(capacity: max(table.slotCount, 1))
        cells.initialize(repeating: Cell(probability: 1, count: 0), count: max(table.slotCount, 1))
        nullProbability = .allocate(capacity: max(predictedVocabularySize, 1))
        nullProbability.initialize(repeating: 1, count: max(predictedVocabularySize, 1))
        nullCount = .allocate(capacity: max(predictedVocabularySize, 1))
        nullCount.initialize(repeating: 0, count: max(predictedVocabularySize, 1))
        self.priors = priors.compactMap { p in
            guard p.weight > 0, p.weight.isFinite, let slot = table.find(source: p.source, target: p.target) else { return nil }
            return (slot, p.weight)
        }
        var lengthCounts: [Int: Int] = [:]
        var tokens = 0, longest = 0
        for s in sentences where !s.source.isEmpty && !s.target.isEmpty {
            let m = reverse ? s.source.count : s.target.count, n = reverse ? s.target.count : s.source.count
            lengthCounts[m << 32 | n, default: 0] += 1
            tokens += m
            longest = max(longest, m, n)
        }
        lengths = DiagonalPrior.LengthCounts(
            pairs: lengthCounts.map { (predicted: $0.key >> 32, given: $0.key & 0xFFFF_FFFF, count: $0.value) }
                .sorted { ($0.predicted, $0.given) < ($1.predicted, $1.given) },
            tokens: tokens)
        self.longest = longest
        tension = min(max(initialTension, DiagonalPrior.tensionRange.lowerBound), DiagonalPrior.tensionRange.upperBound)
    }

    deinit {
        cells.deallocate()
        nullProbability.deallocate()
        nullCount.deallocate()
    }

    /// The EM iterations of `options` but the last (the Viterbi pass, run on the stored
    /// model). `progress` gets the number of sentences done since its last call.
    func train(_ sentences: [AlignmentSentence], options: WordAlignmentOptions, progress: (Int) -> Void) {
        let p0 = min(max(options.nullProbability, 0), 1)
        for iteration in 0..<max(options.totalIterations - 1, 0) {
            let diagonal = !options.model1Only && iteration >= options.model1Iterations
            let optimising = diagonal && options.optimiseTension && iteration - options.model1Iterations >= 1
            let feature = expectation(sentences, diagonal: diagonal, p0: p0, measuringFeature: optimising,
                                      progress: progress)
            if optimising {
                tension = DiagonalPrior.optimisedTension(tension, empiricalFeature: feature, lengths: lengths)
            }
            maximisation()
        }
    }

    /// One E-step over the corpus: expected counts into the cells and `nullCount`. Returns
    /// the empirical mean of h (fast_align's "posterior al-feat") when `measuringFeature`.
    func expectation(_ sentences: [AlignmentSentence], diagonal: Bool, p0: Double, measuringFeature: Bool,
                     progress: (Int) -> Void) -> Double {
        let width = longest + 1
        let slots = UnsafeMutablePointer<Int>.allocate(capacity: width)
        let mass = UnsafeMutablePointer<Float>.allocate(capacity: width)
        let prior = UnsafeMutablePointer<Float>.allocate(capacity: width)
        let powers = UnsafeMutablePointer<Double>.allocate(capacity: width + 1)
        let ramp = UnsafeMutablePointer<Float>.allocate(capacity: 2 * width)
        let anchored = UnsafeMutablePointer<Int32>.allocate(capacity: width)
        anchored.initialize(repeating: 0, count: width)
        let partner = UnsafeMutablePointer<Bool>.allocate(capacity: width)
        partner.initialize(repeating: false, count: width)
        defer {
            slots.deallocate(); mass.deallocate(); prior.deallocate(); powers.deallocate(); ramp.deallocate()
            anchored.deallocate(); partner.deallocate()
        }
        let scratch = Scratch(slots: slots, mass: mass, prior: prior, powers: powers, ramp: ramp, anchored: anchored,
                              partner: partner)
        var feature = 0.0
        var pending = 0
        sentences.withUnsafeBufferPointer { corpus in
            for k in corpus.indices {
                let s = corpus[k]
                if !s.source.isEmpty && !s.target.isEmpty {
                    let given = reverse ? s.target : s.source, predicted = reverse ? s.source : s.target
                    given.withUnsafeBufferPointer { g in
                        predicted.withUnsafeBufferPointer { p in
                            feature += expectation(given: g, predicted: p, anchors: s.anchors, diagonal: diagonal, p0: p0,
                                                   measuringFeature: measuringFeature, scratch: scratch)
                        }
                    }
                }
                pending += 1
                if pending == 4096 {
                    progress(pending)
                    pending = 0
                }
            }
        }
        if pending > 0 { progress(pending) }
        return lengths.tokens > 0 ? feature / Double(lengths.tokens) : 0
    }

    struct Cell {
        var probability: Float
        var count: Float
    }

    struct Scratch {
        let slots: UnsafeMutablePointer<Int>
        let mass: UnsafeMutablePointer<Float>
        let prior: UnsafeMutablePointer<Float>
        let powers: UnsafeMutablePointer<Double>
        let ramp: UnsafeMutablePointer<Float>
        /// Per predicted position: how many anchors it has (0 outside anchored sentences).
        let anchored: UnsafeMutablePointer<Int32>
        /// Per given position: a partner of the anchored word being counted.
        let partner: UnsafeMutablePointer<Bool>
    }

    /// The E-step of one sentence pair; returns Σ h·posterior when `measuringFeature`.
    @inline(__always)
    private func expectation(given g: UnsafeBufferPointer<Int32>, predicted p: UnsafeBufferPointer<Int32>,
                             anchors: [WordLink], diagonal: Bool, p0: Double, measuringFeature: Bool,
                             scratch: Scratch) -> Double {
        let n = g.count, m = p.count
        let table = self.table, reverse = self.reverse
        let cells = self.cells
        let prior = scratch.prior, mass = scratch.mass, slots = scratch.slots
        let uniform = Float(1.0 / Double(n + 1))
        let nullPrior = diagonal ? Float(p0) : uniform
        var walk = DiagonalPrior.Walk(given: n, predicted: m, tension: tension)
        if diagonal {
            DiagonalPrior.fillPowers(ratio: walk.ratio, upTo: n, into: scratch.powers)
            DiagonalPrior.fillRamp(ratio: walk.ratio, count: n, into: scratch.ramp)
        } else {
            for i in 0..<n { prior[i] = uniform }
        }
        var anchoredSentence = false
        for a in anchors where a.source >= 0 && a.source < (reverse ? m : n) && a.target >= 0 && a.target < (reverse ? n : m) {
            scratch.anchored[reverse ? a.source : a.target] += 1
            anchoredSentence = true
        }
        var feature = 0.0
        for j in 0..<m {
            let f = p[j]
            if diagonal {
                let w = walk.next()
                let z = DiagonalPrior.z(floor: w.floor, given: n, before: w.before, after: w.after, ratio: walk.ratio,
                                        powers: scratch.powers)
                DiagonalPrior.fill(floor: w.floor, given: n, before: w.before, after: w.after, scale: (1 - p0) / z,
                                   ramp: scratch.ramp, into: prior)
            }
            var nullMass = nullProbability[Int(f)] * nullPrior
            var sum: Float = 0
            if reverse {
                for i in 0..<n {
                    let slot = table.slot(source: f, target: g[i])
                    slots[i] = slot
                    let v = cells[slot].probability * prior[i]
                    mass[i] = v
                    sum += v
                }
            } else {
                for i in 0..<n {
                    let slot = table.slot(source: g[i], target: f)
                    slots[i] = slot
                    let v = cells[slot].probability * prior[i]
                    mass[i] = v
                    sum += v
                }
            }
            if anchoredSentence && scratch.anchored[j] > 0 {
                // All the mass goes to the anchored partners (uniformly if their product underflows).
                for a in anchors {
                    let (predictedIndex, givenIndex) = reverse ? (a.source, a.target) : (a.target, a.source)
                    if predictedIndex == j && givenIndex >= 0 && givenIndex < n { scratch.partner[givenIndex] = true }
                }
                nullMass = 0
                sum = 0
                var partners: Float = 0
                for i in 0..<n {
                    if scratch.partner[i] { sum += mass[i]; partners += 1 } else { mass[i] = 0 }
                }
                if !(sum > 0) || !sum.isFinite {
                    for i in 0..<n { mass[i] = scratch.partner[i] ? 1 : 0 }
                    sum = partners
                }
                for i in 0..<n { scratch.partner[i] = false }
            }
            sum += nullMass
            guard sum > 0, sum.isFinite else { continue }
            let scale = 1 / sum
            nullCount[Int(f)] += nullMass * scale
            for i in 0..<n {
                cells[slots[i]].count += mass[i] * scale
            }
            if measuringFeature {
                let position = Double(j + 1) / Double(m)
                var h: Float = 0
                for i in 0..<n {
                    h -= Float(abs(Double(i + 1) / Double(n) - position)) * mass[i]
                }
                feature += Double(h * scale)
            }
        }
        if anchoredSentence {
            for j in 0..<m { scratch.anchored[j] = 0 }
        }
        return feature
    }

    /// The M-step: add the priors' pseudo-counts, normalise per given word (per NULL for
    /// the NULL row), clear the counts.
    func maximisation() {
        for prior in priors { cells[prior.slot].count += prior.weight }
        if reverse {
            // The given word is the row's key: totals per target id first.
            var totals = [Double](repeating: 0, count: table.targetVocabularySize)
            for slot in 0..<table.slotCount where table.keys[slot] >= 0 {
                totals[Int(table.keys[slot])] += Double(cells[slot].count)
            }
            for slot in 0..<table.slotCount where table.keys[slot] >= 0 {
                let total = totals[Int(table.keys[slot])]
                cells[slot] = Cell(probability: total > 0 ? Float(Double(cells[slot].count) / total) : 0, count: 0)
            }
        } else {
            for e in 0..<table.sourceVocabularySize {
                let lo = table.rowStart[e], hi = table.rowStart[e + 1]
                var total = 0.0
                for slot in lo..<hi { total += Double(cells[slot].count) }
                let scale = total > 0 ? 1 / total : 0
                for slot in lo..<hi {
                    cells[slot] = Cell(probability: Float(Double(cells[slot].count) * scale), count: 0)
                }
            }
        }
        var total = 0.0
        for w in 0..<predictedVocabularySize { total += Double(nullCount[w]) }
        let scale = total > 0 ? 1 / total : 0
        for w in 0..<predictedVocabularySize {
            nullProbability[w] = Float(Double(nullCount[w]) * scale)
            nullCount[w] = 0
        }
    }

    /// t(predicted | given) of a pair in the table.
    func probability(given: Int32, predicted: Int32) -> Float? {
        let slot = reverse ? table.find(source: predicted, target: given) : table.find(source: given, target: predicted)
        return slot.map { cells[$0].probability }
    }
}
