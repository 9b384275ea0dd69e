/// What the fuzzy search needs from a store. An in-memory index and the SQLite store
/// both provide it; the search algorithm (`TMSearcher`) is the same for both.
public protocol CandidateIndex {
    /// Ids and document frequencies (units containing it) of these strings on `side`.
    /// Strings no unit contains are absent.
    func vocabulary(_ strings: Set<String>, side: Side) throws -> [String: (id: Int32, frequency: Int)]
    /// Ids of the units whose `side` contains the base `base`.
    func postings(base: Int32, side: Side) throws -> [Int64]
    /// Ids of the units whose `side` has this match-key hash.
    func units(withKeyHash hash: Int64, side: Side) throws -> [Int64]
    /// The stored profiles of these units' `side`.
    func profiles(_ ids: [Int64], side: Side) throws -> [Int64: SegmentProfile]
    /// The units themselves.
    func units(_ ids: [Int64]) throws -> [Int64: TranslationUnit]
    /// Every unit id (for the brute-force scan).
    func allUnitIDs() throws -> [Int64]
}
