import ArgumentParser
import DragomanText
import Foundation

/// Kills `dragoman tm import`, `dragoman term import` and `-o` exports with SIGKILL at
/// random moments and checks what is left: the database passes `PRAGMA integrity_check`,
/// holds none or a whole prefix of the import (and everything it held before), a re-run
/// completes the import without duplicates, and an output file is absent, its previous
/// content or complete, never half written.
struct CrashTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crash",
        abstract: "Kill imports and exports at random moments; check integrity, all-or-nothing and re-runs.")

    @OptionGroup var options: StressOptions
    @Option(help: "Kills per import command (tm import, term import).") var kills = 100
    @Option(help: "Kills per export command (tm export -o, term export -o, pretranslate -o).") var exportKills = 20
    @Option(help: "Kills of tm learn (over the TM file imported without learning).") var learnKills = 20
    @Option(help: "Lines of the TM file imported.") var tmLines = 20_000
    @Option(help: "Rows of the glossary file imported.") var glossaryRows = 20_000

    func run() throws {
        let start = Date()
        let executable = try DragomanLocator.find(options.dragoman)
        let work = try WorkFolder(prefix: "dragoman-crash")
        defer { options.finish(work) }
        note("crash test: \(executable), work folder \(work.path)")
        let seedRows = 200
        let input = try StressData(sentences: tmLines + seedRows, terms: glossaryRows + seedRows, dataDirectory: options.data, seed: options.seed)
        let run = CrashRun(child: ChildProcess(executable: executable, workDirectory: work.path), work: work,
                           input: input, tmLines: tmLines, glossaryRows: glossaryRows, seedRows: seedRows,
                           rng: SplitMix64(seed: options.seed))
        var report = try run.perform(kills: kills, exportKills: exportKills, learnKills: learnKills)
        report.dragoman = executable
        report.seconds = Date().timeIntervalSince(start)
        try options.emit(report)
    }
}

/// The figures of a crash run.
struct CrashReport: Codable, StressReport {
    var ok = true
    var dragoman = ""
    var data = ""
    var seconds = 0.0
    var imports: [ImportKills] = []
    var exports: [ExportKills] = []
    var learning: LearnKills?
    var failures: [String] = []

    struct Distribution: Codable {
        var min = 0, p25 = 0, median = 0, p75 = 0, max = 0

        init(_ values: [Double]) {
            guard !values.isEmpty else { return }
            min = Figures.ms(values.min()!)
            p25 = Figures.ms(Figures.percentile(values, 0.25))
            median = Figures.ms(Figures.percentile(values, 0.5))
            p75 = Figures.ms(Figures.percentile(values, 0.75))
            max = Figures.ms(values.max()!)
        }
    }

    /// Kills whose moment fell in one tenth of the uninterrupted run time (the last bucket
    /// is after it: the process had usually finished).
    struct Bucket: Codable {
        var fromPercent: Int
        var toPercent: Int
        var kills = 0
        var none = 0
        var whole = 0
        var prefix = 0
    }

    struct ImportKills: Codable {
        var command: String
        var rows: Int
        var rowsBefore: Int
        var uninterruptedMs: Int
        var kills = 0
        var killedWhileRunning = 0
        var finishedBeforeKill = 0
        var moments: Distribution = .init([])
        var histogram: [Bucket] = []
        /// none: nothing of the file; whole: all of it; prefix: the first k rows (resumable
        /// batches); invalid: anything else.
        var outcomes: [String: Int] = ["none": 0, "whole": 0, "prefix": 0, "invalid": 0]
        var integrityOK = 0
        var earlierDataIntact = 0
        var reruns = 0
        var rerunsExactNoDuplicates = 0
        var rerunsNotNeeded = 0
        /// Kills after which the database was intact and the re-run (when needed) left
        /// exactly the file's rows once.
        var survivedNothingLost = 0
    }

    struct ExportKills: Codable {
        var command: String
        var uninterruptedMs: Int
        var outputBytes: Int
        var kills = 0
        var killedWhileRunning = 0
        var moments: Distribution = .init([])
        /// absent (and was absent), previous (content before the run), complete, half.
        var outcomes: [String: Int] = ["absent": 0, "previous": 0, "complete": 0, "half": 0]
        var temporaryFilesLeft = 0
    }

    func printText() {
        print("crash test: \(dragoman)")
        print("input: \(data)")
        for i in imports {
            print("\n\(i.command): \(i.rows) rows onto a database holding \(i.rowsBefore); uninterrupted run \(i.uninterruptedMs) ms")
            print("  kills: \(i.kills) (\(i.killedWhileRunning) while running, \(i.finishedBeforeKill) after it had finished)")
            print("  moments (ms after start): min \(i.moments.min), p25 \(i.moments.p25), median \(i.moments.median), p75 \(i.moments.p75), max \(i.moments.max)")
            print("  by tenth of the run: " + i.histogram.map { "\($0.fromPercent)–\($0.toPercent)%: \($0.kills) (\($0.none) none/\($0.whole) whole\($0.prefix > 0 ? "/\($0.prefix) prefix" : ""))" }.joined(separator: ", "))
            print("  outcomes: none \(i.outcomes["none"] ?? 0), whole \(i.outcomes["whole"] ?? 0), prefix \(i.outcomes["prefix"] ?? 0), invalid \(i.outcomes["invalid"] ?? 0)")
            print("  integrity_check ok: \(i.integrityOK)/\(i.kills); earlier data intact: \(i.earlierDataIntact)/\(i.kills)")
            print("  re-runs: \(i.reruns) (exact count, no duplicates: \(i.rerunsExactNoDuplicates)); not needed (already whole): \(i.rerunsNotNeeded)")
            print("  survived with nothing lost: \(i.survivedNothingLost)/\(i.kills)")
        }
        for e in exports {
            print("\n\(e.command): uninterrupted run \(e.uninterruptedMs) ms, \(e.outputBytes) bytes")
            print("  kills: \(e.kills) (\(e.killedWhileRunning) while running); moments ms: min \(e.moments.min), median \(e.moments.median), max \(e.moments.max)")
            print("  final file: absent \(e.outcomes["absent"] ?? 0), previous content \(e.outcomes["previous"] ?? 0), complete \(e.outcomes["complete"] ?? 0), half \(e.outcomes["half"] ?? 0); temporary files left by killed runs: \(e.temporaryFilesLeft)")
        }
        if let l = learning {
            print("\ntm learn: \(l.units) units (model learnt on \(l.unitsLearntBefore)); uninterrupted run \(l.uninterruptedMs) ms")
            print("  kills: \(l.kills) (\(l.killedWhileRunning) while running); outcomes: previous model and links \(l.outcomes["previous"] ?? 0), new \(l.outcomes["new"] ?? 0), invalid \(l.outcomes["invalid"] ?? 0)")
            print("  integrity_check ok: \(l.integrityOK)/\(l.kills); re-runs complete: \(l.rerunsComplete)/\(l.kills)")
        }
        print(String(format: "\n%@ in %.0f s", ok ? "all invariants held" : "FAILED", seconds))
        for f in failures.prefix(30) { print("  failure: \(f)") }
        if failures.count > 30 { print("  … and \(failures.count - 30) more") }
    }
}

/// One crash run: the files, the template database, the trials.
final class CrashRun {
    let child: ChildProcess
    let work: WorkFolder
    let input: StressData
    let tmPairs: [TextPair]
    let glossaryPairs: [TextPair]
    let seedTM: [TextPair]
    let seedGlossary: [TextPair]
    var rng: SplitMix64
    var report = CrashReport()

    init(child: ChildProcess, work: WorkFolder, input: StressData, tmLines: Int, glossaryRows: Int, seedRows: Int,
         rng: SplitMix64) {
        self.child = child
        self.work = work
        self.input = input
        seedTM = Array(input.sentences.prefix(seedRows))
        tmPairs = Array(input.sentences.dropFirst(seedRows).prefix(tmLines))
        seedGlossary = Array(input.terms.prefix(seedRows))
        glossaryPairs = Array(input.terms.dropFirst(seedRows).prefix(glossaryRows))
        self.rng = rng
        report.data = input.source
    }

    var template: String { work.file("template.sqlite") }

    func perform(kills: Int, exportKills: Int, learnKills: Int = 0) throws -> CrashReport {
        try write(StressData.tmTSV(seedTM), to: "seed-tm.tsv")
        try write(StressData.tmTSV(tmPairs), to: "tm.tsv")
        try write(StressData.glossaryTSV(seedGlossary, domain: "seed"), to: "seed-glossary.tsv")
        try write(StressData.glossaryTSV(glossaryPairs, domain: "crash"), to: "glossary.tsv")
        // The database every trial starts from: earlier data that must survive any kill.
        try mustSucceed(["tm", "import", work.file("seed-tm.tsv"), "--db", template, "--empty"])
        try mustSucceed(["term", "import", work.file("seed-glossary.tsv"), "--db", template])

        let tmTarget = ImportTarget(command: "tm import", arguments: ["tm", "import", work.file("tm.tsv")],
                                    expected: tmPairs, before: seedTM, idempotent: true, pairs: { try $0.tmPairs(afterID: $1) },
                                    maxID: { try $0.maxTUID() })
        // `--duplicates add`: every row of the file becomes an entry, in order, so that what
        // a killed import left can be compared row by row with the file (the default, merge,
        // folds the real data's repeated rows into earlier entries; its transaction is the same).
        let termTarget = ImportTarget(command: "term import", arguments: ["term", "import", work.file("glossary.tsv"), "--duplicates", "add"],
                                      expected: glossaryPairs, before: seedGlossary, idempotent: false,
                                      pairs: { try $0.glossaryPairs(afterID: $1) }, maxID: { try $0.maxEntryID() })
        for target in [tmTarget, termTarget] where kills > 0 {
            report.imports.append(try importKills(target, kills: kills))
        }
        if exportKills > 0 {
            try exportTrials(kills: exportKills)
        }
        if learnKills > 0 {
            report.learning = try self.learnKills(kills: learnKills)
        }
        report.ok = report.failures.isEmpty
        return report
    }

    func write(_ text: String, to name: String) throws {
        try text.write(toFile: work.file(name), atomically: true, encoding: .utf8)
    }

    @discardableResult
    func mustSucceed(_ arguments: [String]) throws -> ChildProcess.Result {
        let result = try child.run(arguments)
        guard result.exitCode == 0 else {
            throw StressFailure("dragoman \(arguments.joined(separator: " ")) failed (\(result.exitCode)): \(result.stderr.prefix(500))")
        }
        return result
    }

    func fail(_ message: String) {
        report.failures.append(message)
        note("FAILURE: \(message)")
    }

    /// An import under test and how to read back what it stored.
    struct ImportTarget {
        var command: String
        var arguments: [String]
        var expected: [TextPair]
        var before: [TextPair]
        /// Whether importing the same file again changes nothing (TM: a pair already
        /// there is only dated; glossary: each row is a new entry).
        var idempotent: Bool
        var pairs: (DatabaseProbe, Int64) throws -> [TextPair]
        var maxID: (DatabaseProbe) throws -> Int64
    }

    /// What the database holds after a kill.
    enum Outcome: String { case none, whole, prefix, invalid }

    func importKills(_ target: ImportTarget, kills: Int) throws -> CrashReport.ImportKills {
        let trial = work.file("trial.sqlite")
        let probeTemplate = try DatabaseProbe(path: template)
        let seedMax = try target.maxID(probeTemplate)
        let before = try target.pairs(probeTemplate, 0)
        // Uninterrupted runs: the time kills are spread over, and the check of a clean import.
        var times: [Double] = []
        for _ in 0..<3 {
            try work.copyDatabase(template, to: trial)
            times.append(try mustSucceed(target.arguments + ["--db", trial]).seconds)
        }
        let full = times.sorted()[1]
        if let problem = try check(target, trial: trial, seedMax: seedMax, before: before, complete: true) {
            fail("\(target.command): uninterrupted import: \(problem)")
        }
        var figures = CrashReport.ImportKills(command: target.command, rows: target.expected.count, rowsBefore: before.count,
                                              uninterruptedMs: Figures.ms(full))
        figures.histogram = (0..<11).map { CrashReport.Bucket(fromPercent: $0 * 10, toPercent: $0 == 10 ? 115 : $0 * 10 + 10) }
        var moments: [Double] = []
        note("\(target.command): \(target.expected.count) rows, uninterrupted \(Figures.ms(full)) ms; \(kills) kills")
        for k in 0..<kills {
            try work.copyDatabase(template, to: trial)
            let delay = rng.uniform(0...(full * 1.15))
            let result = try child.run(target.arguments + ["--db", trial], killAfter: delay)
            figures.kills += 1
            moments.append(delay)
            if result.killed {
                figures.killedWhileRunning += 1
            } else {
                figures.finishedBeforeKill += 1
                if result.exitCode != 0 { fail("\(target.command) #\(k): exited \(result.exitCode) without a kill: \(result.stderr.prefix(300))") }
            }
            let problems = StderrCheck.problems(result.stderr)
            if !problems.isEmpty { fail("\(target.command) #\(k): stderr has \(problems): \(result.stderr.prefix(300))") }
            var intact = true
            // What the kill left.
            let outcome: Outcome
            do {
                let probe = try DatabaseProbe(path: trial)
                let integrity = try probe.integrity()
                if integrity == "ok" { figures.integrityOK += 1 } else {
                    intact = false
                    fail("\(target.command) #\(k) killed at \(Figures.ms(delay)) ms: integrity_check: \(integrity.prefix(300))")
                }
                if try target.pairs(probe, 0).prefix(before.count) == before[...] && (try target.maxID(probe)) >= seedMax {
                    figures.earlierDataIntact += 1
                } else {
                    intact = false
                    fail("\(target.command) #\(k): the data held before the import changed")
                }
                let added = try target.pairs(probe, seedMax)
                if added.isEmpty { outcome = .none }
                else if added == target.expected { outcome = .whole }
                else if added.count < target.expected.count && added[...] == target.expected.prefix(added.count) { outcome = .prefix }
                else { outcome = .invalid }
            } catch {
                outcome = .invalid
                fail("\(target.command) #\(k) killed at \(Figures.ms(delay)) ms: cannot read the database: \(error)")
            }
            figures.outcomes[outcome.rawValue, default: 0] += 1
            if outcome == .invalid { intact = false; fail("\(target.command) #\(k) killed at \(Figures.ms(delay)) ms: neither none nor a prefix of the file") }
            let bucket = min(10, Int(delay / full * 10))
            figures.histogram[bucket].kills += 1
            switch outcome {
            case .none: figures.histogram[bucket].none += 1
            case .whole: figures.histogram[bucket].whole += 1
            case .prefix: figures.histogram[bucket].prefix += 1
            case .invalid: break
            }
            // Re-run, as a person would after a crash (a non-idempotent import only when it
            // did not complete: its output would have said so).
            if outcome == .whole && !target.idempotent {
                figures.rerunsNotNeeded += 1
            } else if outcome != .invalid {
                figures.reruns += 1
                let rerun = try child.run(target.arguments + ["--db", trial])
                if rerun.exitCode != 0 {
                    intact = false
                    fail("\(target.command) #\(k): re-run failed (\(rerun.exitCode)): \(rerun.stderr.prefix(300))")
                } else if let problem = try check(target, trial: trial, seedMax: seedMax, before: before, complete: true) {
                    intact = false
                    fail("\(target.command) #\(k): after the re-run: \(problem)")
                } else {
                    figures.rerunsExactNoDuplicates += 1
                }
            }
            if intact { figures.survivedNothingLost += 1 }
            if (k + 1) % 10 == 0 { note("  \(target.command): \(k + 1)/\(kills) kills, \(report.failures.count) failures") }
        }
        figures.moments = .init(moments)
        work.removeDatabase(trial)
        return figures
    }

    /// Why the database does not hold exactly the earlier data and then the whole file
    /// once, in order, with a clean integrity check; nil when it does.
    func check(_ target: ImportTarget, trial: String, seedMax: Int64, before: [TextPair], complete: Bool) throws -> String? {
        let probe = try DatabaseProbe(path: trial)
        let integrity = try probe.integrity()
        if integrity != "ok" { return "integrity_check: \(integrity.prefix(300))" }
        let all = try target.pairs(probe, 0)
        if all.prefix(before.count) != before[...] { return "the earlier data changed" }
        let added = try target.pairs(probe, seedMax)
        if added.count != target.expected.count {
            return "\(added.count) rows stored for \(target.expected.count) in the file"
        }
        if Set(all).count != all.count { return "\(all.count - Set(all).count) duplicates" }
        if added != target.expected { return "the rows stored differ from the file" }
        return nil
    }

    // MARK: Exports

    func exportTrials(kills: Int) throws {
        // The database exported: the template plus both whole files.
        let full = work.file("full.sqlite")
        try work.copyDatabase(template, to: full)
        try mustSucceed(["tm", "import", work.file("tm.tsv"), "--db", full])
        try mustSucceed(["term", "import", work.file("glossary.tsv"), "--db", full])
        // An article of TM sentences, half of them with a word left out (fuzzy matches).
        var sentences: [String] = []
        for (i, pair) in tmPairs.prefix(60).enumerated() {
            var words = pair.arabic.split(separator: " ")
            if i % 2 == 1 && words.count > 3 { words.remove(at: words.count / 2) }
            sentences.append(words.joined(separator: " "))
        }
        let article = stride(from: 0, to: sentences.count, by: 5)
            .map { sentences[$0..<min(sentences.count, $0 + 5)].joined(separator: " ") }.joined(separator: "\n\n") + "\n"
        try write(article, to: "article.txt")
        let kinds: [(String, (String, String) -> [String])] = [
            ("tm export -o", { out, db in ["tm", "export", "--format", "tsv", "-o", out, "--db", db] }),
            ("term export -o", { out, db in ["term", "export", "--format", "tsv", "-o", out, "--db", db] }),
            ("pretranslate -o", { out, db in ["pretranslate", self.work.file("article.txt"), "--format", "xliff", "-o", out, "--db", db] }),
        ]
        for (name, arguments) in kinds {
            report.exports.append(try exportKills(name, arguments: arguments, database: full, kills: kills))
        }
        work.removeDatabase(full)
    }

    func exportKills(_ name: String, arguments: (String, String) -> [String], database: String,
                     kills: Int) throws -> CrashReport.ExportKills {
        let folder = work.file("out-\(name.split(separator: " ")[0])")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let output = (folder as NSString).appendingPathComponent("result.out")
        // The complete output (it must not depend on the run) and an earlier one.
        var times: [Double] = []
        var complete: Data?
        for _ in 0..<2 {
            try? FileManager.default.removeItem(atPath: output)
            times.append(try mustSucceed(arguments(output, database)).seconds)
            let data = try Data(contentsOf: URL(fileURLWithPath: output))
            if let complete, complete != data { fail("\(name): two uninterrupted runs wrote different files") }
            complete = data
        }
        try mustSucceed(arguments(output, template))
        let previous = try Data(contentsOf: URL(fileURLWithPath: output))
        let full = times.max()!
        var figures = CrashReport.ExportKills(command: name, uninterruptedMs: Figures.ms(full), outputBytes: complete!.count)
        var moments: [Double] = []
        note("\(name): \(complete!.count) bytes, uninterrupted \(Figures.ms(full)) ms; \(kills) kills")
        for k in 0..<kills {
            let hadPrevious = k % 2 == 1
            try? FileManager.default.removeItem(atPath: output)
            if hadPrevious { try previous.write(to: URL(fileURLWithPath: output)) }
            let delay = rng.uniform(0...(full * 1.15))
            let result = try child.run(arguments(output, database), killAfter: delay)
            figures.kills += 1
            moments.append(delay)
            if result.killed { figures.killedWhileRunning += 1 } else if result.exitCode != 0 {
                fail("\(name) #\(k): exited \(result.exitCode) without a kill: \(result.stderr.prefix(300))")
            }
            let problems = StderrCheck.problems(result.stderr)
            if !problems.isEmpty { fail("\(name) #\(k): stderr has \(problems)") }
            let outcome: String
            if let data = FileManager.default.contents(atPath: output) {
                if data == complete { outcome = "complete" }
                else if hadPrevious && data == previous { outcome = "previous" }
                else { outcome = "half" }
            } else {
                outcome = hadPrevious ? "half" : "absent"
            }
            figures.outcomes[outcome, default: 0] += 1
            if outcome == "half" {
                fail("\(name) #\(k) killed at \(Figures.ms(delay)) ms: the final file is neither absent, its previous content nor complete")
            }
            // Temporary files a killed run leaves beside the output (never under its name).
            for leftover in try FileManager.default.contentsOfDirectory(atPath: folder) where leftover != "result.out" {
                figures.temporaryFilesLeft += 1
                try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(leftover))
            }
        }
        figures.moments = .init(moments)
        return figures
    }
}
