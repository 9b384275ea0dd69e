import Foundation

/// The two languages Dragoman pairs. One type for the whole project: a translation
/// unit's sides, a glossary term's language, the language of an article or a sentence.
/// The raw values (`ar`, `en`) are the BCP 47 primary subtags used in files and JSON.
public enum Language: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case arabic = "ar"
    case english = "en"

    /// The language on the other side of a pair.
    public var other: Language { self == .arabic ? .english : .arabic }

    public var description: String { rawValue }

    /// The language's name in English ("Arabic", "English"), for messages.
    public var name: String { self == .arabic ? "Arabic" : "English" }

    /// Arabic when the text has more Arabic than Latin letters, else English: the script
    /// decides, whatever a file claims.
    public static func detect(_ text: String) -> Language {
        ArabicScript.isMostlyArabic(text) ? .arabic : .english
    }

    /// Accepts `ar`, `ara`, `arabic`, `en`, `eng`, `english` (any case, spaces around).
    public init?(parsing value: String) {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "ar", "ara", "arabic": self = .arabic
        case "en", "eng", "english": self = .english
        default: return nil
        }
    }
}
