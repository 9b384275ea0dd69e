/// Bounds for long segments (a whole article pasted as one unit, a 4 MB line): the
/// aligner's work grows with the product of the two sides' lengths, so a pair longer than
/// `maximumPieceTokens` on either side is not learnt from, and is aligned in pieces along
/// the diagonal (both sides cut into as many equal parts, each part aligned with its
/// counterpart): time and memory grow with the length, not with its square.
public enum LongSentences {
    public static let maximumPieceTokens = 256

    public static func isLong(_ sentence: AlignmentSentence) -> Bool {
        sentence.source.count > maximumPieceTokens || sentence.target.count > maximumPieceTokens
    }

    /// The links and the sure links (both directions agree, or anchors) of `sentence`.
    public static func align(_ model: WordAlignmentModel, _ sentence: AlignmentSentence) -> (links: [WordLink], sure: Set<WordLink>) {
        guard isLong(sentence) else { return StoredLinks.align(model, sentence) }
        let n = sentence.source.count, m = sentence.target.count
        guard n > 0, m > 0 else { return ([], []) }
        let pieces = (max(n, m) + maximumPieceTokens - 1) / maximumPieceTokens
        var links: [WordLink] = []
        var sure = Set<WordLink>()
        for p in 0..<pieces {
            let s = (n * p / pieces)..<(n * (p + 1) / pieces)
            let t = (m * p / pieces)..<(m * (p + 1) / pieces)
            guard !s.isEmpty, !t.isEmpty else { continue }
            let anchors = sentence.anchors.filter { s.contains($0.source) && t.contains($0.target) }
                .map { WordLink(source: $0.source - s.lowerBound, target: $0.target - t.lowerBound) }
            let piece = AlignmentSentence(source: Array(sentence.source[s]), target: Array(sentence.target[t]), anchors: anchors)
            let shift = { (l: WordLink) in WordLink(source: l.source + s.lowerBound, target: l.target + t.lowerBound) }
            let (pieceLinks, pieceSure) = StoredLinks.align(model, piece)
            links += pieceLinks.map(shift)
            sure.formUnion(pieceSure.map(shift))
        }
        return (links, sure)
    }
}
