import ArgumentParser
import DragomanAlign
import DragomanApp
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// `dragoman-eval subsegment DATA`: the speed of sub-sentence leverage at scale, on the
/// database of `dragoman-eval pretranslate` (the 1M-unit benchmark TM and the dictionary
/// glossary, built once): learning (time per phase, units per second per EM iteration,
/// peak memory), the database's growth, `tm fragments` latency, the cost of aligning on
/// arrival to an import, and a 4 MB unit. Then run `dragoman-eval pretranslate` for the
/// whole-process figures with fragments and drafts.
struct SubsegmentBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subsegment",
        abstract: "Benchmark word-alignment learning, fragment recall and alignment on arrival on the 1M-unit TM (release build).")

    @Argument(help: "The data folder (../shared/data).") var data: String
    @Option(help: "TM units in the benchmark database.") var units = 1_000_000
    @Option(help: "Where the benchmark database is kept (shared with `dragoman-eval pretranslate`).")
    var work = NSTemporaryDirectory() + "dragoman-bench"
    @Option(help: "Fragment queries.") var queries = 1_000
    @Option(help: "Units imported to time alignment on arrival (twice a round: without, then with).") var arrivals = 50_000
    @Option(help: "Rounds of the two imports, alternated: the share is their median (one run varies by ±10% on this machine).")
    var rounds = 3
    @Flag(help: "Learn again even when the database was learnt.") var relearn = false
    @Flag(help: "Only time alignment on arrival (no fragment queries, no 4 MB unit).") var arrivalOnly = false

    func run() throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let db = (work as NSString).appendingPathComponent("pretranslate-\(units).sqlite")
        if !FileManager.default.fileExists(atPath: db) {
            try PretranslateBench.parse([data, "--units", String(units), "--work", work]).build(db)
        }
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB")
        var workspace = try Workspace.open(DatabaseLocation(path: db, isExplicit: true), ifMissing: .refuse)
        let state = try workspace.alignmentState()
        print("database: \(db), \(state.totalUnits) units")
        if state.learned == nil || relearn {
            try workspace.database.checkpoint()
            let before = Self.size(db)
            let report = try TMLearning(tm: workspace.tm, glossary: workspace.glossary).learn()
            try workspace.database.checkpoint()
            let after = Self.size(db)
            print(String(format: "learning: %d units in %.1f s (reading and tokenising %.1f s, EM %d iterations and links %.1f s, storing %.1f s)",
                         report.units, report.seconds, report.readSeconds, report.iterations, report.learnSeconds, report.storeSeconds))
            print(String(format: "learning rate: %.0f units/s per iteration (EM and links over iterations); %d words, %d links, %d glossary word pairs",
                         Double(report.units) * Double(report.iterations) / report.learnSeconds, report.words, report.links, report.priors))
            print(String(format: "peak memory of this process: %.0f MB", Self.peakMegabytes()))
            print(String(format: "database: %.1f MB before, %.1f MB after = +%.1f%%", before / 1e6, after / 1e6, 100 * (after - before) / before))
        } else {
            print("learnt before (\(state.unitsAtLearning) units, \(String(format: "%.1f", state.seconds)) s); --relearn to learn again")
        }

        let corpus = try BenchCorpus.load(dataDirectory: data)
        if arrivalOnly {
            let (copy, _) = try Self.copy(db, workspace: &workspace, work: work)
            try timeArrival(copy, workspace: workspace, corpus: corpus)
            return
        }
        // Fragment queries: held-out real sentences (the TM does not hold them).
        let texts = (0..<queries).map { corpus.heldOut[$0 % corpus.heldOut.count].arabic }
        let recall = FragmentRecall(tm: workspace.tm, glossary: workspace.glossary)
        for q in texts.prefix(50) { _ = try recall.fragments(of: q, side: .arabic) }
        var latencies: [Double] = []
        var found = 0
        for q in texts {
            let t0 = DispatchTime.now().uptimeNanoseconds
            found += try recall.fragments(of: q, side: .arabic).count
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        latencies.sort()
        func pct(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(String(format: "tm fragments: %d queries, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms; %.2f fragments a query",
                     texts.count, pct(0.5), pct(0.9), pct(0.99), latencies.last ?? 0, Double(found) / Double(texts.count)))

        // A 4 MB unit: aligned on arrival and searched, in bounded time.
        let longArabic = String(repeating: corpus.pairs[0].arabic + " ", count: 4_000_000 / max(1, corpus.pairs[0].arabic.utf8.count + 1))
        let longEnglish = String(repeating: corpus.pairs[0].english + " ", count: 4_000_000 / max(1, corpus.pairs[0].english.utf8.count + 1))
        let (copy, loadSeconds) = try Self.copy(db, workspace: &workspace, work: work)
        var t0 = Date()
        _ = try workspace.tm.add(TranslationUnit(arabic: longArabic, english: longEnglish))
        let longAdd = Date().timeIntervalSince(t0)
        t0 = Date()
        let longFragments = try FragmentRecall(tm: workspace.tm, glossary: workspace.glossary).fragments(of: longArabic, side: .arabic).count
        let longSearch = Date().timeIntervalSince(t0)
        print(String(format: "a 4 MB unit (%.1f MB Arabic, %.1f MB English): added and aligned in %.1f s; its fragments searched in %.2f s (%d); peak memory so far %.0f MB",
                     Double(longArabic.utf8.count) / 1e6, Double(longEnglish.utf8.count) / 1e6, longAdd, longSearch, longFragments,
                     Self.peakMegabytes()))

        print(String(format: "loading the whole model for an import: %.2f s", loadSeconds))
        try timeArrival(copy, workspace: workspace, corpus: corpus)
    }

    /// A copy of the benchmark database to add units to, opened and aligning on arrival
    /// (the time the model took to load).
    static func copy(_ db: String, workspace: inout Workspace, work: String) throws -> (path: String, loadSeconds: Double) {
        let copy = (work as NSString).appendingPathComponent("arrival.sqlite")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
        try workspace.database.checkpoint()
        try FileManager.default.copyItem(atPath: db, toPath: copy)
        workspace = try Workspace.open(DatabaseLocation(path: copy, isExplicit: true), ifMissing: .refuse)
        let t0 = Date()
        try workspace.alignOnArrival()
        return (copy, Date().timeIntervalSince(t0))
    }

    /// Alignment on arrival: the same import rate without and with it, alternated for
    /// `rounds` rounds of fresh units, on the copy `copy` (made by
    /// `copy(_:workspace:work:)`, open in `workspace`), which is removed after.
    func timeArrival(_ copy: String, workspace: Workspace, corpus: BenchCorpus) throws {
        var rng = BenchRandom(seed: 7)
        let rounds = max(1, self.rounds)
        let fresh = corpus.units(count: units + 2 * rounds * arrivals, rng: &rng).suffix(2 * rounds * arrivals).map { line -> TranslationUnit in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return TranslationUnit(arabic: String(f[0]) + " (1)", english: String(f[1]) + " (1)")
        }
        if workspace.tm.linking == nil { try workspace.alignOnArrival() }
        let linking = workspace.tm.linking
        var shares: [Double] = []
        for round in 0..<rounds {
            let batch = Array(fresh.dropFirst(2 * round * arrivals).prefix(2 * arrivals))
            workspace.tm.linking = nil
            var t0 = Date()
            let plain = try workspace.tm.add(contentsOf: Array(batch.prefix(arrivals)))
            let plainRate = Double(plain.added + plain.updated) / Date().timeIntervalSince(t0)
            workspace.tm.linking = linking
            t0 = Date()
            let aligned = try workspace.tm.add(contentsOf: Array(batch.suffix(arrivals)))
            let alignedRate = Double(aligned.added + aligned.updated) / Date().timeIntervalSince(t0)
            shares.append(alignedRate / plainRate)
            print(String(format: "import of %d units into the learnt TM: %.0f units/s without alignment on arrival, %.0f units/s with (%.0f%% of the rate)",
                         arrivals, plainRate, alignedRate, 100 * alignedRate / plainRate))
        }
        // The linking alone, on one core, tokens made beforehand: steadier than the shares,
        // which depend on how the two cores are shared, for comparing two builds.
        if let linking {
            let sample = fresh.suffix(min(arrivals, 20_000)).map {
                (MatchTokenizer.tokens(of: $0.arabic, side: .arabic), MatchTokenizer.tokens(of: $0.english, side: .english))
            }
            var best = Double.infinity
            for _ in 0..<3 {
                let t0 = Date()
                var bytes = 0
                for (arabic, english) in sample { bytes += linking(arabic, english)?.count ?? 0 }
                best = min(best, Date().timeIntervalSince(t0))
                precondition(bytes > 0, "no links made")
            }
            var bestParallel = Double.infinity
            let cores = ProcessInfo.processInfo.activeProcessorCount
            for _ in 0..<3 {
                let t0 = Date()
                let sizes = ParallelMap.map(sample.count, workers: cores) { linking(sample[$0].0, sample[$0].1)?.count ?? 0 }
                bestParallel = min(bestParallel, Date().timeIntervalSince(t0))
                precondition(sizes.reduce(0, +) > 0, "no links made")
            }
            print(String(format: "alignment on arrival on one core: %.1f µs a unit; on %d cores: %.1f µs (best of 3 over %d units, tokens made before)",
                         1e6 * best / Double(sample.count), cores, 1e6 * bestParallel / Double(sample.count), sample.count))
        }
        if rounds > 1 {
            print("alignment on arrival keeps " + shares.map { String(format: "%.0f%%", 100 * $0) }.joined(separator: ", ")
                + String(format: " of the import rate: median %.0f%%", 100 * shares.sorted()[rounds / 2]))
        }
        try workspace.database.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) }
    }

    static func size(_ path: String) -> Double {
        ["", "-wal"].reduce(0.0) { $0 + Double((try? FileManager.default.attributesOfItem(atPath: path + $1)[.size] as? Int) ?? 0) }
    }

    /// VmHWM of this process.
    static func peakMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
        let kb = Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "0") ?? 0
        return kb / 1024
    }
}
