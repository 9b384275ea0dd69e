import DragomanText
import Foundation

/// Why a writer call was refused: it would have produced XML that is not well-formed.
/// A bug when it escapes: the writers check what they write.
public struct XMLWriterError: DragomanFailure, Sendable, Hashable {
    public var failureKind: FailureKind { .internal }
    public let message: String
    public var description: String { message }
}

/// Builds well-formed XML, to memory or streamed to a file, so exports of any size never
/// hold the whole document. Names are checked, text and attributes are escaped, and
/// elements must be closed in order. Inside an element that holds text or raw markup
/// no indentation is added, so mixed content (a TMX `<seg>`) is written exactly.
public final class XMLWriter {
    public enum Indentation: Sendable, Hashable {
        case none
        case spaces(Int)
        case tabs
    }

    private struct Open {
        let name: String
        var hasChildren = false
        var isMixed = false
    }

    private let fileHandle: FileHandle?
    private let flushThreshold: Int
    private let indentUnit: [UInt8]
    private let indents: Bool
    private var out: [UInt8] = []
    private var stack: [Open] = []
    private var startTagOpen = false
    private var wroteAnything = false
    private var rootClosed = false
    private var flushedByteCount = 0

    /// Characters that XML cannot carry and were written as U+FFFD.
    public private(set) var replacedCharacterCount = 0

    /// Writes to memory; read the result with `string` or `bytes`.
    public init(indentation: Indentation = .spaces(2)) {
        self.fileHandle = nil
        self.flushThreshold = .max
        (self.indentUnit, self.indents) = Self.unit(for: indentation)
    }

    /// Streams to a file handle, flushing every `flushThreshold` bytes.
    public init(fileHandle: FileHandle, indentation: Indentation = .spaces(2), flushThreshold: Int = 1 << 16) {
        self.fileHandle = fileHandle
        self.flushThreshold = max(1, flushThreshold)
        (self.indentUnit, self.indents) = Self.unit(for: indentation)
    }

    private static func unit(for indentation: Indentation) -> ([UInt8], Bool) {
        switch indentation {
        case .none: return ([], false)
        case .spaces(let n): return (Array(repeating: 0x20, count: max(0, n)), true)
        case .tabs: return ([0x09], true)
        }
    }

    /// The document written so far (in-memory writers; a streaming writer keeps only its unflushed tail).
    public var bytes: [UInt8] { out }
    public var string: String { String(decoding: out, as: UTF8.self) }
    /// Bytes produced so far, flushed or not.
    public var byteCount: Int { flushedByteCount + out.count }
    /// Names of the elements still open, outermost first.
    public var openElements: [String] { stack.map(\.name) }

    /// `<?xml version="1.0" encoding="UTF-8"?>`: only as the very first thing.
    public func declaration(standalone: Bool? = nil) throws {
        guard !wroteAnything else { throw XMLWriterError(message: "the XML declaration must come first") }
        append("<?xml version=\"1.0\" encoding=\"UTF-8\"")
        if let standalone { append(standalone ? " standalone=\"yes\"" : " standalone=\"no\"") }
        append("?>")
        wroteAnything = true
    }

    /// `<!DOCTYPE name SYSTEM "…">` (or `PUBLIC`), before the root element.
    public func doctype(name: String, publicID: String? = nil, systemID: String? = nil) throws {
        guard stack.isEmpty && !rootClosed else { throw XMLWriterError(message: "DOCTYPE must come before the root element") }
        try checkName(name)
        for id in [publicID, systemID].compactMap({ $0 }) where id.contains("\"") {
            throw XMLWriterError(message: "a DOCTYPE identifier cannot contain '\"'")
        }
        beforeNode()
        append("<!DOCTYPE ")
        append(name)
        if let publicID {
            append(" PUBLIC \"\(publicID)\"")
            if let systemID { append(" \"\(systemID)\"") }
        } else if let systemID {
            append(" SYSTEM \"\(systemID)\"")
        }
        append(">")
        try flushIfNeeded()
    }

    public func processingInstruction(target: String, data: String = "") throws {
        try checkName(target)
        guard target.lowercased() != "xml" else { throw XMLWriterError(message: "use declaration() for <?xml …?>") }
        guard !data.contains("?>") else { throw XMLWriterError(message: "processing instruction data cannot contain '?>'") }
        beforeNode()
        append("<?")
        append(target)
        if !data.isEmpty {
            append(" ")
            append(data)
        }
        append("?>")
        try flushIfNeeded()
    }

    public func comment(_ text: String) throws {
        guard !text.contains("--"), !text.hasSuffix("-") else {
            throw XMLWriterError(message: "a comment cannot contain '--' or end with '-'")
        }
        beforeNode()
        append("<!--")
        append(text)
        append("-->")
        try flushIfNeeded()
    }

    /// Opens an element; attributes are written in the order given.
    public func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        try checkName(name)
        for attribute in attributes { try checkName(attribute.name) }
        if Set(attributes.map(\.name)).count != attributes.count {
            throw XMLWriterError(message: "duplicate attribute in <\(name)>")
        }
        if stack.isEmpty && rootClosed {
            throw XMLWriterError(message: "a second root element <\(name)>")
        }
        beforeNode()
        append("<")
        append(name)
        for attribute in attributes {
            append(" ")
            append(attribute.name)
            append("=\"")
            replacedCharacterCount += XMLEscaping.append(attribute.value, attribute: true, to: &out)
            append("\"")
        }
        startTagOpen = true
        stack.append(Open(name: name))
        try flushIfNeeded()
    }

    public func startElement(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) throws {
        try startElement(name, attributes: attributes.map { XMLAttribute(name: $0.key, value: $0.value) })
    }

    /// Closes the innermost element (as `<x/>` if nothing was written inside it).
    public func endElement() throws {
        guard let top = stack.popLast() else { throw XMLWriterError(message: "endElement() with no open element") }
        if startTagOpen {
            append("/>")
            startTagOpen = false
        } else {
            if indents && top.hasChildren && !top.isMixed { newline(depth: stack.count) }
            append("</")
            append(top.name)
            append(">")
        }
        if stack.isEmpty { rootClosed = true }
        try flushIfNeeded()
    }

    /// `<name attributes>text</name>` on one line.
    public func element(_ name: String, attributes: [XMLAttribute] = [], text: String) throws {
        try startElement(name, attributes: attributes)
        if !text.isEmpty { try self.text(text) }
        try endElement()
    }

    public func element(_ name: String, _ attributes: KeyValuePairs<String, String>, text: String) throws {
        try element(name, attributes: attributes.map { XMLAttribute(name: $0.key, value: $0.value) }, text: text)
    }

    public func emptyElement(_ name: String, attributes: [XMLAttribute] = []) throws {
        try startElement(name, attributes: attributes)
        try endElement()
    }

    /// Escaped character data inside the current element.
    public func text(_ text: String) throws {
        try beforeContent()
        replacedCharacterCount += XMLEscaping.append(text, attribute: false, to: &out)
        try flushIfNeeded()
    }

    /// Already-serialized markup written as is (e.g. TMX inline codes kept from import).
    /// The caller vouches that it is well-formed.
    public func raw(_ markup: String) throws {
        try beforeContent()
        append(markup)
        try flushIfNeeded()
    }

    /// Checks that every element is closed, ends the file with a newline and flushes.
    public func finish() throws {
        guard stack.isEmpty else {
            throw XMLWriterError(message: "finish() with open elements: \(stack.map { "<\($0.name)>" }.joined(separator: " "))")
        }
        if wroteAnything { out.append(0x0A) }
        try flush()
    }

    /// Sends buffered bytes to the file (no-op in memory).
    public func flush() throws {
        guard let fileHandle, !out.isEmpty else { return }
        try fileHandle.write(contentsOf: out)
        flushedByteCount += out.count
        out.removeAll(keepingCapacity: true)
    }

    // MARK: Internals

    private func flushIfNeeded() throws {
        if out.count >= flushThreshold { try flush() }
    }

    private func append(_ s: String) {
        out.append(contentsOf: s.utf8)
    }

    private func closeStartTag() {
        if startTagOpen {
            out.append(UInt8(ascii: ">"))
            startTagOpen = false
        }
    }

    private func newline(depth: Int) {
        out.append(0x0A)
        for _ in 0..<depth { out.append(contentsOf: indentUnit) }
    }

    /// Before an element, comment or PI: close a pending start tag and lay out the line.
    private func beforeNode() {
        closeStartTag()
        if stack.isEmpty {
            if wroteAnything { out.append(0x0A) }
        } else {
            stack[stack.count - 1].hasChildren = true
            if indents && !stack[stack.count - 1].isMixed { newline(depth: stack.count) }
        }
        wroteAnything = true
    }

    private func beforeContent() throws {
        guard !stack.isEmpty else { throw XMLWriterError(message: "text outside the root element") }
        closeStartTag()
        stack[stack.count - 1].isMixed = true
    }

    private func checkName(_ name: String) throws {
        guard XMLName.isValid(name) else { throw XMLWriterError(message: "invalid XML name \"\(name)\"") }
    }
}
