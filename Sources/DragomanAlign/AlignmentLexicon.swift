import DragomanText

/// Glossary anchors for the aligner: which term pairs a sentence mentions.
///
/// The aligner asks once per sentence, never per candidate pair: a term pair co-occurs
/// in a bead when its Arabic side is in the bead's Arabic sentences and its English side
/// in the bead's English sentences. Identifiers are the lexicon's own (a glossary
/// concept id, a row number); one identifier per occurrence, so a term mentioned twice
/// on both sides counts twice.
///
/// The glossary module plugs in here (see `AlignCommand`'s glossary hook); without a
/// lexicon the aligner runs on length, numbers, Latin-script names and punctuation.
public protocol AlignmentLexicon: Sendable {
    /// The term pairs whose Arabic side occurs in `sentence`, one id per occurrence.
    func arabicTermPairs(in sentence: String) -> [Int]
    /// The term pairs whose English side occurs in `sentence`, one id per occurrence.
    func englishTermPairs(in sentence: String) -> [Int]
}

extension AlignmentLexicon {
    /// The number of glossary term pairs whose Arabic is in `arabic` and whose English is
    /// in `english` (each occurrence paired at most once).
    public func coOccurringTermPairs(arabic: String, english: String) -> Int {
        var counts: [Int: Int] = [:]
        for id in arabicTermPairs(in: arabic) { counts[id, default: 0] += 1 }
        var shared = 0
        for id in englishTermPairs(in: english) {
            if let c = counts[id], c > 0 {
                shared += 1
                counts[id] = c - 1
            }
        }
        return shared
    }
}

/// A lexicon made of two closures (for a glossary matcher, or for tests).
public struct ClosureLexicon: AlignmentLexicon {
    let arabic: @Sendable (String) -> [Int]
    let english: @Sendable (String) -> [Int]

    public init(arabic: @escaping @Sendable (String) -> [Int], english: @escaping @Sendable (String) -> [Int]) {
        self.arabic = arabic
        self.english = english
    }

    public func arabicTermPairs(in sentence: String) -> [Int] { arabic(sentence) }
    public func englishTermPairs(in sentence: String) -> [Int] { english(sentence) }
}

/// A plain list of Arabic–English term pairs, matched on match keys: an Arabic term word
/// matches a text word read with or without its clitics and article (any clitic
/// reading's core), English words match case-insensitively in sequence.
///
/// Deliberately simple: a stand-in for tests and evaluations. The glossary's own term
/// matcher (ranked readings, homographs, variants) is what the CLI should plug in.
public struct TermListLexicon: AlignmentLexicon {
    /// One concept: its Arabic forms and its English forms (all share one id).
    public struct Concept: Sendable, Hashable {
        public var arabic: [String]
        public var english: [String]

        public init(arabic: [String], english: [String]) {
            self.arabic = arabic
            self.english = english
        }
    }

    /// A term as token forms, with the id of its concept.
    struct Entry: Sendable {
        let id: Int
        let words: [String]
    }

    /// Entries by the form of their first word.
    let arabicIndex: [String: [Entry]]
    let englishIndex: [String: [Entry]]
    public let conceptCount: Int

    public init(concepts: [Concept]) {
        var ar: [String: [Entry]] = [:]
        var en: [String: [Entry]] = [:]
        for (id, concept) in concepts.enumerated() {
            for term in Set(concept.arabic) {
                let words = Tokenizer.tokenize(term).filter(\.isWordLike).map { Self.arabicForm($0.key) }
                if let first = words.first { ar[first, default: []].append(Entry(id: id, words: words)) }
            }
            for term in Set(concept.english) {
                let words = Tokenizer.tokenize(term).filter(\.isWordLike).map(\.key)
                if let first = words.first { en[first, default: []].append(Entry(id: id, words: words)) }
            }
        }
        arabicIndex = ar
        englishIndex = en
        conceptCount = concepts.count
    }

    /// One concept per pair.
    public init(pairs: [(arabic: String, english: String)]) {
        self.init(concepts: pairs.map { Concept(arabic: [$0.arabic], english: [$0.english]) })
    }

    public func arabicTermPairs(in sentence: String) -> [Int] {
        let words = Tokenizer.tokenize(sentence).filter(\.isWordLike)
        let forms: [Set<String>] = words.map { token in
            var set: Set<String> = [Self.arabicForm(token.key)]
            for reading in token.cliticReadings { set.insert(Self.arabicForm(reading.core)) }
            return set
        }
        return Self.matches(forms: forms, index: arabicIndex)
    }

    public func englishTermPairs(in sentence: String) -> [Int] {
        let forms = Tokenizer.tokenize(sentence).filter(\.isWordLike).map { Set([$0.key]) }
        return Self.matches(forms: forms, index: englishIndex)
    }

    static func matches(forms: [Set<String>], index: [String: [Entry]]) -> [Int] {
        var out: [Int] = []
        for start in forms.indices {
            var seen = Set<Int>()
            for form in forms[start] {
                for entry in index[form] ?? [] where !seen.contains(entry.id) {
                    guard start + entry.words.count <= forms.count else { continue }
                    var ok = true
                    for k in 1..<max(1, entry.words.count) where !forms[start + k].contains(entry.words[k]) {
                        ok = false
                        break
                    }
                    if ok {
                        seen.insert(entry.id)
                        out.append(entry.id)
                    }
                }
            }
        }
        return out
    }

    /// An Arabic word's key without its definite article (القدس and قدس meet).
    static func arabicForm(_ key: String) -> String {
        if key.hasPrefix("ال") && key.unicodeScalars.count >= 4 { return String(key.dropFirst(2)) }
        return key
    }
}
