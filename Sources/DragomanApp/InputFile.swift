import DragomanText
import Foundation

/// Reads the files a use-case works on, with the errors a person can act on: a missing
/// file or a folder is "no input" (66), text that is not UTF-8 is bad input (65) naming
/// the file and the byte.
public enum InputFile {
    /// Refuses a path that does not exist, is a folder, or cannot be read.
    public static func checkReadable(_ path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure.noInput("\(path): no such file")
        }
        guard !isDirectory.boolValue else {
            throw Failure.noInput("\(path): is a folder, not a file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw Failure.noInput("\(path): cannot be read (check its permissions)")
        }
    }

    /// The contents of `path` ("-" or nil: standard input), decoded as UTF-8 with line
    /// ends made "\n"; the name to show in messages.
    public static func readText(_ path: String?) throws -> (text: String, name: String) {
        guard let path, path != "-" else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return (try decode([UInt8](data), name: "<stdin>"), "<stdin>")
        }
        try checkReadable(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure.noInput("\(path): cannot be read (check its permissions)")
        }
        return (try decode([UInt8](data), name: path), path)
    }

    /// UTF-8 text of `bytes`, or a bad-input failure naming `name`.
    public static func decode(_ bytes: [UInt8], name: String) throws -> String {
        do {
            return try TextDecoding.decode(bytes)
        } catch let error as TextDecodingError {
            // The UTF-16 messages already say how to convert the file.
            let fix = error.reason.contains("iconv") ? "" : "; save the file as UTF-8 and try again"
            throw Failure.badInput("\(name): \(error.description)\(fix)")
        }
    }

    /// A chunked reader of `path` for streaming imports (64 KB at a time).
    public static func chunks(_ path: String) throws -> () throws -> [UInt8]? {
        try checkReadable(path)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure.noInput("\(path): cannot be read (check its permissions)")
        }
        let reader = Handoff(handle)
        return {
            do {
                guard let data = try reader.value.read(upToCount: 1 << 16), !data.isEmpty else {
                    try? reader.value.close()
                    return nil
                }
                return [UInt8](data)
            } catch {
                throw Failure.noInput("\(path): read failed (\(error.localizedDescription))")
            }
        }
    }
}

extension String {
    /// The text with CRLF and lone CR made LF (as files are read).
    public func replacingCRLF() -> String {
        (try? TextDecoding.decode(Array(utf8))) ?? self
    }
}
