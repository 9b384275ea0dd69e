import DragomanGlossary
import Foundation
import Testing
import DragomanText
@testable import DragomanPretranslate
@testable import DragomanTM

/// Files of the repository and of the test bundle.
enum Files {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Line `n` (from 1) of a seed file.
    static func seedLine(_ file: String, _ n: Int) throws -> String {
        let text = try String(contentsOf: root.appendingPathComponent("seeds/\(file)"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        return try #require(lines.indices.contains(n - 1) ? lines[n - 1] : nil, "\(file) has no line \(n)")
    }

    /// An article line of `seeds/sample-article.ar.txt`.
    static func article(_ n: Int) throws -> String { try seedLine("sample-article.ar.txt", n) }

    /// The Arabic and English of a line of `seeds/sample-tm.tsv`.
    static func tm(_ n: Int) throws -> (ar: String, en: String) {
        let parts = try seedLine("sample-tm.tsv", n).components(separatedBy: "\t")
        try #require(parts.count == 2)
        return (parts[0], parts[1])
    }

    static func fixture(_ name: String) throws -> URL {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        return url
    }

    /// The fixture's text (for golden files).
    static func fixtureText(_ name: String) throws -> String {
        try String(contentsOf: fixture(name), encoding: .utf8)
    }
}

/// UTF-16 ranges of words in a text, for hand-made differences and term hits.
func utf16Range(of needle: String, in text: String, occurrence: Int = 1) throws -> Range<Int> {
    var searchStart = text.startIndex
    var found: Range<String.Index>?
    for _ in 0..<occurrence {
        found = text.range(of: needle, range: searchStart..<text.endIndex)
        guard let f = found else { break }
        searchStart = f.upperBound
    }
    let r = try #require(found, "«\(needle)» not in «\(text)»")
    let lower = text.utf16.distance(from: text.utf16.startIndex, to: r.lowerBound)
    return lower..<(lower + needle.utf16.count)
}

/// A suggestion built by hand (Suggestion only has an initializer from a TMMatch; its
/// Codable form is the way in).
func suggestion(_ kind: MatchKind, _ score: Int, source: String, target: String, unitID: Int64? = 1,
                origin: String? = "sample-tm.tsv", repairs: [(String, String)] = [],
                sourceDifferences: [Range<Int>] = [], queryDifferences: [Range<Int>] = [],
                explanation: String? = nil) throws -> Suggestion {
    struct Form: Encodable {
        var unitID: Int64?
        var source: String
        var target: String
        var score: Int
        var kind: MatchKind
        var origin: String?
        var changed: Date
        var repairs: [NumberRepair]
        var sourceDifferences: [Range<Int>]
        var queryDifferences: [Range<Int>]
        var explanation: String
    }
    let form = Form(unitID: unitID, source: source, target: target, score: score, kind: kind, origin: origin,
                    changed: Fixed.changed, repairs: repairs.map { NumberRepair(from: $0.0, to: $0.1) },
                    sourceDifferences: sourceDifferences, queryDifferences: queryDifferences,
                    explanation: explanation ?? (kind == .fuzzy ? "⌊100×(50−8)/50⌋ = \(score)" : "\(kind.rawValue) match"))
    return try JSONDecoder().decode(Suggestion.self, from: JSONEncoder().encode(form))
}

enum Fixed {
    /// 2023-11-14T22:13:20Z: the TM units' date.
    static let changed = Date(timeIntervalSince1970: 1_700_000_000)
    /// 2024-03-01T12:00:00Z: when the output files were "made".
    static let made = Date(timeIntervalSince1970: 1_709_294_400)
}

func words(_ text: String) -> Int { text.split(whereSeparator: { $0 == " " }).count }

/// Builds a segment of `article` with the given proposal.
func segment(_ article: Article, _ i: Int, best: Suggestion? = nil, alternatives: [Suggestion] = [],
             terms: [SegmentTerm] = [], numbers: [SegmentNumber] = [], repetitionOf: Int? = nil,
             state: SegmentState? = nil) -> PretranslatedSegment {
    let s = article.segments[i]
    let state = state ?? {
        switch best?.kind {
        case nil: return .untranslated
        case .context?, .exact?, .exactVariant?: return .translated
        case .fuzzy?, .repaired?: return .needsReview
        }
    }()
    return PretranslatedSegment(segment: s, best: best, alternatives: alternatives, terms: terms, numbers: numbers,
                                repetitionOf: repetitionOf, state: state, words: words(s.text))
}

func term(_ surface: String, in text: String, entry: Int64, term: String? = nil, translations: [String],
          status: TermStatus = .preferred, matchKind: String = "exact") throws -> SegmentTerm {
    SegmentTerm(range: try utf16Range(of: surface, in: text), surface: surface, entryID: entry, term: term ?? surface,
            translations: translations, status: status, matchKind: matchKind)
}

/// The sample documents of the tests.
enum Sample {
    /// Plain text: lines 1, 3, 5, 7, 9, 11, 19 and 15 of the sample article, then line 15 again
    /// (a repetition), separated by blank lines as in the article. Every match kind, a
    /// forbidden term, number repairs and a segment without a match.
    static func plainText(finalNewline: Bool = false) throws -> PretranslatedDocument {
        let lines = try [1, 3, 5, 7, 9, 11, 19, 15, 15].map(Files.article)
        let text = lines.joined(separator: "\n\n") + (finalNewline ? "\n" : "")
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        try #require(article.segments.count == 9)
        try #require(article.source == text)
        let seg = article.segments.map(\.text)

        let headlineTM = try Files.tm(5)
        let headline = try suggestion(.fuzzy, 86, source: headlineTM.ar, target: headlineTM.en, unitID: 5,
            sourceDifferences: [try utf16Range(of: "يؤكد", in: headlineTM.ar), try utf16Range(of: "الأسرى", in: headlineTM.ar)],
            queryDifferences: [try utf16Range(of: "يشدد على", in: seg[1]), try utf16Range(of: "المقدسات", in: seg[1])])

        let tm45 = try Files.tm(32), tm35 = try Files.tm(7)
        let repaired = try suggestion(.repaired, 99, source: tm45.ar, target: tm45.en.replacingOccurrences(of: "45", with: "40"),
            unitID: 32, repairs: [("45", "40")],
            sourceDifferences: [try utf16Range(of: "45", in: tm45.ar)], queryDifferences: [try utf16Range(of: "40", in: seg[2])])
        let repairedAlt = try suggestion(.repaired, 98, source: tm35.ar, target: tm35.en.replacingOccurrences(of: "35", with: "40"),
            unitID: 7, repairs: [("35", "40")],
            sourceDifferences: [try utf16Range(of: "35", in: tm35.ar)], queryDifferences: [try utf16Range(of: "40", in: seg[2])])

        let variantTM = try Files.tm(9)
        let variant = try suggestion(.exactVariant, 100, source: variantTM.ar, target: variantTM.en, unitID: 9)
        let exactTM = try Files.tm(11), contextTM = try Files.tm(12), quoteTM = try Files.tm(3)
        let exact = try suggestion(.exact, 100, source: exactTM.ar, target: exactTM.en, unitID: 11)
        let context = try suggestion(.context, 101, source: contextTM.ar, target: contextTM.en, unitID: 12)
        let contextAlt = try suggestion(.exact, 100, source: contextTM.ar, target: contextTM.en + " (2019)", unitID: 40,
                                        origin: nil)

        let enemyTM = try Files.tm(15)
        let enemy = try suggestion(.fuzzy, 84, source: enemyTM.ar, target: enemyTM.en, unitID: 15,
            sourceDifferences: [],
            queryDifferences: [try utf16Range(of: "تلو الفرص", in: seg[6]), try utf16Range(of: "الصهيوني", in: seg[6]),
                               try utf16Range(of: "“", in: seg[6])])
        let quote = try suggestion(.exact, 100, source: quoteTM.ar, target: quoteTM.en, unitID: 3)

        let segments = [
            segment(article, 0, terms: [try term("القدس", in: seg[0], entry: 1, translations: ["Jerusalem", "Al-Quds"])]),
            segment(article, 1, best: headline, terms: [
                try term("الائتلاف العالمي لنصرة القدس وفلسطين", in: seg[1], entry: 2,
                         translations: ["Global Coalition for Al-Quds and Palestine"]),
                try term("المقاومة", in: seg[1], entry: 3, translations: ["the resistance"], status: .admitted),
            ]),
            segment(article, 2, best: repaired, alternatives: [repairedAlt],
                    numbers: [SegmentNumber(text: "40", value: "40", range: try utf16Range(of: "40", in: seg[2]))]),
            segment(article, 3, best: variant, terms: [
                try term("قطاع غزة", in: seg[3], entry: 4, translations: ["Gaza Strip"]),
                try term("التطبيع", in: seg[3], entry: 5, translations: ["normalisation"]),
            ]),
            segment(article, 4, best: exact),
            segment(article, 5, best: context, alternatives: [contextAlt]),
            segment(article, 6, best: enemy, terms: [
                try term("العدو الصهيوني", in: seg[6], entry: 6, translations: ["Israel"], status: .forbidden),
            ]),
            segment(article, 7, best: quote),
            segment(article, 8, best: quote, repetitionOf: 7),
        ]
        return PretranslatedDocument(fileName: "sample-article.ar.txt", sourceLanguage: .arabic, article: article,
                                     segments: segments, threshold: 70)
    }

    /// Markdown: a heading, a paragraph of two sentences (article line 27), a list of two
    /// items and a quote, with or without a final newline.
    static func markdown(finalNewline: Bool = true) throws -> PretranslatedDocument {
        let headline = try Files.article(3), twoSentences = try Files.article(27), quote = try Files.article(15)
        let text = "# \(headline)\n\n\(twoSentences)\n\n- \(try Files.article(9))\n- \(try Files.article(1))\n\n> \(quote)"
            + (finalNewline ? "\n" : "")
        let article = ArticleParser.parse(text, layout: .markdown, language: .arabic)
        try #require(article.source == text)
        try #require(article.segments.map(\.block) == [.heading, .paragraph, .paragraph, .listItem, .listItem, .quote])
        let headlineTM = try Files.tm(5), exactTM = try Files.tm(11), quoteTM = try Files.tm(3)
        let segments = [
            segment(article, 0, best: try suggestion(.fuzzy, 86, source: headlineTM.ar, target: headlineTM.en, unitID: 5)),
            segment(article, 1),
            segment(article, 2),
            segment(article, 3, best: try suggestion(.exact, 100, source: exactTM.ar, target: exactTM.en, unitID: 11)),
            segment(article, 4),
            segment(article, 5, best: try suggestion(.exact, 100, source: quoteTM.ar, target: quoteTM.en, unitID: 3)),
        ]
        return PretranslatedDocument(fileName: "sample.ar.md", sourceLanguage: .arabic, article: article,
                                     segments: segments, threshold: 70)
    }

    /// Segments with characters markup cares about: `<`, `&`, quotes, `*` and `|`.
    static func specialCharacters() throws -> PretranslatedDocument {
        let text = "قال إن <الوفد> & الشركاء \"حضروا\" * | اللقاء.\n\nجملة ثانية."
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        try #require(article.source == text)
        let seg = article.segments.map(\.text)
        let best = try suggestion(.fuzzy, 90, source: "قال إن الوفد & الشركاء حضروا.",
                                  target: "He said the <delegation> & partners \"attended\" * | the meeting.",
                                  queryDifferences: [try utf16Range(of: "<الوفد>", in: seg[0])])
        return PretranslatedDocument(fileName: "a<b>&c.txt", sourceLanguage: .arabic, article: article, segments: [
            segment(article, 0, best: best, terms: [try term("<الوفد>", in: seg[0], entry: 9,
                                                              translations: ["<delegation> & co"], status: .deprecated)]),
            segment(article, 1),
        ], threshold: 70)
    }

    /// Below the sentence: a segment without a match with two fragments, a glossary term
    /// and an assembled draft that is only a candidate; an exact match that has a fragment
    /// too; and a segment whose draft is its target (`--assembled-as-target`), with a
    /// fragment whose translation holds `<`, `&` and quotes.
    static func subSentence() throws -> PretranslatedDocument {
        let macron = "قال الرئيس الفرنسي إيمانويل ماكرون في بيان إن 35 شخصا قتلوا."
        let exactTM = try Files.tm(11)
        let reuters = "وقالت وكالة رويترز، نقلا عن مسؤولين في BBC، إن نسبة المشاركة بلغت ٤٥٫٥٪ فقط؟"
        let text = [macron, exactTM.ar, reuters].joined(separator: "\n\n")
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        try #require(article.segments.map(\.text) == [macron, exactTM.ar, reuters])
        func fragment(_ source: String, in text: String, _ target: String, count: Int, confidence: Double,
                      alternatives: [FragmentAlternative] = []) throws -> TMFragment {
            TMFragment(range: try utf16Range(of: source, in: text), source: source, target: target, count: count,
                       confidence: confidence, alternatives: alternatives, units: [12, 4],
                       words: source.split(separator: " ").count)
        }
        var first = segment(article, 0, terms: [try term("إيمانويل ماكرون", in: macron, entry: 7, translations: ["Emmanuel Macron"])],
                            numbers: [SegmentNumber(text: "35", value: "35", range: try utf16Range(of: "35", in: macron))])
        first.fragments = [
            try fragment("قال الرئيس الفرنسي", in: macron, "the French president said", count: 4, confidence: 0.9,
                         alternatives: [FragmentAlternative(target: "French President said", count: 2)]),
            try fragment("في بيان", in: macron, "in a statement", count: 5, confidence: 0.85),
        ]
        first.assembled = DraftAssembler.assemble(macron, side: .arabic, fragments: first.fragments, terms: first.terms)
        try #require(first.assembled != nil)

        let exactSuggestion = try suggestion(.exact, 100, source: exactTM.ar, target: exactTM.en, unitID: 11)
        var second = segment(article, 1, best: exactSuggestion)
        second.fragments = [try fragment("محور الصراع", in: exactTM.ar, "the core of the conflict", count: 2, confidence: 0.5)]

        var third = segment(article, 2, state: .needsReview)
        third.fragments = [try fragment("نقلا عن مسؤولين", in: reuters, "citing <officials> & \"aides\"", count: 3, confidence: 0.8)]
        third.terms = [try term("وكالة رويترز", in: reuters, entry: 8, translations: ["Reuters"])]
        third.assembled = DraftAssembler.assemble(reuters, side: .arabic, fragments: third.fragments, terms: third.terms)
        third.assembledIsTarget = true
        try #require(third.target == "⟦وقالت⟧ Reuters, citing <officials> & \"aides\" ⟦في⟧ BBC, ⟦إن نسبة المشاركة بلغت⟧ 45.5% ⟦فقط⟧?")
        return PretranslatedDocument(fileName: "sub-sentence.ar.txt", sourceLanguage: .arabic, article: article,
                                     segments: [first, second, third], threshold: 70)
    }

    /// Fragments that overlap: one inside another (their marks nest) and one crossing
    /// both (it gets no mark). The fragment search gives none such; the writers cope.
    static func overlappingFragments() throws -> PretranslatedDocument {
        let text = "أكد وزير الخارجية الأمريكي أنتوني بلينكن"
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        var s = segment(article, 0)
        func fragment(_ source: String, _ target: String) throws -> TMFragment {
            TMFragment(range: try utf16Range(of: source, in: text), source: source, target: target, count: 2,
                       confidence: 0.5, alternatives: [], units: [1], words: source.split(separator: " ").count)
        }
        s.fragments = [try fragment("وزير الخارجية الأمريكي", "US Secretary of State"),
                       try fragment("وزير الخارجية", "foreign minister"),
                       try fragment("الأمريكي أنتوني", "American Antony")]
        s.assembled = DraftAssembler.assemble(text, side: .arabic, fragments: s.fragments, terms: [])
        return PretranslatedDocument(fileName: "overlap.ar.txt", sourceLanguage: .arabic, article: article,
                                     segments: [s], threshold: 70)
    }
}

