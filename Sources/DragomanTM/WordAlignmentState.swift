import Foundation

/// Where the TM's word alignment stands: when it was last learnt, over how many units,
/// and how many units have links now. Units added after a learning are aligned on
/// arrival with the model of that learning; `isLearningDue` says when to learn again
/// without being asked.
public struct WordAlignmentState: Sendable, Hashable, Codable {
    /// When the model was learnt; nil when it never was.
    public var learned: Date?
    /// The TM's size when the model was learnt.
    public var unitsAtLearning: Int
    /// Units with stored links.
    public var alignedUnits: Int
    /// Units in the TM.
    public var totalUnits: Int
    /// How long the last learning took.
    public var seconds: Double

    public init(learned: Date?, unitsAtLearning: Int, alignedUnits: Int, totalUnits: Int, seconds: Double) {
        self.learned = learned
        self.unitsAtLearning = unitsAtLearning
        self.alignedUnits = alignedUnits
        self.totalUnits = totalUnits
        self.seconds = seconds
    }

    /// Below this many units there is too little to learn from; fragments come after.
    public static let minimumUnits = 10

    /// The model is learnt again without being asked when the TM has never been learnt
    /// (and holds `minimumUnits`), or has grown by a quarter, or shrunk by a quarter, since
    /// the last learning: a model learnt on three quarters of a TM or more aligns the rest
    /// on arrival nearly as well as a new one, and learning costs minutes at a million units.
    public var isLearningDue: Bool {
        guard totalUnits >= Self.minimumUnits else { return false }
        guard learned != nil else { return true }
        return 4 * totalUnits >= 5 * unitsAtLearning || 4 * totalUnits <= 3 * unitsAtLearning
            || 2 * alignedUnits < totalUnits
    }
}

/// What the fragment search needs besides the candidate index: each unit's stored word
/// links (varint-coded pairs of match-token indexes; see `DragomanAlign.WordLinkCoding`).
public protocol UnitLinkIndex {
    func links(_ ids: [Int64]) throws -> [Int64: [UInt8]]
}
