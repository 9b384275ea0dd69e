import DragomanXML
import Foundation

/// Writes TMX 1.4b, to memory or streamed to a file. Segments are written from their
/// kept markup when they have it, so inline codes imported from another tool survive.
///
/// ```swift
/// let writer = TMXWriter()
/// try writer.begin(header: TMXHeader(sourceLang: "ar"))
/// try writer.write(unit)
/// try writer.finish()
/// ```
public final class TMXWriter {
    /// The attributes TMX 1.4b requires on `<header>`, in the order written, with the
    /// value used when the header lacks one.
    public static let requiredHeaderAttributes: [(name: String, fallback: String)] = [
        ("creationtool", "Dragoman"),
        ("creationtoolversion", "1.0"),
        ("segtype", "sentence"),
        ("o-tmf", "Dragoman"),
        ("adminlang", "en"),
        ("srclang", "*all*"),
        ("datatype", "plaintext"),
    ]

    private let xml: XMLWriter
    private var began = false

    public init(indentation: XMLWriter.Indentation = .spaces(2)) {
        xml = XMLWriter(indentation: indentation)
    }

    public init(fileHandle: FileHandle, indentation: XMLWriter.Indentation = .spaces(2)) {
        xml = XMLWriter(fileHandle: fileHandle, indentation: indentation)
    }

    /// The document so far (in-memory writers).
    public var string: String { xml.string }

    /// Characters XML cannot carry that were written as U+FFFD.
    public var replacedCharacterCount: Int { xml.replacedCharacterCount }

    /// Declaration, optional DOCTYPE, `<tmx version="1.4">`, the header and `<body>`.
    public func begin(header: TMXHeader, includeDoctype: Bool = true) throws {
        precondition(!began, "begin(header:) called twice")
        began = true
        try xml.declaration()
        if includeDoctype { try xml.doctype(name: "tmx", systemID: "tmx14.dtd") }
        try xml.startElement("tmx", ["version": "1.4"])
        let requiredNames = Set(Self.requiredHeaderAttributes.map(\.name))
        let attributes = Self.requiredHeaderAttributes.map {
            XMLAttribute(name: $0.name, value: header.attributes[attribute: $0.name] ?? $0.fallback)
        } + header.attributes.filter { !requiredNames.contains($0.name) }
        try xml.startElement("header", attributes: attributes)
        try writeNotesAndProperties(header.notes, header.properties)
        try xml.endElement()
        try xml.startElement("body")
    }

    public func write(_ unit: TMXUnit) throws {
        precondition(began, "call begin(header:) first")
        try xml.startElement("tu", attributes: unit.attributes)
        try writeNotesAndProperties(unit.notes, unit.properties)
        for variant in unit.variants {
            try xml.startElement("tuv", attributes: [XMLAttribute(name: "xml:lang", value: variant.lang)]
                + variant.attributes.filter { $0.name != "xml:lang" && $0.name != "lang" })
            try writeNotesAndProperties(variant.notes, variant.properties)
            try xml.startElement("seg")
            let content = variant.segment.serializedContent
            if !content.isEmpty { try xml.raw(content) }
            try xml.endElement()
            try xml.endElement()
        }
        try xml.endElement()
    }

    /// Closes `</body></tmx>` and flushes.
    public func finish() throws {
        precondition(began, "call begin(header:) first")
        try xml.endElement()
        try xml.endElement()
        try xml.finish()
    }

    /// A whole TMX document as a string.
    public static func document(header: TMXHeader, units: some Sequence<TMXUnit>,
                                includeDoctype: Bool = true) throws -> String {
        let writer = TMXWriter()
        try writer.begin(header: header, includeDoctype: includeDoctype)
        for unit in units { try writer.write(unit) }
        try writer.finish()
        return writer.string
    }

    private func writeNotesAndProperties(_ notes: [TMXNote], _ properties: [TMXProperty]) throws {
        for note in notes {
            try xml.element("note", attributes: note.lang.map { [XMLAttribute(name: "xml:lang", value: $0)] } ?? [],
                            text: note.text)
        }
        for property in properties {
            var attributes = [XMLAttribute(name: "type", value: property.type)]
            if let lang = property.lang { attributes.append(XMLAttribute(name: "xml:lang", value: lang)) }
            try xml.element("prop", attributes: attributes, text: property.value)
        }
    }
}
