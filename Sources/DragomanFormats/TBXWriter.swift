import DragomanXML
import Foundation

/// Writes TBX in the TBX-Basic dialect: TBX v3 (ISO 30042:2019, `<tbx>`, DCA style, the
/// default), checked against the TBX-Basic RELAX NG and Schematron rules, or TBX 2008
/// (ISO 30042:2008, `<martif>`, see `TBXWriter+TBX2008.swift`) for tools that read only
/// that generation (OmegaT, Translate Toolkit). Both generations get the same mapping:
/// data categories are written only with the element and at the level TBX-Basic allows
/// them, and anything the dialect has no place for is kept as a `<note>` ("name: value")
/// rather than dropped or written invalidly. Only the names of the structural elements
/// and the header differ.
///
/// Known losses, forced by the dialect: `forbidden` is written as
/// `deprecatedTerm-admn-sts`; a part of speech outside TBX-Basic's picklist (noun, verb,
/// adjective, adverb, other) becomes `other` with the original in a note. `GlossaryTBX`
/// reads both notes back, so a glossary export → import loses nothing.
public final class TBXWriter {
    public static let namespace = "urn:iso:std:iso:30042:ed-2"

    /// The structural elements, which are all that differs between the generations.
    struct Structure {
        var entry: String
        var languageSection: String
        var termSection: String

        static func of(_ version: TBXVersion) -> Structure {
            switch version {
            case .tbx2019: Structure(entry: "conceptEntry", languageSection: "langSec", termSection: "termSec")
            case .tbx2008: Structure(entry: "termEntry", languageSection: "langSet", termSection: "tig")
            }
        }
    }

    /// Where TBX-Basic lets each data category appear, and as which element.
    enum Level { case concept, language, term }
    static let termNoteCategories: Set<String> = [
        "administrativeStatus", "grammaticalGender", "geographicalUsage", "partOfSpeech", "termLocation", "termType",
    ]
    static let allowedDescrip: [String: Set<Level>] = [
        "subjectField": [.concept], "definition": [.concept, .language], "context": [.term],
    ]
    static let allowedAdmin: [String: Set<Level>] = [
        "source": [.concept, .language, .term], "customerSubset": [.concept, .term], "projectSubset": [.concept, .term],
    ]
    static let allowedXref: [String: Set<Level>] = [
        "xGraphic": [.concept, .language], "externalCrossReference": [.concept, .language, .term],
    ]
    static let partsOfSpeech: Set<String> = ["noun", "verb", "adjective", "adverb", "other"]

    /// The generation written: `.tbx2019` (v3, `<tbx>`) or `.tbx2008` (`<martif>`).
    public let version: TBXVersion
    let xml: XMLWriter
    private let structure: Structure
    private var began = false
    private var generatedIDs = 0
    /// Entries (or language sections) not written because TBX requires at least one term.
    public private(set) var skippedCount = 0

    public init(version: TBXVersion = .tbx2019, indentation: XMLWriter.Indentation = .spaces(2)) {
        self.version = version
        structure = .of(version)
        xml = XMLWriter(indentation: indentation)
    }

    public init(fileHandle: FileHandle, version: TBXVersion = .tbx2019, indentation: XMLWriter.Indentation = .spaces(2)) {
        self.version = version
        structure = .of(version)
        xml = XMLWriter(fileHandle: fileHandle, indentation: indentation)
    }

    public var string: String { xml.string }

    /// Declaration, root (`<tbx>` or `<martif>`), header and `<text><body>`.
    /// `sourceLanguage` is the required `xml:lang` of the root.
    public func begin(sourceLanguage: String, title: String? = nil,
                      sourceDescription: String = "Exported by Dragoman") throws {
        precondition(!began, "begin called twice")
        began = true
        try xml.declaration()
        switch version {
        case .tbx2019: try beginTBX(sourceLanguage: sourceLanguage, title: title, sourceDescription: sourceDescription)
        case .tbx2008: try beginMartif(sourceLanguage: sourceLanguage, title: title, sourceDescription: sourceDescription)
        }
        try xml.startElement("text")
        try xml.startElement("body")
    }

    /// The v3 root and header.
    private func beginTBX(sourceLanguage: String, title: String?, sourceDescription: String) throws {
        try xml.startElement("tbx", [
            "type": "TBX-Basic", "style": "dca", "xml:lang": sourceLanguage, "xmlns": Self.namespace,
        ])
        try xml.startElement("tbxHeader")
        try fileDesc(title: title, sourceDescription: sourceDescription)
        try xml.endElement()
    }

    public func write(_ entry: TBXConceptEntry) throws {
        precondition(began, "call begin first")
        let sections = entry.languageSections.filter { !$0.terms.isEmpty }
        skippedCount += entry.languageSections.count - sections.count
        guard !sections.isEmpty else {
            skippedCount += entry.languageSections.isEmpty ? 1 : 0
            return
        }
        try xml.startElement(structure.entry, ["id": conceptID(entry.id)])
        var fields: [TBXField] = []
        if let subjectField = entry.subjectField { fields.append(TBXField("subjectField", subjectField)) }
        if let definition = entry.definition { fields.append(TBXField("definition", definition)) }
        try writeAuxiliary(fields + entry.fields, notes: entry.notes, level: .concept)
        for section in sections {
            try xml.startElement(structure.languageSection, ["xml:lang": section.lang])
            let definition = section.definition.map { [TBXField("definition", $0)] } ?? []
            try writeAuxiliary(definition + section.fields, notes: section.notes, level: .language)
            for term in section.terms { try write(term) }
            try xml.endElement()
        }
        try xml.endElement()
    }

    /// Closes the document and flushes.
    public func finish() throws {
        precondition(began, "call begin first")
        try xml.endElement() // body
        try xml.endElement() // text
        try xml.endElement() // tbx or martif
        try xml.finish()
    }

    /// A whole TBX-Basic document as a string.
    public static func document(entries: some Sequence<TBXConceptEntry>, sourceLanguage: String,
                                title: String? = nil, version: TBXVersion = .tbx2019) throws -> String {
        let writer = TBXWriter(version: version)
        try writer.begin(sourceLanguage: sourceLanguage, title: title)
        for entry in entries { try writer.write(entry) }
        try writer.finish()
        return writer.string
    }

    // MARK: Internals

    private func write(_ term: TBXTerm) throws {
        try xml.startElement(structure.termSection)
        try xml.element("term", text: term.text)
        var extraNotes: [String] = []
        var termNotes: [TBXField] = []
        if let pos = term.partOfSpeech {
            let value = pos.trimmed.lowercased()
            if Self.partsOfSpeech.contains(value) {
                termNotes.append(TBXField("partOfSpeech", value))
            } else {
                termNotes.append(TBXField("partOfSpeech", "other"))
                extraNotes.append("partOfSpeech: \(pos)")
            }
        }
        if let status = term.administrativeStatus {
            termNotes.append(TBXField("administrativeStatus", status.tbxBasicValue))
            if status == .forbidden { extraNotes.append("administrativeStatus: forbidden") }
        }
        var others: [TBXField] = []
        for field in term.fields {
            if Self.termNoteCategories.contains(field.name) && field.name != "partOfSpeech" && field.name != "administrativeStatus" {
                termNotes.append(field)
            } else {
                others.append(field)
            }
        }
        // TBX requires every termNote right after <term>, before other information.
        for field in termNotes {
            try xml.element("termNote", ["type": field.name], text: field.value)
        }
        if let source = term.source { others.insert(TBXField("source", source), at: 0) }
        try writeAuxiliary(others, notes: term.notes + extraNotes, level: .term)
        try xml.endElement()
    }

    /// Descriptive and administrative data categories, then notes. A field followed by its
    /// `<name>Source` field is written as a group with `admin type="source"` (TBX 2008: a
    /// `descripGrp` only, since its `adminGrp` holds no second `admin`; an admin's source
    /// becomes a note there).
    private func writeAuxiliary(_ fields: [TBXField], notes: [String], level: Level) throws {
        var leftover = notes
        var index = 0
        while index < fields.count {
            let field = fields[index]
            index += 1
            guard let element = placement(of: field, at: level) else {
                leftover.append("\(field.name): \(field.value)")
                continue
            }
            var groupSource: String?
            if index < fields.count, fields[index].name == field.name + "Source", element != "xref",
               element == "descrip" || version == .tbx2019 {
                groupSource = fields[index].value
                index += 1
            }
            let attributes: [XMLAttribute] = element == "xref"
                ? [XMLAttribute(name: "type", value: field.name), XMLAttribute(name: "target", value: field.value)]
                : [XMLAttribute(name: "type", value: field.name)]
            let grouped = groupSource != nil
            if grouped { try xml.startElement(element == "admin" ? "adminGrp" : "descripGrp") }
            try xml.element(element, attributes: attributes, text: field.value)
            if let groupSource { try xml.element("admin", ["type": "source"], text: groupSource) }
            if grouped { try xml.endElement() }
        }
        for note in leftover { try xml.element("note", text: note) }
    }

    /// The TBX-Basic element for a data category at a level, or nil if it has no place there.
    private func placement(of field: TBXField, at level: Level) -> String? {
        if Self.allowedDescrip[field.name]?.contains(level) == true { return "descrip" }
        if Self.allowedAdmin[field.name]?.contains(level) == true { return "admin" }
        if Self.allowedXref[field.name]?.contains(level) == true,
           field.value.hasPrefix("http://") || field.value.hasPrefix("https://") { return "xref" }
        return nil
    }

    /// `id` must be an XML NCName; generate one when the entry has none or it is unusable.
    private func conceptID(_ id: String?) -> String {
        if let id, XMLName.isValid(id), !id.contains(":") { return id }
        generatedIDs += 1
        if let id, !id.isEmpty {
            let cleaned = String(id.unicodeScalars.map { XMLName.isValid("a\($0)") && $0 != ":" ? Character($0) : "_" })
            return "c-" + cleaned
        }
        return "c\(generatedIDs)"
    }
}
