import DragomanGlossary
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
        // Per fragment resting on one unit, the terms inside it.
        let inside = fragments.map { f in
            f.units.count == 1 ? terms.filter { f.range.lowerBound <= $0.range.lowerBound && $0.range.upperBound <= f.range.upperBound } : []
        }
        // The units of the fragments to check, in one read.
        let units = try tm.units(zip(fragments, inside).filter { !$0.1.isEmpty }.map { $0.0.units[0] })
        return zip(fragments, inside).filter { fragment, inside in
            guard !inside.isEmpty, let unit = units[fragment.units[0]] else { return true }
            let fragmentWords = Self.words(fragment.target, side.other)
            let unitWords = Self.words(unit.text(side.other), side.other)
            let misplaced = inside.contains { term in
                // A homograph's other entries' translations count too.
                let translations = (term.translations + term.alternatives.flatMap { $0.entry.terms(in: side.other) })
                    .filter { !$0.status.isDiscouraged }.map { Self.words($0.text, side.other) }.filter { !$0.isEmpty }
                return !translations.contains { Self.contains(fragmentWords, $0) } && translations.contains { Self.contains(unitWords, $0) }
            }
            return !misplaced
        }.map(\.0)
    }

    /// A text's words as the check compares them, each as the forms it may stand for: an
    /// Arabic word by its key without proclitics (بالقدس holds القدس), an English one by its
    /// key and the singulars the glossary matcher reads in it (`EnglishInflection`: figures
    /// holds figure, countries country). Compared as word sequences, not as glossary hits:
    /// the matcher takes the longest term, so "next year" would hide "year".
    static func words(_ text: String, _ language: Language) -> [Set<String>] {
        MatchTokenizer.tokens(of: text, side: language).filter { $0.weightClass == .word }.map { token in
            if language == .arabic { return [LightStemmer.arabicWithoutProclitics(token.key)] }
            let key = token.key.lowercased()
            return Set([key] + EnglishInflection.singulars(of: key))
        }
    }

    /// Whether `sequence` stands in `words`, word by word, each pair sharing a form.
    static func contains(_ words: [Set<String>], _ sequence: [Set<String>]) -> Bool {
        guard !sequence.isEmpty, sequence.count <= words.count else { return false }
        return (0...(words.count - sequence.count)).contains { i in
            sequence.indices.allSatisfy { !words[i + $0].isDisjoint(with: sequence[$0]) }
        }
    }
}
