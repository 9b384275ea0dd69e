import DragomanText

/// Pieces of longer terms, left out of term extraction's proposals: a glossary entry is
/// the whole name or compound, not a word of it.
///
/// A candidate pair A → E is a piece when
/// - A nearly always stands inside one phrase a word longer, A′ (in `boundShare` of A's
///   units or more; A′'s spellings with and without the article on the added word count
///   together: قاعدة البيانات, قاعدة بيانات), and either
///   - the links tie A′ to E itself at least as often as A (قاعدة البيانات → database
///     beside قاعدة → database; المملكة المتحدة → UK beside المملكة → UK), unless E is a
///     name and the added word describes it with a translation of its own that English
///     leaves out (إعصار روزا → Rosa, إعصار → hurricane: روزا → Rosa is the entry); or
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
/// Where A stands apart from A′ often (السبت without يوم), both stay: the glossary check
/// of `term extract` drops يوم السبت → Saturday when السبت → Saturday is known. Measured
/// with `dragoman-eval terms` (docs/benchmarks.md).
extension TermExtractor {
    /// The share of a phrase's units the longer phrase must hold.
    static let boundShare = 0.8

    /// The candidate pairs of `merged` (those `ranked` may propose) that are pieces.
    func pieces(of merged: [Pair: Tally], arabicCounts: [KeyBytes: Int], minimumCount: Int) -> Set<Pair> {
        // (Every pair that may be proposed: a name the links found once too.)
        let candidates = merged.filter { $0.value.together >= minimumCount }
        guard !candidates.isEmpty else { return [] }
        let longer = longerPhrases(of: Set(candidates.keys.map { KeyBytes($0.arabic) }), arabicCounts: arabicCounts)
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

        /// A name written in words, not in capitals: Rosa, Dundee Stars (UK is initials).
        func isWrittenName(_ tally: Tally) -> Bool {
            isName(tally) && Self.commonest(tally.englishSurface)!.unicodeScalars.contains { $0.properties.isLowercase }
        }

        /// The word the longer phrase adds, keyed as a phrase of its own.
        func addedWord(_ pair: Pair, _ longer: KeyBytes) -> KeyBytes {
            let text = longer.string
            let added = text.hasPrefix(pair.arabic + " ")
                ? String(text.dropFirst(pair.arabic.count + 1))
                : String(text.prefix { $0 != " " })
            return KeyBytes(canonical(Self.firstWordKey(added)))
        }

        /// The added word has a translation of its own that the English leaves out: a
        /// description Arabic puts before a name (إعصار → hurricane of إعصار روزا → Rosa,
        /// فريق → team of فريق جاينتس → Giants).
        func describes(_ pair: Pair, _ longer: KeyBytes) -> Bool {
            byArabic[addedWord(pair, longer)]?.contains { $0.english != pair.english && !holds(pair.english, $0.english) } == true
        }

        /// The sibling and longer-name rules, for one spelling of the longer phrase.
        func isPiece(_ pair: Pair, of longer: KeyBytes) -> Bool {
            if byArabic[addedWord(pair, longer)]?.contains(where: { $0.english == pair.english }) == true {
                return true
            }
            return byArabic[longer]?.contains(where: { wholly($0.tally) && holds($0.english, pair.english) && isName($0.tally) }) == true
        }

        func isPiece(_ pair: Pair, _ mine: Tally) -> Bool {
            let groups = longer[KeyBytes(pair.arabic)] ?? []
            let bound = Self.boundShare * Double(arabicCounts[KeyBytes(pair.arabic)] ?? Int.max)
            // The longer phrases linked to the same English hold the word nearly always, and
            // the links tie them to it at least as often: the word they add is part of the
            // term (قاعدة البيانات → database, 50 units in its two spellings, beside قاعدة →
            // database, 37; المملكة المتحدة → UK; البياني → chart of الرسم البياني and المخطط
            // البياني; موين ريجستر → Des Moines Register, of دي موين ريجستر). Not for a name
            // the added word describes: the Arabic says what the English leaves out (إعصار
            // روزا → Rosa, the hurricane), and the name alone is the entry.
            var held = 0, same: [Tally] = [], spellings: [KeyBytes] = []
            for group in groups {
                let tallies = group.members.compactMap { byArabic[$0]?.first(where: { $0.english == pair.english })?.tally }
                guard !tallies.isEmpty else { continue }
                held += group.count
                same += tallies
                spellings += group.members
            }
            if Double(held) >= bound, same.reduce(0, { $0 + $1.count }) >= mine.count, let most = same.max(by: { $0.count < $1.count }),
               !(isWrittenName(most) && spellings.contains { describes(pair, $0) }) {
                return true
            }
            for group in groups where Double(group.count) >= bound {
                for longer in group.members where isPiece(pair, of: longer) { return true }
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

    /// Phrases a word longer than a piece, the spellings of one phrase whose added word
    /// differs only by the article (قاعدة البيانات and قاعدة بيانات) together, with the
    /// units they stand in.
    struct LongerPhrase {
        var members: [KeyBytes]
        var count: Int
    }

    /// For each of `keys`, the phrases a word longer (a word before or after it).
    func longerPhrases(of keys: Set<KeyBytes>, arabicCounts: [KeyBytes: Int]) -> [KeyBytes: [LongerPhrase]] {
        struct Group: Hashable {
            var piece: KeyBytes
            var addedAtEnd: Bool
            var added: String
        }
        var groups: [Group: LongerPhrase] = [:]
        func note(_ piece: KeyBytes, in longer: KeyBytes, added: Substring, atEnd: Bool, _ n: Int) {
            guard keys.contains(piece) else { return }
            let group = Group(piece: piece, addedAtEnd: atEnd, added: Self.withoutArticle(String(added)) ?? String(added))
            groups[group, default: LongerPhrase(members: [], count: 0)].count += n
            groups[group]!.members.append(longer)
        }
        for (key, n) in arabicCounts where n >= 2 {
            let text = key.string
            let utf8 = text.utf8
            guard let firstSpace = utf8.firstIndex(of: 0x20), let lastSpace = utf8.lastIndex(of: 0x20) else { continue }
            // Without its last word.
            note(KeyBytes(canonical(String(text[..<lastSpace]))), in: key, added: text[text.index(after: lastSpace)...], atEnd: true, n)
            // Without its first word, the new first word keyed as a first word.
            let rest = text[text.index(after: firstSpace)...]
            let restFirstEnd = rest.utf8.firstIndex(of: 0x20) ?? rest.endIndex
            note(KeyBytes(canonical(Self.firstWordKey(String(rest[..<restFirstEnd])) + String(rest[restFirstEnd...]))), in: key,
                 added: text[..<firstSpace], atEnd: false, n)
        }
        var out: [KeyBytes: [LongerPhrase]] = [:]
        for (group, phrase) in groups { out[group.piece, default: []].append(phrase) }
        return out
    }
}
