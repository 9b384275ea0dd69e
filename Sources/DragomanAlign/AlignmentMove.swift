/// A bead type of the alignment: how many Arabic and how many English sentences one
/// aligned unit holds (Gale & Church 1993's six moves).
public enum AlignmentMove: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case oneToOne = "1-1"
    /// An Arabic sentence with no English translation.
    case oneToZero = "1-0"
    /// An English sentence with no Arabic source.
    case zeroToOne = "0-1"
    /// Two Arabic sentences translated by one English sentence.
    case twoToOne = "2-1"
    /// One Arabic sentence translated by two English sentences.
    case oneToTwo = "1-2"
    case twoToTwo = "2-2"

    /// Sentences consumed on the Arabic side.
    public var arabicCount: Int {
        switch self {
        case .zeroToOne: return 0
        case .oneToOne, .oneToZero, .oneToTwo: return 1
        case .twoToOne, .twoToTwo: return 2
        }
    }

    /// Sentences consumed on the English side.
    public var englishCount: Int {
        switch self {
        case .oneToZero: return 0
        case .oneToOne, .zeroToOne, .twoToOne: return 1
        case .oneToTwo, .twoToTwo: return 2
        }
    }

    /// Whether the bead pairs something with something (not a deletion or insertion).
    public var isPair: Bool { arabicCount > 0 && englishCount > 0 }

    public var description: String { rawValue }

    /// The move with these counts, if it is one of the six.
    public init?(arabicCount: Int, englishCount: Int) {
        guard let move = Self.allCases.first(where: { $0.arabicCount == arabicCount && $0.englishCount == englishCount })
        else { return nil }
        self = move
    }
}
