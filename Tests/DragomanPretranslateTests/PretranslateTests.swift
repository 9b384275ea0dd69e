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
