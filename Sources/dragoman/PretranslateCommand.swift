import ArgumentParser
import DragomanDocuments
import DragomanFormats
import DragomanGlossary
import DragomanPretranslate
import DragomanApp
import DragomanText
import DragomanTM
import Foundation

extension DocumentFormat: ExpressibleByArgument {}
extension PretranslationOptions.ExactAs: ExpressibleByArgument {}

struct PretranslateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pretranslate",
        abstract: "Split an article into sentences and fill each from the translation memory and the glossary.",
        discussion: """
            Formats: xliff (XLIFF 2.1, the default for files), xliff12 (XLIFF 1.2 for Okapi and older tools), \
            tmx (the leveraged pairs; for OmegaT, in the project's tm/auto or tm folder), md and html (review documents), json (one object per segment per line). \
            With no --format and standard output a terminal, prints a readable summary per segment.

            Below the sentence: every segment lists the fragments the TM holds (spans of two or more words, \
            with their translations), and a segment without a match gets a draft assembled from fragments, \
            glossary terms, numbers and names, the words still untranslated between ⟦ and ⟧. The draft is a \
            candidate (XLIFF 2.1 mtc:match type="am", XLIFF 1.2 alt-trans), never the target unless \
            --assembled-as-target, and then it needs review.
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
    @Option(help: "Glossary entries of this domain first, where the words match several entries.") var domain: String?
    @Flag(help: "Give a segment without a match its assembled draft as the target (always needs review; untranslated words stay between ⟦ and ⟧).")
    var assembledAsTarget = false
    @Flag(help: "Give fuzzy matches' targets exactly as stored: no names, dates, terms or numbers carried over from the segment.")
    var noRepair = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (0...101).contains(minScore) else { throw ValidationError("--min-score takes 0 to 101") }
        guard alternatives >= 0 else { throw ValidationError("--alternatives takes 0 or more") }
        if format == nil, let output {
            do { _ = try Self.format(forOutput: output) } catch let failure as Failure { throw ValidationError(failure.message) }
        }
    }

    func run() throws {
        let input = try ArticleInput(path: file, language: from, layout: layout)
        let workspace = try database.open()
        if let loadTm {
            try workspace.alignOnArrival()
            try TMImport.loadSample(loadTm, into: workspace.tm)
        }
        // Learn the word alignment when it is due (never learnt, or the TM changed by a quarter).
        try AutoLearning.afterAdding(workspace, quiet: false)
        let document = try Pretranslation(workspace: workspace, fragments: workspace.fragmentSearch(), repair: !noRepair).run(input, options: PretranslationOptions(
            side: from, threshold: minScore, alternatives: alternatives, exactAs: exactAs,
            assembledAsTarget: assembledAsTarget), domain: domain)
        let options = DocumentWriterOptions(toolVersion: DragomanVersion.string)
        if format == nil && output == nil && Terminal.stdoutIsTerminal {
            PretranslationSummary.print(document)
            return
        }
        let format = try self.format ?? output.map(Self.format(forOutput:)) ?? .json
        let text = try format.write(document, options: options)
        try OutputFile.writeText(to: output) { $0(text) }
        if let output {
            Terminal.writeStderr("wrote \(output) (\(format.rawValue), \(document.segments.count) segments; "
                                 + PretranslationSummary.belowTheSentence(document) + ")\n")
        }
    }
}

extension PretranslateCommand {
    /// The format an `-o` file's extension names; any other extension is refused rather
    /// than written as XLIFF under a name that says otherwise.
    static func format(forOutput path: String) throws -> DocumentFormat {
        if path == "-" { return .json }
        guard let format = DocumentFormat.inferred(fromPath: path) else {
            throw Failure.usage("\(path): cannot tell the format from the name: use .xlf or .xliff (XLIFF 2.1), .tmx, .md, .html, .json or .jsonl, or give --format")
        }
        return format
    }
}

/// The terminal view of a pre-translation: one block per segment.
enum PretranslationSummary {
    static func print(_ d: PretranslatedDocument) {
        var counts: [String: Int] = [:]
        for s in d.segments {
            let kind = s.repetitionOf != nil ? "repetition" : (s.best?.kind.rawValue ?? (s.assembledIsTarget ? "assembled" : "no match"))
            counts[kind, default: 0] += 1
            var head = "[\(s.segment.index + 1)] "
            if let b = s.best {
                head += Terminal.score(b.score, "\(b.score) \(b.kind.rawValue)")
            } else {
                head += Terminal.score(nil, s.assembledIsTarget ? "no match, assembled" : "no match")
            }
            head += "  \(s.state.rawValue)"
            if let r = s.repetitionOf { head += "  (repeats [\(r + 1)])" }
            Swift.print(head)
            Swift.print("  source: \(Terminal.isolate(s.segment.text))")
            if let b = s.best {
                Swift.print("  target: \(Terminal.isolate(b.target))")
                if !b.repairs.isEmpty {
                    Swift.print("  repaired: " + b.repairs.map { "\(Terminal.isolate($0.from)) → \(Terminal.isolate($0.to))" }.joined(separator: ", "))
                }
                if let note = b.unrepairedNote { Swift.print("  \(Terminal.isolate(note))") }
                if b.kind == .fuzzy || b.kind == .repaired { Swift.print("  TM:     \(Terminal.isolate(b.source))") }
            }
            if let draft = s.assembled {
                Swift.print("  \(s.assembledIsTarget ? "target" : "draft "): \(Terminal.isolate(draft.text))  "
                            + Terminal.paint("(assembled, \(draft.coveredWords)/\(draft.totalWords) words)", "35"))
            }
            if !s.fragments.isEmpty {
                Swift.print("  fragments: " + s.fragments.map { f in
                    "\(Terminal.isolate(f.source)) → \(Terminal.isolate(f.target)) (×\(f.count))"
                }.joined(separator: "; "))
            }
            // The proposal is not its own alternative.
            for a in s.alternatives where !(a.unitID == s.best?.unitID && a.target == s.best?.target) {
                Swift.print("  also \(a.score) \(a.kind.rawValue): \(Terminal.isolate(a.target))")
            }
            if !s.terms.isEmpty {
                Swift.print("  terms: " + s.terms.map { t in
                    var x = "\(Terminal.isolate(t.surface)) → \(t.translations.first.map(Terminal.isolate) ?? "?")"
                    if t.isFlagged { x += " [\(t.status.rawValue.uppercased())]" }
                    return x
                }.joined(separator: "; "))
            }
            if !s.numbers.isEmpty { Swift.print("  numbers: " + s.numbers.map(\.text).joined(separator: ", ")) }
            for check in s.checks { Swift.print("  " + Terminal.paint("check: \(check)", "31")) }
            Swift.print("")
        }
        Swift.print("\(d.fileName): \(d.segments.count) segments: " + counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                    + "; " + belowTheSentence(d))
    }

    /// "3 with fragments, 2 with an assembled draft".
    static func belowTheSentence(_ d: PretranslatedDocument) -> String {
        "\(d.segmentsWithFragments) with fragments, \(d.assembledSegments) with an assembled draft"
    }
}

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "How much of the articles the TM already covers: words per match band, weighted.",
        discussion: """
            Words are counted the same way in Arabic and English: a word is a run of letters or a number; attached clitics are part of their word (وبالقدس is one word); punctuation is not counted. \
            The "assembled" line counts the no-match segments for which pretranslate would assemble a draft (from TM fragments, glossary terms, numbers and names) and the share of their words the drafts cover; those words stay in "no match" for the weighted total.
            """)

    @Argument(help: "The articles.") var files: [String]
    @Option(help: "The articles' language: ar (default) or en.") var from: Language = .arabic
    @Option(help: "Payable percentages for context/repetitions/100/95-99/85-94/75-84/50-74/no match.") var weights = AnalysisWeights.standard.description
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard AnalysisWeights(weights) != nil else { throw ValidationError("--weights takes eight percentages like 0/10/30/60/60/60/100/100") }
        guard !files.isEmpty else { throw ValidationError("give at least one article") }
    }

    func run() throws {
        let weights = AnalysisWeights(weights)!
        let workspace = try database.open()
        let pretranslation = Pretranslation(workspace: workspace, fragments: workspace.fragmentSearch())
        var seen = Set<String>()
        var reports: [AnalysisReport] = []
        var total = BandCounts()
        for file in files {
            let input = try ArticleInput(path: file, language: from, layout: nil)
            let counts = try pretranslation.analyze(input, seen: &seen)
            total = total + counts
            reports.append(AnalysisReport(file: file, counts: counts, weights: weights))
        }
        if files.count > 1 || json { reports.append(AnalysisReport(file: "total", counts: total, weights: weights)) }
        if json {
            struct Output: Encodable { var weights: String; var files: [AnalysisReport] }
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
            // Part of "no match" above, so not added to the total.
            print("  " + "assembled".padding(toLength: 14, withPad: " ", startingAt: 0) + String(r.assembled.segments).leftPadded(9)
                  + String(r.assembled.words).leftPadded(9)
                  + "   \(Int((r.assembled.coverage * 100).rounded()))% of their words covered (in no match)")
        }
    }
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Rebuild the translated article from an XLIFF (2.1 or 1.2) file: targets in the source's structure.",
        discussion: """
            Refuses (exit 65, listing the unit ids) a file whose targets are still marked as not reviewed: \
            XLIFF 2 state="initial"; XLIFF 1.2 state new or needs-… (needs-review-translation…), or no state, \
            on a trans-unit not approved="yes". A segment without a target gives its source text.
            """)

    @Argument(help: "The XLIFF file (as written by pretranslate, possibly edited in a CAT tool).") var xliff: String
    @Option(name: .shortAndLong, help: "The output file (default: standard output).") var output: String?
    @Flag(help: "Merge targets not reviewed yet (XLIFF 2 state initial, XLIFF 1.2 needs-review-…/new) instead of refusing the file.")
    var allowUnreviewed = false
    @Flag(help: "Give segments without a target their source text (what merge always does; the report says which).")
    var useSourceForUntranslated = false

    func run() throws {
        let outcome = try XLIFFMerge(allowUnreviewed: allowUnreviewed).run(xliff)
        try OutputFile.writeText(to: output) { $0(outcome.result.text) }
        for note in outcome.notes { Terminal.writeStderr(note + "\n") }
    }
}
