/// How the links of the two directional alignments are combined (Moses' definitions, see
/// `WordSymmetrisation`).
public enum Symmetrisation: String, Sendable, Hashable, Codable, CaseIterable {
    /// Points in both directions: precise, sparse.
    case intersection
    /// Points in either direction: every guess of either model.
    case union
    /// The intersection grown with union points next to an aligned point (8 neighbours)
    /// whose source or target word is still unaligned.
    case growDiag
    /// grow-diag, then the directional points of which the source or the target word is
    /// still unaligned.
    case growDiagFinal
    /// grow-diag, then the directional points of which both words are still unaligned
    /// (the usual choice for phrase extraction).
    case growDiagFinalAnd
}

/// The settings of `WordAligner.learn`. The defaults follow fast_align's recommended use
/// (`-d -o`, p0 0.08, starting tension 4) after a Model 1 start, as the notes describe.
public struct WordAlignmentOptions: Sendable, Hashable {
    /// IBM Model 1 EM iterations first (uniform positions): they learn a lexical table
    /// before the diagonal prior starts to pull links towards the diagonal.
    public var model1Iterations = 3
    /// Then fast_align's reparameterised Model 2 (diagonal prior). As in fast_align's `-I`,
    /// the last iteration of the whole run is the Viterbi pass that writes the links (its
    /// E-step has no M-step after it), so 3 + 4 means six M-steps.
    public var diagonalIterations = 4
    /// p0: the probability of aligning a word to NULL under the diagonal prior (never
    /// re-estimated, as in fast_align).
    public var nullProbability: Double = 0.08
    /// λ at the start of the diagonal iterations.
    public var initialTension: Double = 4.0
    /// Optimise λ per direction from the second diagonal iteration on (fast_align `-o`:
    /// 8 gradient steps per iteration, clamped to [0.1, 14]).
    public var optimiseTension = true
    public var symmetrisation: Symmetrisation = .growDiagFinalAnd
    /// Translation-table entries below this are dropped from the stored model (and so from
    /// the Viterbi pass that writes the links, which runs on the stored model).
    public var pruneBelow: Float = 0.001
    /// At most this many translations per word per direction in the stored model (the NULL
    /// word's rows are exempt: `pruneBelow` alone bounds them to 1/pruneBelow entries).
    public var maximumEntriesPerWord = 64
    /// Worker threads: with two or more, the two directions train in parallel and the
    /// Viterbi pass is split over the threads.
    public var threads = 2
    /// Model 1 only, no diagonal prior (an evaluation baseline): `diagonalIterations` is
    /// ignored and the last Model 1 iteration is the Viterbi pass.
    public var model1Only = false
    /// Whether `learn` aligns every sentence at the end (a caller that aligns them itself,
    /// with the sure links as well, turns it off and saves a pass).
    public var linksAtTheEnd = true

    public init() {}

    /// The number of E-steps over the corpus (the last one is the Viterbi pass).
    public var totalIterations: Int { model1Only ? model1Iterations : model1Iterations + diagonalIterations }
}
