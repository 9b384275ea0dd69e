import Foundation
import DragomanText

/// Learns word alignments of a parallel corpus: IBM Model 1 then fast_align's diagonal
/// model (Dyer et al. 2013), in both directions, symmetrised. Pure computation on token
/// ids: the caller maps texts to ids and anchors, and stores the model and the links.
public enum WordAligner {
    /// Learns both directions from `sentences` by EM and returns the model and the
    /// symmetrised links of every sentence pair (same order). The links are the model's
    /// own `align` of each pair, so a unit aligned later against the stored model gets
    /// links made the same way.
    ///
    /// Word ids must be in `0 ..< sourceVocabularySize` (source, and priors' sources) and
    /// `0 ..< targetVocabularySize` (target); anything else is a programming error and stops
    /// the process. `progress(done, total)` is called from time to time from any thread:
    /// `done` counts sentence-iterations (the mean of the two directions' counts; the Viterbi
    /// pass counts once), `total = sentences.count × options.totalIterations`.
    public static func learn(_ sentences: [AlignmentSentence], sourceVocabularySize: Int, targetVocabularySize: Int,
                             priors: [WordPrior] = [], options: WordAlignmentOptions = WordAlignmentOptions(),
                             progress: (@Sendable (Int, Int) -> Void)? = nil) -> (model: WordAlignmentModel, links: [[WordLink]]) {
        for s in sentences {
            for e in s.source { precondition(e >= 0 && Int(e) < sourceVocabularySize, "source word id \(e) out of range") }
            for f in s.target { precondition(f >= 0 && Int(f) < targetVocabularySize, "target word id \(f) out of range") }
        }
        for p in priors {
            precondition(p.source >= 0 && Int(p.source) < sourceVocabularySize && p.target >= 0
                         && Int(p.target) < targetVocabularySize, "prior \(p.source)-\(p.target) out of range")
        }
        let iterations = max(options.totalIterations, 1)
        let tally = ProgressTally(total: sentences.count * iterations, report: progress)
        let model = train(sentences, sourceVocabularySize: sourceVocabularySize,
                          targetVocabularySize: targetVocabularySize, priors: priors, options: options, tally: tally)
        // The Viterbi pass (the last iteration), on the stored model, in chunks for progress.
        var links: [[WordLink]] = []
        links.reserveCapacity(sentences.count)
        let chunk = 8192
        var start = 0
        while options.linksAtTheEnd, start < sentences.count {
            let end = min(start + chunk, sentences.count)
            links += ParallelMap.map(end - start, workers: max(1, options.threads)) { k in
                model.align(sentences[start + k])
            }
            tally.add(end - start, directions: [0, 1])
            start = end
        }
        return (model, links)
    }

    /// EM in both directions, then the pruned model. The co-occurrence table and the EM
    /// arrays are freed on return.
    static func train(_ sentences: [AlignmentSentence], sourceVocabularySize: Int, targetVocabularySize: Int,
                      priors: [WordPrior], options: WordAlignmentOptions, tally: ProgressTally) -> WordAlignmentModel {
        let usable = priors.filter { $0.weight > 0 && $0.weight.isFinite }
        let table = CooccurrenceTable(sentences: sentences, sourceVocabularySize: sourceVocabularySize,
                                      targetVocabularySize: targetVocabularySize,
                                      extraPairs: usable.map { ($0.source, $0.target) }, threads: options.threads)
        let trainers = [false, true].map {
            DirectionalTrainer(table: table, reverse: $0, sentences: sentences, priors: usable,
                               initialTension: options.initialTension)
        }
        _ = ParallelMap.map(2, workers: options.threads >= 2 ? 2 : 1, minimumCount: 2) { d in
            trainers[d].train(sentences, options: options) { tally.add($0, directions: [d]) }
        }
        let (forward, reverse) = storedRows(table: table, forward: trainers[0], reverse: trainers[1], options: options)
        let diagonal = !options.model1Only && max(options.totalIterations, 1) - 1 >= options.model1Iterations
        return WordAlignmentModel(forward: forward, reverse: reverse, forwardTension: trainers[0].tension,
                                  reverseTension: trainers[1].tension, nullProbability: options.nullProbability,
                                  usesDiagonal: diagonal, symmetrisation: options.symmetrisation)
    }

    /// The rows the model keeps: per word, translations at or above `pruneBelow`, at most
    /// `maximumEntriesPerWord` of them (the NULL rows without that cap).
    static func storedRows(table: CooccurrenceTable, forward: DirectionalTrainer, reverse: DirectionalTrainer,
                           options: WordAlignmentOptions) -> (forward: [WordAlignmentModel.Row], reverse: [WordAlignmentModel.Row]) {
        let threshold = options.pruneBelow
        let cap = max(options.maximumEntriesPerWord, 0)
        func kept(_ candidates: inout [(word: Int32, probability: Float)], cap: Int) -> [(word: Int32, probability: Float)] {
            candidates.sort { $0.probability != $1.probability ? $0.probability > $1.probability : $0.word < $1.word }
            return Array(candidates.prefix(cap))
        }
        var candidates: [(word: Int32, probability: Float)] = []
        // Forward: rows are the table's rows.
        var forwardRows: [WordAlignmentModel.Row] = []
        candidates = (0..<table.targetVocabularySize).compactMap { f in
            let p = forward.nullProbability[f]
            return p >= threshold && p > 0 ? (Int32(f), p) : nil
        }
        if !candidates.isEmpty { forwardRows.append((WordAlignmentModel.nullWord, kept(&candidates, cap: Int.max))) }
        for e in 0..<table.sourceVocabularySize {
            candidates.removeAll(keepingCapacity: true)
            for slot in table.rowStart[e]..<table.rowStart[e + 1] where table.keys[slot] >= 0 {
                let p = forward.cells[slot].probability
                if p >= threshold && p > 0 { candidates.append((table.keys[slot], p)) }
            }
            if !candidates.isEmpty { forwardRows.append((Int32(e), kept(&candidates, cap: cap))) }
        }
        // Reverse: the rows are the table's columns; bucket the kept slots by target id.
        var start = [Int](repeating: 0, count: table.targetVocabularySize + 1)
        for slot in 0..<table.slotCount where table.keys[slot] >= 0 {
            let p = reverse.cells[slot].probability
            if p >= threshold && p > 0 { start[Int(table.keys[slot]) + 1] += 1 }
        }
        for f in 0..<table.targetVocabularySize { start[f + 1] += start[f] }
        var bucket = [(word: Int32, probability: Float)](repeating: (0, 0), count: start[table.targetVocabularySize])
        var next = start
        for e in 0..<table.sourceVocabularySize {
            for slot in table.rowStart[e]..<table.rowStart[e + 1] where table.keys[slot] >= 0 {
                let p = reverse.cells[slot].probability
                if p >= threshold && p > 0 {
                    let f = Int(table.keys[slot])
                    bucket[next[f]] = (Int32(e), p)
                    next[f] += 1
                }
            }
        }
        var reverseRows: [WordAlignmentModel.Row] = []
        candidates = (0..<table.sourceVocabularySize).compactMap { e in
            let p = reverse.nullProbability[e]
            return p >= threshold && p > 0 ? (Int32(e), p) : nil
        }
        if !candidates.isEmpty { reverseRows.append((WordAlignmentModel.nullWord, kept(&candidates, cap: Int.max))) }
        for f in 0..<table.targetVocabularySize where start[f + 1] > start[f] {
            candidates = Array(bucket[start[f]..<start[f + 1]])
            reverseRows.append((Int32(f), kept(&candidates, cap: cap)))
        }
        return (forwardRows, reverseRows)
    }
}

/// Sums the progress of the two directions (and the Viterbi pass) for the caller's
/// callback; called every few thousand sentences, so a lock costs nothing.
final class ProgressTally: @unchecked Sendable {
    private let lock = NSLock()
    private var done = [0, 0]
    private let total: Int
    private let report: (@Sendable (Int, Int) -> Void)?

    init(total: Int, report: (@Sendable (Int, Int) -> Void)?) {
        self.total = total
        self.report = report
    }

    func add(_ count: Int, directions: [Int]) {
        guard let report else { return }
        lock.lock()
        for d in directions { done[d] += count }
        let both = (done[0] + done[1]) / 2
        lock.unlock()
        report(min(both, total), total)
    }
}
