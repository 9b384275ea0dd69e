/// BCP 47 language tags as they appear in TMX and TBX files, which are often sloppy
/// (`AR`, `ar_EG`, `EN-us`). Matching is done on the primary language subtag so that an
/// `ar-SA` memory serves an `ar-EG` project.
public enum LanguageTag {
    /// The primary language subtag, lower-cased: `ar-SA` → `ar`, `ar_EG` → `ar`, `AR` → `ar`.
    public static func primary(_ tag: String) -> String {
        let trimmed = tag.trimmed
        let end = trimmed.firstIndex { $0 == "-" || $0 == "_" } ?? trimmed.endIndex
        return trimmed[..<end].lowercased()
    }

    /// The tag with `_` turned into `-` and BCP 47 casing: `ar_eg` → `ar-EG`, `zh-hant-tw` → `zh-Hant-TW`.
    public static func normalized(_ tag: String) -> String {
        let parts = tag.trimmed
            .split(whereSeparator: { $0 == "-" || $0 == "_" })
        var result: [String] = []
        for (index, part) in parts.enumerated() {
            if index == 0 {
                result.append(part.lowercased())
            } else if part.count == 2 && part.allSatisfy(\.isLetter) && !result.contains(where: { $0.count == 1 }) {
                result.append(part.uppercased())
            } else if part.count == 4 && part.allSatisfy(\.isLetter) && !result.contains(where: { $0.count == 1 }) {
                result.append(part.prefix(1).uppercased() + part.dropFirst().lowercased())
            } else {
                result.append(part.lowercased())
            }
        }
        return result.joined(separator: "-")
    }

    /// Whether two tags name the same primary language.
    public static func samePrimary(_ a: String, _ b: String) -> Bool {
        primary(a) == primary(b)
    }

    /// Arabic: `ar`, ISO 639-2 `ara`, or one of the Arabic varieties ISO 639-3 lists under
    /// the `ar` macrolanguage (`arz` Egyptian, `apc` Levantine, `ary` Moroccan, …).
    public static func isArabic(_ tag: String) -> Bool {
        let p = primary(tag)
        return p == "ar" || p == "ara" || arabicVarieties.contains(p)
    }

    /// English: `en` or ISO 639-2 `eng`.
    public static func isEnglish(_ tag: String) -> Bool {
        let p = primary(tag)
        return p == "en" || p == "eng"
    }

    static let arabicVarieties: Set<String> = [
        "aao", "abh", "abv", "acm", "acq", "acw", "acx", "acy", "adf", "aeb", "aec", "afb", "ajp",
        "apc", "apd", "arb", "arq", "ars", "ary", "arz", "auz", "avl", "ayh", "ayl", "ayn", "ayp",
        "bbz", "pga", "shu", "ssh",
    ]
}
