import DragomanApp
import ArgumentParser
import DragomanFormats
import DragomanStore
import DragomanText
import DragomanTM
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The translation-memory benchmark of the README: builds TMs of real pairs plus perturbed
/// copies, imports them, and measures fuzzy search against a brute-force scan.
struct TMBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Benchmark TM import, fuzzy search (indexed vs brute force) and cold start on ../shared/data.")

    @Argument(help: "The data folder (../shared/data).") var data: String
    @Option(help: "TM sizes to build, comma-separated.") var sizes = "10000,100000,1000000"
    @Option(help: "Queries per size.") var queries = 1000
    @Option(help: "Queries also run by brute force per size (results compared one by one).") var bruteForce = 40
    @Option(help: "Where to put the databases and TSV files.") var work = NSTemporaryDirectory() + "dragoman-bench"
    @Option(help: "The dragoman executable for the cold-start figure.") var dragoman: String?

    func run() throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let corpus = try BenchCorpus.load(dataDirectory: data)
        print("TM benchmark: \(corpus.pairs.count) real pairs (NTREX + LibreOffice UI), \(corpus.heldOut.count) held out as queries")
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB")
        for size in sizes.split(separator: ",").compactMap({ Int($0) }) {
            try bench(size: size, corpus: corpus)
        }
    }

    func bench(size: Int, corpus: BenchCorpus) throws {
        print("\n== \(size) units ==")
        let tsv = (work as NSString).appendingPathComponent("tm-\(size).tsv")
        let dbPath = (work as NSString).appendingPathComponent("tm-\(size).sqlite")
        var rng = BenchRandom(seed: 1)
        let lines = corpus.units(count: size, rng: &rng)
        try lines.joined(separator: "\n").write(toFile: tsv, atomically: true, encoding: .utf8)
        let tsvBytes = (try FileManager.default.attributesOfItem(atPath: tsv)[.size] as? Int) ?? 0
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }

        // Import: parse the TSV and add everything in one transaction, index included.
        // The same use-case as `dragoman tm import`: the file streamed from disk.
        let database = try DragomanDatabase(path: dbPath)
        let tm = SQLiteTranslationMemory(database: database)
        let start = Date()
        let report = try TMImport(format: .tsv, origin: "bench", skipBad: true).run(tsv, into: tm)
        let counts = AddCounts(added: report.added, updated: report.updated)
        let importSeconds = Date().timeIntervalSince(start)
        try database.checkpoint()
        let dbBytes = (try? FileManager.default.attributesOfItem(atPath: dbPath)[.size] as? Int) ?? 0
        print(String(format: "import: %d units in %.1f s = %.0f units/s (added %d, updated %d)",
                     counts.added + counts.updated, importSeconds, Double(counts.added + counts.updated) / importSeconds,
                     counts.added, counts.updated))
        print(String(format: "size: TSV %.1f MB, database %.1f MB = %.2f× the TSV", Double(tsvBytes) / 1e6, Double(dbBytes) / 1e6,
                     Double(dbBytes) / Double(max(1, tsvBytes))))

        // Queries: held-out real sentences and perturbed TM sentences.
        var qrng = BenchRandom(seed: 99)
        var queryTexts: [String] = []
        for i in 0..<queries {
            if i % 2 == 0 {
                queryTexts.append(corpus.heldOut[(i / 2) % corpus.heldOut.count].arabic)
            } else {
                let line = lines[Int(qrng.next() % UInt64(lines.count))]
                let arabic = String(line.split(separator: "\t", omittingEmptySubsequences: false)[0])
                queryTexts.append(BenchCorpus.perturb(arabic, rng: &qrng, vocabulary: corpus.vocabulary).0)
            }
        }
        for q in queryTexts.prefix(50) { _ = try tm.search(TMQuery(text: q), threshold: 70, limit: 5) }  // warm up
        var latencies: [Double] = []
        var found = 0
        var stats = SearchStatistics()
        var candidates: [Int] = []
        var slowest: [(ms: Double, stats: SearchStatistics, query: String)] = []
        for q in queryTexts {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let matches = try tm.search(TMQuery(text: q), threshold: 70, limit: 5, statistics: &stats)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            latencies.append(ms)
            candidates.append(stats.verified)
            if !matches.isEmpty { found += 1 }
            slowest.append((ms, stats, q))
            slowest.sort { $0.ms > $1.ms }
            if slowest.count > 3 { slowest.removeLast() }
        }
        latencies.sort()
        func pct(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        candidates.sort()
        print(String(format: "tm match (threshold 70, top 5, in-process, warm): p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.1f ms; %d/%d queries with matches; verified candidates p50 %d, p99 %d",
                     pct(0.5), pct(0.95), pct(0.99), latencies.last ?? 0, found, queryTexts.count,
                     candidates[candidates.count / 2], candidates[min(candidates.count - 1, candidates.count * 99 / 100)]))

        for s in slowest {
            print(String(format: "  slow query %.1f ms: %d prefix bases, %d postings read, %d candidates, %d after filters, %d verified: %@",
                         s.ms, s.stats.prefixBases, s.stats.postingsRead, s.stats.candidates, s.stats.afterLengthFilter,
                         s.stats.verified, String(s.query.prefix(60))))
        }

        // Brute force on a subset: same results, and how much slower.
        var indexedTime = 0.0, bruteTime = 0.0, mismatches = 0
        let subset = queryTexts.enumerated().filter { $0.offset % max(1, queryTexts.count / bruteForce) == 0 }.prefix(bruteForce).map(\.element)
        for q in subset {
            var t0 = DispatchTime.now().uptimeNanoseconds
            let a = try tm.search(TMQuery(text: q), threshold: 70, limit: 5)
            indexedTime += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            t0 = DispatchTime.now().uptimeNanoseconds
            let b = try tm.bruteForce(TMQuery(text: q), threshold: 70, limit: 5)
            bruteTime += Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
            if a.map({ "\($0.unit.id!):\($0.score)" }) != b.map({ "\($0.unit.id!):\($0.score)" }) { mismatches += 1 }
        }
        print(String(format: "brute force on %d of the queries: mean %.1f ms vs indexed %.2f ms = %.0f× faster; results identical: %@",
                     subset.count, bruteTime / Double(subset.count), indexedTime / Double(subset.count),
                     bruteTime / max(indexedTime, 0.001), mismatches == 0 ? "yes" : "NO (\(mismatches) differ)"))

        // Cold start: one process, one query.
        if let exe = dragoman ?? defaultExecutable() {
            let (wall, rss) = try coldStart(exe: exe, db: dbPath, query: queryTexts[1])
            print(String(format: "cold start: dragoman tm match (one process, best of 3; /usr/bin/time adds ~1 ms) %.0f ms wall, peak RSS %.0f MB", wall, rss))
        }
    }

    func defaultExecutable() -> String? {
        Self.executable(nextTo: CommandLine.arguments[0])
    }

    /// The `dragoman` built beside the given executable, if any.
    static func executable(nextTo path: String) -> String? {
        let me = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let candidate = me.deletingLastPathComponent().appendingPathComponent("dragoman").path
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Wall time (ms, best of 3) and peak resident memory (MB) of one `tm match` process.
    /// Memory is read with /usr/bin/time (GNU time, which reports its own child): the
    /// kernel's RUSAGE_CHILDREN would charge a child spawned from this large process
    /// with this process's memory.
    func coldStart(exe: String, db: String, query: String) throws -> (Double, Double) {
        var best = Double.infinity
        var peak = 0.0
        let timeTool = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") ? "/usr/bin/time" : nil
        for _ in 0..<3 {
            let p = Process()
            let stderr = Pipe()
            if let timeTool {
                p.executableURL = URL(fileURLWithPath: timeTool)
                p.arguments = ["-f", "%M", exe, "tm", "match", query, "--db", db, "--json"]
            } else {
                p.executableURL = URL(fileURLWithPath: exe)
                p.arguments = ["tm", "match", query, "--db", db, "--json"]
            }
            p.standardOutput = FileHandle.nullDevice
            p.standardError = stderr
            let t0 = DispatchTime.now().uptimeNanoseconds
            try p.run()
            p.waitUntilExit()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
            let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            if let kb = text.split(separator: "\n").last.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
                peak = max(peak, kb / 1024)
            }
        }
        return (best, peak)
    }
}

/// Deterministic numbers for reproducible benchmark data: SplitMix64 from a scrambled seed.
struct BenchRandom {
    var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 | 1) }
    mutating func next() -> UInt64 { generator.next() }
}

/// The real pairs the benchmark TM is built from, and how copies are perturbed.
struct BenchCorpus {
    var pairs: [(arabic: String, english: String)]
    var heldOut: [(arabic: String, english: String)]
    var vocabulary: [String]

    static func load(dataDirectory: String) throws -> BenchCorpus {
        var all: [(String, String)] = []
        for (file, arabicColumn) in [("ntrex-dev.tsv", 1), ("libreoffice-ui-dev.tsv", 0)] {
            let path = (dataDirectory as NSString).appendingPathComponent(file)
            let text = try TextDecoding.decode([UInt8](FileManager.default.contents(atPath: path) ?? Data()))
            for line in text.split(separator: "\n") {
                let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard cols.count > arabicColumn + 1 else { continue }
                let ar = cols[arabicColumn].trimmingCharacters(in: .whitespaces)
                let en = cols[arabicColumn + 1].trimmingCharacters(in: .whitespaces)
                if !ar.isEmpty && !en.isEmpty && ArabicScript.isMostlyArabic(ar) { all.append((ar, en)) }
            }
        }
        // Every 10th pair is held out: real sentences the TM does not contain.
        var pairs: [(String, String)] = [], heldOut: [(String, String)] = []
        for (i, p) in all.enumerated() { if i % 10 == 9 { heldOut.append(p) } else { pairs.append(p) } }
        let vocabulary = Array(Set(pairs.flatMap { $0.0.split(separator: " ").map(String.init) }.filter { $0.count >= 3 })).sorted()
        return BenchCorpus(pairs: pairs.map { (arabic: $0.0, english: $0.1) }, heldOut: heldOut.map { (arabic: $0.0, english: $0.1) },
                           vocabulary: vocabulary)
    }

    /// `count` TSV lines: every real pair once, then perturbed copies.
    func units(count: Int, rng: inout BenchRandom) -> [String] {
        var out: [String] = []
        out.reserveCapacity(count)
        for i in 0..<count {
            let p = pairs[i < pairs.count ? i : Int(rng.next() % UInt64(pairs.count))]
            if i < pairs.count {
                out.append(p.arabic + "\t" + p.english)
            } else {
                let (ar, numberSwap) = Self.perturb(p.arabic, rng: &rng, vocabulary: vocabulary)
                var en = p.english
                if let (old, new) = numberSwap { en = en.replacingOccurrences(of: old, with: new) }
                out.append(ar + "\t" + en)
            }
        }
        return out
    }

    /// 1–3 edits: delete, insert or replace a word; add or strip a proclitic (و ف ب ل); change
    /// a number (mirrored in the English). Returns the number change, if any.
    static func perturb(_ s: String, rng: inout BenchRandom, vocabulary: [String]) -> (String, (String, String)?) {
        var words = s.split(separator: " ").map(String.init)
        var swap: (String, String)?
        for _ in 0..<(1 + Int(rng.next() % 3)) {
            guard !words.isEmpty else { break }
            let i = Int(rng.next() % UInt64(words.count))
            switch rng.next() % 6 {
            case 0 where words.count > 2: words.remove(at: i)
            case 1: words.insert(vocabulary[Int(rng.next() % UInt64(vocabulary.count))], at: i)
            case 2: words[i] = vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
            case 3: words[i] = ["و", "ف", "ب", "ل"][Int(rng.next() % 4)] + words[i]
            case 4:
                if let f = words[i].unicodeScalars.first, "وفبل".unicodeScalars.contains(f), words[i].unicodeScalars.count > 3 {
                    words[i] = String(words[i].unicodeScalars.dropFirst())
                }
            default:
                if let j = words.firstIndex(where: { Int($0) != nil }) {
                    let new = String(Int(rng.next() % 2000))
                    swap = (words[j], new)
                    words[j] = new
                } else {
                    words.insert(String(Int(rng.next() % 100)), at: i)
                }
            }
        }
        return (words.joined(separator: " "), swap)
    }
}
