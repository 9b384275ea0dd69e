/// A token reduced to what the edit distance compares: ids of its key and base (equal
/// ids mean equal strings) and its weight class.
public struct ScoringToken: Sendable, Hashable {
    public var key: Int32
    public var base: Int32
    public var weightClass: WeightClass

    public init(key: Int32, base: Int32, weightClass: WeightClass) {
        self.key = key
        self.base = base
        self.weightClass = weightClass
    }
}

/// What one step of an alignment did.
public enum EditKind: String, Sendable, Codable, Hashable {
    /// Same match key.
    case equal
    /// Same word with a different attached clitic or ending (وقال / قال, الفلسطينية / الفلسطيني).
    case clitic
    /// A number with another value.
    case number
    /// A different word or mark.
    case substitute
    /// In the query, missing from the TM source.
    case delete
    /// In the TM source, missing from the query.
    case insert
}

/// The comparer the fuzzy matcher runs on: what each edit costs.
///
/// The index's filters are proven for any model that keeps two promises:
/// an insertion or deletion costs the token's weight, and substituting tokens with
/// different bases costs at least the larger of their weights (`FuzzyBounds`).
public protocol TokenCostModel: Sendable {
    func indelCost(_ token: ScoringToken) -> Int
    /// The cost and kind of aligning `a` (query) with `b` (TM source), or nil when they
    /// may not be aligned (then they are deleted and inserted).
    func substitution(_ a: ScoringToken, _ b: ScoringToken) -> (cost: Int, kind: EditKind)?
    /// The smallest indel cost of any token (bounds the DP band).
    var minimumIndelCost: Int { get }
}

/// Dragoman's costs (docs/fuzzy-score.md): a word 20, a stand-alone clitic 6, a number 10,
/// punctuation 5; the same word with another clitic or ending 6; another number 10.
public struct DefaultCostModel: TokenCostModel {
    public static let cliticCost = 6

    public init() {}

    public func indelCost(_ token: ScoringToken) -> Int { token.weightClass.weight }

    public func substitution(_ a: ScoringToken, _ b: ScoringToken) -> (cost: Int, kind: EditKind)? {
        if a.key == b.key { return (0, .equal) }
        guard a.weightClass == b.weightClass else { return nil }
        if a.base == b.base {
            switch a.weightClass {
            case .number: return (WeightClass.number.weight, .number)
            case .word: return (Self.cliticCost, .clitic)
            case .clitic, .punctuation: return (a.weightClass.weight, .substitute)
            }
        }
        return (max(a.weightClass.weight, b.weightClass.weight), .substitute)
    }

    public var minimumIndelCost: Int { WeightClass.punctuation.weight }
}
