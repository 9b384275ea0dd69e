import DragomanText
import Foundation

/// What a file is, from its first bytes, when it is not text Dragoman reads: so that a Word
/// document given as an article or a PDF given as a TM is named for what it is, with what
/// to do, instead of "invalid UTF-8 (byte 0x86)".
public enum FileKind: String, Sendable, CaseIterable {
    case word = "a Word document (ZIP container)"
    case openDocument = "an OpenDocument file (ZIP container)"
    case zip = "a ZIP archive"
    case pdf = "a PDF document"
    case oldWord = "an old-style Word or Excel document"
    case rtf = "an RTF document"
    case html = "an HTML page"

    /// The kind of the file at `path` when it is one of these, else nil (also when the file
    /// cannot be read: the caller's own read reports that).
    public static func sniff(path: String, html: Bool) -> FileKind? {
        InputFile.head(path, count: 4096).flatMap { sniff($0, html: html) }
    }

    /// The kind of a file that starts with `head`; HTML only when `html` (an article: XML
    /// formats start with `<` too).
    public static func sniff(_ head: [UInt8], html: Bool) -> FileKind? {
        func starts(_ prefix: [UInt8]) -> Bool { head.starts(with: prefix) }
        if starts([0x50, 0x4B, 0x03, 0x04]) {
            let text = String(decoding: head, as: UTF8.self)
            if text.contains("word/") || text.contains("[Content_Types].xml") && text.contains("word") { return .word }
            if text.contains("application/vnd.oasis.opendocument") { return .openDocument }
            return text.contains("word/") ? .word : .zip
        }
        if starts(Array("%PDF-".utf8)) { return .pdf }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .oldWord }
        if starts(Array("{\\rtf".utf8)) { return .rtf }
        if html {
            var start = head[...]
            if start.starts(with: [0xEF, 0xBB, 0xBF]) { start = start.dropFirst(3) }
            let lead = String(decoding: start.prefix(256), as: UTF8.self)
                .drop(while: { $0.isWhitespace }).prefix(15).lowercased()
            if lead.hasPrefix("<!doctype html") || lead.hasPrefix("<html") || lead.hasPrefix("<head") || lead.hasPrefix("<body") {
                return .html
            }
        }
        return nil
    }

    /// The message for a file of this kind given where text was expected.
    public func refusal(_ path: String) -> Failure {
        let fix = switch self {
        case .html: "Dragoman reads plain text and Markdown articles: save the page as text, or paste its text into a .txt file"
        case .zip: "unpack it and give the text file inside"
        default: "save it as plain text (.txt) or Markdown (.md), UTF-8, and try again"
        }
        return Failure.badInput("\(path): this is \(rawValue), not text: \(fix)")
    }
}
