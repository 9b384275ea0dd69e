import Testing
@testable import DragomanTM

/// The light stemmer's two halves: the proclitics alone (fragment recall looks words up
/// with each of them) and the whole base (the index's fuzzy search).
@Suite struct LightStemmerTests {
    @Test(arguments: [
        ("وللمدارس", "مدارس", "مدارس"),     // و + لل
        ("بالقدس", "قدس", "قدس"),           // ب + ال
        ("العامين", "عامين", "عام"),         // the dual ending stays without proclitics
        ("فالمتحدثه", "متحدثه", "متحدث"),   // a match key writes ة as ه
        ("حكومتها", "حكومتها", "حكوم"),      // no proclitic; the base drops the pronoun and ت
        ("كتب", "كتب", "كتب"),               // too short to strip
        ("لبنان", "بنان", "بنان"),           // ل read as a proclitic: the lookup adds it back
    ])
    func proclitics(key: String, withoutProclitics: String, base: String) {
        #expect(LightStemmer.arabicWithoutProclitics(key) == withoutProclitics)
        #expect(LightStemmer.arabicBase(key) == base)
    }
}
