import ArgumentParser
import DragomanAlign
import DragomanDocuments
import DragomanFormats
import DragomanGlossary
import DragomanStore
import DragomanText
import DragomanXML
import GRDB

/// An expected failure: its description is the whole message a person reads, and its
/// code is the process exit code (documented in the README).
struct DragomanError: Error, CustomStringConvertible {
    enum Code: Int32 {
        case usage = 64
        case badInput = 65
        case noInput = 66
        case `internal` = 70
        case cannotWrite = 74
        case busy = 75
        case newerDatabase = 78
    }

    let code: Code
    let message: String

    var description: String { message }

    static func badInput(_ message: String) -> DragomanError { DragomanError(code: .badInput, message: message) }
    static func usage(_ message: String) -> DragomanError { DragomanError(code: .usage, message: message) }
}

extension DragomanError {
    /// The documented exit code and message for an error a command let through, or nil
    /// for the parser's own errors (validation, clean exits), which it reports itself.
    /// Nothing reaches the user as a stack trace or as a bare "database is locked".
    static func classifying(_ error: Error) -> DragomanError? {
        switch error {
        case let error as DragomanError:
            return error
        case let error as StoreError:
            return DragomanError(store: error)
        case is ValidationError, is CleanExit, is ExitCode:
            return nil
        case let error as DatabaseError:
            return database(error)
        case is FormatError, is XMLError, is GlossaryError, is GlossaryFileError, is TMImportError,
             is TextDecodingError, is AlignmentInputError, is DocumentError:
            return .badInput("\(error)")
        case let error as XMLWriterError:
            return DragomanError(code: .internal, message: "could not write XML (\(error)); this is a bug, please report it")
        default:
            return DragomanError(code: .internal, message: "internal error: \(error); this is a bug, please report it with the command that caused it")
        }
    }

    /// SQLite failures a person can act on.
    static func database(_ error: DatabaseError) -> DragomanError {
        let detail = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return DragomanError(code: .busy, message: "the database is busy (another dragoman command is writing); try again when it has finished")
        case .SQLITE_FULL:
            return DragomanError(code: .cannotWrite, message: "the disk is full (\(detail)); nothing was changed: free some space and run the command again")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_PERM:
            return DragomanError(code: .cannotWrite, message: "cannot write the database (\(detail)); check the --db path and its permissions")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return DragomanError(code: .badInput, message: "the database is damaged or not a Dragoman database (\(detail)); run dragoman check, or restore a backup")
        default:
            return DragomanError(code: .internal, message: "database error: \(detail); this is a bug, please report it")
        }
    }
}
