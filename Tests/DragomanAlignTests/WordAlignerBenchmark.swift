import Foundation
import DragomanAlign

/// The word aligner's speed and memory on a synthetic news-like bitext (25–35 words a
/// side, a 50,000-word Zipfian source vocabulary, second translations, NULL words, dropped
/// words, jitter). Run by `WordAlignerBenchmarkTests` when DRAGOMAN_BENCH=1, in a release
/// build for meaningful figures:
///
///     DRAGOMAN_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter WordAlignerBenchmark
enum WordAlignerBenchmark {
    static func settings(pairs: Int) -> SyntheticBitext.Settings {
        var s = SyntheticBitext.Settings()
        s.pairs = pairs
        s.sourceVocabulary = 50_000
        s.lengths = 25...35
        s.secondTranslation = 0.3
        s.dropRate = 0.05
        s.insertRate = 0.1
        s.functionWords = 40
        s.swapRate = 0.1
        s.moveRate = 0.3
        s.seed = 2024
        return s
    }

    static func run(pairs: Int, threads: Int = 2, log: (String) -> Void) {
        let clock = ContinuousClock()
        let corpus = SyntheticBitext(settings(pairs: pairs))
        let tokens = corpus.sentences.reduce(0) { $0 + $1.source.count + $1.target.count }
        log("corpus: \(pairs) pairs, \(tokens) tokens, vocabularies \(corpus.sourceVocabularySize) / \(corpus.targetVocabularySize)")
        let baseline = peakResidentBytes()

        final class Marks: @unchecked Sendable {
            let lock = NSLock()
            var times: [Int: ContinuousClock.Instant] = [:]
        }
        let marks = Marks()
        var options = WordAlignmentOptions()
        options.threads = threads
        let iterations = options.totalIterations
        let start = clock.now, startCPU = processCPUSeconds()
        let learnt = WordAligner.learn(corpus.sentences, sourceVocabularySize: corpus.sourceVocabularySize,
                                       targetVocabularySize: corpus.targetVocabularySize, options: options) { done, _ in
            let now = ContinuousClock.now
            marks.lock.lock()
            if marks.times[-1] == nil { marks.times[-1] = now }  // first report: the table is built
            for k in 1...iterations where done >= pairs * k && marks.times[k] == nil { marks.times[k] = now }
            marks.lock.unlock()
        }
        let total = clock.now - start
        let totalCPU = processCPUSeconds() - startCPU
        let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
        log(String(format: "learn: %.2f s in all, %.0f pairs/s per iteration over the %d iterations (table build and Viterbi pass included)",
                   seconds(total), Double(pairs * iterations) / seconds(total), iterations))
        log(String(format: "  CPU %.2f s over all threads (%.0f %% of two cores' wall time): with two free cores about %.0f pairs/s per iteration",
                   totalCPU, totalCPU / (2 * seconds(total)) * 100, Double(pairs * iterations) / (totalCPU / 2)))
        var previous = start
        for k in 1...iterations {
            guard let t = marks.times[k] else { continue }
            let what = k == iterations ? "Viterbi pass" : (k <= options.model1Iterations ? "Model 1" : "diagonal")
            log(String(format: "  iteration %d (%@): %.2f s, %.0f pairs/s%@", k, what, seconds(t - previous),
                       Double(pairs) / seconds(t - previous), k == 1 ? " (includes the co-occurrence table)" : ""))
            previous = t
        }
        let (precision, recall) = corpus.score(learnt.links)
        log(String(format: "links: precision %.3f, recall %.3f; λ forward %.2f, reverse %.2f; stored entries %d",
                   precision, recall, learnt.model.forwardTension, learnt.model.reverseTension, learnt.model.entryCount))
        log(String(format: "peak resident memory: %.0f MB (%.0f MB before learning)",
                   Double(peakResidentBytes()) / 1e6, Double(baseline) / 1e6))

        // align, one thread, every pair of the corpus.
        let sample = corpus.sentences
        let alignStart = clock.now, alignCPU = threadCPUSeconds()
        var linkCount = 0
        for s in sample { linkCount += learnt.model.align(s).count }
        let perPair = seconds(clock.now - alignStart) / Double(sample.count) * 1e6
        let perPairCPU = (threadCPUSeconds() - alignCPU) / Double(sample.count) * 1e6
        log(String(format: "align: %.2f µs per pair wall, %.2f µs CPU (one thread, %d pairs, %.1f links per pair)", perPair,
                   perPairCPU, sample.count, Double(linkCount) / Double(sample.count)))
        // A subset model: the rows of one unit's words, as the application would load them.
        let forward = learnt.model.entries(direction: .forward), reverse = learnt.model.entries(direction: .reverse)
        let forwardRows = Dictionary(forward.map { ($0.word, $0) }, uniquingKeysWith: { a, _ in a })
        let reverseRows = Dictionary(reverse.map { ($0.word, $0) }, uniquingKeysWith: { a, _ in a })
        // A subset model per unit: the rows of its words, and the NULL rows cut down to its
        // words, as the application would load them from storage.
        let probes = Array(sample.prefix(2000))
        let subsets = probes.map { s -> (forward: [WordAlignmentModel.Row], reverse: [WordAlignmentModel.Row]) in
            let sourceWords = Set(s.source), targetWords = Set(s.target)
            let f = sourceWords.compactMap { forwardRows[$0] }
                + [(WordAlignmentModel.nullWord, (forwardRows[-1]?.translations ?? []).filter { targetWords.contains($0.word) })]
            let r = targetWords.compactMap { reverseRows[$0] }
                + [(WordAlignmentModel.nullWord, (reverseRows[-1]?.translations ?? []).filter { sourceWords.contains($0.word) })]
            return (f, r)
        }
        let rebuildStart = clock.now, rebuildCPU = threadCPUSeconds()
        var agree = 0
        for (k, rows) in subsets.enumerated() {
            let model = WordAlignmentModel(forward: rows.forward, reverse: rows.reverse,
                                           forwardTension: learnt.model.forwardTension,
                                           reverseTension: learnt.model.reverseTension,
                                           nullProbability: learnt.model.nullProbability)
            if model.align(probes[k]) == learnt.links[k] { agree += 1 }
        }
        log(String(format: "model from one unit's rows, then align: %.1f µs per unit wall, %.1f µs CPU; %d/%d as in learn",
                   seconds(clock.now - rebuildStart) / Double(probes.count) * 1e6,
                   (threadCPUSeconds() - rebuildCPU) / Double(probes.count) * 1e6, agree, probes.count))
        // A 5,000-token pair.
        var long = SyntheticBitext.Settings()
        long.pairs = 1
        long.lengths = 5000...5000
        let longPair = SyntheticBitext(long).sentences[0]
        let longStart = clock.now
        _ = learnt.model.align(longPair)
        log(String(format: "align 5,000 × 5,000 tokens: %.1f ms", seconds(clock.now - longStart) * 1e3))
    }

    /// CPU time of the calling thread: what a figure is worth when other processes share
    /// the cores.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// CPU time of the whole process (all threads).
    static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// VmHWM of this process (Linux), 0 elsewhere.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }
}
