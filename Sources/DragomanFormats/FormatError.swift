import DragomanText
import DragomanXML

/// A problem in an interchange file that a translator can act on: what is wrong and the
/// line to open. Shared by the TMX and TBX readers so the CLI reports them alike.
public struct FormatError: DragomanFailure, Sendable, Hashable, Codable {
    public var failureKind: FailureKind { .badInput }

    public enum Kind: String, Sendable, Hashable, Codable {
        /// The file is not well-formed XML (or not UTF-8, or uses a DTD).
        case notWellFormed
        /// The root element is not the one the format requires.
        case unexpectedRoot
        /// A TMX `<tu>` with fewer than two `<tuv>`.
        case tooFewVariants
        /// A TMX `<tuv>` or TBX `<langSet>`/`<langSec>` without a language.
        case missingLanguage
        /// A TMX `<tuv>` without exactly one `<seg>`.
        case segmentCount
        /// A TBX term with no text.
        case missingTermText
    }

    public let kind: Kind
    public let line: Int
    /// Known for XML errors; structural problems name the element's line.
    public let column: Int?
    public let message: String
    /// The `tuid` or concept `id` involved, when there is one.
    public let unitID: String?

    public init(kind: Kind, line: Int, column: Int? = nil, message: String, unitID: String? = nil) {
        self.kind = kind
        self.line = line
        self.column = column
        self.message = message
        self.unitID = unitID
    }

    init(_ error: XMLError) {
        self.init(kind: .notWellFormed, line: error.line, column: error.column, message: error.message)
    }

    public var description: String {
        let place = column.map { "line \(line), column \($0)" } ?? "line \(line)"
        return "\(place): \(message)"
    }
}

/// What a reader does with a unit it cannot use: stop, or set it aside and go on.
/// XML errors always stop reading, since nothing after them can be trusted.
public enum ErrorPolicy: Sendable, Hashable {
    /// Throw the first problem.
    case stopAtFirstError
    /// Skip bad units, record each in the reader's `problems`, and continue.
    case collectAndContinue
}
