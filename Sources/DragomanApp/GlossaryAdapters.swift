import DragomanAlign
import DragomanGlossary
import DragomanPretranslate
import DragomanText
import DragomanTM

/// The glossary as pre-translation asks it for the terms of a segment.
public struct GlossarySpotter: TermSpotter {
    public let glossary: any GlossaryStore
    /// Entries of this domain first (`--domain`).
    public var domain: String?

    public init(glossary: any GlossaryStore, domain: String? = nil) {
        self.glossary = glossary
        self.domain = domain
    }

    public func hits(in text: String, side: Language) throws -> [SegmentTerm] {
        try termHits(in: text, side: side).map(SegmentTerm.init)
    }

    /// The glossary's hits in `text` as every proposal uses them (terms, repair): the
    /// domain's entries first, function-word entries of the source language left out.
    public func termHits(in text: String, side: Language) throws -> [TermHit] {
        try glossary.find(in: text).preferring(domain: domain).filter { !Self.isFunctionWord($0, side: side) }
    }

    /// A one-word term of the source language that is a function word (على, إن, في; of,
    /// the): bulk dictionaries list them ("على → Onto", "إن → En"), and proposing them for
    /// every preposition of an article is noise, not terminology. `term find` still shows them.
    static func isFunctionWord(_ hit: TermHit, side: Language) -> Bool {
        guard hit.term.language == side else { return false }
        let words = MatchTokenizer.tokens(of: hit.surface, side: side).filter { $0.weightClass == .word || $0.weightClass == .clitic }
        return words.count == 1 && FunctionWords.contains(words[0].key, side)
    }
}

/// The glossary as the sentence aligner uses it: the term pairs of each sentence (a term
/// whose Arabic is in one sentence and whose English is in the other counts as an anchor,
/// by glossary entry). Low-confidence clitic readings are left out. Built once for the
/// sentences of the two documents, so the aligner asks a table, not the database.
public enum AlignmentGlossary {
    /// The glossary entries with a term of `language` in `sentence`: the anchors the
    /// aligner counts (both lexicons below ask this).
    public static func entries(in sentence: String, _ language: Language, of glossary: any GlossaryStore) throws -> [Int] {
        try glossary.find(in: sentence)
            .filter { $0.term.language == language && !$0.lowConfidence }
            .map { Int($0.entry.id) }
    }

    /// The lexicon for `arabic` and `english`, computed once, or nil when the glossary
    /// knows no term of either side (the aligner then runs on length, numbers, names and
    /// punctuation alone).
    public static func lexicon(_ glossary: any GlossaryStore, arabic: [String], english: [String]) throws -> (any AlignmentLexicon)? {
        func terms(_ sentences: [String], _ language: Language) throws -> [String: [Int]] {
            var out: [String: [Int]] = [:]
            for sentence in sentences where out[sentence] == nil {
                out[sentence] = try entries(in: sentence, language, of: glossary)
            }
            return out
        }
        let arabicTerms = try terms(arabic, .arabic), englishTerms = try terms(english, .english)
        guard arabicTerms.values.contains(where: { !$0.isEmpty }) && englishTerms.values.contains(where: { !$0.isEmpty }) else {
            return nil
        }
        return ClosureLexicon(arabic: { arabicTerms[$0] ?? [] }, english: { englishTerms[$0] ?? [] })
    }

    /// A lexicon that asks an in-memory glossary sentence by sentence (evaluations over
    /// many documents).
    public static func lexicon(_ glossary: InMemoryGlossary) -> any AlignmentLexicon {
        ClosureLexicon(arabic: { (try? entries(in: $0, .arabic, of: glossary)) ?? [] },
                       english: { (try? entries(in: $0, .english, of: glossary)) ?? [] })
    }
}
