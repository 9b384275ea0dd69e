import ArgumentParser
import DragomanApp
import DragomanGlossary
import DragomanStore
import DragomanText
import Foundation

/// `dragoman imports …`: the import batches, and taking one back.
struct ImportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imports",
        abstract: "List the imports (TM and glossary files, align --add, the starter glossary); undo one; set a glossary import's priority.",
        discussion: """
            Every import is recorded as a batch, in the import's own transaction: the file, \
            when, by whom, and what it added, changed and skipped. `imports undo ID` removes \
            what that import added and puts back what it changed, in one transaction.
            Examples:
              dragoman imports
              dragoman imports undo 7
              dragoman imports priority 3 bulk
            """,
        subcommands: [ImportsList.self, ImportsUndo.self, ImportsPriority.self],
        defaultSubcommand: ImportsList.self
    )
}

extension GlossaryPriority: ExpressibleByArgument {}

struct ImportsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the imports, oldest first: id, date, what went in, the file, and what it did.",
        discussion: "JSON (--json): an array of objects with the keys id, kind (tm or glossary), file, format, creator, started, finished, added, termsAdded (glossary), updated, skipped, priority (glossary), undone, removedByUndo, restoredByUndo; dates in ISO 8601."
    )

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let batches = try ImportHistory(workspace: database.openForReading()).list()
        if json {
            print(try JSONOutput.string(batches.map(ImportBatchJSON.init), pretty: true))
            return
        }
        guard !batches.isEmpty else {
            print("no imports recorded yet (dragoman tm import, term import and align --add record theirs)")
            return
        }
        for b in batches {
            let date = b.started.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false).timeSeparator(.colon))
            var what: String
            switch b.kind {
            case .tm:
                what = "tm        +\(b.added) units, \(b.updated) already there"
            case .glossary:
                what = "glossary  +\(Terminal.counted(b.added, "entry", "entries")) (\(Terminal.counted(b.termsAdded, "term"))), \(b.updated) changed"
                if let p = b.priority { what += ", \(p)" }
            }
            if b.skipped > 0 { what += ", \(b.skipped) skipped" }
            var line = "\(String(b.id).leftPadded(4))  \(date)  \(what)  \(Terminal.isolate(b.file))"
            if let undone = b.undone {
                line += Terminal.paint("  undone \(undone.formatted(.iso8601.year().month().day()))", "2")
            }
            print(line)
        }
    }
}

struct ImportsUndo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Undo an import: remove what it added, put back what it changed (one transaction).",
        discussion: """
            Refused (exit 65) when the import was undone already, or when rows it added or \
            changed were edited after it (by hand or by a later import), naming them; undo \
            the later work first, or give --force to undo it anyway (those later edits are \
            lost). An entry the import added that has since gained terms from elsewhere \
            keeps them. The word alignment of the TM is learnt again on its next use when \
            the undo removed a quarter of it.
            """
    )

    @Argument(help: "The import's id (dragoman imports lists them).") var id: Int64
    @Flag(help: "Undo even when rows it added or changed were edited since (their later edits are lost).") var force = false
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let report = try ImportHistory(workspace: database.openExisting()).undo(id, force: force)
        if json {
            print(try JSONOutput.string(UndoReportJSON(report), pretty: true))
            return
        }
        let b = report.batch
        switch b.kind {
        case .tm:
            print("undid import \(b.id) (\(Terminal.isolate(b.file))): removed \(Terminal.counted(report.removed, "unit")), put back the dates of \(Terminal.counted(report.restored, "unit"))")
        case .glossary:
            print("undid import \(b.id) (\(Terminal.isolate(b.file))): removed \(Terminal.counted(report.removed, "term")) and \(Terminal.counted(report.entriesRemoved, "entry", "entries")), put back \(Terminal.counted(report.restored, "entry or term", "entries and terms")) it had changed")
        }
        if !report.editedSince.isEmpty {
            print("later edits undone with --force: " + report.editedSince.prefix(20).map(\.description).joined(separator: ", ")
                  + (report.editedSince.count > 20 ? ", …" : ""))
        }
    }
}

struct ImportsPriority: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priority",
        abstract: "Set the priority of a glossary import's terms: curated, standard or bulk.",
        discussion: """
            Where the same words match terms of several entries, the term of higher priority \
            is the hit (the others are its alternatives) and comes first in look-ups of the \
            same match kind: curated (entered by hand, the starter glossary) before standard \
            before bulk. An import is standard unless it adds more than \
            \(GlossaryPriority.bulkEntries) entries (then bulk) or term import --priority says otherwise.
            """
    )

    @Argument(help: "The glossary import's id (dragoman imports lists them).") var id: Int64
    @Argument(help: "curated, standard or bulk.") var priority: GlossaryPriority
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let terms = try ImportHistory(workspace: database.openExisting()).setPriority(priority, of: id)
        print("import \(id): \(Terminal.counted(terms, "term")) now \(priority)")
    }
}
