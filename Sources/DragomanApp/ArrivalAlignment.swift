import DragomanAlign
import DragomanStore
import DragomanText
import DragomanTM

/// Aligning units on arrival (`tm add`, `tm import`, `align --add`, `pretranslate
/// --load-tm`, a confirmed segment in a server) with the model of the last learning, so
/// that new units give fragments at once; a later learning re-aligns everything.
public enum ArrivalAlignment {
    /// The words the model may be asked about for a unit: its words, the tokens of every
    /// clitic reading (the tokenizer picks one by the stored counts, which ask for the
    /// cores with and without the article), and the number token.
    static func words(arabic: [MatchToken], english: [MatchToken]) -> Set<String> {
        var out: Set<String> = [AlignmentTokenizer.numberToken]
        for t in arabic {
            out.insert(t.key)
            for r in CliticAnalyzer.readings(ofKey: t.key) {
                out.formUnion(AlignmentTokenizer.parts(of: r).parts)
                out.insert("ال" + r.core)
            }
        }
        for t in english { out.insert(t.key) }
        return out
    }

    /// The linking of units under the stored model (nil when none was learnt). `whole`
    /// loads the whole model (for an import); otherwise only the rows of `units`' words
    /// (for a few units added by hand).
    public static func linking(_ alignment: SQLiteWordAlignment, for units: [(arabic: String, english: String)]? = nil) throws -> UnitLinking? {
        var wanted: Set<String>?
        if let units {
            var words = Set<String>()
            for u in units {
                words.formUnion(Self.words(arabic: MatchTokenizer.tokens(of: u.arabic, side: .arabic),
                                           english: MatchTokenizer.tokens(of: u.english, side: .english)))
            }
            wanted = words
        }
        guard let stored = try alignment.model(words: wanted) else { return nil }
        let model = WordAlignmentModel(
            forward: stored.forward.map { (word: $0.key, translations: LexiconCoding.decode($0.value)) },
            reverse: stored.reverse.map { (word: $0.key, translations: LexiconCoding.decode($0.value)) },
            forwardTension: stored.forwardTension, reverseTension: stored.reverseTension,
            nullProbability: stored.nullProbability)
        let counts = stored.arabicCounts
        // By bytes: alignment tokens are match keys (one normal form already).
        let ids = Dictionary(uniqueKeysWithValues: stored.words.map { (KeyBytes($0.key), $0.value) })
        let builder = AlignmentSentenceBuilder(tokenizer: AlignmentTokenizer(arabicCount: { counts[$0] ?? 0 }), ids: ids)
        return { arabic, english in
            let built = builder.build(arabic: arabic, english: english)
            let (links, sure) = LongSentences.align(model, built.sentence)
            return StoredLinks.encode(arabicWord: built.arabicWord, englishWord: built.englishWord, links: links, sure: sure)
        }
    }
}
