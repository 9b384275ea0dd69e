import DragomanStore
import DragomanText
import DragomanTM

/// A fragment that rests on one unit is only as good as that unit's word links, and a model
/// learnt from a small TM can shift them by a word: the sample TM's 46 units link بمشاركة to
/// "prominent" and بارزة to "attended", so وذلك بمشاركة شخصيات بارزة من قادة المقاومة came out
/// as "participation of prominent resistance leaders and attended". The glossary can tell:
/// when a term of the fragment's source is translated, as the glossary says, in the unit's
/// translation but not in the fragment's (شخصيات → figures, four words further on), the
/// links have put the fragment's edges in the wrong place, and it is not proposed. Fragments
/// two units or more agree on are left alone: their agreement is the evidence.
///
/// Leave-documents-out on NTREX with the dictionaries in the glossary: 634 / 512 → 630 / 510
/// proposed / right (precision 0.808 → 0.810, a quarter of the TM 0.713 → 0.718);
/// LibreOffice UI 4,257 / 3,192 → 4,245 / 3,186. Of the 20 fragments it leaves out there,
/// 12 are wrong and several of the others cut (النار على وايد → "shooting Wayde"). With the
/// starter glossary alone, Arabic queries are unchanged and English ones lose one fragment:
/// it matters most for the small TMs a translator starts with, where one unit's links are
/// the least sure.
struct FragmentTermCheck {
    let glossary: SQLiteGlossary
    let tm: SQLiteTranslationMemory

    func keeping(_ fragments: [TMFragment], of sentence: String, side: Language) throws -> [TMFragment] {
        // Only as far as the last fragment to check: a pasted article is searched for
        // fragments in its first few hundred words, and its terms are not wanted past them.
        guard let end = fragments.filter({ $0.units.count == 1 }).map(\.range.upperBound).max() else { return fragments }
        let terms = try glossary.find(in: sentence.utf16Slice(0..<end)).filter {
            $0.term.language == side && !$0.lowConfidence && !$0.term.status.isDiscouraged && !$0.translations.isEmpty
        }
        guard !terms.isEmpty else { return fragments }
        var kept: [TMFragment] = []
        for fragment in fragments {
            let inside = terms.filter { fragment.range.lowerBound <= $0.range.lowerBound && $0.range.upperBound <= fragment.range.upperBound }
            guard fragment.units.count == 1, !inside.isEmpty, let unit = try tm.unit(id: fragment.units[0]) else {
                kept.append(fragment)
                continue
            }
            let fragmentWords = Self.words(fragment.target, side.other)
            let unitWords = Self.words(unit.text(side.other), side.other)
            let misplaced = inside.contains { term in
                // A homograph's other entries' translations count too.
                let translations = (term.translations + term.alternatives.flatMap { $0.entry.terms(in: side.other) })
                    .filter { !$0.status.isDiscouraged }.map { Self.words($0.text, side.other) }.filter { !$0.isEmpty }
                return !translations.contains { Self.contains(fragmentWords, $0) } && translations.contains { Self.contains(unitWords, $0) }
            }
            if !misplaced { kept.append(fragment) }
        }
        return kept
    }

    /// A text's words as the check compares them: by match key, an Arabic word without
    /// its proclitics (بالقدس holds القدس), an English one without a plural s (figures holds
    /// figure). Compared as word sequences, not as glossary hits: the matcher takes the
    /// longest term, so "next year" would hide "year".
    static func words(_ text: String, _ language: Language) -> [String] {
        MatchTokenizer.tokens(of: text, side: language).filter { $0.weightClass == .word }.map { token in
            if language == .arabic { return LightStemmer.arabicWithoutProclitics(token.key) }
            let key = token.key.lowercased()
            return key.count > 3 && key.hasSuffix("s") && !key.hasSuffix("ss") ? String(key.dropLast()) : key
        }
    }

    static func contains(_ words: [String], _ sequence: [String]) -> Bool {
        guard !sequence.isEmpty, sequence.count <= words.count else { return false }
        return (0...(words.count - sequence.count)).contains { words[$0..<($0 + sequence.count)].elementsEqual(sequence) }
    }
}
