import DragomanText
/// Why a document could not be read, with the place to look: every message names the
/// line and column so a translator can open the file and fix it.
public struct XMLError: DragomanFailure, Sendable, Hashable {
    public var failureKind: FailureKind { .badInput }

    /// 1-based line of the problem.
    public let line: Int
    /// 1-based column, counted in Unicode scalars from the start of the line.
    public let column: Int
    /// Offset in bytes from the start of the file, when it helps (encoding problems).
    public let byteOffset: Int?
    public let message: String

    public init(line: Int, column: Int, byteOffset: Int? = nil, message: String) {
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
