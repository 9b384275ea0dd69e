/// A unit's word links as stored (`tm_link.links`): links between match tokens (Arabic
/// index, English index), each marked sure or not, varint-coded as `WordLinkCoding` pairs
/// whose target is the English index × 2, + 1 for a sure link.
///
/// A link is sure when both directions of the model chose it (the intersection, the most
/// precise part of an alignment) or it is an anchor (same number, Latin name, transliterated
/// name, punctuation). Fragment recall projects through all links but proposes a span only
/// when sure links hold it together: the links symmetrisation adds (grow-diag-final-and)
/// are what rare words are wrongly tied with.
public struct StoredLinks: Sendable, Hashable {
    public var links: [WordLink]
    public var sure: Set<WordLink>

    public init(links: [WordLink], sure: Set<WordLink>) {
        self.links = links
        self.sure = sure
    }

    /// The symmetrised links of `sentence` under `model` (what `model.align` gives) and
    /// the sure ones (both directions agree, or an anchor), from one pass of the model in
    /// each direction.
    public static func align(_ model: WordAlignmentModel, _ sentence: AlignmentSentence) -> (links: [WordLink], sure: Set<WordLink>) {
        let n = sentence.source.count, m = sentence.target.count
        guard n > 0, m > 0 else { return ([], []) }
        let (forward, reverse) = model.directionalPoints(sentence)
        let unpack = { (p: UInt64) in WordLink(source: Int(p >> 32), target: Int(p & 0xFFFF_FFFF)) }
        let links = WordSymmetrisation.combinePacked(forward: forward, reverse: reverse, sourceCount: n, targetCount: m,
                                                     heuristic: model.symmetrisation).map(unpack)
        var sure = Set(sentence.anchors)
        var i = 0, j = 0
        while i < forward.count, j < reverse.count {
            if forward[i] == reverse[j] { sure.insert(unpack(forward[i])); i += 1; j += 1 }
            else if forward[i] < reverse[j] { i += 1 } else { j += 1 }
        }
        return (links, sure)
    }

    /// The stored form of `links` (alignment-token indexes) of a unit tokenised as `tokens`.
    public static func encode(_ tokens: AlignmentTokens, links: [WordLink], sure: Set<WordLink>) -> [UInt8] {
        encode(arabicWord: tokens.arabicWord, englishWord: tokens.englishWord, links: links, sure: sure)
    }

    /// The stored form of `links` (alignment-token indexes), where alignment token `i` of
    /// the Arabic side came from match token `arabicWord[i]` (and likewise for English).
    public static func encode(arabicWord: [Int], englishWord: [Int], links: [WordLink], sure: Set<WordLink>) -> [UInt8] {
        // Packed (Arabic word, English word × 2 + sure), sorted: a word pair linked twice
        // (two clitics of one word) keeps one entry, sure if either link was.
        var packed: [UInt64] = []
        packed.reserveCapacity(links.count)
        for l in links {
            guard l.source < arabicWord.count, l.target < englishWord.count else { continue }
            let target = UInt64(englishWord[l.target]) * 2 + (sure.contains(l) ? 1 : 0)
            packed.append(UInt64(arabicWord[l.source]) << 32 | target)
        }
        packed.sort()
        var out: [WordLink] = []
        out.reserveCapacity(packed.count)
        for p in packed {
            let link = WordLink(source: Int(p >> 32), target: Int(p & 0xFFFF_FFFF))
            // The same pair unsure then sure: keep the sure one.
            if let last = out.last, last.source == link.source, last.target >> 1 == link.target >> 1 {
                out[out.count - 1] = link
            } else {
                out.append(link)
            }
        }
        return WordLinkCoding.encode(out)
    }

    public static func decode(_ bytes: [UInt8]) -> StoredLinks {
        var links: [WordLink] = []
        var sure = Set<WordLink>()
        for l in WordLinkCoding.decode(bytes) {
            let link = WordLink(source: l.source, target: l.target >> 1)
            links.append(link)
            if l.target & 1 == 1 { sure.insert(link) }
        }
        return StoredLinks(links: links, sure: sure)
    }

    /// The same links seen from the English side (English index as source).
    public var reversed: StoredLinks {
        let flip = { (l: WordLink) in WordLink(source: l.target, target: l.source) }
        return StoredLinks(links: links.map(flip), sure: Set(sure.map(flip)))
    }
}
