/// Where a term ranks beside terms of other entries that match the same words: a
/// newsroom's own termbase before a general dictionary loaded beside it, as memoQ and
/// Trados rank termbases. It decides which entry is the hit (the others become its
/// alternatives) and the order of look-up results of the same match kind; it never hides
/// a term.
///
/// A term's priority is that of the import that added it (`term import --priority`,
/// `dragoman imports priority`); terms entered by hand and the starter glossary are
/// curated. An import that adds more than `bulkEntries` entries is bulk unless told
/// otherwise: a dictionary of 50,000 headwords is not a termbase.
public enum GlossaryPriority: String, Sendable, Hashable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    /// Entered by hand, the starter glossary, or a termbase imported as curated.
    case curated
    /// An import of a few thousand entries at most (the default).
    case standard
    /// A dictionary or other large word list.
    case bulk

    /// 0 for curated … 2 for bulk: lower ranks first. Stored as this number.
    public var rank: Int {
        switch self {
        case .curated: 0
        case .standard: 1
        case .bulk: 2
        }
    }

    public init?(rank: Int) {
        guard let p = Self.allCases.first(where: { $0.rank == rank }) else { return nil }
        self = p
    }

    /// Imports adding more entries than this are bulk by default.
    public static let bulkEntries = 5_000

    /// The priority of an import that gave none: standard, or bulk past `bulkEntries`.
    public static func `default`(entriesAdded: Int) -> GlossaryPriority {
        entriesAdded > bulkEntries ? .bulk : .standard
    }

    public static func < (a: GlossaryPriority, b: GlossaryPriority) -> Bool { a.rank < b.rank }

    public var description: String { rawValue }
}
