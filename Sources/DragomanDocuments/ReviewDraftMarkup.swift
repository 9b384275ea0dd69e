import DragomanText
import DragomanPretranslate
import DragomanTM

/// How the documents show an assembled draft: as review HTML, the translated text escaped
/// and each untranslated run `⟦<span class="untranslated" dir lang>…</span>⟧` in the
/// source's direction and language, so the words still to translate stand out and read
/// the right way round; and its coverage in words (review documents and XLIFF notes).
enum DraftMarkup {
    static func html(_ draft: AssembledDraft, source: Language, escape: (String) -> String) -> String {
        let open = AssembledDraft.untranslatedOpen, close = AssembledDraft.untranslatedClose
        let text = draft.text
        var out = ""
        var cursor = text.startIndex
        for part in draft.parts where part.origin == .untranslated {
            guard let found = text.range(of: open + part.text + close, range: cursor..<text.endIndex) else { continue }
            out += escape(String(text[cursor..<found.lowerBound]))
            out += open + "<span class=\"untranslated\" dir=\"\(Naming.direction(source))\" lang=\"\(source.rawValue)\">"
                + escape(part.text) + "</span>" + close
            cursor = found.upperBound
        }
        return out + escape(String(text[cursor...]))
    }

    /// "8 of 11 words".
    static func coverage(_ draft: AssembledDraft) -> String {
        "\(draft.coveredWords) of \(counted(draft.totalWords, "word"))"
    }
}

/// A fragment's support as the review documents say it: "3 units, confidence 85%".
func fragmentSupport(_ f: TMFragment) -> String {
    let confidence = f.confidence.isFinite ? min(max(f.confidence, 0), 1) : 0
    return "\(counted(f.count, "unit")), confidence \(Int((confidence * 100).rounded()))%"
}
