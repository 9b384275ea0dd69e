import DragomanText
import Foundation

/// What the fuzzy search needs from a store. An in-memory index and the SQLite store
/// both provide it; the search algorithm (`TMSearcher`) is the same for both.
public protocol CandidateIndex {
    /// Ids and document frequencies (units containing it) of these strings on `side`.
    /// Strings no unit contains are absent.
    func vocabulary(_ strings: Set<String>, side: Language) throws -> [String: (id: Int32, frequency: Int)]
    /// Ids, ascending, of the units whose `side` contains the base `base` and whose
    /// total weight may lie in `weights` (postings are kept in `WeightBucket`s, so a few
    /// ids outside the range may come too).
    func postings(base: Int32, side: Language, weights: ClosedRange<Int>) throws -> [Int64]
    /// Ids of the units whose `side` has this match-key hash.
    func units(withKeyHash hash: Int64, side: Language) throws -> [Int64]
    /// The stored profiles of these units' `side`.
    func profiles(_ ids: [Int64], side: Language) throws -> [Int64: SegmentProfile]
    /// The units themselves.
    func units(_ ids: [Int64]) throws -> [Int64: TranslationUnit]
    /// Every unit id (for the brute-force scan).
    func allUnitIDs() throws -> [Int64]
}

/// Geometric buckets of segment weight (ratio 1.25): postings are grouped by them so that
/// the length filter is applied before any unit is read.
public enum WeightBucket {
    public static func of(_ weight: Int) -> Int {
        weight <= 1 ? 0 : Int((log(Double(weight)) / log(1.25)).rounded(.down))
    }

    /// The buckets that can hold a weight in `range`.
    public static func covering(_ range: ClosedRange<Int>) -> ClosedRange<Int> {
        of(max(0, range.lowerBound))...of(min(range.upperBound, 1 << 40))
    }
}
