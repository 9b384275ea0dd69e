#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DragomanText
import Foundation

/// What the process writes to a person or to a script.
enum Terminal {
    static let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1
    static let stdinIsTerminal = isatty(STDIN_FILENO) == 1

    /// Wraps a field that may hold Arabic in a first-strong isolate (FSI … PDI) when
    /// stdout is a terminal, so that the surrounding line keeps its direction. Never in
    /// files, pipes or JSON.
    static func isolate(_ field: String) -> String {
        guard stdoutIsTerminal, field.unicodeScalars.contains(where: { ArabicScript.isLetter($0.value) }) else {
            return field
        }
        return "\u{2068}" + field + "\u{2069}"
    }

    static func printError(_ message: String) {
        writeStderr("dragoman: error: " + message + "\n")
    }

    static func writeStderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Writes to stdout and flushes (for line-by-line pipes).
    static func writeLine(_ line: String, flush: Bool = false) {
        print(line)
        if flush { fflush(nil) }
    }
}
