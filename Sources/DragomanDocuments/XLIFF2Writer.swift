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
            notes.append(("dragoman:repair", 2, "Numbers carried over from the source: \(list)"))
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

    /// A place for a fragment's `<mrk>`: its id and UTF-16 range in the segment.
    struct Mark {
        var id: String
        var range: Range<Int>
    }

    /// The `<mrk>` of each fragment (nil where it gets none). XLIFF 2 lets `<mrk>`s nest
    /// but not cross, so a fragment whose span crosses one already placed gets no mark;
    /// its match then points at the whole segment. Glossary entries point at the segment
    /// (`gls:glossEntry ref="#sN"`) and put no `<mrk>` in the source, so today only
    /// fragments could cross each other (the fragment search gives none that overlap);
    /// should term marks come, they go first, and a fragment mark crossing one is skipped.
    static func fragmentMarks(_ s: PretranslatedSegment) -> [Mark?] {
        let units = Array(s.segment.text.utf16)
        // A mark may not start or end inside a surrogate pair (the text would break).
        func boundary(_ i: Int) -> Bool { i == units.count || !UTF16.isTrailSurrogate(units[i]) }
        var placed: [Range<Int>] = []
        return s.fragments.enumerated().map { i, f in
            let r = f.range
            guard r.lowerBound >= 0, r.upperBound <= units.count, !r.isEmpty, boundary(r.lowerBound), boundary(r.upperBound)
            else { return nil }
            let crosses = placed.contains { p in
                p.overlaps(r) && !(p.lowerBound <= r.lowerBound && r.upperBound <= p.upperBound)
                    && !(r.lowerBound <= p.lowerBound && p.upperBound <= r.upperBound)
            }
            guard !crosses else { return nil }
            placed.append(r)
            return Mark(id: "frag\(i + 1)", range: r)
        }
    }

    /// The source text with each mark as `<mrk id type="mtc:match">` around its span
    /// (nested where one holds another).
    private func writeMarked(_ xml: XMLWriter, _ text: String, marks: [Mark]) throws {
        guard !marks.isEmpty else { return try writeText(xml, text) }
        let units = Array(text.utf16)
        // Outer marks first where two start together, so that they nest.
        let sorted = marks.sorted { ($0.range.lowerBound, -$0.range.upperBound) < ($1.range.lowerBound, -$1.range.upperBound) }
        var open: [Mark] = []
        var cursor = 0
        func flush(to end: Int) throws {
            guard cursor < end else { return }
            try writeText(xml, String(decoding: units[cursor..<end], as: UTF16.self))
            cursor = end
        }
        // Mixed content: no indentation may go between the text and the marks.
        try xml.raw("")
        for mark in sorted {
            while let top = open.last, top.range.upperBound <= mark.range.lowerBound {
                try flush(to: top.range.upperBound)
                try xml.endElement()
                open.removeLast()
            }
            try flush(to: mark.range.lowerBound)
            try xml.startElement("mrk", attributes: [XMLAttribute(name: "id", value: mark.id),
                                                     XMLAttribute(name: "type", value: "mtc:match")])
            try xml.raw("")
            open.append(mark)
        }
        while let top = open.popLast() {
            try flush(to: top.range.upperBound)
            try xml.endElement()
        }
        try flush(to: units.count)
    }

    /// A fragment as a sub-segment match: its span (or, without a mark, the segment).
    private func writeFragment(_ xml: XMLWriter, _ f: TMFragment, id: String, mark: Mark?, segment s: PretranslatedSegment,
                               segmentID: String) throws {
        // Against its own span the fragment's source is word for word the same; against
        // the whole segment it is the share of words it covers.
        let similarity = mark != nil ? 100 : (s.words == 0 ? 0 : min(100, max(0, 100 * f.words / s.words)))
        try xml.startElement("mtc:match", attributes: [
            XMLAttribute(name: "id", value: id),
            XMLAttribute(name: "ref", value: "#" + (mark?.id ?? segmentID)),
            XMLAttribute(name: "type", value: "tm"),
            XMLAttribute(name: "subType", value: "dragoman:fragment"),
            XMLAttribute(name: "similarity", value: String(similarity)),
            XMLAttribute(name: "matchQuality", value: Self.percent(f.confidence)),
            XMLAttribute(name: "origin", value: "Dragoman TM fragments"),
        ])
        var meta: [(String, String)] = [("kind", "fragment"), ("count", String(f.count)),
                                        ("confidence", Self.percent(f.confidence)), ("words", String(f.words)),
                                        ("range", "\(f.range.lowerBound)-\(f.range.upperBound)")]
        for unit in f.units { meta.append(("tm-unit", String(unit))) }
        for alt in f.alternatives { meta.append(("alternative", "\(alt.target) (\(alt.count))")) }
        try writeMetadata(xml, meta)
        try xml.startElement("source")
        try writeText(xml, f.source)
        try xml.endElement()
        try xml.startElement("target")
        try writeText(xml, f.target)
        try xml.endElement()
        try xml.endElement()
    }

    /// The assembled draft as an assembled match (`type="am"`) over the whole source.
    private func writeAssembled(_ xml: XMLWriter, _ draft: AssembledDraft, id: String, ref: String, source: String) throws {
        try xml.startElement("mtc:match", attributes: [
            XMLAttribute(name: "id", value: id),
            XMLAttribute(name: "ref", value: ref),
            XMLAttribute(name: "type", value: "am"),
            XMLAttribute(name: "subType", value: "dragoman:assembled"),
            XMLAttribute(name: "matchQuality", value: Self.percent(draft.coverage)),
            XMLAttribute(name: "origin", value: "Dragoman"),
        ])
        var meta: [(String, String)] = [("kind", "assembled"), ("covered-words", String(draft.coveredWords)),
                                        ("words", String(draft.totalWords)), ("state", "needs-review")]
        for part in draft.parts {
            meta.append(("part", "\(part.origin.rawValue) \(part.range.lowerBound)-\(part.range.upperBound): \(part.text)"))
        }
        try writeMetadata(xml, meta)
        try xml.startElement("source")
        try writeText(xml, source)
        try xml.endElement()
        try xml.startElement("target")
        try writeText(xml, draft.text)
        try xml.endElement()
        try xml.endElement()
    }

    /// 0…1 as 0.0–100.0 with one decimal ("85", "72.7").
    static func percent(_ fraction: Double) -> String {
        let value = (min(max(fraction.isFinite ? fraction : 0, 0), 1) * 1000).rounded() / 10
        return value == value.rounded() ? String(Int(value)) : String(value)
    }

    private func writeMetadata(_ xml: XMLWriter, _ entries: [(String, String)]) throws {
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
    private func writeText(_ xml: XMLWriter, _ text: String) throws {
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
