/// What kind of failure an error is. One table decides, for every error the libraries
/// throw, the process exit code of the CLI (sysexits.h, documented in the README) and the
/// HTTP status a server answers with. Errors that adopt no kind are internal: a bug.
public enum FailureKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// The command line or request is wrong (a missing argument, options that clash).
    case usage
    /// The input is wrong: a malformed file, a bad line, text in the wrong language.
    case badInput
    /// What the input names does not exist: no such entry, unit or batch.
    case notFound
    /// The request clashes with the data's state: undoing an import whose rows were
    /// edited since, or one already undone.
    case conflict
    /// An input file or database that must exist does not, or cannot be read.
    case noInput
    /// Output cannot be written: permissions, a missing folder, a full disk.
    case cannotWrite
    /// Another writer holds the database past the busy timeout.
    case busy
    /// The database was written by a newer Dragoman; it was left untouched.
    case newerDatabase
    /// A bug: nothing the user did explains it.
    case `internal`

    /// The process exit code (sysexits.h).
    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .badInput, .notFound, .conflict: 65
        case .noInput: 66
        case .internal: 70
        case .cannotWrite: 74
        case .busy: 75
        case .newerDatabase: 78
        }
    }

    /// The HTTP status a server answers with.
    public var httpStatus: Int {
        switch self {
        case .usage, .badInput: 400
        case .notFound, .noInput: 404
        case .cannotWrite, .internal: 500
        case .busy: 503
        case .newerDatabase, .conflict: 409
        }
    }
}

/// An error a person can act on. Its `description` is the whole message: what is wrong,
/// where (file, line, id) and what to do; its kind decides the exit code and the HTTP
/// status. Every error the libraries throw on purpose adopts it; the CLI and the server
/// classify errors in one place each, by this protocol alone.
public protocol DragomanFailure: Error, CustomStringConvertible {
    var failureKind: FailureKind { get }
}

/// A failure with a message, for the cases that need no type of their own.
public struct Failure: DragomanFailure, Sendable, Hashable {
    public let failureKind: FailureKind
    public let message: String

    public init(_ kind: FailureKind, _ message: String) {
        self.failureKind = kind
        self.message = message
    }

    public var description: String { message }

    public static func usage(_ message: String) -> Failure { Failure(.usage, message) }
    public static func badInput(_ message: String) -> Failure { Failure(.badInput, message) }
    public static func notFound(_ message: String) -> Failure { Failure(.notFound, message) }
    public static func noInput(_ message: String) -> Failure { Failure(.noInput, message) }
    public static func cannotWrite(_ message: String) -> Failure { Failure(.cannotWrite, message) }
    public static func busy(_ message: String) -> Failure { Failure(.busy, message) }
    public static func `internal`(_ message: String) -> Failure { Failure(.internal, message) }
}

/// A problem at a place in an input file: the one type for "line N: reason", whatever
/// the format (TSV, CSV, TMX, TBX, XLIFF, an article). Lines are 1-based; the column
/// and the byte offset are given when the reader knows them. As an error it is bad
/// input; as a value it is also a skipped line in an import report.
public struct LineError: DragomanFailure, Sendable, Hashable, Codable {
    /// The file as the user named it; nil when the caller adds it when reporting.
    public var file: String?
    public var line: Int
    public var column: Int?
    /// Byte offset in the file, 0-based, when known.
    public var byteOffset: Int?
    public var reason: String

    public init(file: String? = nil, line: Int, column: Int? = nil, byteOffset: Int? = nil, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.reason = reason
    }

    public var failureKind: FailureKind { .badInput }

    /// `file:line: reason`, or `line N, column C: reason` without a file.
    public var description: String {
        if let file {
            return "\(file):\(line)\(column.map { ":\($0)" } ?? ""): \(reason)"
        }
        return "line \(line)\(column.map { ", column \($0)" } ?? ""): \(reason)"
    }

    /// The same problem, placed in `file`.
    public func inFile(_ file: String) -> LineError {
        var copy = self
        copy.file = file
        return copy
    }
}
