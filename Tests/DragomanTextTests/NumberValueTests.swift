import Testing
@testable import DragomanText

@Suite struct NumberValueTests {
    @Test(arguments: [
        ("40", "40", false, DigitScript.ascii),
        ("٤٠", "40", false, .arabicIndic),
        ("۴۰", "40", false, .extendedArabicIndic),
        ("١٢٫٥", "12.5", false, .arabicIndic),
        ("١٢٫٥٪", "12.5", true, .arabicIndic),
        ("40%", "40", true, .ascii),
        ("1,234.50", "1234.5", false, .ascii),
        ("1.234,5", "1234.5", false, .ascii),
        ("١٬٠٠٠", "1000", false, .arabicIndic),
        ("1,000,000", "1000000", false, .ascii),
        ("3,5", "3.5", false, .ascii),
        ("05", "5", false, .ascii),
        ("-3", "-3", false, .ascii),
        ("0.250", "0.25", false, .ascii),
    ])
    func parses(text: String, canonical: String, percent: Bool, script: DigitScript) throws {
        let n = try #require(NumberValue.parse(text))
        #expect(n.canonical == canonical)
        #expect(n.isPercent == percent)
        #expect(n.script == script)
    }

    @Test func sameValueAcrossScripts() throws {
        let a = try #require(NumberValue.parse("40")), b = try #require(NumberValue.parse("٤٠")),
            c = try #require(NumberValue.parse("۴۰"))
        #expect(a.sameValue(as: b) && b.sameValue(as: c))
        #expect(!(try #require(NumberValue.parse("40%"))).sameValue(as: a))
    }

    @Test func ordinals() throws {
        for (text, value) in [("1st", "1"), ("22nd", "22"), ("3rd", "3"), ("12th", "12")] {
            let n = try #require(NumberValue.parse(text))
            #expect(n.isOrdinal && n.canonical == value)
        }
    }

    @Test func notNumbers() {
        for text in ["", "abc", "٤٠x", ".5.", "1..2", "%"] {
            #expect(NumberValue.parse(text) == nil, "\(text)")
        }
    }

    @Test func rendersInTheTargetScript() throws {
        let n = try #require(NumberValue.parse("12.5%"))
        #expect(n.rendered(in: .arabicIndic) == "١٢٫٥٪")
        #expect((try #require(NumberValue.parse("٣٥"))).rendered(in: .ascii) == "35")
    }
}
