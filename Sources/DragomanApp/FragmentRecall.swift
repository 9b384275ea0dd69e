import DragomanAlign
import DragomanGlossary
import DragomanPretranslate
import DragomanStore
import DragomanText
import DragomanTM

/// Fragment recall as `tm fragments`, pre-translation and a server ask for it: the TM's
/// fragments of a sentence, and the glossary terms in it (labelled as glossary: one-word
/// terms are the glossary's business, not fragments).
public struct FragmentRecall: Sendable {
    public let tm: SQLiteTranslationMemory
    public let glossary: SQLiteGlossary?
    public var options: FragmentOptions
    public var domain: String?

    public init(tm: SQLiteTranslationMemory, glossary: SQLiteGlossary?, options: FragmentOptions = FragmentOptions(),
                domain: String? = nil) {
        self.tm = tm
        self.glossary = glossary
        self.options = options
        self.domain = domain
    }

    /// The fragments of `sentence` (the search in one read transaction). With a glossary, a
    /// fragment resting on one unit whose links contradict the glossary is left out
    /// (`FragmentTermCheck`).
    public func fragments(of sentence: String, side: Language) throws -> [TMFragment] {
        let found = try tm.withSnapshot { index in try Self.find(sentence, side: side, options: options, in: index) }
        guard let glossary, !options.diagnosticSpansOnly else { return found }
        return try FragmentTermCheck(glossary: glossary, tm: tm).keeping(found, of: sentence, side: side)
    }

    /// For the evaluation's ceiling: every span found, with what its units could give.
    public func spanTranslations(of sentence: String, side: Language) throws -> [SpanTranslations] {
        try tm.withSnapshot { index in try Self.spans(sentence, side: side, options: options, in: index) }
    }

    private static func spans<Index: CandidateIndex & UnitLinkIndex>(_ sentence: String, side: Language, options: FragmentOptions,
                                                                    in index: Index) throws -> [SpanTranslations] {
        try FragmentFinder(index: index).spanTranslations(of: sentence, side: side, options: options)
    }

    private static func find<Index: CandidateIndex & UnitLinkIndex>(_ sentence: String, side: Language, options: FragmentOptions,
                                                                   in index: Index) throws -> [TMFragment] {
        try FragmentFinder(index: index).fragments(of: sentence, side: side, options: options)
    }

    /// Fragments, glossary terms and the assembled draft of one sentence.
    public func recall(_ sentence: String, side: Language) throws -> FragmentReport {
        let fragments = try self.fragments(of: sentence, side: side)
        let terms = try glossary.map { try GlossarySpotter(glossary: $0, domain: domain).hits(in: sentence, side: side) } ?? []
        return FragmentReport(query: sentence, fragments: fragments, terms: terms, assembled: nil)
    }

    /// What to tell the user when the TM cannot give fragments yet (nil when it can).
    public static func notice(_ state: WordAlignmentState) -> String? {
        if state.totalUnits == 0 { return nil }
        if state.alignedUnits == 0 {
            if state.totalUnits < WordAlignmentState.minimumUnits {
                return "the TM holds \(state.totalUnits) unit\(state.totalUnits == 1 ? "" : "s"): too few to learn word alignments from (\(WordAlignmentState.minimumUnits) at least); no fragments yet"
            }
            return "the TM's word alignments have not been learnt yet, so it gives no fragments: run `dragoman tm learn` (imports do it by themselves)"
        }
        if state.alignedUnits < state.totalUnits {
            let missing = state.totalUnits - state.alignedUnits
            return "\(missing) of \(state.totalUnits) units have no word alignment yet and give no fragments: run `dragoman tm learn`"
        }
        return nil
    }
}

/// The JSON of `tm fragments` (one object per line in pipe mode): offsets in UTF-16 code
/// units of the query.
public struct FragmentReport: Encodable, Sendable {
    public var query: String
    public var fragments: [FragmentJSON]
    /// Glossary terms in the sentence (labelled as glossary, not fragments).
    public var terms: [FragmentTermJSON]
    public var assembled: AssembledDraftJSON?

    public init(query: String, fragments: [TMFragment], terms: [SegmentTerm], assembled: AssembledDraft?) {
        self.query = query
        self.fragments = fragments.map(FragmentJSON.init)
        self.terms = terms.map(FragmentTermJSON.init)
        self.assembled = assembled.map(AssembledDraftJSON.init)
    }

    private enum CodingKeys: String, CodingKey { case query, fragments, terms, assembled }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(query, forKey: .query)
        try c.encode(fragments, forKey: .fragments)
        try c.encode(terms, forKey: .terms)
        try c.encode(assembled, forKey: .assembled)  // null when there is none
    }
}

public struct FragmentJSON: Encodable, Sendable {
    public var start: Int
    public var end: Int
    public var source: String
    public var target: String
    public var count: Int
    public var confidence: Double
    public var alternatives: [FragmentAlternative]
    public var units: [Int64]
    public var words: Int
    public var kind = "tm"

    public init(_ f: TMFragment) {
        start = f.range.lowerBound
        end = f.range.upperBound
        source = f.source
        target = f.target
        count = f.count
        confidence = f.confidence
        alternatives = f.alternatives
        units = f.units
        words = f.words
    }
}

public struct FragmentTermJSON: Encodable, Sendable {
    public var start: Int
    public var end: Int
    public var source: String
    public var target: String?
    public var translations: [String]
    public var entryID: Int64
    public var status: String
    public var matchKind: String
    public var kind = "glossary"

    public init(_ t: SegmentTerm) {
        start = t.range.lowerBound
        end = t.range.upperBound
        source = t.surface
        target = t.translations.first
        translations = t.translations
        entryID = t.entryID
        status = t.status.rawValue
        matchKind = t.matchKind
    }
}

public struct AssembledDraftJSON: Encodable, Sendable {
    public struct Part: Encodable, Sendable {
        public var start: Int
        public var end: Int
        public var source: String
        public var text: String
        public var origin: String
    }

    public var text: String
    public var coverage: Double
    public var coveredWords: Int
    public var totalWords: Int
    public var parts: [Part]

    public init(_ d: AssembledDraft) {
        text = d.text
        coverage = (d.coverage * 1000).rounded() / 1000
        coveredWords = d.coveredWords
        totalWords = d.totalWords
        parts = d.parts.map { Part(start: $0.range.lowerBound, end: $0.range.upperBound, source: $0.source, text: $0.text,
                                   origin: $0.origin.rawValue) }
    }
}
