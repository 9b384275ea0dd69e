import DragomanGlossary
import Foundation
import DragomanPretranslate
import DragomanTM
import DragomanXML

/// Writes a pre-translated article as XLIFF 1.2 (strict schema), for Okapi, tools built on
/// Translate Toolkit and older tools. (OmegaT's XLIFF filter translates the `<target>`
/// text, so OmegaT gets the leveraged pairs as TMX instead: see the README.)
///
/// Layout:
/// - `<file original source-language target-language datatype="plaintext">` with a `<header><tool tool-id="dragoman"/>` (and a `date` when the options give one);
/// - one `<group id="pN" restype="x-paragraph|x-heading|x-list-item|x-quote">` per block;
/// - the literal text before a segment is a `<trans-unit id="uN-before" translate="no">`
///   (tools leave those alone); the text after the last segment is `<trans-unit id="end"
///   translate="no">` in the body. Concatenating all trans-units' text in order rebuilds
///   the article. Every trans-unit and alt-trans says `xml:space="preserve"` (the schema
///   defaults them to `default`, which would let a tool fold the line breaks);
/// - each segment is `<trans-unit id="uN">`; a proposal is its `<target>` with
///   `state="translated"` (context/exact, `--exact-as final`; the trans-unit then says
///   `approved="yes"`, which Translate Toolkit and the tools built on it read as "not
///   fuzzy") or `state="needs-review-translation"`, and
///   `state-qualifier` `exact-match` (context, exact, exact-variant), `fuzzy-match` (fuzzy)
///   or `leveraged-tm` (repaired: a TM match whose numbers were rewritten);
/// - every suggestion, the proposal first, is an `<alt-trans match-quality="94"
///   origin="…" tool-id="dragoman">` with its TM `<source>`, `<target>` and a `<note>`
///   naming the kind (context matches say `match-quality="101"`);
/// - glossary hits, repairs and repetitions are `<note from="dragoman">`s (priority 1 for a
///   forbidden or deprecated term);
/// - TM fragments are `<note from="dragoman" priority="4" annotates="source">`s ("Fragment
///   «…» → «…» (3 units, confidence 85%)"): XLIFF 1.2 has no sub-segment matches;
/// - an assembled draft is an `<alt-trans alttranstype="proposal" origin="dragoman:assembled">`
///   after the TM's (no match-quality: it matches no stored source), its note saying it
///   needs review; with `--assembled-as-target` it is also the `<target
///   state="needs-review-translation" state-qualifier="x-dragoman-assembled">`.
/// XML 1.0 cannot carry control characters and XLIFF 1.2 has no escape for them, so a
/// document containing one is refused (`DocumentError.characterNotAllowed`).
public struct XLIFF12Writer: DocumentWriter {
    public var options: DocumentWriterOptions

    public init(options: DocumentWriterOptions = .init()) {
        self.options = options
    }

    public func write(_ document: PretranslatedDocument) throws -> String {
        let outline = try ArticleOutline(document)
        let xml = XMLWriter(indentation: .spaces(2))
        try xml.declaration()
        try xml.startElement("xliff", attributes: [
            XMLAttribute(name: "version", value: "1.2"),
            XMLAttribute(name: "xmlns", value: XLIFFNamespace.core12),
        ])
        var fileAttributes = [
            XMLAttribute(name: "original", value: document.fileName),
            XMLAttribute(name: "source-language", value: Naming.languageTag(document.sourceLanguage)),
            XMLAttribute(name: "target-language", value: Naming.languageTag(document.targetLanguage)),
            XMLAttribute(name: "datatype", value: "plaintext"),
            XMLAttribute(name: "tool-id", value: "dragoman"),
        ]
        if let date = options.date { fileAttributes.append(XMLAttribute(name: "date", value: Naming.isoDate(date))) }
        try xml.startElement("file", attributes: fileAttributes)
        try xml.startElement("header")
        try xml.emptyElement("tool", attributes: [
            XMLAttribute(name: "tool-id", value: "dragoman"),
            XMLAttribute(name: "tool-name", value: options.toolName),
            XMLAttribute(name: "tool-version", value: options.toolVersion),
        ])
        try xml.element("note", ["from": "dragoman"], text:
            "Pre-translated at threshold \(document.threshold). Trans-units with translate=\"no\" hold the text "
            + "between segments (line breaks, Markdown markers); keep them so that the article can be rebuilt.")
        try xml.endElement()  // header
        try xml.startElement("body")
        for group in outline.groups {
            try xml.startElement("group", attributes: [
                XMLAttribute(name: "id", value: Naming.groupID(group.number)),
                XMLAttribute(name: "restype", value: "x-" + Naming.blockName(group.block)),
            ])
            for unit in group.units {
                if !unit.literalBefore.isEmpty {
                    try writeLiteral(xml, unit.literalBefore, id: Naming.unitID(unit.segment) + "-before")
                }
                try writeUnit(xml, unit.segment, document)
            }
            try xml.endElement()
        }
        if !outline.trailing.isEmpty {
            try writeLiteral(xml, outline.trailing, id: Naming.trailingUnitID)
        }
        try xml.endElement()  // body
        try xml.endElement()  // file
        try xml.endElement()  // xliff
        try xml.finish()
        return xml.string
    }

    private func writeLiteral(_ xml: XMLWriter, _ text: String, id: String) throws {
        try xml.startElement("trans-unit", ["id": id, "translate": "no", "xml:space": "preserve"])
        try xml.element("source", attributes: [], text: try checked(text, id))
        try xml.endElement()
    }

    private func writeUnit(_ xml: XMLWriter, _ index: Int, _ document: PretranslatedDocument) throws {
        let s = document.segments[index]
        let id = Naming.unitID(index)
        var attributes = [XMLAttribute(name: "id", value: id)]
        // A proposal taken as translated is approved: tools built on Translate Toolkit
        // show an unapproved target as fuzzy, whatever its state.
        if s.best != nil && s.state == .translated { attributes.append(XMLAttribute(name: "approved", value: "yes")) }
        attributes.append(XMLAttribute(name: "xml:space", value: "preserve"))
        try xml.startElement("trans-unit", attributes: attributes)
        try xml.element("source", attributes: [], text: try checked(s.segment.text, id))
        if let best = s.best {
            let state = s.state == .translated ? "translated" : "needs-review-translation"
            try xml.element("target", ["state": state, "state-qualifier": Self.stateQualifier(best.kind)],
                            text: try checked(best.target, id))
        } else if s.assembledIsTarget, let draft = s.assembled {
            try xml.element("target", ["state": "needs-review-translation", "state-qualifier": Self.assembledQualifier],
                            text: try checked(draft.text, id))
        }
        for term in s.terms {
            let translations = term.translations.isEmpty ? "no translation given" : term.translations.joined(separator: " | ")
            if term.isFlagged {
                try xml.element("note", ["from": "dragoman", "priority": "1", "annotates": "source"], text: try checked(
                    "\(term.status.rawValue.uppercased()) TERM «\(term.surface)» (glossary entry \(term.entryID), «\(term.term)»): "
                    + translations, id))
            } else {
                try xml.element("note", ["from": "dragoman", "priority": "3", "annotates": "source"], text: try checked(
                    "Term «\(term.surface)» (glossary entry \(term.entryID), «\(term.term)», \(term.status)): " + translations, id))
            }
        }
        if let best = s.best, !best.repairs.isEmpty {
            let list = best.repairs.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")
            try xml.element("note", ["from": "dragoman", "priority": "2", "annotates": "target"],
                            text: "\(best.repairLabel): \(list)")
        }
        if let best = s.best, let note = best.unrepairedNote {
            try xml.element("note", ["from": "dragoman", "priority": "2", "annotates": "target"], text: note)
        }
        if let first = s.repetitionOf {
            try xml.element("note", ["from": "dragoman", "priority": "5"],
                            text: "Repetition of segment \(first + 1) (\(Naming.unitID(first)))")
        }
        for f in s.fragments {
            var text = "Fragment «\(f.source)» → «\(f.target)» (\(fragmentSupport(f))"
            if !f.alternatives.isEmpty {
                text += "; also " + f.alternatives.map { "«\($0.target)» ×\($0.count)" }.joined(separator: ", ")
            }
            try xml.element("note", ["from": "dragoman", "priority": "4", "annotates": "source"],
                            text: try checked(text + ")", id))
        }
        for suggestion in (s.best.map { [$0] } ?? []) + s.alternatives {
            try xml.startElement("alt-trans", [
                "match-quality": String(suggestion.score),
                "origin": suggestion.origin ?? "Dragoman TM",
                "tool-id": "dragoman",
                "xml:space": "preserve",
            ])
            try xml.element("source", attributes: [], text: try checked(suggestion.source, id))
            try xml.element("target", attributes: [], text: try checked(suggestion.target, id))
            try xml.element("note", ["from": "dragoman"], text: try checked(
                "\(Naming.kindLabel(suggestion.kind)) match, score \(suggestion.score): \(suggestion.explanation)", id))
            try xml.endElement()
        }
        if let draft = s.assembled {
            try xml.startElement("alt-trans", [
                "alttranstype": "proposal",
                "origin": "dragoman:assembled",
                "tool-id": "dragoman",
                "xml:space": "preserve",
            ])
            try xml.element("source", attributes: [], text: try checked(s.segment.text, id))
            try xml.element("target", attributes: [], text: try checked(draft.text, id))
            try xml.element("note", ["from": "dragoman"], text:
                "Assembled draft (\(DraftMarkup.coverage(draft)) translated from TM fragments, glossary terms, numbers and names): "
                + "needs review; words in ⟦…⟧ are still untranslated")
            try xml.endElement()
        }
        try xml.endElement()
    }

    /// The state-qualifier of an assembled draft taken as the target (XLIFF 1.2 lets a
    /// tool add `x-` values; none of the standard ones says "assembled").
    public static let assembledQualifier = "x-dragoman-assembled"

    /// The XLIFF 1.2 state-qualifier of a proposal.
    public static func stateQualifier(_ kind: MatchKind) -> String {
        switch kind {
        case .context, .exact, .exactVariant: return "exact-match"
        case .fuzzy: return "fuzzy-match"
        case .repaired: return "leveraged-tm"
        }
    }

    private func checked(_ text: String, _ unit: String) throws -> String {
        if let bad = XMLChars.firstDisallowed(in: text) {
            throw DocumentError.characterNotAllowed(segment: "trans-unit \(unit)", scalar: bad)
        }
        return text
    }
}
