import Foundation
import DragomanText

/// Reads the text a command works on: a file, standard input ("-" or no argument when
/// stdin is not a terminal), or text given on the command line.
enum Input {
    /// The contents of FILE, or of stdin for "-" / nil. Invalid UTF-8 is an error naming
    /// the file and the byte offset.
    static func readFile(_ path: String?) throws -> (text: String, name: String) {
        if path == nil || path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return (try decode([UInt8](data), name: "<stdin>"), "<stdin>")
        }
        let path = path!
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DragomanError(code: .noInput, message: "\(path): no such file")
        }
        guard !isDirectory.boolValue else {
            throw DragomanError(code: .noInput, message: "\(path): is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DragomanError(code: .noInput, message: "\(path): cannot be read (check its permissions)")
        }
        return (try decode([UInt8](data), name: path), path)
    }

    /// TEXT given as an argument, or the lines of stdin / a file when TEXT is "-" or absent.
    static func textOrStdin(_ text: String?) throws -> String {
        if let text, text != "-" { return text.replacingCRLF() }
        if text == nil && Terminal.stdinIsTerminal {
            throw DragomanError.usage("give TEXT as an argument, or '-' to read standard input")
        }
        return try readFile("-").text
    }

    static func decode(_ bytes: [UInt8], name: String) throws -> String {
        do {
            return try TextDecoding.decode(bytes)
        } catch let error as TextDecodingError {
            // The UTF-16 messages already say how to convert the file.
            let fix = error.reason.contains("iconv") ? "" : "; save the file as UTF-8 and try again"
            throw DragomanError.badInput("\(name): \(error.description)\(fix)")
        }
    }
}

extension String {
    func replacingCRLF() -> String {
        (try? TextDecoding.decode(Array(utf8))) ?? self
    }
}
