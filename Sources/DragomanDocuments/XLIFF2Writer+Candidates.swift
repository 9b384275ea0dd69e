import DragomanPretranslate
import DragomanTM
import DragomanXML

/// Below-the-sentence candidates in XLIFF 2.1 (Translation Candidates module): TM
/// fragments as sub-segment matches whose `ref` names an `<mrk>` span of the source, and
/// the assembled draft as an assembled match (`type="am"`) over the whole segment.
extension XLIFF2Writer {
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
    func writeMarked(_ xml: XMLWriter, _ text: String, marks: [Mark]) throws {
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
    func writeFragment(_ xml: XMLWriter, _ f: TMFragment, id: String, mark: Mark?, segment s: PretranslatedSegment,
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
    func writeAssembled(_ xml: XMLWriter, _ draft: AssembledDraft, id: String, ref: String, source: String) throws {
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
}
