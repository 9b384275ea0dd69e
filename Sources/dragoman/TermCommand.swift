import ArgumentParser
import DragomanGlossary
import DragomanApp
import DragomanFormats
import DragomanText
import Foundation

/// `dragoman term …`: the glossary.
struct TermCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "term",
        abstract: "The glossary: look terms up, find them in running text, add, edit, import and export them.",
        subcommands: [TermAdd.self, TermLookupCommand.self, TermExtract.self, TermFind.self, TermImport.self, TermExport.self,
                      TermList.self, TermShow.self, TermEdit.self, TermRemove.self]
    )
}

extension TermStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension GlossaryFileFormat: ExpressibleByArgument {}
extension DuplicatePolicy: ExpressibleByArgument {}

/// `--group-by`: what makes rows one entry.
enum GroupBy: String, ExpressibleByArgument, CaseIterable {
    case arabic
}

// MARK: add

struct TermAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a term pair as a new entry, or synonyms to an existing entry (--to ID).",
        discussion: """
            Examples:
              dragoman term add "قطاع غزة" "Gaza Strip" --domain geography --pos "proper noun"
              dragoman term add "" "Mohamed" --to 68          (an English variant only)
              dragoman term add "بيت المقدس" --to 77           (one term: its language is detected)
            """
    )

    @Argument(help: "The Arabic term (\"\" for none with --to).") var arabic: String
    @Argument(help: "The English term (\"\" or nothing for none with --to).") var english: String?
    @Option(help: "Add the term(s) to this existing entry instead of creating one.") var to: Int64?
    @Option(help: "Subject field of a new entry (politics, law, …).") var domain: String?
    @Option(help: "Part of speech (noun, verb, adjective, proper noun, phrase…).") var pos: String?
    @Option(help: "preferred, admitted, deprecated or forbidden. Default: preferred (admitted with --to).")
    var status: TermStatus?
    @Option(help: "A note on the term(s): usage, sense, why deprecated.") var note: String?
    @Option(help: "Where the term comes from.") var source: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let editor = TermEditor(glossary: try database.open().glossary)
        let result = try editor.add(TermEditor.Addition(arabic: arabic, english: english ?? "", entryID: to, domain: domain,
                                                        pos: pos, status: status, note: note, source: source))
        switch result {
        case .addedEntry(let id, let arabic, let english):
            print("added entry \(id): \(Terminal.isolate(arabic)) = \(english)")
        case .pairExists(let id, let arabic, let english):
            print("already in the glossary: entry \(id) has \(Terminal.isolate(arabic)) = \(english) (nothing added)")
        case .addedTerms(let id, let terms):
            print("entry \(id): " + terms.map { t in
                "\(Terminal.isolate(t.text)) (\(t.id.map { "term \($0)" } ?? "already there"))"
            }.joined(separator: ", "))
        }
    }
}

// MARK: lookup

struct TermLookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Look a word or phrase up, in Arabic or English, as it stands in text.",
        discussion: """
            The query may carry clitics (وبالقدس), harakat, spelling variants, one typo (words of 5+ \
            letters), or be a prefix (--prefix). Each result says how it matched: exact, normalized \
            (same match key), clitic (with what was stripped), plural, contains (a longer term), prefix, \
            fuzzy (edit distance); exact ranks first.
            """
    )

    @Argument(help: "The word or phrase.") var query: String
    @Flag(help: "Print JSON: an array of results, best first.") var json = false
    @Option(help: "Entries to show at most.") var limit = 10
    @Flag(help: "Also find terms that start with the query.") var prefix = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1") }
        if query.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ValidationError("the query is empty") }
    }

    func run() throws {
        let glossary = try database.openForReading().glossary
        let results = try glossary.lookup(query, limit: limit, prefix: prefix)
        if json {
            print(try JSONOutput.string(results.enumerated().map { TermLookupJSON($0.element, rank: $0.offset + 1) }, pretty: true))
            return
        }
        guard !results.isEmpty else {
            Terminal.writeStderr("no glossary entry matches \"\(query)\"\(prefix ? "" : " (try --prefix)")\n")
            return
        }
        var table = TermTable(["#", "MATCH", "TERM", "ENTRY", "DOMAIN", "TRANSLATIONS"])
        for (i, r) in results.enumerated() {
            var term = r.term.text
            if r.term.status.isDiscouraged { term += " (\(r.term.status.rawValue))" }
            table.add([String(i + 1), TermText.match(r.kind, clitics: r.clitics, distance: r.distance), term,
                       String(r.entry.id), r.entry.domain ?? "", TermText.translations(r.translations)])
        }
        table.print()
    }
}

// MARK: find

struct TermFind: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "find",
        abstract: "Find every glossary term in running text.",
        discussion: """
            Each hit gives its line, UTF-16 offsets in the original, the words as they stand, the \
            term and its entry, the translations, and how it matched. The longest term wins \
            (قطاع غزة, not also غزة); clitics are allowed on the first word of a term, the article on \
            any; deprecated and forbidden terms are flagged; "?" marks a less certain hit (a \
            one-letter preposition on a short word).
            """
    )

    @Argument(help: "The text file; '-' or nothing reads standard input.") var file: String?
    @Flag(help: "Print JSON: an array of hits in text order.") var json = false
    @Option(help: "Entries of this domain first, where the words match several entries.") var domain: String?
    @Flag(help: "With --domain: only the hits that have an entry of that domain.") var onlyDomain = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if onlyDomain && domain == nil { throw ValidationError("--only-domain goes with --domain D") }
    }

    func run() throws {
        if file == nil && Terminal.stdinIsTerminal {
            throw Failure.usage("give a FILE, or '-' to read standard input")
        }
        let (text, _) = try Input.readFile(file)
        let glossary = try database.openForReading().glossary
        let hits = try glossary.find(in: text).preferring(domain: domain, only: onlyDomain)
        let lines = TermLineIndex(text)
        if json {
            print(try JSONOutput.string(hits.map { TermHitJSON($0, line: lines.line(of: $0.range.lowerBound)) }, pretty: true))
            return
        }
        var table = TermTable(["LINE", "OFFSETS", "TEXT", "TERM", "MATCH", "NOTE", "TRANSLATIONS"])
        for hit in hits {
            var notes: [String] = []
            if let flag = hit.flag {
                let preferred = hit.entry.terms(in: hit.term.language).first { !$0.status.isDiscouraged }
                notes.append(flag.rawValue + (preferred.map { ": use \($0.text)" } ?? ""))
            }
            if hit.lowConfidence { notes.append("? less certain") }
            if !hit.alternatives.isEmpty {
                notes.append("also " + hit.alternatives.map { "entry \($0.entry.id) (\(TermText.translations($0.entry.terms(in: $0.term.language.other), limit: 1)))" }
                    .joined(separator: ", "))
            }
            table.add([String(lines.line(of: hit.range.lowerBound)), "\(hit.range.lowerBound)-\(hit.range.upperBound)",
                       hit.surface, "\(hit.term.text) [\(hit.entry.id)]", TermText.match(hit.kind, clitics: hit.clitics),
                       notes.joined(separator: "; "), TermText.translations(hit.translations)])
        }
        if !hits.isEmpty { table.print() }
        let entries = Set(hits.map(\.entry.id)).count
        print("\(Terminal.counted(hits.count, "hit")) of \(Terminal.counted(entries, "entry", "entries"))")
    }
}

// MARK: import / export

struct TermImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a termbase: TSV or CSV (with or without a header row), or TBX (2008 or v3, Basic, Min).",
        discussion: """
            TSV/CSV columns, by a first line naming them: arabic, english; optional id (rows with the same id are \
            one entry), domain, pos, status, note, source, definition, entry_note; other columns are \
            kept as notes. An empty arabic or english cell adds a term in the other language only. \
            TBX: Arabic and English language sections (ar, ar-EG, en-GB… ); other languages are \
            left out. The import is one transaction: a malformed file stores nothing. \
            An entry whose terms (same languages, same match keys) an entry already has is merged \
            into it: its empty fields are filled, a field that differs is kept and reported, a \
            status is set only when the file gives one. Importing a file twice changes nothing \
            the second time.
            """
    )

    @Argument(help: "The file to import ('-' for standard input, TSV/CSV only).") var file: String
    @Option(help: "tsv, csv or tbx (tbx2008 is read as tbx: both generations are recognised). Default: from the file name.")
    var format: GlossaryFileFormat?
    @Option(help: "Domain of entries that have none.") var domain: String?
    @Flag(help: "Import the good rows (or entries) and list the bad ones, instead of refusing the file.")
    var skipBad = false
    @Flag(help: "TSV/CSV whose first line is data even if it looks like a header: columns arabic, english[, domain, pos, status, note]. A file without a header line is read so anyway.")
    var noHeader = false
    @Option(help: "An entry whose terms an entry already has: merge (fill its empty fields, report conflicts), skip, or add (a new entry anyway).")
    var duplicates: DuplicatePolicy = .merge
    @Option(name: .customLong("group-by"), help: "arabic: TSV/CSV rows without an id whose Arabic terms are the same (same match key) are one entry, with each row's English term (a dictionary: one entry per headword).")
    var groupBy: GroupBy?
    @Flag(help: "TSV/CSV: a cell holding several glosses joined by ';' or ' | ' gives one term for each.")
    var splitGlosses = false
    @Option(help: "curated, standard or bulk: how the terms rank beside other entries' terms for the same words. Default: standard, or bulk when the import adds more than \(GlossaryPriority.bulkEntries) entries.")
    var priority: GlossaryPriority?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        guard let format = format ?? GlossaryFileFormat.guess(path: file) else {
            throw Failure.usage("cannot tell the format of \(file) from its name: add --format tsv, csv or tbx")
        }
        if file != "-" { try InputFile.checkReadable(file) }
        if file == "-" && format.isTBX {
            throw Failure.usage("TBX is read from a file, not standard input")
        }
        if format.isTBX && (groupBy != nil || splitGlosses) {
            throw Failure.usage("--group-by and --split-glosses are for TSV and CSV: a TBX file has its entries")
        }
        let options = GlossaryImportOptions(format: format, defaultDomain: domain, skipBad: skipBad, hasHeader: !noHeader,
                                            duplicates: duplicates, groupByArabic: groupBy == .arabic,
                                            splitGlosses: splitGlosses, priority: priority)
        let glossary = try database.open().glossary
        let report: ImportReport = try {
            if file == "-" {
                return try GlossaryFiles.importDelimited(name: "<stdin>", options: options, into: glossary) {
                    let data = FileHandle.standardInput.readData(ofLength: 1 << 16)
                    return data.isEmpty ? nil : [UInt8](data)
                }
            }
            let progress = Progress(label: "importing \(file)")
            defer { progress.finish() }
            return try GlossaryFiles.importFile(file, options: options, into: glossary, progress: progress.update)
        }()
        let read = format.isTBX ? Terminal.counted(report.itemsRead, "concept entry", "concept entries")
            : Terminal.counted(report.itemsRead, "row")
        print("imported \(file): \(Terminal.counted(report.entriesAdded, "entry", "entries")), \(Terminal.counted(report.termsAdded, "term")) added (\(read) read)")
        if report.entriesMerged > 0 {
            print("merged \(Terminal.counted(report.entriesMerged, "entry", "entries")) into entries already there or earlier in the file (\(report.entriesChanged) of those already there changed)")
        }
        if report.duplicatesSkipped > 0 {
            print("skipped \(Terminal.counted(report.duplicatesSkipped, "entry", "entries")) already there")
        }
        if report.conflictCount > 0 {
            print("kept \(Terminal.counted(report.conflictCount, "field")) that the file gives otherwise\(report.conflictCount > report.conflicts.count ? " (the first \(report.conflicts.count))" : ""):")
            for conflict in report.conflicts { print("  \(file): \(Terminal.isolate(conflict.description))") }
        }
        if report.otherLanguageTerms > 0 {
            print("left out \(Terminal.counted(report.otherLanguageTerms, "term")) in languages other than Arabic and English")
        }
        if report.entriesIgnored > 0 {
            print("left out \(Terminal.counted(report.entriesIgnored, "concept entry", "concept entries")) with no Arabic or English term")
        }
        if let batch = report.batch {
            let why = priority == nil && report.priority == .bulk
                ? " (more than \(GlossaryPriority.bulkEntries) entries; dragoman imports priority \(batch) standard changes it)" : ""
            print("recorded as import \(batch), priority \(report.priority ?? .standard)\(why); dragoman imports undo \(batch) takes it back")
        }
        if !report.skipped.isEmpty {
            print("skipped \(report.skipped.count) bad \(format.isTBX ? "entr\(report.skipped.count == 1 ? "y" : "ies")" : "row\(report.skipped.count == 1 ? "" : "s")"):")
            for problem in report.skipped { print("  \(file): \(problem)") }
        }
    }
}

struct TermExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the glossary as TSV, CSV or TBX-Basic (TBX v3, or TBX 2008 for OmegaT and Translate Toolkit).",
        discussion: "Importing the file into an empty database gives the same entries. A .tbx file name gives TBX v3; --format tbx2008 writes the 2008 generation (martif)."
    )

    @Option(help: "tsv, csv, tbx (TBX v3) or tbx2008 (TBX 2008, martif: OmegaT, Translate Toolkit). Default: from the -o file name (.tbx: TBX v3), else tsv.")
    var format: GlossaryFileFormat?
    @Option(name: .shortAndLong, help: "Write to this file (replaced only when the export is complete). Default: standard output.")
    var output: String?
    @Option(help: "Only the entries of this domain.") var domain: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let format = format ?? output.flatMap { GlossaryFileFormat.guess(path: $0) } ?? .tsv
        let glossary = try database.openForReading().glossary
        var count = 0
        let progress = Progress(label: "exporting", enabled: output != nil && output != "-")
        try OutputFile.write(to: output) { handle in
            count = try GlossaryFiles.export(glossary, format: format, domain: domain, to: handle, progress: progress.update)
        }
        progress.finish()
        if let output, output != "-" { Terminal.writeStderr("exported \(Terminal.counted(count, "entry", "entries")) to \(output)\n") }
    }
}

// MARK: list / show

struct TermList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List entries: id, domain, main Arabic and English term, number of terms."
    )

    @Option(help: "Only the entries of this domain.") var domain: String?
    @Option(help: "Show at most this many entries.") var limit: Int?
    @Option(help: "Start after this entry id (for paging).") var after: Int64 = 0
    @Flag(help: "Print JSON: one entry object per line.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let glossary = try database.openForReading().glossary
        var table = TermTable(["ID", "DOMAIN", "ARABIC", "ENGLISH", "TERMS"])
        var shown = 0
        try {
            try glossary.read { r in
                try r.forEachEntry(domain: domain, after: after) { e in
                    if let limit, shown >= limit { return false }
                    shown += 1
                    if json {
                        print(try JSONOutput.line(TermEntryJSON(e)))
                    } else {
                        table.add([String(e.id), e.domain ?? "", e.headword(in: .arabic)?.text ?? "—",
                                   e.headword(in: .english)?.text ?? "—", String(e.terms.count)])
                        if table.rows.count >= 1_000 { table.printPage() }
                    }
                    return true
                }
            }
        }()
        if !json && !table.rows.isEmpty { table.printPage() }
        if !json && shown == 0 { Terminal.writeStderr("no entries\n") }
    }
}

struct TermShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show an entry with all its terms, notes and dates."
    )

    @Argument(help: "The entry id.") var id: Int64
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let glossary = try database.openForReading().glossary
        guard let e = try glossary.entry(id: id) else {
            throw Failure.notFound("there is no entry \(id) in \(database.resolvedPath)")
        }
        if json {
            print(try JSONOutput.string(TermEntryJSON(e), pretty: true))
            return
        }
        print("entry \(e.id)" + (e.domain.map { "  (\($0))" } ?? ""))
        if let d = e.definition { print("  definition: \(Terminal.isolate(d))") }
        if let n = e.note { print("  note: \(Terminal.isolate(n))") }
        print("  created \(TermText.date(e.created)), changed \(TermText.date(e.changed))")
        var table = TermTable(["  LANG", "TERM ID", "TEXT", "STATUS", "POS", "NOTE"])
        for t in e.terms(in: .arabic) + e.terms(in: .english) {
            var note = t.note ?? ""
            if let s = t.source { note += (note.isEmpty ? "" : "; ") + "source: \(s)" }
            table.add(["  " + t.language.rawValue, String(t.id), t.text, t.status.rawValue, t.pos ?? "", note])
        }
        table.print()
    }
}

// MARK: edit / remove

struct TermEdit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change an entry (domain, definition, note) or one of its terms (--term).",
        discussion: """
            Without --term, --note is the entry's note; with --term TERM_ID, --text, --status, --pos, \
            --note and --source change that term. An empty value ("") clears a field.
            Examples:
              dragoman term edit 42 --domain diplomacy
              dragoman term edit 42 --term 97 --status deprecated --note "use Secretary-General"
            """
    )

    @Argument(help: "The entry id.") var id: Int64
    @Option(help: "Edit this term of the entry (its id, as `term show` lists it).") var term: Int64?
    @Option(help: "The entry's domain.") var domain: String?
    @Option(help: "The entry's definition.") var definition: String?
    @Option(help: "The note (of the entry, or of the term with --term).") var note: String?
    @Option(help: "The term's text (with --term).") var text: String?
    @Option(help: "The term's status (with --term).") var status: TermStatus?
    @Option(help: "The term's part of speech (with --term).") var pos: String?
    @Option(help: "The term's source (with --term).") var source: String?
    @OptionGroup var database: DatabaseOptions

    var edit: TermEditor.Edit {
        TermEditor.Edit(domain: domain, definition: definition, note: note, termID: term, text: text, status: status,
                        pos: pos, source: source)
    }

    func validate() throws {
        if let problem = edit.problem { throw ValidationError(problem) }
    }

    func run() throws {
        try TermEditor(glossary: try database.open().glossary).edit(entry: id, edit)
        print("changed entry \(id)" + (term.map { ", term \($0)" } ?? ""))
    }
}

struct TermRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove entries with all their terms, or one term of an entry (--term).",
        discussion: "Several ids are removed in one transaction; if one of them names no entry, nothing is removed."
    )

    @Argument(help: "The entry id(s).") var ids: [Int64]
    @Option(help: "Remove only this term of the entry (the entry goes with its last term); one entry id.") var term: Int64?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give the id of an entry to remove") }
        if term != nil && ids.count > 1 { throw ValidationError("--term takes one entry id") }
    }

    func run() throws {
        let editor = TermEditor(glossary: try database.open().glossary)
        if term == nil && ids.count > 1 {
            let removed = try editor.remove(entries: ids)
            for (id, terms) in removed { print("removed entry \(id) (\(terms) term\(terms == 1 ? "" : "s"))") }
            print("removed \(Terminal.counted(removed.count, "entry", "entries"))")
            return
        }
        switch try editor.remove(entry: ids[0], term: term) {
        case .entry(let id, let terms):
            print("removed entry \(id) (\(terms) term\(terms == 1 ? "" : "s"))")
        case .term(let term, let text, let id, let entryRemoved):
            print(entryRemoved
                  ? "removed term \(term) (\(Terminal.isolate(text))) and entry \(id), which had no other term"
                  : "removed term \(term) (\(Terminal.isolate(text))) from entry \(id)")
        }
    }
}
