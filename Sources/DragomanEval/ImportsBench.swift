import ArgumentParser
import DragomanApp
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// `dragoman-eval imports`: import batches at scale. On a copy of the 1M-unit benchmark
/// database (TM and the dictionary glossary): a 100k-unit TM import (new units mixed with
/// units already there, as a re-import is), then its undo; FreeDict grouped by headword
/// (a bulk import), then its undo. Prints the times and checks that each undo leaves the
/// counts as they were and the removed units unfindable.
struct ImportsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imports",
        abstract: "Benchmark import batches: a 100k-unit TM import and a dictionary import into the 1M-unit database, and their undo (release build)."
    )

    @Argument(help: "The folder with ntrex-dev.tsv and the dictionaries.") var data = "../shared/data"
    @Option(help: "The benchmark database to copy (dragoman-eval pretranslate builds it).")
    var database = "/tmp/dragoman-bench/pretranslate-1000000.sqlite"
    @Option(help: "Units in the TM import.") var units = 100_000
    @Flag(help: "Also run dragoman check on the copy at the end (minutes at 1M units).") var check = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: database) else {
            throw ValidationError("\(database) does not exist: run dragoman-eval pretranslate first (it builds it), or give --database")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-imports-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let copy = (folder as NSString).appendingPathComponent("bench.sqlite")
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: database + suffix) {
            try FileManager.default.copyItem(atPath: database + suffix, toPath: copy + suffix)
        }
        let workspace = try Workspace.open(DatabaseLocation(path: copy, isExplicit: true), ifMissing: .refuse)
        let history = ImportHistory(workspace: workspace)
        let unitsBefore = try workspace.tm.count()
        print("database: a copy of \(database): \(unitsBefore) units, \(try workspace.glossary.counts().entries) glossary entries")

        // The TM import: units drawn from the corpus the benchmark TM was built from, with
        // another seed, so that some are there already (their dates change) and most are new.
        var rng = BenchRandom(seed: 20_261_207)
        let corpus = try BenchCorpus.load(dataDirectory: data)
        let file = (folder as NSString).appendingPathComponent("import.tsv")
        try (corpus.units(count: units, rng: &rng).joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        var report: TMImportReport!
        let importSeconds = try seconds { report = try TMImport(format: .tsv, creator: "bench").run(file, into: workspace.tm) }
        print(String(format: "tm import: %d lines → %d added, %d already there (dates kept for undo) in %.2f s (%.0f units/s), import %lld",
                     units, report.added, report.updated, importSeconds, Double(units) / importSeconds, report.batch ?? -1))
        var undo: SQLiteImports.UndoReport!
        let undoSeconds = try seconds { undo = try history.undo(report.batch!, force: false) }
        let unitsAfter = try workspace.tm.count()
        print(String(format: "tm undo: %d units removed, %d dates put back in %.2f s (%.0f units/s); %d units before, %d after: %@",
                     undo.removed, undo.restored, undoSeconds, Double(undo.removed) / undoSeconds, unitsBefore, unitsAfter,
                     unitsBefore == unitsAfter ? "same" : "DIFFERENT"))

        // The dictionary: FreeDict with its rows grouped by headword, a bulk import.
        let entriesBefore = try workspace.glossary.counts().entries
        var glossaryReport: ImportReport!
        let dictionary = (data as NSString).appendingPathComponent("freedict-ara-eng.tsv")
        let glossarySeconds = try seconds {
            glossaryReport = try GlossaryFiles.importFile(dictionary, options: GlossaryImportOptions(
                format: .tsv, skipBad: true, hasHeader: false, groupByArabic: true, creator: "bench"), into: workspace.glossary)
        }
        print(String(format: "term import freedict --group-by arabic: %d rows → %d entries added, %d merged into entries there, priority %@, in %.2f s (%.0f rows/s)",
                     glossaryReport.itemsRead, glossaryReport.entriesAdded, glossaryReport.entriesMerged,
                     glossaryReport.priority?.rawValue ?? "?", glossarySeconds, Double(glossaryReport.itemsRead) / glossarySeconds))
        let undoGlossarySeconds = try seconds { undo = try history.undo(glossaryReport.batch!, force: false) }
        let entriesAfter = try workspace.glossary.counts().entries
        print(String(format: "glossary undo: %d terms and %d entries removed, %d rows put back in %.2f s; %d entries before, %d after: %@",
                     undo.removed, undo.entriesRemoved, undo.restored, undoGlossarySeconds, entriesBefore, entriesAfter,
                     entriesBefore == entriesAfter ? "same" : "DIFFERENT"))
        if check {
            var passed = false
            let checkSeconds = try seconds { passed = try DatabaseCheck(database: workspace.database).run().passed }
            print(String(format: "dragoman check after both undos: %@ (%.1f s)", passed ? "passed" : "FAILED", checkSeconds))
        }
    }

    func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
