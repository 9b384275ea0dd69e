import DragomanPretranslate
import DragomanQA
import DragomanText
import DragomanTM
import Foundation

/// An article read for pre-translation or analysis: empty files and text in the wrong
/// language refused, paragraphs and sentences found.
public struct ArticleInput: Sendable {
    public let text: String
    /// The file as the user named it ("<stdin>" for standard input).
    public let name: String
    public let article: Article
    public let language: Language

    /// Reads `path` ("-": standard input), refusing empty and binary files and text in
    /// the wrong language. The layout defaults to Markdown for .md files.
    public init(path: String, language: Language, layout: TextLayout?) throws {
        let (text, name) = try InputFile.readText(path, article: true)
        try self.init(text: text, name: name, language: language, layout: layout)
    }

    /// An article given as text (an upload, a paste).
    public init(text: String, name: String, language: Language, layout: TextLayout?) throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Failure.badInput("\(name): the article is empty")
        }
        if let problem = Self.languageProblem(text, expected: language) {
            throw Failure.badInput("\(name): \(problem)")
        }
        let layout = layout ?? TextLayout.guess(name: name)
        self.text = text
        self.name = name
        self.language = language
        self.article = ArticleParser.parse(text, layout: layout, language: language)
    }

    /// Why `text` is not an article in `expected`, or nil: the script decides (more Latin
    /// than Arabic letters is not an Arabic article, and the other way round).
    public static func languageProblem(_ text: String, expected: Language) -> String? {
        let arabic = text.unicodeScalars.filter { ArabicScript.isLetter($0.value) }.count
        let latin = text.unicodeScalars.filter { LatinScript.isLetter($0.value) }.count
        if expected == .arabic && arabic < latin {
            return "this article is mostly in Latin script, not Arabic; use --from en to translate from English"
        }
        if expected == .english && latin < arabic {
            return "this article is mostly Arabic; drop --from en to translate from Arabic"
        }
        return nil
    }

    /// The file name without its folder (as documents record it).
    public var fileName: String { (name as NSString).lastPathComponent }
}

extension TextLayout {
    /// Markdown for .md and .markdown files, else plain text.
    public static func guess(name: String) -> TextLayout {
        let lower = name.lowercased()
        return lower.hasSuffix(".md") || lower.hasSuffix(".markdown") ? .markdown : .plainText
    }
}

/// Pre-translation and analysis of articles against the workspace's TM and glossary.
public struct Pretranslation: Sendable {
    /// The TM's fragment search (sub-sentence leverage): the spans of a segment the TM
    /// holds, with their projected translations. Called from several threads at once.
    public typealias FragmentSearch = @Sendable (_ text: String, _ side: Language) throws -> [TMFragment]

    public let workspace: Workspace
    /// nil: no fragments; drafts are then assembled from glossary terms, numbers and names.
    public let fragments: FragmentSearch?
    /// Fuzzy-match repair of the matches (names, dates, terms and numbers carried into the
    /// stored target); false (`--no-repair`) gives the stored targets exactly as stored.
    public var repair: Bool

    public init(workspace: Workspace, fragments: FragmentSearch? = nil, repair: Bool = true) {
        self.workspace = workspace
        self.fragments = fragments
        self.repair = repair
    }

    /// Every segment of `input` with what the TM and (unless `glossary` is false) the
    /// glossary know, its fragments, and a draft where there is no match; segments are
    /// looked up on every core.
    public func run(_ input: ArticleInput, options: PretranslationOptions, glossary: Bool = true,
                    domain: String? = nil) throws -> PretranslatedDocument {
        var document = try leverage(input, options: options, glossary: glossary, domain: domain)
        if glossary { try check(&document, language: input.language) }
        return document
    }

    private func leverage(_ input: ArticleInput, options: PretranslationOptions, glossary: Bool,
                          domain: String?) throws -> PretranslatedDocument {
        let tm = workspace.tm
        let plain = glossary ? GlossarySpotter(glossary: workspace.glossary, domain: domain) : nil
        // With repair, the spotter keeps each segment's terms for it (looked up once).
        let keeping = repair ? plain.map(RepairTermSpotter.init) : nil
        let spotter: (any TermSpotter)? = keeping ?? plain
        let repair = self.repair
        var pretranslator = Pretranslator(search: { query, threshold, limit in
            let found = try tm.search(query, threshold: threshold, limit: limit)
            return repair ? found : FuzzyMatchRepair.stored(found)
        }, terms: spotter, fragments: fragments, workers: ProcessInfo.processInfo.activeProcessorCount)
        if repair {
            var repairer = FuzzyMatchRepair(tm: tm, glossary: glossary ? workspace.glossary : nil, fragments: fragments, domain: domain)
            if let keeping { repairer.knownTerms = { keeping.terms(of: $0) } }
            pretranslator.repair = { [repairer] matches, text, side, found in
                try repairer.repair(matches, query: text, side: side, fragments: found)
            }
        }
        return try pretranslator.run(input.article, fileName: input.fileName, options: options)
    }

    /// Runs the quality checks' errors (numbers, a deprecated or forbidden term, form) on
    /// every proposal: a proposal with an error is flagged and needs review, even an exact
    /// match (a TM unit may hold a term the glossary now forbids). An assembled draft taken
    /// as the target is checked too; it needs review whatever the checks say.
    func check(_ document: inout PretranslatedDocument, language: Language) throws {
        var checker = QAChecker(glossary: workspace.glossary, checks: [.numbers, .glossary, .form])
        checker.minimumSeverity = .error
        let segments = document.segments
        // On every core, like the look-ups (the glossary check reads the store).
        let found: [[String]] = try ParallelMap.map(segments.count, throwing: { i in
            guard let target = segments[i].target else { return [] }
            let pair = QAPair(id: String(i + 1), source: segments[i].segment.text, target: target, sourceLanguage: language)
            return try checker.check(pair).map(\.message)
        })
        for (i, errors) in found.enumerated() where !errors.isEmpty {
            document.segments[i].checks = errors
            if document.segments[i].state == .translated { document.segments[i].state = .needsReview }
        }
    }

    /// The analysis of one article: words per match band; `seen` carries repetitions
    /// across the articles of one run. The glossary is asked as pre-translation asks it,
    /// so that the assembled line counts the drafts `pretranslate` would make; the quality
    /// checks are not run (they change no band).
    public func analyze(_ input: ArticleInput, seen: inout Set<String>) throws -> BandCounts {
        // Bands go by score, which repair does not change: it is not run.
        var unrepaired = self
        unrepaired.repair = false
        let document = try unrepaired.leverage(input, options: PretranslationOptions(side: input.language, threshold: 50, alternatives: 0),
                                    glossary: true, domain: nil)
        return Analyzer.count(document, seen: &seen)
    }
}
