import DragomanFormats
import DragomanApp
import ArgumentParser
import DragomanGlossary
import DragomanStore
import DragomanText
import Foundation

/// `dragoman-eval glossary DATA`: the glossary at scale. Imports the four dictionary
/// files (freedict, buckwalter-lemmas, arwikicats-names, cldr: about 160k rows) into a
/// fresh database, then times lookups of 1,000 queries drawn from real text (words and
/// two-word phrases of the Arabic side of NTREX, in process, warm) and `term find` on a
/// 1,000-word article made of NTREX Arabic sentences.
struct GlossaryBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glossary",
        abstract: "Benchmark the glossary: import rows/s, lookup latency, find time (run a release build)."
    )

    static let files = ["freedict-ara-eng.tsv", "buckwalter-lemmas-ara-eng.tsv", "arwikicats-names-ara-eng.tsv",
                        "cldr-ara-eng.tsv"]

    @Argument(help: "The folder with the dictionary TSVs and ntrex-dev.tsv.") var data = "../shared/data"
    @Option(help: "Number of lookup queries.") var queries = 1_000
    @Option(help: "Words in the find article.") var words = 1_000
    @Option(help: "Seed of the query sample.") var seed: UInt64 = 20_261_129
    @Option(help: "Keep the database at this path (default: a temporary file, removed).") var keep: String?
    @Flag(help: "With --keep: when the database exists, use it instead of importing.") var reuse = false
    @Option(help: "Runs of find to time.") var findRuns = 20
    @Option(help: "List this many of the slowest lookups.") var slowest = 0
    @Option(help: "Instead: write a TBX file of about this many MB and import it, reporting the peak memory.")
    var tbxMB = 0

    @Flag(help: "Also time the phases of an import (parse, analyse, write) on the first file.") var phases = false

    func run() throws {
        if tbxMB > 0 { return try streamLargeTBX() }
        if phases { try timePhases() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-glossary-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = keep ?? folder.appendingPathComponent("bench.sqlite").path
        let store = SQLiteGlossary(database: try DragomanDatabase(path: path))

        let reusing = reuse && keep != nil && FileManager.default.fileExists(atPath: path)
        if !reusing {
            try runImport(store, path: path)
        }
        try runQueries(store)
    }

    func runImport(_ store: SQLiteGlossary, path: String) throws {
        print("== import (one transaction per file, release build expected)")
        var rows = 0
        var entries = 0
        var importSeconds = 0.0
        for name in Self.files {
            let file = (data as NSString).appendingPathComponent(name)
            var report = ImportReport()
            let seconds = try time {
                report = try GlossaryFiles.importFile(file, options: GlossaryImportOptions(format: .tsv, skipBad: true,
                                                                                           hasHeader: false),
                                                      into: store)
            }
            rows += report.itemsRead
            entries += report.entriesAdded
            importSeconds += seconds
            print(String(format: "%@: %d rows, %d entries, %d terms in %.2f s (%.0f rows/s)%@", name, report.itemsRead,
                         report.entriesAdded, report.termsAdded, seconds, Double(report.itemsRead) / seconds,
                         report.skipped.isEmpty ? "" : ", \(report.skipped.count) bad rows skipped"))
        }
        let counts = try store.counts()
        print(String(format: "total: %d rows in %.2f s = %.0f rows/s; %d entries, %d Arabic + %d English terms",
                     rows, importSeconds, Double(rows) / importSeconds, counts.entries, counts.arabicTerms, counts.englishTerms))
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(String(format: "database: %.1f MB", Double(size) / 1_048_576))
    }

    func runQueries(_ store: SQLiteGlossary) throws {

        // Queries from real text.
        let documents = try NTREX.load(dataDirectory: data)
        let sentences = documents.flatMap(\.arabic)
        var rng = SplitMix64(seed: seed)
        var pool: [[String]] = []
        for s in sentences {
            let w = Tokenizer.tokenize(s).filter { $0.kind == .arabicWord }.map(\.text)
            if !w.isEmpty { pool.append(w) }
        }
        var sample: [String] = []
        while sample.count < queries {
            let w = pool[Int(rng.next() % UInt64(pool.count))]
            let i = Int(rng.next() % UInt64(w.count))
            if sample.count % 2 == 1 && i + 1 < w.count {
                sample.append(w[i] + " " + w[i + 1])
            } else {
                sample.append(w[i])
            }
        }

        print("\n== lookup: \(sample.count) queries (single words and two-word phrases from ntrex-dev.tsv), warm, in process")
        var byKind: [String: Int] = [:]
        for q in sample { _ = try store.lookup(q) }  // warm up
        var latencies: [Double] = []
        for q in sample {
            var results: [LookupResult] = []
            latencies.append(try time { results = try store.lookup(q) })
            byKind[results.first?.kind.rawValue ?? "none", default: 0] += 1
        }
        if slowest > 0 {
            let ranked = zip(sample, latencies).sorted { $0.1 > $1.1 }.prefix(slowest)
            print("slowest: " + ranked.map { String(format: "%@ %.2f ms", $0.0, $0.1 * 1000) }.joined(separator: ", "))
        }
        latencies.sort()
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] * 1000 }
        print(String(format: "latency p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, max %.3f ms", percentile(0.5), percentile(0.9),
                     percentile(0.99), latencies.last! * 1000))
        print("best match: " + byKind.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))

        // Find on a 1,000-word article.
        var article: [String] = []
        var count = 0
        var index = Int(rng.next() % UInt64(sentences.count))
        while count < words {
            let s = sentences[index % sentences.count]
            article.append(s)
            count += Tokenizer.tokenize(s).filter { $0.kind == .arabicWord }.count
            index += 1
        }
        let text = article.joined(separator: " ")
        print("\n== find: \(count) Arabic words (\(article.count) NTREX sentences, \(text.utf16.count) UTF-16 units)")
        var hits: [TermHit] = []
        _ = try store.find(in: text)  // warm up
        var runs: [Double] = []
        for _ in 0..<findRuns { runs.append(try time { hits = try store.find(in: text) }) }
        runs.sort()
        print(String(format: "time median %.1f ms, min %.1f ms, max %.1f ms (%d runs); %d hits, %d of them clitic, %d less certain",
                     runs[runs.count / 2] * 1000, runs[0] * 1000, runs.last! * 1000, findRuns, hits.count,
                     hits.filter { $0.kind == .clitic }.count, hits.filter(\.lowConfidence).count))
        let stats = MatchStatistics()
        for _ in 0..<10 { _ = try store.read { try TermMatcher(index: $0, statistics: stats).hits(in: text) } }
        print("one find: \(stats.tokens / 10) tokens, \(stats.heads / 10) (head, next) pairs looked up, \(stats.termsFetched / 10) terms fetched, \(stats.candidates / 10) candidates")
        print("time by phase: " + stats.phases.sorted { $0.value > $1.value }
            .map { String(format: "%@ %.1f ms", $0.key, Double($0.value) / 1e7) }.joined(separator: ", "))
        print(String(format: "peak memory (max RSS): %.0f MB", maxResidentMegabytes()))
    }

    /// Parse, analysis and SQLite write of the first file, timed apart.
    func timePhases() throws {
        let file = (data as NSString).appendingPathComponent(Self.files[0])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        var records: [DelimitedParser.Record] = []
        let parse = try time {
            var parser = DelimitedParser(dialect: .tsv)
            records = try parser.feed(bytes) + parser.finish()
        }
        var entries: [NewEntry] = []
        let rows = time {
            for r in records {
                if case .success(let row) = GlossaryRow.parse(r, columns: .headerless) {
                    entries.append(NewEntry(terms: [row.arabic, row.english].compactMap { $0 }))
                }
            }
        }
        var prepared: [PreparedEntry] = []
        let analyse = try time { prepared = try PreparedEntry.concurrently(entries) }
        let analyseOne = try time { _ = try entries.prefix(20_000).map { try PreparedEntry($0) } }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-phases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = SQLiteGlossary(database: try DragomanDatabase(path: folder.appendingPathComponent("p.sqlite").path))
        var insert = 0.0, flush = 0.0
        let write = try time {
            try store.write { w in
                insert = try time { _ = try w.add(prepared: prepared) }
                flush = try time { _ = try w.termIDs(containingWord: "x") }
            }
        }
        print(String(format: "phases on %d rows: parse %.2f s, rows %.2f s, analysis %.2f s on all cores (%.1f µs/entry on one); write %.2f s = insert %.2f s + derived-index flush %.2f s + commit %.2f s",
                     records.count, parse, rows, analyse, analyseOne / 20_000 * 1e6, write, insert, flush, write - insert - flush))
        _ = prepared
    }

    /// Generates a TBX-Basic file of about `tbxMB` MB (entries shaped like the starter
    /// glossary's, numbered), then imports it: the reader streams, so the peak memory
    /// stays far below the file's size.
    func streamLargeTBX() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-tbx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("large.tbx")
        FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        var written = 0
        var n = 0
        var chunk = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"ar\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n<tbxHeader><fileDesc><sourceDesc><p>generated</p></sourceDesc></fileDesc></tbxHeader>\n<text><body>\n"
        while written < tbxMB << 20 {
            chunk += """
                <conceptEntry id="c\(n)"><descrip type="subjectField">politics</descrip><note>generated entry \(n)</note>
                <langSec xml:lang="ar"><termSec><term>مجلس الأمن رقم \(n)</term><termNote type="partOfSpeech">noun</termNote><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
                <termSec><term>المجلس \(n)</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec>
                <langSec xml:lang="en"><termSec><term>Security Council number \(n)</term><termNote type="partOfSpeech">noun</termNote></termSec></langSec>
                </conceptEntry>

                """
            n += 1
            if chunk.utf8.count > 1 << 20 {
                written += chunk.utf8.count
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        chunk += "</body></text></tbx>\n"
        written += chunk.utf8.count
        try handle.write(contentsOf: Data(chunk.utf8))
        try handle.close()
        let before = maxResidentMegabytes()
        let store = SQLiteGlossary(database: try DragomanDatabase(path: folder.appendingPathComponent("tbx.sqlite").path))
        var report = ImportReport()
        let seconds = try time {
            report = try GlossaryFiles.importFile(file.path, options: GlossaryImportOptions(format: .tbx), into: store)
        }
        print(String(format: "TBX of %.0f MB (%d concept entries): imported %d entries, %d terms in %.1f s; peak memory %.0f MB (%.0f MB before the import)",
                     Double(written) / 1_048_576, n, report.entriesAdded, report.termsAdded, seconds, maxResidentMegabytes(), before))
    }

    func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func maxResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
