import DragomanApp
import ArgumentParser
import DragomanFormats
import DragomanGlossary
import DragomanStore
import DragomanTM
import Foundation

/// `dragoman-eval pretranslate DATA`: the main job at scale. Builds (once) a database with
/// the 1M-unit benchmark TM of `dragoman-eval tm` and a glossary of every dictionary file
/// of DATA, then times whole `dragoman pretranslate` and `analyze` processes on the sample
/// article and on a document of the first 1,000 NTREX Arabic sentences.
struct PretranslateBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretranslate",
        abstract: "Benchmark pretranslate and analyze as whole processes on a 1M-unit TM and the dictionary glossary (release build)."
    )

    @Argument(help: "The data folder (../shared/data).") var data: String
    @Option(help: "The sample article.") var article = "seeds/sample-article.ar.txt"
    @Option(help: "TM units in the benchmark database.") var units = 1_000_000
    @Option(help: "Sentences in the long document.") var sentences = 1_000
    @Option(help: "Where to keep the database and documents (reused when present).") var work = NSTemporaryDirectory() + "dragoman-bench"
    @Option(help: "Runs per figure (the best is reported).") var runs = 3
    @Option(help: "The dragoman executable (default: next to this one).") var dragoman: String?
    @Flag(help: "Also time each document right after dropping the page cache (needs root).") var dropCaches = false

    func run() throws {
        guard let exe = dragoman ?? TMBench.executable(nextTo: CommandLine.arguments[0]) else {
            throw EvalError("no dragoman executable next to dragoman-eval: build it (swift build -c release) or pass --dragoman")
        }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let db = (work as NSString).appendingPathComponent("pretranslate-\(units).sqlite")
        if !FileManager.default.fileExists(atPath: db) { try build(db) }
        let long = (work as NSString).appendingPathComponent("ntrex-\(sentences).ar.txt")
        let documents = try NTREX.load(dataDirectory: data)
        try documents.flatMap(\.arabic).prefix(sentences).joined(separator: "\n").write(toFile: long, atomically: true, encoding: .utf8)

        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB")
        print("database: \(db)")
        let output = (work as NSString).appendingPathComponent("pretranslated.xlf")
        for (name, file) in [("the sample article", article), ("\(sentences) NTREX sentences", long)] {
            let jobs: [(String, [String])] = [
                ("pretranslate --format xliff -o FILE", ["pretranslate", file, "--db", db, "--format", "xliff", "-o", output]),
                ("analyze", ["analyze", file, "--db", db]),
            ]
            for (label, arguments) in jobs {
                var best = Double.infinity, peak = 0.0
                for _ in 0..<runs {
                    let (seconds, megabytes) = try Self.timeProcess(exe, arguments)
                    best = min(best, seconds)
                    peak = max(peak, megabytes)
                }
                var line = String(format: "%@, %@: %.2f s (best of %d), peak RSS %.0f MB", name, label, best, runs, peak)
                if dropCaches && label.hasPrefix("pretranslate") {
                    try "3\n".write(toFile: "/proc/sys/vm/drop_caches", atomically: false, encoding: .utf8)
                    let (cold, _) = try Self.timeProcess(exe, arguments)
                    line += String(format: "; after dropping the page cache %.2f s", cold)
                }
                print(line)
            }
        }
    }

    /// The benchmark TM (the same units as `dragoman-eval tm`) and every dictionary file.
    func build(_ db: String) throws {
        FileHandle.standardError.write(Data("building \(db) (once)…\n".utf8))
        let database = try DragomanDatabase(path: db + ".new")
        var rng = BenchRandom(seed: 1)
        let corpus = try BenchCorpus.load(dataDirectory: data)
        let text = corpus.units(count: units, rng: &rng).joined(separator: "\n")
        var reader = DelimitedPairsReader(text: text, format: .tsv, file: "benchmark TM", origin: "bench", skipBad: true)
        let counts = try SQLiteTranslationMemory(database: database)
            .add(keyedContentsOf: AnySequence { AnyIterator { reader.nextKeyed() } }, progress: nil)
        print("TM: \(counts.added) units added, \(counts.updated) duplicates")
        let glossary = SQLiteGlossary(database: database)
        for name in GlossaryBench.files + ["iso-codes-ara-eng.tsv"] {
            let file = (data as NSString).appendingPathComponent(name)
            let report = try GlossaryFiles.importFile(file, options: GlossaryImportOptions(format: .tsv, skipBad: true, hasHeader: false),
                                                      into: glossary)
            print("glossary: \(name): \(report.entriesAdded) entries")
        }
        print("glossary: \(try glossary.counts().entries) entries in all")
        try database.checkpoint()
        try database.close()
        try FileManager.default.moveItem(atPath: db + ".new", toPath: db)
    }

    /// Wall time (s) and peak resident memory (MB, from GNU time) of one process.
    static func timeProcess(_ exe: String, _ arguments: [String]) throws -> (Double, Double) {
        let p = Process()
        let stderr = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        p.arguments = ["-f", "%M", exe] + arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = stderr
        let t0 = DispatchTime.now().uptimeNanoseconds
        try p.run()
        let text = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        guard p.terminationStatus == 0 else { throw EvalError("\(exe) \(arguments.joined(separator: " ")) failed:\n\(text)") }
        let kb = text.split(separator: "\n").last.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? 0
        return (seconds, kb / 1024)
    }
}
