import DragomanText
import DragomanTM

/// Aligns the words of a unit on arrival: its match tokens on each side → its coded word
/// links (nil when there is no model). Runs on the reading thread of an import.
public typealias UnitLinking = @Sendable (_ arabic: [MatchToken], _ english: [MatchToken]) -> [UInt8]?

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
    /// The unit's word links, when a model aligned it on arrival.
    var links: [UInt8]?

    init(_ keyed: KeyedUnit, linking: UnitLinking? = nil) {
        let unit = keyed.unit
        let arabic = MatchTokenizer.tokens(of: unit.arabic, side: .arabic)
        let english = MatchTokenizer.tokens(of: unit.english, side: .english)
        arabicTerms = Self.terms(arabic)
        englishTerms = Self.terms(english)
        links = linking?(arabic, english)
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
