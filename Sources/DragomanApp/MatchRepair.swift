import DragomanAlign
import DragomanPretranslate
import Foundation
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanTM

/// Fuzzy-match repair as `tm match` and `pretranslate` run it after the TM search: the
/// matched units' word links in one read, the query's glossary terms once per query, its
/// TM fragments only when a difference has no glossary term or Latin name to repair it
/// with, and each TM source's terms only when one of its words differs.
public struct FuzzyMatchRepair: Sendable {
    public let tm: SQLiteTranslationMemory
    public let glossary: (any GlossaryStore)?
    public let fragments: Pretranslation.FragmentSearch?
    /// Entries of this domain first (`--domain`).
    public var domain: String?
    /// A fragment repairs a difference only when this many units agree on its translation.
    public var minimumFragmentCount = 2
    /// The query's glossary terms when the caller has looked them up already (pre-translation
    /// spots every segment's terms first), nil to look them up.
    public var knownTerms: (@Sendable (String) -> [KnownTranslation]?)?

    public init(tm: SQLiteTranslationMemory, glossary: (any GlossaryStore)?, fragments: Pretranslation.FragmentSearch?,
                domain: String? = nil) {
        self.tm = tm
        self.glossary = glossary
        self.fragments = fragments
        self.domain = domain
    }

    /// The matches of one query, repaired where they can be (exact matches unchanged).
    /// `fragments`: the query's fragments when the caller has them already (pre-translation
    /// searches them for every segment), else they are searched when needed.
    public func repair(_ matches: [TMMatch], query: String, side: Language, fragments found: [TMFragment]? = nil) throws -> [TMMatch] {
        let fuzzy = matches.filter { $0.kind == .fuzzy && !$0.steps.isEmpty }
        guard !fuzzy.isEmpty else { return matches }
        let ids = fuzzy.compactMap(\.unit.id)
        let stored = ids.isEmpty ? [:] : try tm.links(ids)
        // The query's terms only when a word differs (numbers need none).
        let wordsDiffer = fuzzy.contains { !MatchRepairer.wordDifferences($0).isEmpty }
        var known = wordsDiffer ? try knownTerms?(query) ?? terms(in: query, side) : []
        // Fragments cost a search of their own: asked only for a difference neither the
        // glossary nor a Latin name covers.
        if wordsDiffer, found != nil || fragments != nil, fuzzy.contains(where: { m in
            MatchRepairer.wordDifferences(m).contains { d in !known.contains { $0.range.lowerBound <= d.lowerBound && $0.range.upperBound >= d.upperBound } }
        }), let recalled = try found ?? fragments?(query, side) {
            known += recalled.filter { $0.count >= minimumFragmentCount }
                .map { KnownTranslation(range: $0.range, translations: [$0.target], by: .fragment) }
        }
        return try matches.map { m in
            guard m.kind == .fuzzy, !m.steps.isEmpty else { return m }
            var repaired = m
            let links = m.unit.id.flatMap { stored[$0] }.map(StoredLinks.decode)
            try MatchRepairer.repair(&repaired, queryText: query, links: links, query: known,
                                     source: { span in try terms(in: m.source, around: span, side) })
            return repaired
        }
    }

    /// The glossary terms of `language` in `text` as known translations (a Latin-script
    /// term in Arabic text is a name to copy, not a term to translate back): usable
    /// translations only (a deprecated or forbidden term is never written), preferred first.
    func terms(in text: String, _ language: Language) throws -> [KnownTranslation] {
        guard let glossary else { return [] }
        return Self.known(try GlossarySpotter(glossary: glossary, domain: domain).termHits(in: text, side: language), language)
    }

    static func known(_ hits: [TermHit], _ language: Language) -> [KnownTranslation] {
        hits.compactMap { hit in
            guard hit.term.language == language else { return nil }
            let usable = hit.translations.filter { !$0.status.isDiscouraged }.map(\.text)
            guard !usable.isEmpty else { return nil }
            return KnownTranslation(range: hit.range, translations: usable, by: .glossary, lowConfidence: hit.lowConfidence)
        }
    }

    /// The glossary terms of `text` within a few words of `span` (UTF-16): what the TM
    /// source's differing words are, without looking up the whole sentence for each match.
    func terms(in text: String, around span: Range<Int>, _ language: Language) throws -> [KnownTranslation] {
        let tokens = Tokenizer.tokenize(text).filter(\.isWordLike)
        guard let first = tokens.firstIndex(where: { $0.range.upperBound > span.lowerBound }),
              let last = tokens.lastIndex(where: { $0.range.lowerBound < span.upperBound }), first <= last else { return [] }
        // Terms of up to three more words on either side still cover the span.
        let lo = tokens[max(0, first - 3)].range.lowerBound, hi = tokens[min(tokens.count - 1, last + 3)].range.upperBound
        return try terms(in: text.utf16Slice(lo..<hi), language).map { k in
            var k = k
            k.range = (k.range.lowerBound + lo)..<(k.range.upperBound + lo)
            return k
        }
    }

    /// `--no-repair`: every match with its target exactly as stored, and the kind the
    /// score gives (a number-repaired match is fuzzy again).
    public static func stored(_ matches: [TMMatch]) -> [TMMatch] {
        matches.map { m in
            var m = m
            if m.kind == .repaired { m.kind = .fuzzy }
            m.repairedTarget = nil
            m.repairs = []
            m.unrepaired = []
            return m
        }
    }
}

/// Pre-translation's glossary spotting that also keeps each segment's terms as repair
/// needs them, so that repair does not look the segment up a second time.
final class RepairTermSpotter: TermSpotter, @unchecked Sendable {
    let spotter: GlossarySpotter
    private let lock = NSLock()
    private var known: [String: [KnownTranslation]] = [:]

    init(_ spotter: GlossarySpotter) { self.spotter = spotter }

    func hits(in text: String, side: Language) throws -> [SegmentTerm] {
        let hits = try spotter.termHits(in: text, side: side)
        let terms = FuzzyMatchRepair.known(hits, side)
        lock.withLock { known[text] = terms }
        return hits.map(SegmentTerm.init)
    }

    func terms(of text: String) -> [KnownTranslation]? { lock.withLock { known[text] } }
}

/// `tm match`: the TM's matches of a sentence, repaired unless asked not to.
public struct TMMatching: Sendable {
    public let workspace: Workspace
    public var repair: Bool

    public init(workspace: Workspace, repair: Bool = true) {
        self.workspace = workspace
        self.repair = repair
    }

    public func matches(_ sentence: String, side: Language, threshold: Int, limit: Int) throws -> [TMMatch] {
        let found = try workspace.tm.search(TMQuery(text: sentence, side: side), threshold: threshold, limit: limit)
        guard repair else { return FuzzyMatchRepair.stored(found) }
        return try FuzzyMatchRepair(tm: workspace.tm, glossary: workspace.glossary, fragments: workspace.fragmentSearch())
            .repair(found, query: sentence, side: side)
    }
}
