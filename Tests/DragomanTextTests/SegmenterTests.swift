import DragomanText
import Foundation
import Testing
@testable import DragomanText

@Suite struct SegmenterTests {
    func sentences(_ text: String, _ lang: Language? = nil, layout: TextLayout = .plainText) -> [String] {
        SentenceSegmenter(language: lang, layout: layout).segments(of: text).map(\.text)
    }

    /// The sample article against its hand-checked gold segmentation.
    @Test func sampleArticleMatchesGold() throws {
        let article = try String(contentsOf: fixture("sample-article.ar.txt"), encoding: .utf8)
        let gold = try String(contentsOf: fixture("sample-article.segments.txt"), encoding: .utf8)
        var expected: [[String]] = [[]]
        for line in gold.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { if !expected[expected.count - 1].isEmpty { expected.append([]) } } else { expected[expected.count - 1].append(String(line)) }
        }
        expected.removeAll { $0.isEmpty }
        let segments = SentenceSegmenter(language: .arabic).segments(of: article)
        let byParagraph = Dictionary(grouping: segments, by: \.paragraph).sorted { $0.key < $1.key }.map { $0.value.map(\.text) }
        #expect(byParagraph == expected)
    }

    @Test(arguments: [
        // Arabic terminators, with and without a space after them.
        ("قال الرئيس. وأضاف الوزير.", ["قال الرئيس.", "وأضاف الوزير."]),
        ("هل حضرت؟نعم حضرت.", ["هل حضرت؟", "نعم حضرت."]),
        ("انتهى الاجتماع.وبدأ المؤتمر", ["انتهى الاجتماع.", "وبدأ المؤتمر"]),
        ("يا للهول!! ماذا حدث؟؟ لا شيء", ["يا للهول!!", "ماذا حدث؟؟", "لا شيء"]),
        ("وقال:”علينا العمل“. وأضاف", ["وقال:”علينا العمل“.", "وأضاف"]),
        ("قال «انتهى الأمر.» ثم غادر", ["قال «انتهى الأمر.»", "ثم غادر"]),
        ("كان ذلك… ثم جاء الرد", ["كان ذلك…", "ثم جاء الرد"]),
        // No break at ، ؛ or inside numbers.
        ("القدس، غزة؛ الضفة", ["القدس، غزة؛ الضفة"]),
        ("بلغت النسبة ٣٫٥ بالمئة", ["بلغت النسبة ٣٫٥ بالمئة"]),
        ("بلغت النسبة 3.5 بالمئة", ["بلغت النسبة 3.5 بالمئة"]),
        // Arabic abbreviations.
        ("قال د. محمد إن الوضع خطير.", ["قال د. محمد إن الوضع خطير."]),
        ("قال أ.د. خالد إن الوضع خطير.", ["قال أ.د. خالد إن الوضع خطير."]),
        ("انظر ص. 12 من التقرير.", ["انظر ص. 12 من التقرير."]),
        ("التقى م. أحمد بالوفد.", ["التقى م. أحمد بالوفد."]),
        ("تأسست عام 1948 م. وقال المتحدث", ["تأسست عام 1948 م.", "وقال المتحدث"]),
        // URLs and e-mails.
        ("زوروا www.aljazeera.net/news للمزيد.", ["زوروا www.aljazeera.net/news للمزيد."]),
        ("راسلونا على info@example.org. شكرا", ["راسلونا على info@example.org.", "شكرا"]),
    ])
    func arabic(text: String, expected: [String]) {
        #expect(sentences(text, .arabic) == expected)
    }

    @Test(arguments: [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("The U.S. Senate voted. Then it left.", ["The U.S. Senate voted.", "Then it left."]),
        ("It fell 3.5 percent. Markets rose.", ["It fell 3.5 percent.", "Markets rose."]),
        ("The vote is on Jan. 5 in Gaza.", ["The vote is on Jan. 5 in Gaza."]),
        ("See No. 10 for details.", ["See No. 10 for details."]),
        ("George W. Bush spoke. Then he left.", ["George W. Bush spoke.", "Then he left."]),
        ("He got a grade A. The data show it.", ["He got a grade A.", "The data show it."]),
        ("It ends at 7 p.m. ET on Sunday.", ["It ends at 7 p.m. ET on Sunday."]),
        ("\"Why?\" she asked. He left.", ["\"Why?\" she asked.", "He left."]),
        ("He said it.The next day he left.", ["He said it.", "The next day he left."]),
        ("Visit www.example.com. Then call.", ["Visit www.example.com.", "Then call."]),
        ("Apples, oranges, etc. are fruit.", ["Apples, oranges, etc. are fruit."]),
        ("Roe v. Wade stands.", ["Roe v. Wade stands."]),
    ])
    func english(text: String, expected: [String]) {
        #expect(sentences(text, .english) == expected)
    }

    @Test func listNumberingAtParagraphStart() {
        #expect(sentences("1. First item here", .english) == ["1. First item here"])
        #expect(sentences("١. البند الأول", .arabic) == ["١. البند الأول"])
    }

    @Test func paragraphBreaksAlwaysEndASegment() {
        let text = "السطر الأول بلا نقطة\nالسطر الثاني\r\n\r\nالثالث"
        let segments = SentenceSegmenter(language: .arabic).segments(of: text)
        #expect(segments.map(\.text) == ["السطر الأول بلا نقطة", "السطر الثاني", "الثالث"])
        #expect(segments.map(\.paragraph) == [0, 1, 2])
    }

    @Test func markdownJoinsSoftLineBreaks() {
        let text = "# العنوان\n\nالسطر الأول\nيكمل الجملة. جملة ثانية.\n\n- بند"
        #expect(sentences(text, .arabic, layout: .markdown) == [
            "# العنوان", "السطر الأول\nيكمل الجملة.", "جملة ثانية.", "- بند",
        ])
    }

    @Test func rangesPointIntoTheOriginal() {
        let text = "  مرحبا. أهلا بكم!  \nسطر"
        let u = Array(text.utf16)
        for s in SentenceSegmenter().segments(of: text) {
            #expect(String(decoding: u[s.range], as: UTF16.self) == s.text)
        }
    }
}

func fixture(_ name: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
}
