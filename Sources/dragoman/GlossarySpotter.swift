import DragomanText
import DragomanGlossary
import DragomanPretranslate
import DragomanTM

/// The glossary, as the pre-translation asks it for the terms of a segment.
struct GlossarySpotter: DragomanPretranslate.TermSpotter {
    let glossary: any GlossaryStore

    func hits(in text: String, side: Language) throws -> [DragomanPretranslate.TermHit] {
        try glossary.find(in: text).map { hit in
            var kind = hit.kind.rawValue
            if let clitics = hit.clitics, !clitics.isEmpty { kind += " (\(clitics.description))" }
            return DragomanPretranslate.TermHit(
                range: hit.range, surface: hit.surface, entryID: hit.entry.id, term: hit.term.text,
                translations: hit.translations.map(\.text), status: hit.term.status.rawValue, matchKind: kind)
        }
    }
}
