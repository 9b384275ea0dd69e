import Testing
@testable import DragomanAlign
import DragomanText
import DragomanTM

/// Units aligned on arrival are built straight into the model's word ids, each word's split
/// and skeleton kept: what the model sees must be what tokenising and looking each token
/// up gives, or links stored on arrival would differ from the ones learning stores.
@Suite struct AlignmentSentenceBuilderTests {
    static let units: [(String, String)] = [
        ("وقال ترامب إن ٣٥ شخصا قتلوا في COP29، وبالقدس", "Trump said 35 people were killed at COP29, and in Jerusalem"),
        ("وزير الخارجية الأمريكي مايك بومبيو يصل إلى القدس", "US Secretary of State Mike Pompeo arrives in Jerusalem"),
        ("وقال بومبيو للصحفيين: \"لا\"، وغادر", "Pompeo told reporters: \"No\", and left"),
        ("ارتفع عدد السكان إلى 3,400 نسمة في 2018", "The population rose to 3,400 people in 2018"),
    ]

    @Test func buildsWhatTokensAndALookupGive() {
        let counts: [String: Int] = ["القدس": 10, "قال": 30, "وقال": 8, "صحفيين": 3, "الصحفيين": 2, "غادر": 2]
        let tokenizer = AlignmentTokenizer(arabicCount: { counts[$0] ?? 0 })
        // A vocabulary that knows every other alignment token, so that both known and
        // unknown words are built.
        var vocabulary: [String] = []
        for (a, e) in Self.units {
            let t = tokenizer.tokens(arabic: a, english: e)
            for w in t.arabic + t.english where !vocabulary.contains(w) { vocabulary.append(w) }
        }
        var ids: [KeyBytes: Int32] = [:]
        for (i, w) in vocabulary.enumerated() where i % 2 == 0 { ids[KeyBytes(w)] = Int32(i) }
        let builder = AlignmentSentenceBuilder(tokenizer: tokenizer, ids: ids)
        func id(_ w: String) -> Int32 { ids[KeyBytes(w)] ?? AlignmentSentenceBuilder.unknownID }
        // Twice: the second time from the kept words.
        for _ in 0..<2 {
            for (a, e) in Self.units {
                let t = tokenizer.tokens(arabic: a, english: e)
                let built = builder.build(arabic: MatchTokenizer.tokens(of: a, side: .arabic),
                                          english: MatchTokenizer.tokens(of: e, side: .english))
                #expect(built.sentence.source == t.arabic.map(id))
                #expect(built.sentence.target == t.english.map(id))
                #expect(built.sentence.anchors == t.anchors)
                #expect(built.arabicWord == t.arabicWord)
                #expect(built.englishWord == t.englishWord)
                #expect(!t.anchors.isEmpty)
            }
        }
    }
}
