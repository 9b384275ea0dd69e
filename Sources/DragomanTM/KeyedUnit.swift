/// A unit with the hashes of its two match keys, when whoever made it has them already
/// (a file reader keys every line for its neighbours' context): an import then does not
/// compute each key twice. A nil hash is computed by the store.
public struct KeyedUnit: Sendable {
    public var unit: TranslationUnit
    /// `StableHash.of(MatchKey.make(unit.arabic))`, or nil.
    public var arabicKeyHash: Int64?
    /// `StableHash.of(MatchKey.make(unit.english))`, or nil.
    public var englishKeyHash: Int64?

    public init(_ unit: TranslationUnit, arabicKeyHash: Int64? = nil, englishKeyHash: Int64? = nil) {
        self.unit = unit
        self.arabicKeyHash = arabicKeyHash
        self.englishKeyHash = englishKeyHash
    }
}
