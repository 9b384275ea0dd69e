import DragomanText

/// Pieces of longer terms, left out of term extraction's proposals: a glossary entry is
/// the whole name or compound, not a word of it.
///
/// A candidate pair A → E is a piece when
/// - A nearly always stands inside one phrase a word longer, A′ (in `boundShare` of A's
///   units or more), and either
///   - the word A′ adds is linked to E on its own as well: the links tie both words to one
///     English word (كلمة → password and السر → password, of كلمة السر; التحقيقات → FBI and
///     الفيدرالي → FBI); or
///   - A′ is linked, every word of it, to a longer name that holds E (الاتحاد → union
///     inside الاتحاد الأوروبي → European Union, البيت → house inside البيت الأبيض → White
///     House, دونالد → Donald inside دونالد ترامب → Donald Trump; a name only: in a few
///     units a clause can hold a word as often, غادر الوزير → "minister left");
/// - or A itself is linked, about as often and every word of it, to a longer English that
///   holds E (حزب العمال → Labour beside → Labour Party);
/// - or, the other way round, A is linked to a shorter English held in E more than twice
///   as often: E has words A does not (المحكمة → Supreme Court beside → Court).
///
/// Where A′ and A have the same English (يوم السبت and السبت → Saturday, كلمة السر and السر
/// → password) nothing here tells a piece from a word that means the same alone: both stay,
/// unless the sibling rule applies. Measured with `dragoman-eval terms` (docs/benchmarks.md).
extension TermExtractor {
    /// The share of a phrase's units the longer phrase must hold.
    static let boundShare = 0.8

    /// The candidate pairs of `merged` (those `ranked` may propose) that are pieces.
    func pieces(of merged: [Pair: Tally], arabicCounts: [KeyBytes: Int], minimumCount: Int) -> Set<Pair> {
        // (Every pair that may be proposed: a name the links found once too.)
        let candidates = merged.filter { $0.value.together >= minimumCount }
        guard !candidates.isEmpty else { return [] }
        let bound = boundPhrases(of: Set(candidates.keys.map { KeyBytes($0.arabic) }), arabicCounts: arabicCounts)
        var byArabic: [KeyBytes: [(english: String, tally: Tally)]] = [:]
        for (pair, tally) in merged where tally.count >= 2 { byArabic[KeyBytes(pair.arabic), default: []].append((pair.english, tally)) }

        /// `longer` holds `shorter` as a run of whole words, and is not it.
        func holds(_ longer: String, _ shorter: String) -> Bool {
            longer != shorter && (" " + longer + " ").contains(" " + shorter + " ")
        }
        /// Most of the pair's projections tie every Arabic word into the English.
        func wholly(_ tally: Tally) -> Bool { 2 * tally.fullyLinked > tally.count }

        /// The English is a name as the units most often write it: it starts with a capital
        /// (Labour party, White House; a clause such as "minister left Baghdad" is not a
        /// term to yield to).
        func isName(_ tally: Tally) -> Bool {
            Self.commonest(tally.englishSurface)?.unicodeScalars.first?.properties.isUppercase == true
        }

        func isPiece(_ pair: Pair, _ mine: Tally) -> Bool {
            for longer in bound[KeyBytes(pair.arabic)] ?? [] {
                // The word the longer phrase adds, as a phrase of its own.
                let text = longer.string
                let added = text.hasPrefix(pair.arabic + " ")
                    ? String(text.dropFirst(pair.arabic.count + 1))
                    : String(text.prefix { $0 != " " })
                if byArabic[KeyBytes(canonical(Self.firstWordKey(added)))]?.contains(where: { $0.english == pair.english }) == true {
                    return true
                }
                if byArabic[longer]?.contains(where: { wholly($0.tally) && holds($0.english, pair.english) && isName($0.tally) }) == true {
                    return true
                }
            }
            return byArabic[KeyBytes(pair.arabic)]?.contains {
                // The same Arabic linked about as often, every word, to a longer English.
                (2 * $0.tally.count >= mine.count && wholly($0.tally) && holds($0.english, pair.english))
                    // The converse: a longer English than the one the same Arabic is far
                    // more often linked to holds words the Arabic does not have
                    // (المحكمة → Supreme Court, 4 units, beside → court, 13).
                    || ($0.tally.count > 2 * mine.count && holds(pair.english, $0.english))
            } == true
        }

        return Set(candidates.filter { isPiece($0.key, $0.value) }.keys)
    }

    /// For each of `keys`, the phrases a word longer (a word before or after it) that
    /// stand in `boundShare` of its units or more.
    func boundPhrases(of keys: Set<KeyBytes>, arabicCounts: [KeyBytes: Int]) -> [KeyBytes: [KeyBytes]] {
        var out: [KeyBytes: [KeyBytes]] = [:]
        func note(_ piece: KeyBytes, in longer: KeyBytes, _ n: Int) {
            guard keys.contains(piece), Double(n) >= Self.boundShare * Double(arabicCounts[piece] ?? Int.max) else { return }
            out[piece, default: []].append(longer)
        }
        for (key, n) in arabicCounts where n >= 2 {
            let text = key.string
            let utf8 = text.utf8
            guard let firstSpace = utf8.firstIndex(of: 0x20), let lastSpace = utf8.lastIndex(of: 0x20) else { continue }
            // Without its last word.
            note(KeyBytes(String(text[..<lastSpace])), in: key, n)
            // Without its first word, the new first word keyed as a first word.
            let rest = text[text.index(after: firstSpace)...]
            let restFirstEnd = rest.utf8.firstIndex(of: 0x20) ?? rest.endIndex
            note(KeyBytes(Self.firstWordKey(String(rest[..<restFirstEnd])) + String(rest[restFirstEnd...])), in: key, n)
        }
        return out
    }
}
