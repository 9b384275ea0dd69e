import DragomanText

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
