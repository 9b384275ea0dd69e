import ArgumentParser
import DragomanDocuments
import DragomanFormats
import DragomanGlossary
import DragomanPretranslate
import DragomanStore
import DragomanText
import DragomanTM
import Foundation

extension DocumentFormat: ExpressibleByArgument {}
extension PretranslationOptions.ExactAs: ExpressibleByArgument {}

/// Reading an article and running the pre-translation: shared by `pretranslate` and `analyze`.
struct ArticleInput {
    let text: String
    let name: String
    let article: Article

    /// Reads `path`, refusing empty and binary files and text in the wrong language.
    init(path: String, from side: Language, layout: TextLayout?) throws {
        let (text, name) = try Input.readFile(path)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DragomanError.badInput("\(name): the article is empty")
        }
        let arabic = text.unicodeScalars.filter { ArabicScript.isLetter($0.value) }.count
        let latin = text.unicodeScalars.filter { LatinScript.isLetter($0.value) }.count
        if side == .arabic && arabic < latin {
            throw DragomanError.badInput("\(name): this article is mostly in Latin script, not Arabic; use --from en to translate from English")
        }
        if side == .english && latin < arabic {
            throw DragomanError.badInput("\(name): this article is mostly Arabic; drop --from en to translate from Arabic")
        }
        let layout = layout ?? (name.lowercased().hasSuffix(".md") || name.lowercased().hasSuffix(".markdown") ? .markdown : .plainText)
        self.text = text
        self.name = name
        self.article = ArticleParser.parse(text, layout: layout, language: side)
    }

    func pretranslate(database: DragomanDatabase, options: PretranslationOptions, glossary: Bool = true) throws -> PretranslatedDocument {
        let tm = SQLiteTranslationMemory(database: database)
        let spotter = glossary ? GlossarySpotter(glossary: SQLiteGlossary(database: database)) : nil
        let pretranslator = Pretranslator(search: { query, threshold, limit in
            try tm.search(query, threshold: threshold, limit: limit)
        }, terms: spotter, workers: ProcessInfo.processInfo.activeProcessorCount)
        return try storeCall { try pretranslator.run(article, fileName: (name as NSString).lastPathComponent, options: options) }
    }
}

struct PretranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretranslate",
        abstract: "Split an article into sentences and fill each from the translation memory and the glossary.",
        discussion: """
            Formats: xliff (XLIFF 2.1, the default for files), xliff12 (XLIFF 1.2 for OmegaT, Okapi and older tools), \
            tmx (the leveraged pairs), md and html (review documents), json (one object per segment per line). \
            With no --format and standard output a terminal, prints a readable summary per segment.
            """)

    @Argument(help: "The article (plain text or Markdown); '-' reads standard input.") var file: String
    @Option(help: "xliff, xliff12, tmx, md, html or json.") var format: DocumentFormat?
    @Option(name: .shortAndLong, help: "Write to this file (a temporary file renamed on success).") var output: String?
    @Option(help: "The article's language: ar (default) or en.") var from: Language = .arabic
    @Option(help: "The lowest score proposed as a target.") var minScore = 70
    @Option(help: "Alternatives listed per segment besides the proposal.") var alternatives = 3
    @Option(help: "Whether 100% and context matches count as final or still need review.") var exactAs: PretranslationOptions.ExactAs = .final
    @Option(help: "text or markdown (default: from the file name).") var layout: TextLayout?
    @Option(help: "Also import this TSV of sentence pairs (arabic<TAB>english) into the TM first; importing the same pairs again changes nothing.")
    var loadTm: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (0...101).contains(minScore) else { throw ValidationError("--min-score takes 0 to 101") }
        guard alternatives >= 0 else { throw ValidationError("--alternatives takes 0 or more") }
    }

    func run() throws {
        let input = try ArticleInput(path: file, from: from, layout: layout)
        let db = try database.open()
        if let loadTm { try SampleTM.load(loadTm, into: db) }
        let document = try input.pretranslate(database: db, options: PretranslationOptions(
            side: from, threshold: minScore, alternatives: alternatives, exactAs: exactAs))
        let options = DocumentWriterOptions(toolVersion: DragomanVersion.string)
        if format == nil && output == nil && Terminal.stdoutIsTerminal {
            PretranslationSummary.print(document)
            return
        }
        let format = self.format ?? output.flatMap(DocumentFormat.inferred(fromPath:)) ?? (output == nil ? .json : .xliff)
        let text = try format.write(document, options: options)
        try OutputFile.write(to: output) { $0(text) }
        if let output { Terminal.writeStderr("wrote \(output) (\(format.rawValue), \(document.segments.count) segments)\n") }
    }
}

/// Loads a TSV of sample pairs into the TM (idempotent: duplicates only refresh dates).
enum SampleTM {
    static func load(_ path: String, into database: DragomanDatabase) throws {
        let (text, name) = try Input.readFile(path)
        var reader = DelimitedPairsReader(text: text, format: .tsv, file: name, origin: (name as NSString).lastPathComponent, skipBad: false)
        var failure: String?
        let tm = SQLiteTranslationMemory(database: database)
        _ = try storeCall {
            try tm.add(contentsOf: AnySequence { AnyIterator {
                let unit = reader.next()
                if unit == nil, let e = reader.error { failure = e.description }
                return unit
            } }, progress: nil)
        }
        if let failure { throw DragomanError.badInput(failure + "; nothing was imported") }
    }
}

/// The terminal view of a pre-translation: one block per segment.
enum PretranslationSummary {
    static func print(_ d: PretranslatedDocument) {
        var counts: [String: Int] = [:]
        for s in d.segments {
            let kind = s.repetitionOf != nil ? "repetition" : (s.best?.kind.rawValue ?? "no match")
            counts[kind, default: 0] += 1
            var head = "[\(s.segment.index + 1)] "
            if let b = s.best { head += "\(b.score) \(b.kind.rawValue)" } else { head += "no match" }
            head += "  \(s.state.rawValue)"
            if let r = s.repetitionOf { head += "  (repeats [\(r + 1)])" }
            Swift.print(head)
            Swift.print("  source: \(Terminal.isolate(s.segment.text))")
            if let b = s.best {
                Swift.print("  target: \(Terminal.isolate(b.target))")
                if !b.repairs.isEmpty { Swift.print("  repaired: " + b.repairs.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")) }
                if b.kind == .fuzzy || b.kind == .repaired { Swift.print("  TM:     \(Terminal.isolate(b.source))") }
            }
            for a in s.alternatives { Swift.print("  also \(a.score) \(a.kind.rawValue): \(Terminal.isolate(a.target))") }
            if !s.terms.isEmpty {
                Swift.print("  terms: " + s.terms.map { t in
                    var x = "\(Terminal.isolate(t.surface)) → \(t.translations.first.map(Terminal.isolate) ?? "?")"
                    if t.isFlagged { x += " [\(t.status.uppercased())]" }
                    return x
                }.joined(separator: "; "))
            }
            if !s.numbers.isEmpty { Swift.print("  numbers: " + s.numbers.map(\.text).joined(separator: ", ")) }
            Swift.print("")
        }
        Swift.print("\(d.fileName): \(d.segments.count) segments: " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
    }
}

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "How much of the articles the TM already covers: words per match band, weighted.",
        discussion: "Words are counted the same way in Arabic and English: a word is a run of letters or a number; attached clitics are part of their word (وبالقدس is one word); punctuation is not counted.")

    @Argument(help: "The articles.") var files: [String]
    @Option(help: "The articles' language: ar (default) or en.") var from: Language = .arabic
    @Option(help: "Payable percentages for context/repetitions/100/95-99/85-94/75-84/50-74/no match.") var weights = AnalysisWeights.standard.description
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard AnalysisWeights(weights) != nil else { throw ValidationError("--weights takes eight percentages like 0/10/30/60/60/60/100/100") }
        guard !files.isEmpty else { throw ValidationError("give at least one article") }
    }

    struct FileReport: Encodable {
        var file: String
        var segments: [String: Int]
        var words: [String: Int]
        var totalSegments: Int
        var totalWords: Int
        var weightedWords: Double
    }

    func run() throws {
        let weights = AnalysisWeights(weights)!
        let db = try database.open()
        var seen = Set<String>()
        var reports: [FileReport] = []
        var total = BandCounts()
        for file in files {
            let input = try ArticleInput(path: file, from: from, layout: nil)
            let document = try input.pretranslate(database: db, options: PretranslationOptions(side: from, threshold: 50, alternatives: 0), glossary: false)
            let counts = Analyzer.count(document, seen: &seen)
            total = total + counts
            reports.append(report(file, counts, weights))
        }
        if files.count > 1 || json { reports.append(report("total", total, weights)) }
        if json {
            struct Output: Encodable { var weights: String; var files: [FileReport] }
            print(try JSONOutput.string(Output(weights: weights.description, files: reports), pretty: true))
            return
        }
        print("weights (context/repetitions/100/95-99/85-94/75-84/50-74/no match): \(weights.description) %")
        for r in reports {
            print("\n\(r.file)")
            print("  " + "band".padding(toLength: 14, withPad: " ", startingAt: 0) + "segments".leftPadded(9) + "words".leftPadded(9) + "weighted".leftPadded(10))
            for band in AnalysisWeights.order {
                let w = r.words[band.rawValue] ?? 0
                print("  " + band.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                      + String(r.segments[band.rawValue] ?? 0).leftPadded(9) + String(w).leftPadded(9)
                      + String(format: "%.1f", Double(w) * Double(weights.percent[band] ?? 0) / 100).leftPadded(10))
            }
            print("  " + "total".padding(toLength: 14, withPad: " ", startingAt: 0) + String(r.totalSegments).leftPadded(9)
                  + String(r.totalWords).leftPadded(9) + String(format: "%.1f", r.weightedWords).leftPadded(10))
        }
    }

    func report(_ file: String, _ c: BandCounts, _ weights: AnalysisWeights) -> FileReport {
        FileReport(file: file,
                   segments: Dictionary(uniqueKeysWithValues: AnalysisBand.allCases.map { ($0.rawValue, c.segments[$0] ?? 0) }),
                   words: Dictionary(uniqueKeysWithValues: AnalysisBand.allCases.map { ($0.rawValue, c.words[$0] ?? 0) }),
                   totalSegments: c.totalSegments, totalWords: c.totalWords, weightedWords: c.weightedWords(weights))
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Rebuild the translated article from an XLIFF (2.1 or 1.2) file: targets in the source's structure.")

    @Argument(help: "The XLIFF file (as written by pretranslate, possibly edited in a CAT tool).") var xliff: String
    @Option(name: .shortAndLong, help: "The output file (default: standard output).") var output: String?

    func run() throws {
        guard FileManager.default.fileExists(atPath: xliff) else {
            throw DragomanError(code: .noInput, message: "\(xliff): no such file")
        }
        let result: XLIFFMergeResult
        do {
            result = try XLIFFMerger().merge(contentsOf: URL(fileURLWithPath: xliff))
        } catch {
            throw DragomanError.badInput("\(xliff): \(error)")
        }
        try OutputFile.write(to: output) { $0(result.text) }
        if !result.untranslatedIDs.isEmpty {
            Terminal.writeStderr("\(result.untranslatedIDs.count) of \(result.segmentCount) segments had no target: their source text was kept\n")
        }
    }
}
