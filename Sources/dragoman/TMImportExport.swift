import ArgumentParser
import DragomanApp
import DragomanFormats
import DragomanText
import Foundation

extension TMFileFormat: ExpressibleByArgument {}

extension PairColumns: ExpressibleByArgument {
    public init?(argument: String) { self.init(list: argument) }
}

struct TMImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import sentence pairs from TMX (1.4b, 1.1), TSV, CSV or reviewed XLIFF (2.x, 1.2), in one transaction.",
        discussion: """
            TSV/CSV: arabic, english per line by default; a first line naming its columns (arabic/ar/source, \
            english/en/target, origin/doc_id, note) is a header; --columns says which column is what \
            (--columns origin,ar,en: one origin per row, a change of origin ends a document). A line whose \
            sides are in the wrong language is a bad line; a file whose lines are mostly swapped is refused \
            with the --columns to use. \
            XLIFF (.xlf, .xliff, or any file whose root is <xliff>): the segments whose target is done are \
            stored (XLIFF 2 state translated, reviewed or final; XLIFF 1.2 translated, signed-off, final or \
            approved="yes"; --states to choose); the others are skipped and listed with their id and state. \
            The origin is the <file>'s original; an English → Arabic file is stored with its sides swapped.
            """)

    @Argument(help: "The file to import.") var file: String
    @Option(help: "tmx, tsv, csv or xliff (default: from the file name, or an <xliff> or <tmx> root).") var format: TMFileFormat?
    @Option(help: "The document id recorded as each unit's origin (default: a TMX unit's x-origin property, as tm export writes it, an XLIFF <file>'s original, else the file name).") var origin: String?
    @Flag(help: "Import the good units and list the bad ones instead of refusing the whole file.") var skipBad = false
    @Option(help: ArgumentHelp("TSV/CSV columns, comma-separated: ar, en, origin, note, - (skip). Default: a first line naming the columns, else ar,en (an alignment review file: -,ar,en).",
                               valueName: "list"))
    var columns: PairColumns?
    @Option(help: ArgumentHelp("XLIFF: the states whose targets are stored, comma-separated (default: translated,reviewed,final for XLIFF 2; translated,signed-off,final,approved for XLIFF 1.2, where approved stands for approved=\"yes\").",
                               valueName: "list"))
    var states: String?
    @Flag(help: "Do not learn the word alignment after the import even when it is due (units are still aligned on arrival with the current model; `tm learn` learns).")
    var noLearn = false
    @Flag(help: "Print the report as JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let states, Self.stateSet(states).isEmpty { throw ValidationError("--states takes a comma-separated list such as translated,final") }
    }

    static func stateSet(_ list: String) -> Set<String> {
        Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    func run() throws {
        let importer = TMImport(format: format, origin: origin, skipBad: skipBad, columns: columns,
                                states: states.map(Self.stateSet))
        // Refuse a wrong path or name before a database is opened or created.
        _ = try importer.checkedFormat(of: file)
        let workspace = try database.open()
        let tm = workspace.tm
        try workspace.alignOnArrival()
        let progress = Progress(label: "importing \(file)", enabled: !json)
        let report = try importer.run(file, into: tm, progress: progress.update)
        progress.finish()
        if !noLearn { try AutoLearning.afterAdding(workspace, quiet: json) }
        if json {
            print(try JSONOutput.string(report, pretty: true))
            return
        }
        print("\(file): added \(report.added), updated \(report.updated), skipped \(report.skipped.count)")
        for s in report.skipped.prefix(50) { print("  skipped \(s.description)") }
        if report.skipped.count > 50 { print("  … and \(report.skipped.count - 50) more (use --json for all)") }
        if let hint = report.hint { print(hint) }
        if let batch = report.batch { print("recorded as import \(batch); dragoman imports undo \(batch) takes it back") }
        if let states = report.skippedStates, !states.isEmpty {
            print("  not done: " + states.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                  + " (--states chooses which states are stored)")
        }
    }
}

struct TMExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the translation memory as TMX 1.4b or TSV.")

    @Option(help: "tmx (TMX 1.4b, with markup, dates, notes and properties) or tsv (arabic<TAB>english).")
    var format: TMFileFormat = .tmx
    @Option(name: .shortAndLong, help: "The output file (written to a temporary file, then renamed). Default: standard output.")
    var output: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if format == .csv || format == .xliff { throw ValidationError("export writes tmx or tsv") }
    }

    func run() throws {
        let tm = try database.openForReading().tm
        try OutputFile.write(to: output) { handle in
            try TMExport.write(tm, format: format, toolVersion: DragomanVersion.string, to: handle)
        }
    }
}
