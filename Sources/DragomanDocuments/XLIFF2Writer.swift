import DragomanGlossary
import Foundation
import DragomanPretranslate
import DragomanTM
import DragomanXML

/// Namespaces of XLIFF 2.x and its modules. XLIFF 2.1 keeps the 2.0 namespaces and says
/// `version="2.1"` on the root.
public enum XLIFFNamespace {
    public static let core2 = "urn:oasis:names:tc:xliff:document:2.0"
    public static let matches = "urn:oasis:names:tc:xliff:matches:2.0"
    public static let glossary = "urn:oasis:names:tc:xliff:glossary:2.0"
    public static let metadata = "urn:oasis:names:tc:xliff:metadata:2.0"
    public static let core12 = "urn:oasis:names:tc:xliff:document:1.2"
}

/// Writes a pre-translated article as XLIFF 2.1.
///
/// Layout:
/// - one `<file id="f1" original="…" xml:space="preserve">`, `srcDir`/`trgDir` from the languages;
/// - one `<group id="pN" type="dragoman:paragraph|heading|list-item|quote">` per block;
/// - one `<unit id="uN">` per segment (N = segment index + 1). The literal text before
///   the segment (line breaks, Markdown markers, spaces between sentences) is an
///   `<ignorable>` before the `<segment id="sN">`; literal text after the last segment is
///   in a last unit `<unit id="end">` holding only an `<ignorable>`. Concatenating
///   ignorables and segments in document order rebuilds the article exactly;
/// - `<segment state="translated">` for context/exact proposals, `state="initial"` otherwise,
///   with `subState="dragoman:needs-review"` when a proposal waits for review;
///   `<target>` only when there is a proposal;
/// - matches in `<mtc:matches>` (`type="tm"`, `subType="dragoman:<kind>"`, `similarity`
///   0–100, `origin`), each with an `<mda:metadata>` carrying the exact score (101 for
///   context), the kind, the TM unit, its date, the number repairs and the score's explanation;
/// - glossary hits in `<gls:glossary>`; a forbidden or deprecated term gets a
///   `<gls:definition>` saying so and a priority-1 `<note>` on the unit;
/// - TM fragments (sub-segment matches, the Translation Candidates module's own way): each
///   fragment's span of the source is an `<mrk id="fragN" type="mtc:match">` (ids apart
///   from the segments' `sN`, the matches' `mN` and the file's `f1`), and a
///   `<mtc:match ref="#fragN" type="tm" subType="dragoman:fragment" similarity="100"
///   matchQuality="…">` (the span is the fragment's source word for word; the quality is
///   the fragment's confidence) holds the fragment's source and translation, after the TM
///   matches;
/// - an assembled draft is `<mtc:match ref="#sN" type="am" subType="dragoman:assembled"
///   matchQuality="…">` over the whole source (no similarity: its source is no stored
///   text; the quality is the share of words it translates), last, with a note saying it
///   needs review; with `--assembled-as-target` it is also the `<target>` (needs review);
/// - characters XML cannot carry are written as `<cp hex="…"/>`.
public struct XLIFF2Writer: DocumentWriter {
    public var options: DocumentWriterOptions

    public init(options: DocumentWriterOptions = .init()) {
        self.options = options
    }

    public func write(_ document: PretranslatedDocument) throws -> String {
        let outline = try ArticleOutline(document)
        let xml = XMLWriter(indentation: .spaces(2))
        try xml.declaration()
        try xml.startElement("xliff", attributes: [
            XMLAttribute(name: "xmlns", value: XLIFFNamespace.core2),
            XMLAttribute(name: "xmlns:mtc", value: XLIFFNamespace.matches),
            XMLAttribute(name: "xmlns:gls", value: XLIFFNamespace.glossary),
            XMLAttribute(name: "xmlns:mda", value: XLIFFNamespace.metadata),
            XMLAttribute(name: "version", value: "2.1"),
            XMLAttribute(name: "srcLang", value: Naming.languageTag(document.sourceLanguage)),
            XMLAttribute(name: "trgLang", value: Naming.languageTag(document.targetLanguage)),
        ])
        try xml.startElement("file", attributes: [
            XMLAttribute(name: "id", value: "f1"),
            XMLAttribute(name: "original", value: document.fileName),
            XMLAttribute(name: "srcDir", value: Naming.direction(document.sourceLanguage)),
            XMLAttribute(name: "trgDir", value: Naming.direction(document.targetLanguage)),
            XMLAttribute(name: "xml:space", value: "preserve"),
        ])
        var fileMeta: [(String, String)] = [
            ("tool", "\(options.toolName) \(options.toolVersion)"),
            ("threshold", String(document.threshold)),
            ("segments", String(document.segments.count)),
        ]
        if let date = options.date { fileMeta.append(("created", Naming.isoDate(date))) }
        try writeMetadata(xml, fileMeta)

        for group in outline.groups {
            try xml.startElement("group", attributes: [
                XMLAttribute(name: "id", value: Naming.groupID(group.number)),
                XMLAttribute(name: "type", value: "dragoman:" + Naming.blockName(group.block)),
            ])
            for unit in group.units {
                try writeUnit(xml, unit, document)
            }
            try xml.endElement()
        }
        if !outline.trailing.isEmpty || outline.groups.isEmpty {
            try xml.startElement("unit", ["id": Naming.trailingUnitID])
            try writeIgnorable(xml, outline.trailing)
            try xml.endElement()
        }
        try xml.endElement()  // file
        try xml.endElement()  // xliff
        try xml.finish()
        return xml.string
    }

    private func writeUnit(_ xml: XMLWriter, _ unit: ArticleOutline.Unit, _ document: PretranslatedDocument) throws {
        let s = document.segments[unit.segment]
        let segmentID = Naming.segmentID(unit.segment)
        try xml.startElement("unit", ["id": Naming.unitID(unit.segment)])

        let suggestions = (s.best.map { [$0] } ?? []) + s.alternatives
        let marks = Self.fragmentMarks(s)
        if !suggestions.isEmpty || !s.fragments.isEmpty || s.assembled != nil {
            try xml.startElement("mtc:matches")
            var n = 0
            for suggestion in suggestions {
                n += 1
                try writeMatch(xml, suggestion, id: "m\(n)", ref: "#" + segmentID)
            }
            for (i, fragment) in s.fragments.enumerated() {
                n += 1
                try writeFragment(xml, fragment, id: "m\(n)", mark: marks[i], segment: s, segmentID: segmentID)
            }
            if let draft = s.assembled {
                n += 1
                try writeAssembled(xml, draft, id: "m\(n)", ref: "#" + segmentID, source: s.segment.text)
            }
            try xml.endElement()
        }

        if !s.terms.isEmpty {
            try xml.startElement("gls:glossary")
            for term in s.terms {
                try xml.startElement("gls:glossEntry", ["ref": "#" + segmentID])
                try xml.element("gls:term", ["source": "dragoman:glossary-entry-\(term.entryID)"], text: term.term)
                for translation in term.translations {
                    try xml.element("gls:translation", attributes: [], text: translation)
                }
                if term.isFlagged {
                    try xml.element("gls:definition", ["source": "dragoman"], text: flagText(term))
                } else if term.translations.isEmpty {
                    // The module wants a translation or a definition in every entry.
                    try xml.element("gls:definition", ["source": "dragoman"], text: "status: \(term.status)")
                }
                try xml.endElement()
            }
            try xml.endElement()
        }

        var unitMeta: [(String, String)] = [
            ("block", Naming.blockName(s.segment.block)),
            ("paragraph", String(s.segment.paragraph)),
            ("words", String(s.words)),
            ("state", s.state.rawValue),
        ]
        if let first = s.repetitionOf { unitMeta.append(("repetition-of", Naming.unitID(first))) }
        for number in s.numbers { unitMeta.append(("number", "\(number.text)=\(number.value)")) }
        if !s.fragments.isEmpty { unitMeta.append(("fragments", String(s.fragments.count))) }
        if let draft = s.assembled { unitMeta.append(("assembled", "\(draft.coveredWords)/\(draft.totalWords)")) }
        try writeMetadata(xml, unitMeta)

        var notes: [(category: String, priority: Int, text: String)] = []
        for term in s.terms where term.isFlagged {
            notes.append(("dragoman:term", 1, flagText(term)))
        }
        for check in s.checks {
            notes.append(("dragoman:qa", 1, "The proposal failed a check: \(check)"))
        }
        if let best = s.best, !best.repairs.isEmpty {
            let list = best.repairs.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")
            notes.append(("dragoman:repair", 2, "\(best.repairLabel): \(list)"))
        }
        if let best = s.best, let note = best.unrepairedNote {
            notes.append(("dragoman:unrepaired", 2, note))
        }
        if let first = s.repetitionOf {
            notes.append(("dragoman:repetition", 5, "Repetition of segment \(first + 1) (\(Naming.unitID(first)))"))
        }
        if let draft = s.assembled {
            let coverage = DraftMarkup.coverage(draft)
            notes.append(("dragoman:assembled", 2, s.assembledIsTarget
                ? "The target is a draft assembled from TM fragments, glossary terms, numbers and names (\(coverage) translated): review it; words in ⟦…⟧ are still untranslated"
                : "An assembled draft (\(coverage) translated) is among the candidates; words in ⟦…⟧ are still untranslated"))
        }
        if !notes.isEmpty {
            try xml.startElement("notes")
            for note in notes {
                try xml.startElement("note", ["category": note.category, "priority": String(note.priority)])
                try writeText(xml, note.text)
                try xml.endElement()
            }
            try xml.endElement()
        }

        if !unit.literalBefore.isEmpty { try writeIgnorable(xml, unit.literalBefore) }

        var attributes = [XMLAttribute(name: "id", value: segmentID)]
        // Without a target a segment can only be `initial`, whatever the model says.
        switch s.target == nil ? .untranslated : s.state {
        case .translated:
            attributes.append(XMLAttribute(name: "state", value: "translated"))
        case .needsReview:
            attributes.append(XMLAttribute(name: "state", value: "initial"))
            attributes.append(XMLAttribute(name: "subState", value: "dragoman:needs-review"))
        case .untranslated:
            attributes.append(XMLAttribute(name: "state", value: "initial"))
        }
        try xml.startElement("segment", attributes: attributes)
        try xml.startElement("source")
        try writeMarked(xml, s.segment.text, marks: marks.compactMap { $0 })
        try xml.endElement()
        if let target = s.target {
            try xml.startElement("target")
            try writeText(xml, target)
            try xml.endElement()
        }
        try xml.endElement()  // segment
        try xml.endElement()  // unit
    }

    private func writeMatch(_ xml: XMLWriter, _ m: Suggestion, id: String, ref: String) throws {
        var attributes = [
            XMLAttribute(name: "id", value: id),
            XMLAttribute(name: "ref", value: ref),
            XMLAttribute(name: "type", value: "tm"),
            XMLAttribute(name: "subType", value: "dragoman:" + m.kind.rawValue),
            XMLAttribute(name: "similarity", value: Naming.similarity(m.score)),
        ]
        attributes.append(XMLAttribute(name: "origin", value: m.origin ?? "Dragoman TM"))
        try xml.startElement("mtc:match", attributes: attributes)
        var meta: [(String, String)] = [("score", String(m.score)), ("kind", m.kind.rawValue)]
        if let unitID = m.unitID { meta.append(("tm-unit", String(unitID))) }
        meta.append(("changed", Naming.isoDate(m.changed)))
        for repair in m.repairs { meta.append(("repair", "\(repair.from) → \(repair.to)")) }
        if !m.explanation.isEmpty { meta.append(("explanation", m.explanation)) }
        try writeMetadata(xml, meta)
        try xml.startElement("source")
        try writeText(xml, m.source)
        try xml.endElement()
        try xml.startElement("target")
        try writeText(xml, m.target)
        try xml.endElement()
        try xml.endElement()
    }

    func writeMetadata(_ xml: XMLWriter, _ entries: [(String, String)]) throws {
        guard !entries.isEmpty else { return }
        try xml.startElement("mda:metadata")
        try xml.startElement("mda:metaGroup", ["category": "dragoman"])
        for (type, value) in entries {
            try xml.startElement("mda:meta", ["type": type])
            try writeText(xml, value)
            try xml.endElement()
        }
        try xml.endElement()
        try xml.endElement()
    }

    private func writeIgnorable(_ xml: XMLWriter, _ text: String) throws {
        try xml.startElement("ignorable")
        try xml.startElement("source")
        try writeText(xml, text)
        try xml.endElement()
        try xml.endElement()
    }

    /// Text with every character XML cannot carry written as `<cp hex="…"/>` (XLIFF 2's
    /// escape for them), so nothing is lost.
    func writeText(_ xml: XMLWriter, _ text: String) throws {
        guard XMLChars.firstDisallowed(in: text) != nil else {
            if !text.isEmpty { try xml.text(text) }
            return
        }
        var run = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if XMLChars.isAllowed(scalar.value) {
                run.append(scalar)
            } else {
                if !run.isEmpty { try xml.text(String(run)); run = String.UnicodeScalarView() }
                // raw() keeps the element inline: no indentation inside text.
                try xml.raw("<cp hex=\"\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))\"/>")
            }
        }
        if !run.isEmpty { try xml.text(String(run)) }
    }

    private func flagText(_ term: SegmentTerm) -> String {
        let use = term.translations.first.map { "; the glossary gives «\($0)»" } ?? ""
        return "\(term.status.rawValue.capitalized) term «\(term.surface)» (entry \(term.entryID), «\(term.term)»)\(use)"
    }
}
