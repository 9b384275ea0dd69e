import Testing
@testable import DragomanText

/// Each rule of docs/match-key.md, pinned on real Arabic.
@Suite struct MatchKeyTests {
    @Test(arguments: [
        // Rule 1: NFKC expands ligatures and presentation forms.
        ("ﻻ", "لا"),
        ("ﷲ", "الله"),
        ("ﺍﻟﻘﺪﺱ", "القدس"),
        // Rule 2: bidi controls and zero-width characters removed.
        ("\u{200F}القدس\u{200E}", "القدس"),
        ("\u{2067}غزة\u{2069}", "غزه"),
        ("القد\u{200C}س", "القدس"),
        // Rule 3: tatweel removed.
        ("القـــدس", "القدس"),
        // Rule 4: harakat, dagger alef, Quranic marks removed.
        ("مُنَادِيًا", "مناديا"),
        ("هٰذا", "هذا"),
        ("الرَّحْمَٰنِ", "الرحمن"),
        // Rule 5: hamza/madda/wasla alef forms → bare alef.
        ("الأسرى", "الاسري"),
        ("إسطنبول", "اسطنبول"),
        ("آمن", "امن"),
        ("ٱلله", "الله"),
        // Rule 6: alef maqsura and Persian ya → ya.
        ("على", "علي"),
        ("إلى", "الي"),
        ("فی", "في"),
        // Rule 7: ta marbuta → ha.
        ("قضية", "قضيه"),
        ("مدينة", "مدينه"),
        // Rule 8: Persian kaf → kaf.
        ("کتاب", "كتاب"),
        // Rule 9: digits of every Arabic script → ASCII.
        ("٤٠ دولة", "40 دوله"),
        ("۱۴۰۰", "1400"),
        // Rule 10: Arabic decimal, thousands and percent signs.
        ("١٢٫٥٪", "12.5%"),
        ("١٬٠٠٠", "1,000"),
        // Rule 11: Arabic punctuation and quotes → ASCII.
        ("«القدس»، غزة؛ لماذا؟", "\"القدس\", غزه; لماذا?"),
        ("”رواد القدس“", "\"رواد القدس\""),
        // Whitespace collapsed and trimmed.
        ("  القدس \t\n  وفلسطين  ", "القدس وفلسطين"),
        ("القدس\u{00A0}وفلسطين", "القدس وفلسطين"),
        // Rule 12: Latin case-folded.
        ("Secretary-General", "secretary-general"),
        ("GAZA Strip", "gaza strip"),
    ])
    func rule(input: String, key: String) {
        #expect(MatchKey.make(input) == key)
    }

    /// The hamza on waw and ya is kept: folding it merges different words.
    @Test func keepsHamzaOnWawAndYa() {
        #expect(MatchKey.make("مسؤول") == "مسؤول")
        #expect(MatchKey.make("مسؤول") != MatchKey.make("مسوول"))
        #expect(MatchKey.make("رئيس") == "رئيس")
        #expect(MatchKey.make("سؤال") != MatchKey.make("سوال"))
    }

    /// Known, documented collisions: the price of matching spelling variants.
    @Test(arguments: [("على", "علي"), ("إلى", "إلي"), ("أمن", "آمن"), ("مدينة", "مدينه")])
    func documentedCollisions(a: String, b: String) {
        #expect(MatchKey.make(a) == MatchKey.make(b))
    }

    @Test func realVariantsInTheSampleArticleMeet() {
        #expect(MatchKey.make("قضية الاسرى العادلة") == MatchKey.make("قضية الأسرى العادلة"))
        #expect(MatchKey.make("من نحو 40 دولة") == MatchKey.make("من نحو ٤٠ دولة"))
        #expect(MatchKey.make("الاعمال") == MatchKey.make("الأعمال"))
    }

    @Test func emptyAndSpaceOnly() {
        #expect(MatchKey.make("") == "")
        #expect(MatchKey.make(" \u{200F} ") == "")
    }

    /// Property: the key is a fixed point, over random strings of Arabic letters, marks,
    /// digits, Latin, punctuation, controls and spaces.
    @Test func idempotentOverRandomArabic() {
        var rng = SplitMix64(seed: 0xD2A6)
        let alphabet: [Unicode.Scalar] = (0x0621...0x064A).compactMap(Unicode.Scalar.init)
            + (0x064B...0x065F).compactMap(Unicode.Scalar.init)
            + (0x0660...0x066D).compactMap(Unicode.Scalar.init)
            + (0x06F0...0x06F9).compactMap(Unicode.Scalar.init)
            + [0x0670, 0x0671, 0x06A9, 0x06CC, 0x0640, 0x200F, 0x2067, 0x2069, 0xFEFB, 0xFDF2, 0xFE8D,
               0x20, 0x0A, 0xA0, 0x41, 0x5A, 0x61, 0x65, 0x0301, 0x0130, 0x00AB, 0x00BB, 0x060C, 0x061F,
               0x201C, 0x201D, 0x2E, 0x31]
                .compactMap(Unicode.Scalar.init)
        for _ in 0..<5_000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(rng.next() % 24) {
                s.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
            }
            let text = String(s)
            let key = MatchKey.make(text)
            #expect(MatchKey.make(key) == key, "not idempotent for \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
