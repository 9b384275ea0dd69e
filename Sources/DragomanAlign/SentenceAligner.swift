import DragomanText
import Foundation

/// One aligned unit: consecutive Arabic sentences paired with consecutive English ones.
public struct AlignedBead: Sendable, Hashable, Codable {
    /// Sentence indices on each side (empty on one side for 1–0 and 0–1).
    public var arabic: Range<Int>
    public var english: Range<Int>
    public var move: AlignmentMove
    /// The posterior probability of this bead given the two documents (0…1).
    public var confidence: Double
    /// The bead's cost in the best path (prior, length and anchors; lower is better).
    public var cost: Double
    /// The length part of the cost (Gale–Church's −log P(|δ|)); 0 for unpaired beads.
    public var lengthCost: Double
    /// The anchor part of the cost: negative when the two sides share numbers, names or
    /// terms, positive when anchors are left without their counterpart.
    public var anchorScore: Double

    public init(arabic: Range<Int>, english: Range<Int>, move: AlignmentMove, confidence: Double, cost: Double,
                lengthCost: Double = 0, anchorScore: Double = 0) {
        self.arabic = arabic
        self.english = english
        self.move = move
        self.confidence = confidence
        self.cost = cost
        self.lengthCost = lengthCost
        self.anchorScore = anchorScore
    }
}

/// The result of aligning two documents' sentences.
public struct Alignment: Sendable, Hashable {
    /// The beads in document order; every sentence of each side is in exactly one bead.
    public var beads: [AlignedBead]
    /// The expected English/Arabic length ratio `c` used in the final pass.
    public var ratio: Double
    /// The variance s² used in the final pass.
    public var variance: Double
    /// Whether the paragraphs were aligned one to one and sentences kept inside them.
    public var paragraphsRespected: Bool
    /// The widest band used (half-width in sentences).
    public var bandHalfWidth: Int
}

/// Length-based sentence alignment (Gale & Church 1993) with hunalign-style anchors,
/// paragraph constraints, a band around the diagonal and a posterior confidence per bead.
/// See `docs/alignment.md`.
public struct SentenceAligner: Sendable {
    public var parameters: AlignmentParameters
    public var lexicon: (any AlignmentLexicon)?

    public init(parameters: AlignmentParameters = .dragoman, lexicon: (any AlignmentLexicon)? = nil) {
        self.parameters = parameters
        self.lexicon = lexicon
    }

    /// Aligns the segments of an Arabic and an English document.
    public func align(arabic: [Segment], english: [Segment]) -> Alignment {
        align(arabic: arabic.map(\.text), english: english.map(\.text),
              arabicParagraphs: arabic.map(\.paragraph), englishParagraphs: english.map(\.paragraph))
    }

    /// Aligns sentences; paragraph numbers (one per sentence, non-decreasing) are optional.
    public func align(arabic: [String], english: [String], arabicParagraphs: [Int]? = nil,
                      englishParagraphs: [Int]? = nil) -> Alignment {
        let arabicLengths = arabic.map { Double(Self.length(of: $0)) }
        let englishLengths = english.map { Double(Self.length(of: $0)) }
        var weights = [Double](repeating: 0, count: 16), missWeights = [Double](repeating: 0, count: 16)
        for (kind, w) in parameters.anchorWeights { weights[kind.rawValue] = w }
        for (kind, w) in parameters.anchorMissWeights { missWeights[kind.rawValue] = w }
        let anchors: (arabic: AnchorTable, english: AnchorTable)? = (weights + missWeights).contains { $0 != 0 }
            ? AnchorExtractor(lexicon: lexicon).tables(arabic: arabic, english: english, missWeights: missWeights,
                                                       arabicLengths: arabicLengths, englishLengths: englishLengths,
                                                       window: parameters.anchorWindow)
            : nil

        let totalA = arabicLengths.reduce(0, +), totalE = englishLengths.reduce(0, +)
        var ratio: Double
        switch parameters.ratio {
        case .fixed(let c): ratio = c
        case .fromDocuments: ratio = totalA > 0 && totalE > 0 ? totalE / totalA : 1
        }
        var variance = parameters.variance

        func scorer(_ c: Double, _ s2: Double) -> BeadScorer {
            var scorer = BeadScorer(arabic: arabicLengths, english: englishLengths, anchors: anchors, weights: weights,
                                    parameters: parameters, ratio: c, variance: s2)
            scorer.missWeights = missWeights
            if let extra = parameters.runDeletionExtra, parameters.maxRunDeletion >= 2 {
                scorer.runDeletionExtra = extra
                scorer.maxRunDeletion = parameters.maxRunDeletion
            }
            if let ap = arabicParagraphs, let ep = englishParagraphs, ap.count == arabic.count, ep.count == english.count {
                scorer.arabicParagraphs = ap
                scorer.englishParagraphs = ep
                scorer.paragraphMismatchCost = parameters.paragraphMismatchCost
                if let prior = parameters.paragraphDeletionPrior, prior > 0 {
                    scorer.paragraphDeletionCost = -Foundation.log(prior)
                }
            }
            return scorer
        }

        // Blocks: the paragraphs when they correspond one to one, else the whole text.
        var blocks = [(0..<arabic.count, 0..<english.count)]
        var respected = false
        if parameters.respectParagraphs, let ap = arabicParagraphs, let ep = englishParagraphs,
           let paragraphBlocks = Self.paragraphBlocks(ap, ep, arabicLengths, englishLengths, ratio: ratio,
                                                      variance: variance, parameters: parameters) {
            blocks = paragraphBlocks
            respected = true
        }

        var result = Self.run(blocks: blocks, scorer: scorer(ratio, variance), parameters: parameters)
        if parameters.reestimate, case .fromDocuments = parameters.ratio,
           let (c, s2) = Self.reestimate(result.beads, arabicLengths, englishLengths) {
            ratio = c
            if parameters.reestimateVariance { variance = s2 }
            result = Self.run(blocks: blocks, scorer: scorer(ratio, variance), parameters: parameters)
        }
        if let tolerance = parameters.confidenceLengthTolerance {
            for k in result.beads.indices where result.beads[k].lengthCost > tolerance {
                result.beads[k].confidence *= Foundation.exp(tolerance - result.beads[k].lengthCost)
            }
        }
        return Alignment(beads: result.beads, ratio: ratio, variance: variance, paragraphsRespected: respected,
                         bandHalfWidth: result.width)
    }

    /// Length of a sentence: Unicode scalars of its match key (harakat, tatweel and
    /// repeated spaces do not count).
    public static func length(of sentence: String) -> Int {
        MatchKey.make(sentence).unicodeScalars.count
    }

    // MARK: Passes

    static func run(blocks: [(Range<Int>, Range<Int>)], scorer: BeadScorer,
                    parameters: AlignmentParameters) -> (beads: [AlignedBead], width: Int) {
        var beads: [AlignedBead] = []
        var width = 0
        for (a, e) in blocks {
            var w = max(1, parameters.bandHalfWidth)
            while true {
                let lattice = Lattice(arabic: a, english: e, halfWidth: w, scorer: scorer,
                                      temperature: parameters.temperature)
                if !lattice.pathTouchesBandEdge || w >= max(a.count, e.count) {
                    beads += lattice.beads
                    width = max(width, w)
                    break
                }
                w *= 2
            }
        }
        return (beads, width)
    }

    /// c and s² from the confident 1–1 beads of a first pass: c is their total English
    /// length over their total Arabic length, s² the median squared standardized residual
    /// over the median of χ²(1) (robust to the few wrong beads). Nil when there are fewer
    /// than 8 such beads.
    static func reestimate(_ beads: [AlignedBead], _ a: [Double], _ e: [Double]) -> (Double, Double)? {
        let sure = beads.filter { $0.move == .oneToOne && $0.confidence >= 0.9 }
        guard sure.count >= 8 else { return nil }
        let la = sure.map { a[$0.arabic.lowerBound] }, le = sure.map { e[$0.english.lowerBound] }
        let sumA = la.reduce(0, +), sumE = le.reduce(0, +)
        guard sumA > 0, sumE > 0 else { return nil }
        let c = sumE / sumA
        var z2: [Double] = []
        for (x, y) in zip(la, le) {
            let m = (x + y / c) / 2
            guard m > 0 else { continue }
            z2.append((y - c * x) * (y - c * x) / m)
        }
        guard !z2.isEmpty else { return nil }
        z2.sort()
        let median = z2[z2.count / 2]
        let s2 = min(max(median / 0.4549, 1), 40)
        return (c, s2)
    }

    /// The paragraphs as blocks, when both sides have the same number (more than one) and
    /// every pair of paragraphs has a plausible length ratio: within a factor of 1.5 of the
    /// document's `c` (paragraphs of fewer than 40 characters on both sides, such as
    /// headlines, are not judged). A shifted paragraph structure (one paragraph split on one
    /// side, two merged further on) fails the test, and the whole text is aligned at once.
    static func paragraphBlocks(_ ap: [Int], _ ep: [Int], _ a: [Double], _ e: [Double], ratio: Double,
                                variance: Double, parameters: AlignmentParameters) -> [(Range<Int>, Range<Int>)]? {
        func ranges(_ p: [Int]) -> [Range<Int>] {
            var out: [Range<Int>] = []
            var start = 0
            for i in 1...p.count where i == p.count || p[i] != p[i - 1] {
                out.append(start..<i)
                start = i
            }
            return out
        }
        guard !ap.isEmpty, !ep.isEmpty else { return nil }
        let ar = ranges(ap), er = ranges(ep)
        guard ar.count == er.count, ar.count > 1 else { return nil }
        for (ra, re) in zip(ar, er) {
            let la = ra.reduce(0.0) { $0 + a[$1] }, le = re.reduce(0.0) { $0 + e[$1] }
            if la < 40 && le < 40 { continue }
            guard la > 0, le > 0 else { return nil }
            let r = le / (la * ratio)
            if r < 1 / 1.5 || r > 1.5 { return nil }
        }
        return Array(zip(ar, er))
    }
}

/// The cost of a bead: −log prior + Gale–Church length term − anchors.
struct BeadScorer: Sendable {
    let cumA: [Double]
    let cumE: [Double]
    let anchors: (arabic: AnchorTable, english: AnchorTable)?
    let weights: [Double]
    var missWeights = [Double](repeating: 0, count: 16)
    let priorCost: [Double]  // by move index
    let ratio: Double
    let variance: Double
    let flatDeletion: Double?
    /// Paragraph number of each sentence, and the cost of leaving a whole paragraph
    /// unpaired (nil: not allowed).
    var arabicParagraphs: [Int]? = nil
    var englishParagraphs: [Int]? = nil
    var paragraphDeletionCost: Double? = nil
    /// Added to a pair bead that starts a paragraph on one side only, or joins two
    /// sentences across a paragraph break.
    var paragraphMismatchCost = 0.0
    /// What each sentence after the first of a run of unpaired sentences (up to
    /// `maxRunDeletion`) costs; nil: no runs (each sentence pays a full deletion).
    var runDeletionExtra: Double? = nil
    var maxRunDeletion = 1

    init(arabic: [Double], english: [Double], anchors: (arabic: AnchorTable, english: AnchorTable)?, weights: [Double],
         parameters: AlignmentParameters, ratio: Double, variance: Double) {
        var ca = [0.0], ce = [0.0]
        for x in arabic { ca.append(ca.last! + x) }
        for x in english { ce.append(ce.last! + x) }
        cumA = ca
        cumE = ce
        self.anchors = anchors
        self.weights = weights
        priorCost = Lattice.moves.map { -Foundation.log(max(parameters.priors[$0] ?? 1e-12, 1e-12)) }
        self.ratio = ratio
        self.variance = variance
        if case .flat(let x) = parameters.deletion { flatDeletion = x } else { flatDeletion = nil }
    }

    /// Cost of move `k` (index into `Lattice.moves`) ending after Arabic sentence `i` and
    /// English sentence `j` (global indices: the bead holds i − da ..< i and j − de ..< j).
    @inline(__always)
    func cost(_ k: Int, _ i: Int, _ j: Int) -> Double {
        let da = Lattice.arabicCounts[k], de = Lattice.englishCounts[k]
        let la = cumA[i] - cumA[i - da], le = cumE[j] - cumE[j - de]
        if da == 0 || de == 0, let flat = flatDeletion { return priorCost[k] + flat }
        var c = priorCost[k] + Self.lengthCost(la, le, ratio: ratio, variance: variance)
        if da > 0 && de > 0 && paragraphMismatchCost > 0 {
            c += paragraphPenalty(i - da, da, j - de, de)
        }
        if da > 0 && de > 0, let anchors {
            c += AnchorTable.score(anchors.arabic.anchors(start: i - da, count: da),
                                   anchors.english.anchors(start: j - de, count: de),
                                   aMiss: anchors.arabic.missWeight(start: i - da, count: da),
                                   bMiss: anchors.english.missWeight(start: j - de, count: de),
                                   bonus: weights, miss: missWeights)
        }
        return c
    }

    /// The paragraph part of a pair bead's cost (Arabic a ..< a + da, English e ..< e + de).
    @inline(__always)
    func paragraphPenalty(_ a: Int, _ da: Int, _ e: Int, _ de: Int) -> Double {
        guard let ap = arabicParagraphs, let ep = englishParagraphs else { return 0 }
        var penalty = 0.0
        let startsA = a == 0 || ap[a] != ap[a - 1], startsE = e == 0 || ep[e] != ep[e - 1]
        if startsA != startsE { penalty += paragraphMismatchCost }
        if da == 2 && ap[a] != ap[a + 1] { penalty += paragraphMismatchCost }
        if de == 2 && ep[e] != ep[e + 1] { penalty += paragraphMismatchCost }
        return penalty
    }

    /// The length and anchor parts of move k's cost into (i, j).
    func breakdown(_ k: Int, _ i: Int, _ j: Int) -> (length: Double, anchors: Double) {
        let da = Lattice.arabicCounts[k], de = Lattice.englishCounts[k]
        guard da > 0 && de > 0 else { return (0, 0) }
        let la = cumA[i] - cumA[i - da], le = cumE[j] - cumE[j - de]
        let length = Self.lengthCost(la, le, ratio: ratio, variance: variance)
        guard let anchors else { return (length, 0) }
        return (length, AnchorTable.score(anchors.arabic.anchors(start: i - da, count: da),
                                          anchors.english.anchors(start: j - de, count: de),
                                          aMiss: anchors.arabic.missWeight(start: i - da, count: da),
                                          bMiss: anchors.english.missWeight(start: j - de, count: de),
                                          bonus: weights, miss: missWeights))
    }

    /// −log P(|δ|) of Gale & Church: δ = (le − c·la) / √(s²·m), m = (la + le/c)/2, and
    /// P = 2(1 − Φ(|δ|)) = erfc(|δ|/√2).
    @inline(__always)
    static func lengthCost(_ la: Double, _ le: Double, ratio c: Double, variance s2: Double) -> Double {
        if la == 0 && le == 0 { return 0 }
        let m = (la + le / c) / 2
        let delta = (le - c * la) / (s2 * m).squareRoot()
        return -logErfc(abs(delta) / 2.0.squareRoot())
    }

    /// log erfc(x) for x ≥ 0, with the asymptotic series where erfc underflows.
    @inline(__always)
    static func logErfc(_ x: Double) -> Double {
        if x < 25 { return Foundation.log(erfc(x)) }
        let x2 = x * x
        return -x2 - Foundation.log(x * Double.pi.squareRoot()) + Foundation.log1p(-1 / (2 * x2))
    }
}

/// The banded lattice of one block: Viterbi path, forward and backward log-sums, and the
/// beads of the best path with their posteriors.
///
/// Besides the six moves, on the side with more paragraphs a whole paragraph of two
/// sentences or more can be left unpaired in one step (moves 6 and 7), at the cost of one
/// deletion: translators drop paragraphs, and sentence by sentence a dropped paragraph
/// would cost as many deletions as it has sentences. Likewise a run of 2 … maxRun
/// consecutive sentences of one side, at one deletion plus a small extra per sentence
/// (omissions come in runs).
struct Lattice {
    static let moves: [AlignmentMove] = [.oneToOne, .oneToZero, .zeroToOne, .twoToOne, .oneToTwo, .twoToTwo]
    static let arabicCounts = moves.map(\.arabicCount)
    static let englishCounts = moves.map(\.englishCount)
    static let arabicParagraphMove = 6
    static let englishParagraphMove = 7

    private(set) var beads: [AlignedBead] = []
    private(set) var pathTouchesBandEdge = false

    init(arabic: Range<Int>, english: Range<Int>, halfWidth: Int, scorer: BeadScorer, temperature: Double) {
        let n = arabic.count, m = english.count
        let a0 = arabic.lowerBound, e0 = english.lowerBound
        if n == 0 && m == 0 { return }

        // The band: around the diagonal in length (where the English has covered the same
        // share of its length as the Arabic), then widened so consecutive rows overlap.
        var lo = [Int](repeating: 0, count: n + 1), hi = [Int](repeating: 0, count: n + 1)
        let totalA = scorer.cumA[a0 + n] - scorer.cumA[a0], totalE = scorer.cumE[e0 + m] - scorer.cumE[e0]
        func at(_ j: Int) -> Double { totalE > 0 ? scorer.cumE[e0 + j] - scorer.cumE[e0] : Double(j) }
        var j = 0
        for i in 0...n {
            let share = totalA > 0 ? (scorer.cumA[a0 + i] - scorer.cumA[a0]) / totalA : Double(i) / Double(max(n, 1))
            let target = share * (totalE > 0 ? totalE : Double(m))
            while j < m && abs(at(j + 1) - target) <= abs(at(j) - target) { j += 1 }
            let center = i == n ? m : j
            lo[i] = max(0, center - halfWidth)
            hi[i] = min(m, center + halfWidth)
        }
        lo[0] = 0
        hi[n] = m
        if n >= 1 { for i in 1...n { lo[i] = min(lo[i], hi[i - 1]) } }
        var offset = [Int](repeating: 0, count: n + 2)
        for i in 0...n { offset[i + 1] = offset[i] + hi[i] - lo[i] + 1 }
        let cells = offset[n + 1]

        @inline(__always) func index(_ i: Int, _ j: Int) -> Int {
            (i < 0 || i > n || j < lo[i] || j > hi[i]) ? -1 : offset[i] + j - lo[i]
        }

        // Paragraphs of two sentences or more inside the block, by local start and end; only
        // on a side that has more paragraphs in the block than the other.
        func paragraphCount(_ ids: [Int]?, _ start: Int, _ count: Int) -> Int {
            guard let ids, count > 0 else { return count > 0 ? 1 : 0 }
            return ids[start + count - 1] - ids[start] + 1
        }
        let arabicParagraphCount = paragraphCount(scorer.arabicParagraphs, a0, n)
        let englishParagraphCount = paragraphCount(scorer.englishParagraphs, e0, m)
        func paragraphs(_ ids: [Int]?, _ start: Int, _ count: Int, more: Bool) -> (startOfEnd: [Int], endOfStart: [Int]) {
            var startOfEnd = [Int](repeating: -1, count: count + 1), endOfStart = [Int](repeating: -1, count: count + 1)
            guard let ids, more, scorer.paragraphDeletionCost != nil, count > 0 else { return (startOfEnd, endOfStart) }
            var s = 0
            for k in 1...count where k == count || ids[start + k] != ids[start + k - 1] {
                if k - s >= 2 { startOfEnd[k] = s; endOfStart[s] = k }
                s = k
            }
            return (startOfEnd, endOfStart)
        }
        let (arabicStartOfEnd, arabicEndOfStart) = paragraphs(scorer.arabicParagraphs, a0, n,
                                                              more: arabicParagraphCount > englishParagraphCount)
        let (englishStartOfEnd, englishEndOfStart) = paragraphs(scorer.englishParagraphs, e0, m,
                                                                more: englishParagraphCount > arabicParagraphCount)
        let paragraphCost = scorer.paragraphDeletionCost ?? 0

        let inf = Double.infinity
        var best = [Double](repeating: inf, count: cells)
        var back = [Int8](repeating: -1, count: cells)
        var forward = [Double](repeating: -inf, count: cells)
        let t = temperature > 0 ? temperature : 1
        let moveCount = Self.moves.count
        // Moves: the six, the two paragraph deletions, then runs of 2 … maxRun unpaired
        // sentences on the Arabic side and on the English side.
        let runs = scorer.runDeletionExtra != nil ? max(0, scorer.maxRunDeletion - 1) : 0
        let firstRun = moveCount + 2
        let totalMoves = firstRun + 2 * runs
        var terms = [Double](repeating: -inf, count: totalMoves)

        /// The local cell a move into (i, j) comes from, as (i, j); (-1, -1) when none.
        @inline(__always) func from(_ k: Int, _ i: Int, _ j: Int) -> (Int, Int) {
            if k < moveCount { return (i - Self.arabicCounts[k], j - Self.englishCounts[k]) }
            if k == Self.arabicParagraphMove { return arabicStartOfEnd[i] >= 0 ? (arabicStartOfEnd[i], j) : (-1, -1) }
            if k == Self.englishParagraphMove { return englishStartOfEnd[j] >= 0 ? (i, englishStartOfEnd[j]) : (-1, -1) }
            if k < firstRun + runs { return (i - (k - firstRun + 2), j) }
            return (i, j - (k - firstRun - runs + 2))
        }
        /// The local cell a move out of (i, j) leads to; (-1, -1) when none.
        @inline(__always) func to(_ k: Int, _ i: Int, _ j: Int) -> (Int, Int) {
            if k < moveCount { return (i + Self.arabicCounts[k], j + Self.englishCounts[k]) }
            if k == Self.arabicParagraphMove { return arabicEndOfStart[i] >= 0 ? (arabicEndOfStart[i], j) : (-1, -1) }
            if k == Self.englishParagraphMove { return englishEndOfStart[j] >= 0 ? (i, englishEndOfStart[j]) : (-1, -1) }
            if k < firstRun + runs { return (i + (k - firstRun + 2), j) }
            return (i, j + (k - firstRun - runs + 2))
        }
        /// The cost of move k into (i, j) (local indices).
        @inline(__always) func cost(_ k: Int, _ i: Int, _ j: Int) -> Double {
            if k < moveCount { return scorer.cost(k, a0 + i, e0 + j) }
            if k < firstRun { return paragraphCost }
            let r = k < firstRun + runs ? k - firstRun + 2 : k - firstRun - runs + 2
            return scorer.cost(k < firstRun + runs ? 1 : 2, a0 + i, e0 + j) + Double(r - 1) * (scorer.runDeletionExtra ?? 0)
        }

        best[0] = 0
        forward[0] = 0
        for i in 0...n {
            for j in lo[i]...hi[i] where i > 0 || j > 0 {
                let here = offset[i] + j - lo[i]
                var bestCost = inf, bestMove = -1
                var maxTerm = -inf
                for k in 0..<totalMoves {
                    terms[k] = -inf
                    let (pi, pj) = from(k, i, j)
                    let p = index(pi, pj)
                    guard p >= 0, best[p] < inf else { continue }
                    let c = cost(k, i, j)
                    let v = best[p] + c
                    if v < bestCost { bestCost = v; bestMove = k }
                    terms[k] = forward[p] - c / t
                    maxTerm = max(maxTerm, terms[k])
                }
                guard bestMove >= 0 else { continue }
                best[here] = bestCost
                back[here] = Int8(bestMove)
                var sum = 0.0
                for k in 0..<totalMoves where terms[k] > -inf { sum += Foundation.exp(terms[k] - maxTerm) }
                forward[here] = maxTerm + Foundation.log(sum)
            }
        }

        var backward = [Double](repeating: -inf, count: cells)
        backward[cells - 1] = 0
        for i in stride(from: n, through: 0, by: -1) {
            for j in stride(from: hi[i], through: lo[i], by: -1) where i < n || j < m {
                let here = offset[i] + j - lo[i]
                guard best[here] < inf else { continue }
                var maxTerm = -inf
                for k in 0..<totalMoves {
                    terms[k] = -inf
                    let (ni, nj) = to(k, i, j)
                    let q = index(ni, nj)
                    guard q >= 0, backward[q] > -inf else { continue }
                    terms[k] = backward[q] - cost(k, ni, nj) / t
                    maxTerm = max(maxTerm, terms[k])
                }
                guard maxTerm > -inf else { continue }
                var sum = 0.0
                for k in 0..<totalMoves where terms[k] > -inf { sum += Foundation.exp(terms[k] - maxTerm) }
                backward[here] = maxTerm + Foundation.log(sum)
            }
        }

        let total = forward[cells - 1]
        var i = n, jj = m
        var out: [AlignedBead] = []
        while i > 0 || jj > 0 {
            let here = offset[i] + jj - lo[i]
            if (jj - lo[i] < 2 && lo[i] > 0) || (hi[i] - jj < 2 && hi[i] < m) { pathTouchesBandEdge = true }
            let k = Int(back[here])
            precondition(k >= 0, "the band has no path")
            let (pi, pj) = from(k, i, jj)
            let p = index(pi, pj)
            let c = cost(k, i, jj)
            let posterior = min(1, max(0, Foundation.exp(forward[p] - c / t + backward[here] - total)))
            if k < moveCount {
                let parts = scorer.breakdown(k, a0 + i, e0 + jj)
                out.append(AlignedBead(arabic: (a0 + pi)..<(a0 + i), english: (e0 + pj)..<(e0 + jj), move: Self.moves[k],
                                       confidence: posterior, cost: c, lengthCost: parts.length, anchorScore: parts.anchors))
            } else if pj == jj {
                // A paragraph or a run of Arabic sentences left unpaired: one 1-0 bead each.
                for s in stride(from: i - 1, through: pi, by: -1) {
                    out.append(AlignedBead(arabic: (a0 + s)..<(a0 + s + 1), english: (e0 + jj)..<(e0 + jj), move: .oneToZero,
                                           confidence: posterior, cost: c / Double(i - pi)))
                }
            } else {
                for s in stride(from: jj - 1, through: pj, by: -1) {
                    out.append(AlignedBead(arabic: (a0 + i)..<(a0 + i), english: (e0 + s)..<(e0 + s + 1), move: .zeroToOne,
                                           confidence: posterior, cost: c / Double(jj - pj)))
                }
            }
            i = pi
            jj = pj
        }
        beads = out.reversed()
    }
}
