import Foundation
import Testing
import DragomanText
@testable import DragomanPretranslate

/// Articles with bidi controls, mixed line ends, control characters and odd Markdown:
/// the parser never traps, rebuilds the text exactly, and keeps bidi controls in the
/// segments as given.
@Suite struct HostileArticleTests {
    static let texts = [
        "\u{202B}قال الوزير\u{202C} إن المفاوضات ستستأنف. وأضاف أن \u{200F}الوفد\u{200F} سيصل غداً.\n",
        "\u{202E}\n\n\u{2066}\u{2069}\n\nفقرة بعد فقرتين خفيتين.\n",
        "سطر أول\r\nسطر ثان\rسطر ثالث\nسطر رابع\r",
        "# \u{200F}\n\n- \u{202B}\n1. \n> \n\n```\n\u{202E}كود\n",
        "~~~\nمفتوح بلا إغلاق. ```\n~~~ ``` ~~~\n\nنص.",
        "\u{FEFF}\u{200B}\u{00A0}\u{2028}\u{2029}\u{0085}جملة.\u{2028}جملة أخرى.",
        "د. محمد قال: ... ؟؟ !! ..\n\n...\n\n؟",
        "\t\t\n \n\u{000B}\u{000C}\n",
        "",
    ]

    @Test(arguments: texts)
    func rebuildsExactlyInEveryLayoutAndLanguage(text: String) {
        for layout in TextLayout.allCases {
            for language in [nil] + Language.allCases.map(Optional.some) {
                let article = ArticleParser.parse(text, layout: layout, language: language)
                #expect(article.source == text, "\(layout) \(language)")
                #expect(article.segments.map(\.index) == Array(article.segments.indices))
                #expect(article.segments.allSatisfy { !$0.text.isEmpty })
            }
        }
    }

    @Test func bidiControlsStayInTheSegments() {
        let article = ArticleParser.parse(Self.texts[0], layout: .plainText, language: .arabic)
        #expect(article.segments.map(\.text) == ["\u{202B}قال الوزير\u{202C} إن المفاوضات ستستأنف.",
                                                 "وأضاف أن \u{200F}الوفد\u{200F} سيصل غداً."])
    }

    @Test func decodedMixedLineEndsGiveOneParagraphPerLine() throws {
        let text = try TextDecoding.decode(Array("سطر أول\r\nسطر ثان\rسطر ثالث\nسطر رابع\r".utf8))
        let article = ArticleParser.parse(text, layout: .plainText, language: .arabic)
        #expect(article.segments.map(\.text) == ["سطر أول", "سطر ثان", "سطر ثالث", "سطر رابع"])
        #expect(article.segments.map(\.paragraph) == [0, 1, 2, 3])
    }
}
