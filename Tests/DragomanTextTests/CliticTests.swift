import Testing
@testable import DragomanText

/// Clitic readings of words of the sample article.
@Suite struct CliticTests {
    func descriptions(_ word: String) -> [String] {
        CliticAnalyzer.readings(of: word).map(\.description)
    }

    @Test func identityComesFirst() {
        for word in ["والقدس", "ولد", "بلد", "كمال", "القدس"] {
            #expect(CliticAnalyzer.readings(of: word).first?.isIdentity == true)
        }
    }

    @Test(arguments: [
        ("والقدس", "و+ ال+ قدس"),
        ("بالقدس", "ب+ ال+ قدس"),
        ("لفلسطين", "ل+ فلسطين"),
        ("وفلسطين", "و+ فلسطين"),
        ("قضيتنا", "قضيه +نا"),
        ("وللمؤتمر", "و+ ل+ ال+ مؤتمر"),
        ("للمؤتمر", "ل+ ال+ مؤتمر"),
        ("مؤتمره", "مؤتمر +ه"),
        ("الاحتلال", "ال+ احتلال"),
        ("وبالحصار", "و+ ب+ ال+ حصار"),
        ("فبالحصار", "ف+ ب+ ال+ حصار"),
        ("وقال", "و+ قال"),
        ("حريتهم", "حريه +هم"),
        ("بأيامه", "ب+ ايام +ه"),
    ])
    func expectedReadingIsAmongTheCandidates(word: String, reading: String) {
        #expect(descriptions(word).contains(reading), "\(descriptions(word))")
    }

    @Test func taMarbutaIsRestoredOnlyBeforeASuffix() {
        let readings = CliticAnalyzer.readings(of: "قضيتنا")
        let restored = readings.filter(\.restoredTaMarbuta)
        #expect(restored.map(\.core) == ["قضيه"])
        #expect(readings.contains { $0.core == "قضيت" && !$0.restoredTaMarbuta })
        #expect(!CliticAnalyzer.readings(of: "قضية").contains { $0.restoredTaMarbuta })
    }

    @Test func derivationsAreNotReadings() {
        // المقدسيين is not القدس; المحاصر is not حصار.
        #expect(!CliticAnalyzer.readings(of: "المقدسيين").contains { $0.core == "قدس" })
        #expect(!CliticAnalyzer.readings(of: "المحاصر").contains { $0.core == "حصار" })
    }

    @Test func noCoreShorterThanTwoLetters() {
        for word in ["وله", "بها", "لك", "والقدس", "فيه"] {
            #expect(CliticAnalyzer.readings(of: word).allSatisfy { $0.core.unicodeScalars.count >= 2 })
        }
    }

    @Test func articleAndSuffixNeverTogether() {
        for word in ["الكتابه", "والمؤتمرهم"] {
            #expect(CliticAnalyzer.readings(of: word).allSatisfy { !($0.article && $0.suffix != nil) })
        }
    }

    @Test func coreOffsetPointsAtTheCore() {
        let key = MatchKey.make("وللمؤتمر")
        let reading = CliticAnalyzer.readings(ofKey: key).first { $0.core == "مؤتمر" }!
        #expect(String(String.UnicodeScalarView(Array(key.unicodeScalars).dropFirst(reading.coreOffset))) == "مؤتمر")
    }

    @Test func nonArabicKeysReadAsThemselves() {
        #expect(CliticAnalyzer.readings(ofKey: "gaza").count == 1)
        #expect(CliticAnalyzer.readings(ofKey: "40").count == 1)
    }
}
