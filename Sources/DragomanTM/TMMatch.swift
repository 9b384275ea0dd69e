import DragomanText

/// What kind of match a suggestion is, apart from its score (as Okapi's MatchType).
public enum MatchKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// 101: exact, and the neighbouring segments match too.
    case context
    /// 100: the stored source is the query, character for character.
    case exact
    /// 100: equal match keys, different spelling (harakat, hamza, digit script, …).
    case exactVariant = "exact-variant"
    /// The target was rewritten where the query differs: its numbers, and (fuzzy-match
    /// repair) names, dates and terms whose translations are known; the score is unchanged.
    case repaired
    /// Below 100.
    case fuzzy
}

/// One suggestion from the translation memory, with the reasons for its score.
public struct TMMatch: Sendable, Hashable {
    public var unit: TranslationUnit
    /// 101 for context, 100 for exact, otherwise the fuzzy score.
    public var score: Int
    public var kind: MatchKind
    /// OmegaT-style word-level score on surface words (second sort key).
    public var wordScore: Int
    /// The cost of the alignment and the weights it is divided by.
    public var cost: Int
    public var queryWeight: Int
    public var sourceWeight: Int
    /// The alignment of query and TM source tokens, with each edit's cost.
    public var steps: [AlignmentStep]
    public var queryTokens: [MatchToken]
    public var sourceTokens: [MatchToken]
    /// For `.repaired`: the target with the query's numbers, names and terms, and what was
    /// replaced.
    public var repairedTarget: String?
    public var repairs: [NumberRepair]
    /// Differences between query and TM source that repair could not carry into the target
    /// (no known translation, or no target words they are linked to): the proposal keeps
    /// the stored words there, and a translator must see them.
    public var unrepaired: [UnrepairedDifference] = []

    public var source: String { unit.text(side) }
    public var side: Language

    /// The proposed target: the repaired one when there is one.
    public var proposedTarget: String { repairedTarget ?? unit.text(side.other) }
}

/// One replacement in a repaired suggestion: a number (the first kind Dragoman repaired,
/// hence the name, kept so that the JSON key `repairs` and its shape never change), a
/// glossary term, a TM fragment or a copied Latin-script name.
public struct NumberRepair: Sendable, Hashable, Codable {
    /// The words as the stored target had them.
    public var from: String
    /// The words written into the target (a number in the target's digits).
    public var to: String
    /// What gave `to`: "number", "glossary", "fragment" or "copy".
    public var by: String?
    /// UTF-16 span of the query whose words `to` translates.
    public var sourceSpan: TextSpan?
    /// UTF-16 span of `to` in the proposed (repaired) target.
    public var targetSpan: TextSpan?

    public init(from: String, to: String, by: String? = nil, sourceSpan: TextSpan? = nil, targetSpan: TextSpan? = nil) {
        self.from = from
        self.to = to
        self.by = by
        self.sourceSpan = sourceSpan
        self.targetSpan = targetSpan
    }
}

/// A UTF-16 span, written `{"start", "end"}` in JSON.
public struct TextSpan: Sendable, Hashable, Codable {
    public var start: Int
    public var end: Int

    public init(_ range: Range<Int>) {
        start = range.lowerBound
        end = range.upperBound
    }

    public var range: Range<Int> { start..<max(start, end) }
}

/// A difference between query and TM source left as stored in the proposal.
public struct UnrepairedDifference: Sendable, Hashable, Codable {
    /// The query's words (empty when the TM source has words the query lacks).
    public var query: String
    /// The TM source's words (empty when the query has words the TM source lacks).
    public var source: String
    /// UTF-16 span in the query (empty at the place of a missing word).
    public var querySpan: TextSpan
    /// UTF-16 span in the TM source.
    public var sourceSpan: TextSpan
    /// Why it was left: "unknown" (no known translation of the query's words), "unlinked"
    /// (the TM source's words are not linked to a target span), "missing" (words only on
    /// one side), "not found" (the target does not hold them where the links say).
    public var reason: String

    public init(query: String, source: String, querySpan: TextSpan, sourceSpan: TextSpan, reason: String) {
        self.query = query
        self.source = source
        self.querySpan = querySpan
        self.sourceSpan = sourceSpan
        self.reason = reason
    }
}
