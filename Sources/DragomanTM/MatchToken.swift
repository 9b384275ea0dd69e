import DragomanText

/// The weight class of a token in the fuzzy score: what it costs to insert or delete it.
/// Weights are integers (a content word is 20) so that scores and index bounds are exact.
public enum WeightClass: UInt8, Sendable, Codable, Hashable {
    case word = 0
    case clitic = 1
    case number = 2
    case punctuation = 3

    public var weight: Int {
        switch self {
        case .word: return 20
        case .clitic: return 6
        case .number: return 10
        case .punctuation: return 5
        }
    }
}

/// A token as the fuzzy matcher sees it: its match key, its base (the key with
/// clitics and a few endings removed, so that وقال and قال, الفلسطينية and الفلسطيني
/// share one), and its weight class.
public struct MatchToken: Sendable, Hashable {
    public let text: String
    public let key: String
    public let base: String
    public let weightClass: WeightClass
    /// UTF-16 range in the segment.
    public let range: Range<Int>
    public let number: NumberValue?

    public var weight: Int { weightClass.weight }
}

/// Turns a segment into match tokens.
public enum MatchTokenizer {
    /// The base every number shares: two numbers differ by value, not by word.
    public static let numberBase = "#"

    /// With `bases: false` a word's base is its key: for readers that never compare bases
    /// (term extraction, which reads every unit twice and spent a quarter of its
    /// tokenising on the stemmer).
    public static func tokens(of text: String, side: Language, bases: Bool = true) -> [MatchToken] {
        Tokenizer.tokenize(text).map { token in
            let weightClass: WeightClass
            let base: String
            switch token.kind {
            case .number:
                weightClass = .number
                base = numberBase
            case .punctuation, .symbol:
                weightClass = .punctuation
                base = token.key
            case .clitic:
                weightClass = .clitic
                base = token.key
            case .arabicWord:
                if token.key == "و" || token.key == "ف" {
                    weightClass = .clitic
                    base = token.key
                } else {
                    weightClass = .word
                    base = bases ? LightStemmer.arabicBase(token.key) : token.key
                }
            case .latinWord:
                weightClass = .word
                base = bases ? LightStemmer.englishBase(token.key) : token.key
            case .otherWord, .url, .email:
                weightClass = .word
                base = token.key
            }
            return MatchToken(text: token.text, key: token.key, base: base, weightClass: weightClass,
                              range: token.range, number: token.number)
        }
    }
}

/// A deterministic light stemmer for the fuzzy score's bases. It never decides what a
/// word means (the glossary does that with clitic readings); it only groups forms that
/// differ by an attached clitic or a common ending so that such a difference costs less
/// than a changed word. Both sides of a comparison are stemmed the same way, so equal
/// words always stay equal.
public enum LightStemmer {
    /// Only the pronoun suffixes of two or more letters: a final ي is as often a nisba
    /// adjective (الفلسطيني) as "my", and a final ه is handled with ة below.
    static let pronounSuffixes: [[Unicode.Scalar]] = ["هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا"]
        .map { Array($0.unicodeScalars) }
    static let pluralSuffixes: [[Unicode.Scalar]] = ["ات", "ون", "ين", "ان"].map { Array($0.unicodeScalars) }

    /// An Arabic match key without its proclitics (و ف, then ب ك ل with or without the
    /// article, or the article), its ending kept: the first half of `arabicBase`. Fragment
    /// recall looks words up with every proclitic before this, as an ending (the dual of
    /// العامين) changes the translation where a proclitic does not.
    public static func arabicWithoutProclitics(_ key: String) -> String {
        var w = Array(key.unicodeScalars)
        guard w.count >= 3 else { return key }
        stripProclitics(&w)
        return String(String.UnicodeScalarView(w))
    }

    static func stripProclitics(_ w: inout [Unicode.Scalar]) {
        // Conjunction و / ف.
        if (w[0] == "و" || w[0] == "ف") && w.count - 1 >= 3 { w.removeFirst() }
        // Preposition + article, article, or a bare preposition.
        if w.count >= 4 && w[0] == "ل" && w[1] == "ل" {
            w.removeFirst(2)
        } else if w.count >= 5 && (w[0] == "ب" || w[0] == "ك" || w[0] == "ل") && w[1] == "ا" && w[2] == "ل" {
            w.removeFirst(3)
        } else if w.count >= 4 && w[0] == "ا" && w[1] == "ل" {
            w.removeFirst(2)
        } else if w.count - 1 >= 3 && (w[0] == "ب" || w[0] == "ك" || w[0] == "ل") {
            w.removeFirst()
        }
    }

    public static func arabicBase(_ key: String) -> String {
        var w = Array(key.unicodeScalars)
        guard w.count >= 3 else { return key }
        stripProclitics(&w)
        // A pronoun suffix, then a plural/dual ending or a final ة (ه in the key) / ت.
        for s in pronounSuffixes where w.count - s.count >= 3 && Array(w.suffix(s.count)) == s {
            w.removeLast(s.count)
            break
        }
        for s in pluralSuffixes where w.count - s.count >= 3 && Array(w.suffix(s.count)) == s {
            w.removeLast(s.count)
            break
        }
        if w.count >= 4, let last = w.last, last == "ه" || last == "ت" { w.removeLast() }
        return String(String.UnicodeScalarView(w))
    }

    public static func englishBase(_ key: String) -> String {
        var w = key
        if w.hasSuffix("'s") || w.hasSuffix("’s") { w = String(w.dropLast(2)) }
        guard w.count >= 4 else { return w }
        if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") {
            return String(w.dropLast(2))
        }
        if w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is") {
            return String(w.dropLast())
        }
        return w
    }
}
