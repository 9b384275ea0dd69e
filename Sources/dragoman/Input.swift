import DragomanApp
import DragomanText

/// Text a command works on given on the command line, or read from standard input.
enum Input {
    /// The contents of FILE, or of stdin for "-" / nil.
    static func readFile(_ path: String?) throws -> (text: String, name: String) {
        try InputFile.readText(path)
    }

    /// TEXT given as an argument, or the lines of stdin when TEXT is "-" or absent.
    static func textOrStdin(_ text: String?) throws -> String {
        if let text, text != "-" { return text.replacingCRLF() }
        if text == nil && Terminal.stdinIsTerminal {
            throw Failure.usage("give TEXT as an argument, or '-' to read standard input")
        }
        return try readFile("-").text
    }
}
