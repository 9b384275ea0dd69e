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

    /// The width of the terminal stdout writes to (`$COLUMNS`, else the terminal's, else
    /// 100), or nil when stdout is a file or a pipe.
    static let columns: Int? = {
        guard stdoutIsTerminal else { return nil }
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 20 { return c }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }()

    /// Colour for a person: stdout is a terminal, `NO_COLOR` is not set and TERM is not dumb.
    static let colour: Bool = {
        let env = ProcessInfo.processInfo.environment
        return stdoutIsTerminal && env["NO_COLOR"] == nil && env["TERM"] != "dumb"
    }()

    /// `text` in an ANSI colour when colour is on.
    static func paint(_ text: String, _ code: String) -> String {
        colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// A score coloured by band: 100 and above green, 85–99 cyan, 70–84 yellow, lower red.
    static func score(_ score: Int?, _ label: String) -> String {
        guard let score else { return paint(label, "2") }
        return paint(label, score >= 100 ? "32" : score >= 85 ? "36" : score >= 70 ? "33" : "31")
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

    /// "1 entry", "2 entries": a count with its noun in the right number.
    static func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}
