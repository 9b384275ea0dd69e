import Testing
@testable import DragomanFormats

@Suite struct LanguageTagTests {
    @Test func primarySubtag() {
        #expect(LanguageTag.primary("ar-SA") == "ar")
        #expect(LanguageTag.primary("ar_EG") == "ar")
        #expect(LanguageTag.primary("AR") == "ar")
        #expect(LanguageTag.primary("en-GB") == "en")
        #expect(LanguageTag.primary(" EN-us ") == "en")
        #expect(LanguageTag.primary("") == "")
    }

    @Test func arabicAndEnglish() {
        for tag in ["ar", "ar-SA", "AR-EG", "ar_MA", "ara", "arz", "apc-LB", "ar-Latn"] {
            #expect(LanguageTag.isArabic(tag), "\(tag)")
        }
        for tag in ["en", "en-GB", "EN_us", "eng"] { #expect(LanguageTag.isEnglish(tag), "\(tag)") }
        #expect(!LanguageTag.isArabic("fa-IR"))
        #expect(!LanguageTag.isArabic("en"))
        #expect(!LanguageTag.isEnglish("ar-SA"))
        #expect(LanguageTag.samePrimary("ar-SA", "AR_eg"))
    }

    @Test func normalization() {
        #expect(LanguageTag.normalized("ar_eg") == "ar-EG")
        #expect(LanguageTag.normalized("EN-gb") == "en-GB")
        #expect(LanguageTag.normalized("zh-hant-tw") == "zh-Hant-TW")
        #expect(LanguageTag.normalized("ar-x-news") == "ar-x-news")
    }
}
