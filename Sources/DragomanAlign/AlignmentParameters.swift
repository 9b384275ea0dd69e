/// Everything the aligner's score depends on. `docs/alignment.md` gives the reason for
/// every default.
public struct AlignmentParameters: Sendable, Hashable, Codable {
    /// How the expected English/Arabic length ratio `c` is chosen.
    public enum Ratio: Sendable, Hashable, Codable {
        /// Total English length over total Arabic length of the two documents, then
        /// re-estimated from the first pass's confident 1–1 beads when `reestimate` is on.
        case fromDocuments
        /// A fixed ratio (1 is the textbook baseline the evaluation compares with).
        case fixed(Double)
    }

    /// What a 1–0 or 0–1 bead costs besides its prior.
    public enum DeletionCost: Sendable, Hashable, Codable {
        /// Gale & Church's length term with an empty other side: grows with the square
        /// root of the sentence's length, so long untranslated sentences get merged into a
        /// neighbour instead.
        case lengthBased
        /// A constant (as hunalign and vecalign do): an untranslated sentence costs the
        /// same whatever its length.
        case flat(Double)
    }

    /// Prior probability of each move. Gale & Church (1993, table 5) give 1–1 0.89,
    /// 1–0 or 0–1 0.0099, 2–1 or 1–2 0.089, 2–2 0.011; each pair of mirror moves shares
    /// its figure equally here, so the priors sum to 1.
    public var priors: [AlignmentMove: Double]
    /// s²: the variance of the English length per Arabic character, Gale & Church's 6.8
    /// until re-estimated.
    public var variance: Double
    public var ratio: Ratio
    /// Re-estimate `c` from the confident 1–1 beads of a first pass and align again (an
    /// untranslated paragraph skews the documents' total lengths).
    public var reestimate: Bool
    /// Re-estimate s² too (off: on NTREX the robust estimate, about 2.6, made 2–2 merges
    /// of correct 1–1 pairs cheap; the textbook 6.8 aligned better).
    public var reestimateVariance: Bool
    /// What one shared anchor of each kind takes off a bead's cost (in nats).
    public var anchorWeights: [AnchorKind: Double]
    /// What one anchor of each kind left without its counterpart in a pair bead adds to
    /// the bead's cost (its counterpart is elsewhere in the other document).
    public var anchorMissWeights: [AnchorKind: Double]
    /// An anchor counts only when its value occurs on the other side within this many
    /// sentences of the expected place (the band's diagonal).
    public var anchorWindow: Int
    public var deletion: DeletionCost
    /// The prior of leaving a whole paragraph (two sentences or more) of one side unpaired
    /// in one step; nil: paragraphs are dropped sentence by sentence only.
    public var paragraphDeletionPrior: Double?
    /// A run of 2 … `maxRunDeletion` consecutive unpaired sentences of one side costs one
    /// deletion plus this much per sentence after the first (nil, the default: every
    /// sentence pays a full deletion). Off: with 1.0 it helped untranslated sentences with no
    /// paragraph break around them but cost more elsewhere (docs/alignment.md, ablation).
    public var runDeletionExtra: Double?
    public var maxRunDeletion: Int
    /// Added to a pair bead that starts a paragraph on one side only, or that joins two
    /// sentences across a paragraph break (when the paragraphs are not aligned as blocks).
    public var paragraphMismatchCost: Double
    /// Align paragraph by paragraph when both sides have as many paragraphs and a
    /// paragraph-level alignment pairs them one to one.
    public var respectParagraphs: Bool
    /// Half-width of the band around the expected diagonal, in sentences; the band is
    /// doubled and the block aligned again when the best path touches its edge.
    public var bandHalfWidth: Int
    /// Scales costs into log-probabilities for the confidence (posterior) computation:
    /// p ∝ exp(−cost / temperature).
    public var temperature: Double
    /// The absolute-fit part of the confidence: a pair whose length cost (−log P(|δ|))
    /// exceeds this keeps only exp(tolerance − lengthCost) of its posterior, because the
    /// posterior alone is high whenever every alternative is worse, even when the best
    /// pair fits badly (nil: the posterior alone).
    public var confidenceLengthTolerance: Double?

    public init(priors: [AlignmentMove: Double] = Self.galeChurchPriors, variance: Double = 6.8,
                ratio: Ratio = .fromDocuments, reestimate: Bool = true, reestimateVariance: Bool = false,
                anchorWeights: [AnchorKind: Double] = Self.defaultAnchorWeights,
                anchorMissWeights: [AnchorKind: Double] = Self.defaultAnchorMissWeights, anchorWindow: Int = 40,
                deletion: DeletionCost = .flat(0), paragraphDeletionPrior: Double? = 0.0099 / 2,
                paragraphMismatchCost: Double = 1.5, runDeletionExtra: Double? = nil, maxRunDeletion: Int = 4,
                respectParagraphs: Bool = true, bandHalfWidth: Int = 40, temperature: Double = 1,
                confidenceLengthTolerance: Double? = 3) {
        self.confidenceLengthTolerance = confidenceLengthTolerance
        self.paragraphDeletionPrior = paragraphDeletionPrior
        self.paragraphMismatchCost = paragraphMismatchCost
        self.runDeletionExtra = runDeletionExtra
        self.maxRunDeletion = maxRunDeletion
        self.priors = priors
        self.variance = variance
        self.ratio = ratio
        self.reestimate = reestimate
        self.reestimateVariance = reestimateVariance
        self.anchorWeights = anchorWeights
        self.anchorMissWeights = anchorMissWeights
        self.anchorWindow = anchorWindow
        self.deletion = deletion
        self.respectParagraphs = respectParagraphs
        self.bandHalfWidth = bandHalfWidth
        self.temperature = temperature
    }

    public static let galeChurchPriors: [AlignmentMove: Double] = [
        .oneToOne: 0.89,
        .oneToZero: 0.0099 / 2,
        .zeroToOne: 0.0099 / 2,
        .twoToOne: 0.089 / 2,
        .oneToTwo: 0.089 / 2,
        .twoToTwo: 0.011,
    ]

    public static let defaultAnchorWeights: [AnchorKind: Double] = [
        .number: 2.0,
        .latinName: 2.0,
        .term: 1.5,
        .question: 1.0,
        .quote: 0.5,
        .transliteratedName: 1.5,
    ]

    public static let defaultAnchorMissWeights: [AnchorKind: Double] = [
        .number: 1.0,
        .latinName: 1.0,
        .term: 0.5,
        .transliteratedName: 0.5,
    ]

    /// Dragoman's aligner: ratio from the documents, anchors, paragraphs, flat deletions.
    public static let dragoman = AlignmentParameters()

    /// Textbook Gale & Church: length only, c = 1, s² = 6.8, length-based deletions, no
    /// anchors, no paragraphs (the evaluation's baseline).
    public static let galeChurch = AlignmentParameters(
        ratio: .fixed(1), reestimate: false, anchorWeights: [:], anchorMissWeights: [:], deletion: .lengthBased, paragraphDeletionPrior: nil, paragraphMismatchCost: 0, runDeletionExtra: nil,
        respectParagraphs: false)
}
