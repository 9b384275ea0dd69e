import Foundation
import DragomanFormats
import DragomanPretranslate
import DragomanXML

/// Writes the leveraged pairs of a pre-translation as TMX 1.4b, for loading into another
/// tool's memory: one `<tu>` per segment with a proposal (the segment's source and the
/// proposed target), each carrying the match it came from in `<prop>`s
/// (`x-dragoman-kind`, `x-dragoman-score`, `x-dragoman-origin`, `x-dragoman-document`,
/// `x-dragoman-segment`). A pair that repeats an earlier one exactly is written once.
///
/// A fuzzy proposal is the translation of a *different* source sentence; set
/// `minimumScore` (e.g. 100) to export only exact and context matches.
public struct LeveragedTMXWriter: DocumentWriter {
    public var options: DocumentWriterOptions
    /// Proposals scoring below this are left out (nil: every proposal).
    public var minimumScore: Int?

    public init(options: DocumentWriterOptions = .init(), minimumScore: Int? = nil) {
        self.options = options
        self.minimumScore = minimumScore
    }

    public func write(_ document: PretranslatedDocument) throws -> String {
        let sourceLang = Naming.languageTag(document.sourceLanguage)
        let targetLang = Naming.languageTag(document.targetLanguage)
        var header = TMXHeader(creationTool: options.toolName, creationToolVersion: options.toolVersion,
                               segType: "sentence", originalFormat: "Dragoman", adminLang: "en",
                               sourceLang: sourceLang, dataType: "plaintext")
        if let date = options.date {
            header.attributes.append(XMLAttribute(name: "creationdate", value: TMXDate.format(date)))
        }
        header.properties.append(TMXProperty(type: "x-dragoman-document", value: document.fileName))

        var units: [TMXUnit] = []
        var seen = Set<[String]>()
        for s in document.segments {
            guard let best = s.best, best.score >= (minimumScore ?? Int.min) else { continue }
            guard seen.insert([s.segment.text, best.target]).inserted else { continue }
            var attributes = [XMLAttribute(name: "tuid", value: "\(document.fileName)#\(Naming.unitID(s.segment.index))"),
                              XMLAttribute(name: "srclang", value: sourceLang)]
            if let date = options.date {
                attributes.append(XMLAttribute(name: "creationdate", value: TMXDate.format(date)))
            }
            attributes.append(XMLAttribute(name: "changedate", value: TMXDate.format(best.changed)))
            var properties = [
                TMXProperty(type: "x-dragoman-kind", value: best.kind.rawValue),
                TMXProperty(type: "x-dragoman-score", value: String(best.score)),
                TMXProperty(type: "x-dragoman-document", value: document.fileName),
                TMXProperty(type: "x-dragoman-segment", value: String(s.segment.index + 1)),
            ]
            if let origin = best.origin { properties.append(TMXProperty(type: "x-dragoman-origin", value: origin)) }
            var notes: [TMXNote] = []
            if best.kind == .fuzzy {
                notes.append(TMXNote("Fuzzy proposal (\(best.score)): the target translates the TM source «\(best.source)»",
                                     lang: "en"))
            }
            units.append(TMXUnit(attributes: attributes, properties: properties, notes: notes, variants: [
                TMXVariant(lang: sourceLang, text: s.segment.text),
                TMXVariant(lang: targetLang, text: best.target),
            ]))
        }
        return try TMXWriter.document(header: header, units: units)
    }
}
