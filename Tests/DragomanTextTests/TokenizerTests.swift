import Testing
@testable import DragomanText

@Suite struct TokenizerTests {
    func kinds(_ text: String) -> [String] {
        Tokenizer.tokenize(text).map { "\($0.text)/\($0.kind.rawValue)" }
    }

    @Test func kindsAndOffsets() {
        let text = "وقال:”علينا العمل“ في 2021، راجع www.example.org/ar أو news@example.com — Hamas"
        #expect(kinds(text) == [
            "وقال/arabicWord", ":/punctuation", "”/punctuation", "علينا/arabicWord", "العمل/arabicWord",
            "“/punctuation", "في/arabicWord", "2021/number", "،/punctuation", "راجع/arabicWord",
            "www.example.org/ar/url", "أو/arabicWord", "news@example.com/email", "—/punctuation", "Hamas/latinWord",
        ])
        // Offsets are UTF-16 units of the original.
        let utf16 = Array(text.utf16)
        for token in Tokenizer.tokenize(text) {
            #expect(String(decoding: utf16[token.range], as: UTF16.self) == token.text)
        }
    }

    @Test func harakatAndTatweelStayInTheWord() {
        let tokens = Tokenizer.tokenize("مُنَادِيًا القـــدس")
        #expect(tokens.map(\.text) == ["مُنَادِيًا", "القـــدس"])
        #expect(tokens.map(\.key) == ["مناديا", "القدس"])
    }

    @Test(arguments: [
        ("و3", ["و/clitic", "3/number"]),
        ("ب١٥", ["ب/clitic", "١٥/number"]),
        ("و3.5%", ["و/clitic", "3.5%/number"]),
        ("لـ2021", ["لـ/clitic", "2021/number"]),
        ("وب٤٠", ["وب/clitic", "٤٠/number"]),
        ("٢٠٢١م", ["٢٠٢١/number", "م/arabicWord"]),
        ("عام1999", ["عام/arabicWord", "1999/number"]),
    ])
    func numberGluedToClitic(text: String, expected: [String]) {
        #expect(kinds(text) == expected)
    }

    @Test func numbersKeepSeparatorsAndSigns() {
        #expect(kinds("١٢٫٥٪ 1,234.5 -3 22nd 3.") == [
            "١٢٫٥٪/number", "1,234.5/number", "-3/number", "22nd/number", "3/number", "./punctuation",
        ])
        #expect(Tokenizer.tokenize("٤٠")[0].number?.canonical == "40")
    }

    @Test func bidiControlsAreNotTokens() {
        #expect(kinds("\u{2067}القدس\u{2069} 40") == ["القدس/arabicWord", "40/number"])
    }

    @Test func latinWordsWithApostrophesAndDigits() {
        #expect(kinds("Sainsbury's G20 don’t") == ["Sainsbury's/latinWord", "G20/latinWord", "don’t/latinWord"])
    }

    @Test func emptyText() {
        #expect(Tokenizer.tokenize("").isEmpty)
        #expect(Tokenizer.tokenize("   \n ").isEmpty)
    }
}
