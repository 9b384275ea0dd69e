import ArgumentParser
import DragomanGlossary
import DragomanStore
import DragomanText
import Foundation

/// `dragoman term …`: the glossary.
struct TermCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "term",
        abstract: "The glossary: look terms up, find them in running text, add, edit, import and export them.",
        subcommands: [TermAdd.self, TermLookupCommand.self, TermFind.self, TermImport.self, TermExport.self,
                      TermList.self, TermShow.self, TermEdit.self, TermRemove.self]
    )
}

extension TermStatus: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension GlossaryFileFormat: ExpressibleByArgument {}

/// Opens the glossary of the selected database.
func openGlossary(_ options: DatabaseOptions) throws -> SQLiteGlossary {
    SQLiteGlossary(database: try options.open())
}

/// Runs `body`, turning the glossary's and the store's expected failures into messages
/// and exit codes.
func glossaryCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw DragomanError(store: error)
    } catch let error as GlossaryError {
        throw DragomanError.badInput(error.message)
    } catch let error as GlossaryFileError {
        switch error {
        case .cannotRead: throw DragomanError(code: .noInput, message: error.description)
        case .malformed, .badItems: throw DragomanError.badInput(error.description)
        }
    }
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
        var arabicText = GlossaryText.term(arabic)
        var englishText = GlossaryText.term(english ?? "")
        // One term given with --to: its script says which language it is.
        if to != nil && englishText.isEmpty && !arabicText.isEmpty && Language.detect(arabicText) == .english {
            swap(&arabicText, &englishText)
        }
        if to == nil && (arabicText.isEmpty || englishText.isEmpty) {
            throw DragomanError.usage("give an Arabic and an English term (or --to ID to add a synonym to an entry)")
        }
        if arabicText.isEmpty && englishText.isEmpty {
            throw DragomanError.usage("give at least one term")
        }
        if !arabicText.isEmpty && !arabicText.unicodeScalars.contains(where: { ArabicScript.isLetter($0.value) }) {
            throw DragomanError.usage("the first term, \"\(arabicText)\", has no Arabic letter: the order is ARABIC ENGLISH")
        }
        let status = self.status ?? (to == nil ? .preferred : .admitted)
        var terms: [NewTerm] = []
        if !arabicText.isEmpty {
            terms.append(NewTerm(.arabic, arabicText, pos: pos, status: status, note: note, source: source))
        }
        if !englishText.isEmpty {
            terms.append(NewTerm(.english, englishText, pos: pos, status: status, note: note, source: source))
        }
        let glossary = try openGlossary(database)
        let message: String = try glossaryCall {
            try glossary.write { w -> String in
                if let to {
                    guard let entry = try w.entry(id: to) else { throw GlossaryError(.notFound, "there is no entry \(to)") }
                    var added: [String] = []
                    for t in terms {
                        let key = MatchKey.make(t.text)
                        if entry.terms.contains(where: { $0.language == t.language && MatchKey.make($0.text) == key }) {
                            added.append("\(Terminal.isolate(t.text)) (already there)")
                            continue
                        }
                        let id = try w.addTerm(t, toEntry: to)
                        added.append("\(Terminal.isolate(t.text)) (term \(id))")
                    }
                    return "entry \(to): " + added.joined(separator: ", ")
                }
                // The same pair in one entry already?
                let arKey = MatchKey.make(arabicText), enKey = MatchKey.make(englishText)
                let withArabic = Set(try w.terms(withKeys: [arKey]).filter { $0.language == .arabic }.map(\.entryID))
                if let existing = try w.terms(withKeys: [enKey]).first(where: { $0.language == .english && withArabic.contains($0.entryID) }) {
                    return "already in the glossary: entry \(existing.entryID) has \(Terminal.isolate(arabicText)) = \(englishText) (nothing added)"
                }
                let id = try w.add(NewEntry(domain: domain, terms: terms))
                return "added entry \(id): \(Terminal.isolate(arabicText)) = \(englishText)"
            }
        }
        print(message)
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
        let glossary = try openGlossary(database)
        let results = try glossaryCall { try glossary.lookup(query, limit: limit, prefix: prefix) }
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
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        if file == nil && Terminal.stdinIsTerminal {
            throw DragomanError.usage("give a FILE, or '-' to read standard input")
        }
        let (text, _) = try Input.readFile(file)
        let glossary = try openGlossary(database)
        let hits = try glossaryCall { try glossary.find(in: text) }
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
        print("\(hits.count) hit\(hits.count == 1 ? "" : "s") of \(entries) entr\(entries == 1 ? "y" : "ies")")
    }
}

/// Line numbers of UTF-16 offsets.
struct TermLineIndex {
    var starts: [Int] = [0]

    init(_ text: String) {
        var offset = 0
        for u in text.utf16 {
            offset += 1
            if u == 0x0A { starts.append(offset) }
        }
    }

    /// 1-based line of the UTF-16 offset.
    func line(of offset: Int) -> Int {
        var lo = 0, hi = starts.count
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid }
        }
        return lo + 1
    }
}

// MARK: import / export

struct TermImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a termbase: TSV or CSV with a header row, or TBX (2008 or v3, Basic, Min).",
        discussion: """
            TSV/CSV columns (by header name): arabic, english; optional id (rows with the same id are \
            one entry), domain, pos, status, note, source, definition, entry_note; other columns are \
            kept as notes. An empty arabic or english cell adds a term in the other language only. \
            TBX: Arabic and English language sections (ar, ar-EG, en-GB… ); other languages are \
            left out. The import is one transaction: a malformed file stores nothing.
            """
    )

    @Argument(help: "The file to import ('-' for standard input, TSV/CSV only).") var file: String
    @Option(help: "tsv, csv or tbx. Default: from the file name.") var format: GlossaryFileFormat?
    @Option(help: "Domain of entries that have none.") var domain: String?
    @Flag(help: "Import the good rows (or entries) and list the bad ones, instead of refusing the file.")
    var skipBad = false
    @Flag(help: "TSV/CSV without a header row: columns arabic, english[, domain, pos, status, note].")
    var noHeader = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        guard let format = format ?? GlossaryFileFormat.guess(path: file) else {
            throw DragomanError.usage("cannot tell the format of \(file) from its name: add --format tsv, csv or tbx")
        }
        if file != "-" && !FileManager.default.fileExists(atPath: file) {
            throw DragomanError(code: .noInput, message: "\(file): no such file")
        }
        if file == "-" && format == .tbx {
            throw DragomanError.usage("TBX is read from a file, not standard input")
        }
        let options = GlossaryImportOptions(format: format, defaultDomain: domain, skipBad: skipBad, hasHeader: !noHeader)
        let glossary = try openGlossary(database)
        let report: ImportReport = try glossaryCall {
            if file == "-" {
                return try GlossaryFiles.importDelimited(name: "<stdin>", options: options, into: glossary) {
                    let data = FileHandle.standardInput.readData(ofLength: 1 << 16)
                    return data.isEmpty ? nil : [UInt8](data)
                }
            }
            return try GlossaryFiles.importFile(file, options: options, into: glossary)
        }
        let unit = format == .tbx ? "concept entries" : "rows"
        print("imported \(file): \(report.entriesAdded) entries, \(report.termsAdded) terms added (\(report.itemsRead) \(unit) read)")
        if report.otherLanguageTerms > 0 {
            print("left out \(report.otherLanguageTerms) terms in languages other than Arabic and English")
        }
        if report.entriesIgnored > 0 {
            print("left out \(report.entriesIgnored) concept entries with no Arabic or English term")
        }
        if !report.skipped.isEmpty {
            print("skipped \(report.skipped.count) bad \(format == .tbx ? "entr\(report.skipped.count == 1 ? "y" : "ies")" : "row\(report.skipped.count == 1 ? "" : "s")"):")
            for problem in report.skipped { print("  \(file): \(problem)") }
        }
    }
}

struct TermExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the glossary as TSV, CSV or TBX (v3, TBX-Basic).",
        discussion: "Importing the file into an empty database gives the same entries."
    )

    @Option(help: "tsv, csv or tbx. Default: from the -o file name, else tsv.") var format: GlossaryFileFormat?
    @Option(name: .shortAndLong, help: "Write to this file (replaced only when the export is complete). Default: standard output.")
    var output: String?
    @Option(help: "Only the entries of this domain.") var domain: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let format = format ?? output.flatMap { GlossaryFileFormat.guess(path: $0) } ?? .tsv
        let glossary = try openGlossary(database)
        guard let output, output != "-" else {
            _ = try glossaryCall { try GlossaryFiles.export(glossary, format: format, domain: domain, to: .standardOutput) }
            return
        }
        let url = URL(fileURLWithPath: output)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: temporary) else {
            throw DragomanError(code: .cannotWrite, message: "\(output): cannot write here (check the folder exists and is writable)")
        }
        do {
            let count = try glossaryCall { try GlossaryFiles.export(glossary, format: format, domain: domain, to: handle) }
            try handle.synchronize()
            try handle.close()
            try OutputFile.replace(url, with: temporary, path: output)
            Terminal.writeStderr("exported \(count) entries to \(output)\n")
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            if error is DragomanError { throw error }
            throw DragomanError(code: .cannotWrite, message: "\(output): \(error.localizedDescription)")
        }
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
        let glossary = try openGlossary(database)
        var table = TermTable(["ID", "DOMAIN", "ARABIC", "ENGLISH", "TERMS"])
        var shown = 0
        try glossaryCall {
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
        }
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
        let glossary = try openGlossary(database)
        guard let e = try glossaryCall({ try glossary.entry(id: id) }) else {
            throw DragomanError.badInput("there is no entry \(id) in \(database.resolvedPath)")
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

    func validate() throws {
        if term == nil && (text != nil || status != nil || pos != nil || source != nil) {
            throw ValidationError("--text, --status, --pos and --source change a term: add --term TERM_ID")
        }
        if domain == nil && definition == nil && note == nil && text == nil && status == nil && pos == nil && source == nil {
            throw ValidationError("nothing to change: give --domain, --definition, --note, or --term with --text/--status/--pos/--source")
        }
    }

    func run() throws {
        let glossary = try openGlossary(database)
        func change(_ value: String?) -> String?? {
            guard let value else { return nil }
            return .some(value.isEmpty ? nil : value)
        }
        try glossaryCall {
            try glossary.write { w in
                guard let entry = try w.entry(id: id) else { throw GlossaryError(.notFound, "there is no entry \(id)") }
                let entryChanges = EntryChanges(domain: change(domain), definition: change(definition),
                                                note: term == nil ? change(note) : nil)
                if !entryChanges.isEmpty { try w.update(entry: id, entryChanges) }
                if let term {
                    guard entry.term(id: term) != nil else {
                        throw GlossaryError(.notFound, "entry \(id) has no term \(term) (see: dragoman term show \(id))")
                    }
                    try w.update(term: term, TermChanges(text: text, pos: change(pos), status: status, note: change(note),
                                                         source: change(source)))
                }
            }
        }
        print("changed entry \(id)" + (term.map { ", term \($0)" } ?? ""))
    }
}

struct TermRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove an entry with all its terms, or one term of it (--term)."
    )

    @Argument(help: "The entry id.") var id: Int64
    @Option(help: "Remove only this term of the entry (the entry goes with its last term).") var term: Int64?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let glossary = try openGlossary(database)
        let message: String = try glossaryCall {
            try glossary.write { w in
                guard let entry = try w.entry(id: id) else { throw GlossaryError(.notFound, "there is no entry \(id)") }
                if let term {
                    guard let t = entry.term(id: term) else {
                        throw GlossaryError(.notFound, "entry \(id) has no term \(term) (see: dragoman term show \(id))")
                    }
                    try w.removeTerm(id: term)
                    return entry.terms.count == 1
                        ? "removed term \(term) (\(Terminal.isolate(t.text))) and entry \(id), which had no other term"
                        : "removed term \(term) (\(Terminal.isolate(t.text))) from entry \(id)"
                }
                try w.removeEntry(id: id)
                return "removed entry \(id) (\(entry.terms.count) term\(entry.terms.count == 1 ? "" : "s"))"
            }
        }
        print(message)
    }
}
