import Foundation

/// Whether a pair's texts are in the languages they are declared in. The script decides,
/// whatever a file claims: a segment or term on the Arabic side with no Arabic letter while
/// the English side has some, or an English side whose letters are mostly Arabic, is in the
/// wrong language (a swapped file, a pseudo-translation, a mislabelled TBX). Latin product
/// names, codes and placeholders inside Arabic text are Arabic text
/// (`استورد ملف Quattro Pro`, `"الصفحة " & #PAGENUMBER#`, `%PRODUCTNAME كالك`), and
/// placeholders (`%NAME`, `%s`, `$x$`, `#X#`, `{0}`, `<b>`) are left out when letters are
/// counted.
public enum ScriptCheck {
    /// Why a pair's languages contradict its scripts.
    public enum Problem: String, Sendable, Hashable, Codable {
        /// The Arabic side is English and the English side Arabic.
        case swapped
        /// The Arabic side has no Arabic letter while the English side has some.
        case arabicSideNotArabic
        /// Most letters of the English side are Arabic.
        case englishSideArabic

        /// The reason as a line of a report says it.
        public var reason: String {
            switch self {
            case .swapped: "the Arabic and English sides are swapped (English first)"
            case .arabicSideNotArabic: "the Arabic side has no Arabic letter, while the English side has"
            case .englishSideArabic: "the English side is mostly Arabic (a pseudo-translation, or the source copied?)"
            }
        }
    }

    /// Letters of each script in `text`, placeholders and markup left out.
    public static func letters(_ text: some StringProtocol, ignoringPlaceholders: Bool = true) -> (arabic: Int, latin: Int) {
        let source = ignoringPlaceholders ? withoutPlaceholders(String(text)) : String(text)
        var arabic = 0, latin = 0
        for s in source.unicodeScalars {
            if ArabicScript.isLetter(s.value) { arabic += 1 } else if LatinScript.isLetter(s.value) { latin += 1 }
        }
        return (arabic, latin)
    }

    /// The problem of a pair declared Arabic–English, or nil. Either side may be empty (a
    /// one-language glossary row): an empty side is not judged.
    public static func problem(arabic: some StringProtocol, english: some StringProtocol) -> Problem? {
        // Fast path: most pairs are plainly right, and counting raw letters is cheap.
        let rawArabic = letters(arabic, ignoringPlaceholders: false)
        let rawEnglish = letters(english, ignoringPlaceholders: false)
        if (arabic.isEmpty || rawArabic.arabic > 0) && rawEnglish.arabic * 2 <= rawEnglish.arabic + rawEnglish.latin {
            return nil
        }
        let a = letters(arabic), e = letters(english)
        let arabicSideBad = !arabic.isEmpty && a.arabic == 0 && (e.arabic > 0 || english.isEmpty && a.latin > 0)
        let englishSideBad = !english.isEmpty && e.arabic > 0 && e.arabic * 2 > e.arabic + e.latin
        switch (arabicSideBad, englishSideBad) {
        case (true, true): return .swapped
        case (true, false): return .arabicSideNotArabic
        case (false, true): return .englishSideArabic
        case (false, false): return nil
        }
    }

    /// `text` with placeholders and markup removed: `%NAME%`, `%NAME`, `%s`, `%1$s`, `$x$`,
    /// `#X#`, `{0}`, `{name}`, `<tag …>`, `&name;`.
    public static func withoutPlaceholders(_ text: String) -> String {
        let range = NSRange(text.startIndex..., in: text)
        return placeholder.stringByReplacingMatches(in: text, range: range, withTemplate: " ")
    }

    /// Placeholders and inline codes (also what QA compares between source and target).
    public static let placeholder = try! NSRegularExpression(pattern: [
        #"%[0-9]*\$?[A-Za-z_][A-Za-z0-9_]*%?"#,
        #"\$[A-Za-z0-9_]+\$"#,
        #"#[A-Za-z0-9_]+#"#,
        #"\{[^{}\s]{0,40}\}"#,
        #"<[^<>]{1,200}>"#,
        #"&[A-Za-z]+;"#,
    ].joined(separator: "|"))
}
