import DragomanText

/// What kind of match a suggestion is, apart from its score (as Okapi's MatchType).
public enum MatchKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// 101: exact, and the neighbouring segments match too.
    case context
    /// 100: the stored source is the query, character for character.
    case exact
    /// 100: equal match keys, different spelling (harakat, hamza, digit script, …).
    case exactVariant = "exact-variant"
    /// Only numbers differ, and the target was rewritten with the query's numbers.
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
    /// For `.repaired`: the target with the query's numbers, and what was replaced.
    public var repairedTarget: String?
    public var repairs: [NumberRepair]

    public var source: String { unit.text(side) }
    public var side: Language

    /// The proposed target: the repaired one when there is one.
    public var proposedTarget: String { repairedTarget ?? unit.text(side.other) }
}

/// One number replaced in a repaired suggestion.
public struct NumberRepair: Sendable, Hashable, Codable {
    /// The number as the TM source and target had it.
    public var from: String
    /// The number written into the target (the query's value, in the target's digits).
    public var to: String
}
