import DragomanText
import DragomanTM

/// The analysis of a unit that does not touch the database (tokens, keys, hashes):
/// done ahead of the single-threaded write, on another core.
struct UnitAnalysis: Sendable {
    /// What the writer needs of a match token: its strings, hashed, and its class.
    struct Term: Sendable {
        var key: HashedString
        var base: HashedString
        var weightClass: WeightClass
    }

    var arabicTerms: [Term]
    var englishTerms: [Term]
    var arabicKeyHash: Int64
    var englishKeyHash: Int64

    init(_ keyed: KeyedUnit) {
        let unit = keyed.unit
        arabicTerms = Self.terms(MatchTokenizer.tokens(of: unit.arabic, side: .arabic))
        englishTerms = Self.terms(MatchTokenizer.tokens(of: unit.english, side: .english))
        arabicKeyHash = keyed.arabicKeyHash ?? StableHash.of(MatchKey.make(unit.arabic))
        englishKeyHash = keyed.englishKeyHash ?? StableHash.of(MatchKey.make(unit.english))
    }

    private static func terms(_ tokens: [MatchToken]) -> [Term] {
        tokens.map { token in
            let key = HashedString(token.key)
            return Term(key: key, base: token.base == token.key ? key : HashedString(token.base), weightClass: token.weightClass)
        }
    }
}
