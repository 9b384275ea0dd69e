import DragomanText

/// A unit that contains a searched phrase, with where the phrase stands in it.
public struct ConcordanceHit: Sendable, Hashable {
    public var unit: TranslationUnit
    /// UTF-16 ranges of the phrase in the unit's searched side.
    public var ranges: [Range<Int>]
}

/// Finds a phrase in TM segments on match keys: the words in order, each allowed its
/// clitics and endings (bases equal), so وبالقدس finds القدس.
public struct ConcordanceSearch<Index: CandidateIndex> {
    public let snapshot: Index

    public init(snapshot: Index) { self.snapshot = snapshot }

    public func find(_ phrase: String, side: Language, limit: Int) throws -> [ConcordanceHit] {
        try search(phrase, side: side, limit: limit).hits
    }

    /// The first `limit` hits, newest first, and how many units hold the phrase in all.
    public func search(_ phrase: String, side: Language, limit: Int) throws -> (hits: [ConcordanceHit], total: Int) {
        let words = MatchTokenizer.tokens(of: phrase, side: side).filter { $0.weightClass != .punctuation }
        guard !words.isEmpty else { return ([], 0) }
        let known = try snapshot.vocabulary(Set(words.map(\.base)), side: side)
        // Every base must occur somewhere; read the rarest one's postings.
        guard words.allSatisfy({ known[$0.base] != nil }),
              let rarest = words.min(by: { known[$0.base]!.frequency < known[$1.base]!.frequency }) else { return ([], 0) }
        let ids = try snapshot.postings(base: known[rarest.base]!.id, side: side, weights: 0...Int.max)
        var hits: [ConcordanceHit] = []
        for batch in stride(from: 0, to: ids.count, by: 400).map({ Array(ids[$0..<min(ids.count, $0 + 400)]) }) {
            let units = try snapshot.units(batch)
            for id in batch {
                guard let unit = units[id] else { continue }
                let ranges = Self.occurrences(of: words, in: unit.text(side), side: side)
                if !ranges.isEmpty { hits.append(ConcordanceHit(unit: unit, ranges: ranges)) }
            }
        }
        hits.sort { ($0.unit.changed, $1.unit.id ?? 0) > ($1.unit.changed, $0.unit.id ?? 0) }
        return (Array(hits.prefix(limit)), hits.count)
    }

    /// Where the words stand, in order, in `text` (punctuation between them is skipped).
    public static func occurrences(of words: [MatchToken], in text: String, side: Language) -> [Range<Int>] {
        let tokens = MatchTokenizer.tokens(of: text, side: side).filter { $0.weightClass != .punctuation }
        guard tokens.count >= words.count else { return [] }
        var out: [Range<Int>] = []
        var i = 0
        while i + words.count <= tokens.count {
            let matches = words.indices.allSatisfy { j in
                tokens[i + j].key == words[j].key || tokens[i + j].base == words[j].base
            }
            if matches {
                out.append(tokens[i].range.lowerBound..<tokens[i + words.count - 1].range.upperBound)
                i += words.count
            } else {
                i += 1
            }
        }
        return out
    }
}
