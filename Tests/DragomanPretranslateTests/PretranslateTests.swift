import Foundation
import Testing
import DragomanText
@testable import DragomanPretranslate
@testable import DragomanTM

@Suite struct ArticleParserTests {
    @Test(arguments: [
        "بتوقيت القدس\n\nقال الرئيس. وأضاف الوزير.\n",
        "بلا سطر أخير. جملة ثانية",
        "# العنوان\n\nفقرة أولى. فقرة ثانية.\n\n- بند أول\n- بند ثان\n\n> اقتباس هنا.\n",
        "```\ncode block. not segmented.\n```\n\nنص عادي.\n",
    ])
    func rebuildsTheSourceExactly(text: String) {
        for layout in TextLayout.allCases {
            let article = ArticleParser.parse(text, layout: layout, language: .arabic)
            #expect(article.source == text)
        }
    }

    @Test func markdownMarkersPassThrough() {
        let article = ArticleParser.parse("# العنوان\n\n- بند أول\n1. بند مرقم\n", layout: .markdown, language: .arabic)
        #expect(article.segments.map(\.text) == ["العنوان", "بند أول", "بند مرقم"])
        #expect(article.segments.map(\.block) == [.heading, .listItem, .listItem])
        #expect(article.rebuilt { "<\($0)>" } == "# <0>\n\n- <1>\n1. <2>\n")
    }

    @Test func sampleArticleRoundTrips() throws {
        let text = try String(contentsOf: #require(Bundle.module.url(forResource: "sample-article.ar", withExtension: "txt", subdirectory: "Fixtures")), encoding: .utf8)
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        #expect(article.source == text)
        #expect(article.segments.count == 25)
    }
}

@Suite struct PretranslatorTests {
    func pretranslate(_ text: String, tm: InMemoryTranslationMemory, exactAs: PretranslationOptions.ExactAs = .final,
                      workers: Int = 1) throws -> PretranslatedDocument {
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        let searcher = tm.searcher()
        let p = Pretranslator(search: { try searcher.search($0, threshold: $1, limit: $2) }, terms: nil, workers: workers)
        return try p.run(article, fileName: "a.txt", options: PretranslationOptions(exactAs: exactAs))
    }

    @Test func everyKindAndRepetitions() throws {
        let tm = InMemoryTranslationMemory()
        let title = "بتوقيت القدس"
        let first = "اختتم الائتلاف أعمال مؤتمره في إسطنبول."
        _ = try tm.add(TranslationUnit(arabic: first, english: "The coalition concluded its conference in Istanbul.",
                                       arabicContext: UnitContext(previous: UnitContext.hash(ofSegment: title))))
        _ = try tm.add(TranslationUnit(arabic: "شارك نحو 35 دولة في المؤتمر.", english: "About 35 countries took part in the conference."))
        _ = try tm.add(TranslationUnit(arabic: "وأكد المشاركون على أهمية القدس.", english: "The participants stressed the importance of Jerusalem."))
        _ = try tm.add(TranslationUnit(arabic: "مع التركيز على قضية الأسرى.", english: "With a focus on the prisoners' issue."))
        let text = [title, first, "شارك نحو 40 دولة في المؤتمر.", "وأكد المشاركون على أهمية الأقصى.",
                    "مع التركيز على قضية الاسرى.", "جملة لا مثيل لها في الذاكرة.", first].joined(separator: "\n")
        let doc = try pretranslate(text, tm: tm)
        let kinds = doc.segments.map { $0.best?.kind }
        #expect(kinds == [nil, .context, .repaired, .fuzzy, .exactVariant, nil, .context])
        #expect(doc.segments[2].target == "About 40 countries took part in the conference.")
        #expect(doc.segments.map(\.state) == [.untranslated, .translated, .needsReview, .needsReview, .translated, .untranslated, .translated])
        #expect(doc.segments[6].repetitionOf == 1)
        #expect(doc.segments[2].numbers.map(\.value) == ["40"])
        // The target article keeps the source structure; untranslated segments stay in the source.
        #expect(doc.targetText.split(separator: "\n").count == 7)
        #expect(doc.targetText.hasPrefix("بتوقيت القدس\nThe coalition concluded"))
        // Segments looked up on several threads give the same document.
        for workers in [2, 3, 8] {
            #expect(try pretranslate(text, tm: tm, workers: workers) == doc)
        }
    }

    @Test func exactAsReview() throws {
        let tm = InMemoryTranslationMemory()
        _ = try tm.add(TranslationUnit(arabic: "قال الرئيس.", english: "The president said."))
        let doc = try pretranslate("قال الرئيس.", tm: tm, exactAs: .review)
        #expect(doc.segments[0].state == .needsReview)
    }

    @Test func analysisBandsAndRepetitionPrecedence() throws {
        let tm = InMemoryTranslationMemory()
        _ = try tm.add(TranslationUnit(arabic: "قال الرئيس إن الوضع خطير جدا.", english: "x"))
        let text = "قال الرئيس إن الوضع خطير جدا.\nوقال الرئيس إن الوضع خطير جدا.\nوقال الرئيس إن الوضع خطير جدا.\nجملة جديدة تماما."
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        let searcher = tm.searcher()
        let doc = try Pretranslator(search: { q, _, _ in try searcher.search(q, threshold: 50, limit: 1) }, terms: nil)
            .run(article, fileName: "a", options: PretranslationOptions(threshold: 50))
        var seen = Set<String>()
        let counts = Analyzer.count(doc, seen: &seen)
        #expect(counts.segments[AnalysisBand.exact] == 1)
        #expect(counts.segments[AnalysisBand.fuzzy95] == 1)
        #expect(counts.segments[AnalysisBand.repetition] == 1)
        #expect(counts.segments[AnalysisBand.noMatch] == 1)
        #expect(counts.words[AnalysisBand.noMatch] == 3)
        #expect(counts.totalWords == 21)
        #expect(counts.weightedWords(.standard) == 0.3 * 6 + 0.6 * 6 + 0.1 * 6 + 3)
        #expect(AnalysisWeights("0/10/30/60/60/60/100/100") == .standard)
        #expect(AnalysisWeights("1/2/3") == nil)
    }
}

/// Fragments and assembled drafts through the pre-translator, with a fake fragment search
/// (the TM's own is tested with the store).
@Suite struct SubSentencePretranslationTests {
    /// Gives, for each known phrase a text contains, a fragment; counts its calls.
    final class FakeFragments: @unchecked Sendable {
        let phrases: [(String, String)]
        private let lock = NSLock()
        private(set) var calls: [String] = []

        init(_ phrases: [(String, String)]) { self.phrases = phrases }

        func callAsFunction(_ text: String, _ side: Language) throws -> [TMFragment] {
            lock.withLock { calls.append(text) }
            // Backwards, so that the pre-translator has to sort them.
            return try phrases.reversed().compactMap { phrase, target in
                guard text.contains(phrase) else { return nil }
                return try fragment(phrase, in: text, target, count: 3, confidence: 0.7)
            }
        }
    }

    struct FakeGlossary: TermSpotter {
        func hits(in text: String, side: Language) throws -> [SegmentTerm] {
            text.contains("إيمانويل ماكرون") ? [try glossaryTerm("إيمانويل ماكرون", in: text, ["Emmanuel Macron"])] : []
        }
    }

    static let unmatched = DraftAssemblerTests.macron + "."
    static let matched = "وقال المتحدث في بيان إن الوفد سيصل غدا."
    /// The first segment again with a fatha: a repetition by match key, another text.
    static let variant = "قالَ الرئيس الفرنسي إيمانويل ماكرون في بيان إن 35 شخصا قتلوا."
    static let text = [unmatched, matched, unmatched, variant].joined(separator: "\n")

    func pretranslate(_ fragments: FakeFragments, assembledAsTarget: Bool = false, workers: Int = 1) throws -> PretranslatedDocument {
        let tm = InMemoryTranslationMemory()
        _ = try tm.add(TranslationUnit(arabic: Self.matched, english: "The spokesman said in a statement that the delegation would arrive tomorrow."))
        let searcher = tm.searcher()
        let article = ArticleParser.parse(Self.text, layout: .plainText, language: .arabic)
        let p = Pretranslator(search: { try searcher.search($0, threshold: $1, limit: $2) }, terms: FakeGlossary(),
                              fragments: { try fragments($0, $1) }, workers: workers)
        return try p.run(article, fileName: "a.txt", options: PretranslationOptions(assembledAsTarget: assembledAsTarget))
    }

    static let phrases = [("قال الرئيس الفرنسي", "the French president said"), ("في بيان", "in a statement")]

    @Test func fragmentsOnEverySegmentDraftsOnlyWithoutAMatch() throws {
        let fragments = FakeFragments(Self.phrases)
        let doc = try pretranslate(fragments)
        try #require(doc.segments.count == 4)
        // Every segment without an exact match has its fragments, in segment order, with
        // offsets into its own text; the one the TM holds whole needs none.
        #expect(doc.segments.map { $0.fragments.map(\.source) } == [
            ["قال الرئيس الفرنسي", "في بيان"], [], ["قال الرئيس الفرنسي", "في بيان"], ["في بيان"],
        ])
        for s in doc.segments {
            for f in s.fragments {
                #expect(String(decoding: Array(s.segment.text.utf16)[f.range], as: UTF16.self) == f.source)
            }
        }
        // Looked up once per distinct text: the repetition of the same text copies them.
        #expect(fragments.calls.sorted() == [Self.unmatched, Self.variant].sorted())
        // A draft only where there is no match.
        #expect(doc.segments[1].best?.kind == .exact && doc.segments[1].assembled == nil)
        let draft = try #require(doc.segments[0].assembled)
        #expect(draft.text == "the French president said Emmanuel Macron in a statement ⟦إن⟧ 35 ⟦شخصا قتلوا⟧.")
        #expect(doc.segments[2].repetitionOf == 0 && doc.segments[2].assembled == draft)
        // The variant repeats segment 1 by key, but its draft is its own.
        #expect(doc.segments[3].repetitionOf == 0)
        #expect(doc.segments[3].assembled?.text == "⟦قالَ الرئيس الفرنسي⟧ Emmanuel Macron in a statement ⟦إن⟧ 35 ⟦شخصا قتلوا⟧.")
        // Without --assembled-as-target a draft is no proposal.
        #expect(doc.segments.map(\.state) == [.untranslated, .translated, .untranslated, .untranslated])
        #expect(doc.segments.map { $0.target == nil } == [true, false, true, true])
        #expect(doc.assembledSegments == 3 && doc.segmentsWithFragments == 3)
        // Several threads give the same fragments and drafts (the TM, made anew, has other dates).
        let threaded = try pretranslate(FakeFragments(Self.phrases), workers: 3)
        #expect(threaded.segments.map(\.fragments) == doc.segments.map(\.fragments))
        #expect(threaded.segments.map(\.assembled) == doc.segments.map(\.assembled))
    }

    @Test func assembledAsTargetIsAProposalToReview() throws {
        let doc = try pretranslate(FakeFragments(Self.phrases), assembledAsTarget: true)
        #expect(doc.segments.map(\.state) == [.needsReview, .translated, .needsReview, .needsReview])
        #expect(doc.segments.map(\.assembledIsTarget) == [true, false, true, true])
        // Not a TM match: no kind, no score, so analysis keeps it in no match.
        #expect(doc.segments[0].best == nil)
        #expect(doc.segments[0].target == doc.segments[0].assembled?.text)
        #expect(doc.segments[1].target == "The spokesman said in a statement that the delegation would arrive tomorrow.")
        #expect(doc.targetText.hasPrefix("the French president said Emmanuel Macron in a statement ⟦إن⟧ 35 ⟦شخصا قتلوا⟧.\nThe spokesman"))
        var seen = Set<String>()
        let counts = Analyzer.count(doc, seen: &seen)
        #expect(counts.segments[.noMatch] == 1 && counts.segments[.repetition] == 2 && counts.segments[.exact] == 1)
        #expect(counts.assembled.segments == 1 && counts.assembled.words == 11 && counts.assembled.coveredWords == 8)
    }

    @Test func noFragmentSearchNoDraftFromNumbersAlone() throws {
        let article = ArticleParser.parse("قتل 35 شخصا.\nزار Antony Blinken القاهرة.", layout: .plainText, language: .arabic)
        let doc = try Pretranslator(search: { _, _, _ in [] }, terms: nil).run(article, fileName: "a", options: PretranslationOptions())
        #expect(doc.segments.map(\.fragments) == [[], []])
        #expect(doc.segments[0].assembled == nil)
        #expect(doc.segments[1].assembled?.text == "⟦زار⟧ Antony Blinken ⟦القاهرة⟧.")
    }

    @Test func englishSourceDrafts() throws {
        let article = ArticleParser.parse("Macron said in a statement that 35 people were killed.", layout: .plainText,
                                          language: .english)
        let fragments = FakeFragments([("said in a statement", "قال في بيان")])
        let doc = try Pretranslator(search: { _, _, _ in [] }, terms: nil, fragments: { try fragments($0, $1) })
            .run(article, fileName: "a", options: PretranslationOptions(side: .english, assembledAsTarget: true))
        #expect(doc.segments[0].target == "⟦Macron⟧ قال في بيان ⟦that⟧ 35 ⟦people were killed⟧.")
        #expect(doc.segments[0].state == .needsReview)
    }
}
