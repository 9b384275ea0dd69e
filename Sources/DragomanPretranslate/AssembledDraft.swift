import DragomanText

/// A draft translation put together from what Dragoman knows below the sentence, for a
/// segment with no TM match at or above the threshold: fragment and glossary translations
/// in source order, numbers and Latin-script names carried over, and the words still
/// untranslated kept in the source language between ⟦ and ⟧. It always needs review and
/// is never a segment's target unless the user asks for it (`--assembled-as-target`).
public struct AssembledDraft: Sendable, Hashable, Codable {
    /// One piece of the draft: a source span and what stands for it.
    public struct Part: Sendable, Hashable, Codable {
        /// Where the text of the part comes from.
        public enum Origin: String, Sendable, Hashable, Codable {
            case fragment, glossary, number, copy, untranslated
        }

        /// UTF-16 range in the segment.
        public var range: Range<Int>
        public var source: String
        /// The translation (or, for `untranslated`, the source words themselves).
        public var text: String
        public var origin: Origin

        public init(range: Range<Int>, source: String, text: String, origin: Origin) {
            self.range = range
            self.source = source
            self.text = text
            self.origin = origin
        }
    }

    /// The draft as one text, untranslated runs between ⟦ and ⟧.
    public var text: String
    public var parts: [Part]
    /// Source words covered by a translated part (fragment, glossary, number, copy).
    public var coveredWords: Int
    /// All source words of the segment.
    public var totalWords: Int

    /// The share of the segment's words the draft translates.
    public var coverage: Double { totalWords == 0 ? 0 : Double(coveredWords) / Double(totalWords) }

    /// The markers around words left in the source language.
    public static let untranslatedOpen = "⟦"
    public static let untranslatedClose = "⟧"

    /// Whether `text` still holds a ⟦…⟧ run: a draft nobody finished, which must not go
    /// into the TM as a translation.
    public static func hasUntranslatedRun(_ text: String) -> Bool {
        guard let open = text.range(of: untranslatedOpen) else { return false }
        return text.range(of: untranslatedClose, range: open.upperBound..<text.endIndex) != nil
    }

    public init(text: String, parts: [Part], coveredWords: Int, totalWords: Int) {
        self.text = text
        self.parts = parts
        self.coveredWords = coveredWords
        self.totalWords = totalWords
    }
}
