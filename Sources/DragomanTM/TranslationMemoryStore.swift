/// What adding a unit did: duplicates (same Arabic and English text) only refresh dates.
public enum AddOutcome: Sendable, Hashable {
    case added(Int64)
    case updated(Int64)
}

/// Counts of a bulk add.
public struct AddCounts: Sendable, Hashable, Codable {
    public var added = 0
    public var updated = 0
    /// The import batch the add was recorded as, when it was one.
    public var batch: Int64?

    public init(added: Int = 0, updated: Int = 0, batch: Int64? = nil) {
        self.added = added
        self.updated = updated
        self.batch = batch
    }
}

/// A translation memory: units plus the index the fuzzy search reads. The SQLite store
/// and the in-memory store implement it; `TMStoreTests` runs one suite against both.
public protocol TranslationMemoryStore: AnyObject, CandidateIndex {
    /// Adds one unit, or refreshes the dates of the stored unit with the same texts.
    func add(_ unit: TranslationUnit) throws -> AddOutcome
    /// Adds many units in one transaction: all or nothing.
    func add(contentsOf units: [TranslationUnit]) throws -> AddCounts
    func unit(id: Int64) throws -> TranslationUnit?
    /// Removes a unit and its index entries; false when there was none.
    func remove(id: Int64) throws -> Bool
    func count() throws -> Int
    /// Every unit in id order (export, statistics).
    func forEachUnit(_ body: (TranslationUnit) throws -> Void) throws
    /// Counts one more use of these units (a suggestion taken in a pre-translation).
    func recordUse(of ids: [Int64]) throws
}

extension TranslationMemoryStore {
    public func searcher(model: any TokenCostModel = DefaultCostModel()) -> TMSearcher<Self> {
        TMSearcher(index: self, model: model)
    }
}
