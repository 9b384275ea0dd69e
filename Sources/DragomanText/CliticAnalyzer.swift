/// One way to read an Arabic word as proclitics + core + pronoun suffix.
///
/// A reading is a candidate, not a verdict: بلد reads as itself and as ب + لد, and
/// only the glossary or the matcher can say which is real. Every field is in match-key
/// form (ة is ه, أ is ا), like the key it was read from.
public struct CliticReading: Hashable, Sendable, Codable, CustomStringConvertible {
    /// و or ف.
    public var conjunction: String?
    /// ب, ك or ل.
    public var preposition: String?
    /// The definite article ال (also when written as the لل of ل + ال).
    public var article: Bool
    /// What is left: the word the glossary is asked about.
    public var core: String
    /// A pronoun suffix (ه ها هما هم هن ك كما كم كن ي نا).
    public var suffix: String?
    /// The core ended in ت before the suffix and was restored to ة (ه in the key):
    /// قضيتنا → قضيه + نا.
    public var restoredTaMarbuta: Bool
    /// How many scalars of the key precede the core (for highlighting the core).
    public var coreOffset: Int

    /// The word read as itself, nothing stripped.
    public var isIdentity: Bool { conjunction == nil && preposition == nil && !article && suffix == nil }

    /// The core with its article, as a glossary headword is often written (القدس).
    public var coreWithArticle: String { article ? "ال" + core : core }

    /// How much was stripped; fewer is more plausible.
    public var strippedCount: Int {
        (conjunction == nil ? 0 : 1) + (preposition == nil ? 0 : 1) + (article ? 1 : 0) + (suffix == nil ? 0 : 1)
    }

    public var description: String {
        var parts: [String] = []
        if let c = conjunction { parts.append(c + "+") }
        if let p = preposition { parts.append(p + "+") }
        if article { parts.append("ال+") }
        parts.append(core)
        if let s = suffix { parts.append("+" + s) }
        return parts.joined(separator: " ")
    }
}

/// Enumerates the clitic readings of an Arabic word, following the clitic inventory of
/// light stemmers (Larkey's light10, Lucene's ArabicStemmer) and Farasa, but without
/// deciding: see `CliticReading`.
public enum CliticAnalyzer {
    static let conjunctions: [Unicode.Scalar] = ["و", "ف"]
    static let prepositions: [Unicode.Scalar] = ["ب", "ك", "ل"]
    /// Longest first, so that هما is tried before ها and ه.
    static let suffixes: [[Unicode.Scalar]] = ["هما", "كما", "ها", "هم", "هن", "كم", "كن", "نا", "ه", "ك", "ي"]
        .map { Array($0.unicodeScalars) }
    /// The shortest core a reading may leave.
    public static let minimumCoreLength = 2

    /// All readings of the word with match key `key`, the identity reading first, then by
    /// how little was stripped. A key that is not a single Arabic word yields only itself.
    public static func readings(ofKey key: String) -> [CliticReading] {
        let w = Array(key.unicodeScalars)
        let identity = CliticReading(conjunction: nil, preposition: nil, article: false, core: key,
                                     suffix: nil, restoredTaMarbuta: false, coreOffset: 0)
        guard w.count > minimumCoreLength, w.allSatisfy({ ArabicScript.isLetter($0.value) }) else {
            return [identity]
        }
        var out: [CliticReading] = []
        var seen = Set<CliticReading>()
        func add(_ r: CliticReading) {
            if seen.insert(r).inserted { out.append(r) }
        }
        add(identity)
        let alef: Unicode.Scalar = "ا", lam: Unicode.Scalar = "ل"
        for conj in [nil] + conjunctions.map(Optional.some) {
            var p0 = 0
            if let c = conj {
                guard w[0] == c else { continue }
                p0 = 1
            }
            for prep in [nil] + prepositions.map(Optional.some) {
                var p1 = p0
                if let p = prep {
                    guard p1 < w.count, w[p1] == p else { continue }
                    p1 += 1
                }
                // Article options: none; ال; or, after the preposition ل, the ل of لل.
                var articleStarts: [(Bool, Int)] = [(false, p1)]
                if prep == lam {
                    if p1 < w.count, w[p1] == lam { articleStarts.append((true, p1 + 1)) }
                } else if p1 + 1 < w.count, w[p1] == alef, w[p1 + 1] == lam {
                    articleStarts.append((true, p1 + 2))
                }
                for (article, p2) in articleStarts {
                    let rest = Array(w[p2...])
                    guard rest.count >= minimumCoreLength else { continue }
                    let base = CliticReading(
                        conjunction: conj.map { String($0) }, preposition: prep.map { String($0) },
                        article: article, core: String(String.UnicodeScalarView(rest)),
                        suffix: nil, restoredTaMarbuta: false, coreOffset: p2)
                    add(base)
                    // The article and a pronoun suffix do not occur together.
                    guard !article else { continue }
                    for suffix in suffixes where rest.count - suffix.count >= minimumCoreLength {
                        guard Array(rest.suffix(suffix.count)) == suffix else { continue }
                        let core = Array(rest.dropLast(suffix.count))
                        var r = base
                        r.core = String(String.UnicodeScalarView(core))
                        r.suffix = String(String.UnicodeScalarView(suffix))
                        add(r)
                        if core.last == "ت" {
                            var restored = r
                            restored.core = String(String.UnicodeScalarView(core.dropLast())) + "ه"
                            restored.restoredTaMarbuta = true
                            add(restored)
                        }
                    }
                }
            }
        }
        return out.enumerated().sorted {
            ($0.element.isIdentity ? 0 : 1, $0.element.strippedCount, $0.offset)
                < ($1.element.isIdentity ? 0 : 1, $1.element.strippedCount, $1.offset)
        }.map(\.element)
    }

    /// The readings of an Arabic word as written (any spelling).
    public static func readings(of word: String) -> [CliticReading] {
        readings(ofKey: MatchKey.make(word))
    }
}
