/// A link between source token `source` and target token `target` (0-based indexes into
/// the sentence's arrays). Ordered by source, then target: the order links are stored and
/// coded in (`WordLinkCoding`), so that equal link sets compare equal as arrays.
public struct WordLink: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var source: Int
    public var target: Int

    public init(source: Int, target: Int) {
        self.source = source
        self.target = target
    }

    public static func < (a: WordLink, b: WordLink) -> Bool {
        a.source != b.source ? a.source < b.source : a.target < b.target
    }

    /// Pharaoh notation (`source-target`), as fast_align and Moses print links.
    public var description: String { "\(source)-\(target)" }
}

/// One sentence pair as the word aligner sees it: token ids, never strings, so that the
/// aligner is independent of tokenisation, case folding and clitic splitting (the
/// application layer decides those and maps them to ids).
public struct AlignmentSentence: Sendable, Hashable {
    /// Word ids, `>= 0` and `< sourceVocabularySize` (the Arabic side in practice).
    public var source: [Int32]
    /// Word ids, `>= 0` and `< targetVocabularySize` (English).
    public var target: [Int32]
    /// Links known for sure (same number, same Latin name, a glossary term pair, matching
    /// punctuation). In both directions the E-step of a target (resp. source) word that has
    /// anchors gives all its mass to its anchored partners, and anchored links are always
    /// in the output, whatever the symmetrisation. Anchors outside the sentence are ignored.
    public var anchors: [WordLink]

    public init(source: [Int32], target: [Int32], anchors: [WordLink] = []) {
        self.source = source
        self.target = target
        self.anchors = anchors
    }
}

/// A word pair known to translate each other (from the glossary). Its weight is added as a
/// Dirichlet pseudo-count to the expected count of the pair in every M-step, in both
/// directions, as eflomal's `LEX` priors: a rare word seen once then leans towards its
/// glossary translation instead of whatever shares its sentence.
public struct WordPrior: Sendable, Hashable {
    public var source: Int32
    public var target: Int32
    /// Pseudo-count (eflomal's alpha); integers are fine. Weights that are not positive are
    /// ignored.
    public var weight: Float

    public init(source: Int32, target: Int32, weight: Float) {
        self.source = source
        self.target = target
        self.weight = weight
    }
}
