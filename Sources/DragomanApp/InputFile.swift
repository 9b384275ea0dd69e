import DragomanText
import Foundation

/// Reads the files a use-case works on, with the errors a person can act on: a missing
/// file or a folder is "no input" (66), text that is not UTF-8 is bad input (65) naming
/// the file and the byte.
public enum InputFile {
    /// Refuses a path that does not exist, is a folder, cannot be read, or is a document
    /// of another kind (Word, OpenDocument, PDF, a ZIP archive, RTF; an HTML page where
    /// `article` text is expected).
    public static func checkReadable(_ path: String, article: Bool = false) throws {
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
        if let kind = FileKind.sniff(path: path, html: article) { throw kind.refusal(path) }
    }

    /// The contents of `path` ("-" or nil: standard input), decoded as UTF-8 with line
    /// ends made "\n"; the name to show in messages.
    public static func readText(_ path: String?, article: Bool = false) throws -> (text: String, name: String) {
        guard let path, path != "-" else {
            let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            if let kind = FileKind.sniff(Array(bytes.prefix(4096)), html: article) { throw kind.refusal("<stdin>") }
            return (try decode(bytes, name: "<stdin>"), "<stdin>")
        }
        try checkReadable(path, article: article)
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

    /// The first `count` bytes of `path` (fewer for a shorter file), or nil when it cannot
    /// be read: what a file's kind or format is told by.
    public static func head(_ path: String, count: Int) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: count)).map { [UInt8]($0) }
    }

    /// A chunked reader of `path` for streaming imports (64 KB at a time); `counter` counts
    /// the bytes handed out.
    public static func chunks(_ path: String, counting counter: ByteCounter? = nil) throws -> () throws -> [UInt8]? {
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
                counter?.add(data.count)
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

extension InputFile {
    /// The size of the file at `path`, when it can be known.
    public static func size(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
    }
}
