import DragomanText
import Foundation

/// What the matcher and the indexes need to know about a term, derived from its text
/// alone (so a store can recompute it at any time).
///
/// - `key`: the match key of the whole term.
/// - `tokens`: the match keys of its tokens (words, numbers and inner punctuation;
///   punctuation at either end is dropped so that "U.N." matches before a full stop).
/// - `head`: the first token's core: for an Arabic word, its key minus a leading ال when
///   at least two letters remain (القدس → قدس); otherwise the first token's key.
public struct TermAnalysis: Sendable, Hashable {
    public let key: String
    public let tokens: [String]
    public let head: String

    /// The second token's key without its article ("" for a one-token term): with `head`,
    /// what the index is keyed on, so that a text fetches only the multi-word terms whose
    /// first two words stand in it.
    public var next: String { tokens.count > 1 ? ArabicWords.withoutArticle(tokens[1]) : "" }

    public var pair: HeadPair { HeadPair(head: head, next: next) }

    public init(text: String, language: Language) {
        // Most terms are one word of plain Arabic or ASCII letters: the tokenizer would
        // return that word as its only token.
        switch Self.plainWord(text) {
        case .arabic:
            key = MatchKey.make(text)
            tokens = [key]
            head = ArabicWords.withoutArticle(key)
            return
        case .latin:
            key = MatchKey.make(text)
            tokens = [key]
            head = key
            return
        case nil:
            break
        }
        var toks = Tokenizer.tokenize(text)
        // One token that is the whole text (most terms): its key is the text's key.
        if toks.count == 1 && toks[0].range == 0..<text.utf16.count {
            key = toks[0].key
        } else {
            key = MatchKey.make(text)
        }
        while let first = toks.first, !first.isWordLike { toks.removeFirst() }
        while let last = toks.last, !last.isWordLike { toks.removeLast() }
        tokens = toks.map(\.key)
        if let first = toks.first {
            head = first.kind == .arabicWord ? ArabicWords.withoutArticle(first.key) : first.key
        } else {
            head = ""
        }
    }

    enum Plain { case arabic, latin }

    /// Whether `text` is a single word of Arabic letters (no marks, no tatweel) or of
    /// ASCII letters.
    static func plainWord(_ text: String) -> Plain? {
        var arabic = false, latin = false
        for u in text.utf8 {
            if (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) { latin = true; continue }
            if u < 0x80 { return nil }
            arabic = true
        }
        if latin { return arabic ? nil : .latin }
        guard arabic else { return nil }
        for s in text.unicodeScalars {
            let v = s.value
            guard (v >= 0x0621 && v <= 0x063A) || (v >= 0x0641 && v <= 0x064A) else { return nil }
        }
        return .arabic
    }

    /// Rebuilds the analysis from stored columns.
    public init(key: String, tokens: [String], head: String) {
        self.key = key
        self.tokens = tokens
        self.head = head
    }

    /// Number of tokens (words, numbers, inner punctuation).
    public var wordCount: Int { tokens.count }

    /// Whether the first word carries the article that `head` drops (القدس).
    public var headHasArticle: Bool { !tokens.isEmpty && tokens[0] != head }

    /// The words of a multi-word term, for "contains" lookups: distinct keys of its word
    /// tokens, Arabic words without their article. Empty for a single-token term (found
    /// by its key).
    public var containedWords: [String] {
        guard tokens.count > 1 else { return [] }
        var seen = Set<String>()
        var out: [String] = []
        for token in tokens where ArabicWords.isWord(token) {
            let w = ArabicWords.withoutArticle(token)
            if seen.insert(w).inserted { out.append(w) }
        }
        return out
    }

    /// The deletion neighbourhood of a one-token key of 5–64 letters (see `FuzzyKey`);
    /// empty for other terms, which fuzzy lookup does not consider.
    public var deletionHashes: [UInt64] {
        guard tokens.count == 1 else { return [] }
        return FuzzyKey.deletionHashes(of: key)
    }
}

/// A term's first word core and its second word (without article): the index key.
/// Hashed and compared byte for byte (match keys are NFC already), which spares Swift's
/// Unicode-aware comparison of non-ASCII strings.
public struct HeadPair: Sendable, Hashable {
    public var head: String
    public var next: String

    public init(head: String, next: String) {
        self.head = head
        self.next = next
    }

    public static func == (a: HeadPair, b: HeadPair) -> Bool {
        Bytes.equal(a.head, b.head) && Bytes.equal(a.next, b.next)
    }

    public func hash(into hasher: inout Hasher) {
        Bytes.hash(head, into: &hasher)
        hasher.combine(0xFF as UInt8)
        Bytes.hash(next, into: &hasher)
    }
}

/// Small helpers on Arabic (and other) word keys.
public enum ArabicWords {
    /// The key without a leading ال when at least two letters remain (الحصار → حصار,
    /// but ال stays ال). Only Arabic keys can start with ال.
    @inline(__always)
    public static func withoutArticle(_ key: String) -> String {
        let scalars = key.unicodeScalars
        var i = scalars.startIndex
        guard i != scalars.endIndex, scalars[i] == "ا" else { return key }
        i = scalars.index(after: i)
        guard i != scalars.endIndex, scalars[i] == "ل" else { return key }
        i = scalars.index(after: i)
        var remaining = 0
        var j = i
        while j != scalars.endIndex && remaining < 2 {
            remaining += 1
            j = scalars.index(after: j)
        }
        return remaining >= 2 ? String(scalars[i...]) : key
    }

    /// Whether a token key is a word or number (has a letter or digit), not punctuation.
    public static func isWord(_ key: String) -> Bool {
        key.unicodeScalars.contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0.properties.numericType != nil }
    }

    /// Number of Unicode scalars.
    @inline(__always)
    public static func length(_ key: String) -> Int { key.unicodeScalars.count }

    /// The last letter of a word as written, skipping harakat, tatweel and joiners: tells
    /// a written ة from a ه that the key cannot.
    public static func lastLetter(_ text: String) -> Unicode.Scalar? {
        for s in text.unicodeScalars.reversed() {
            let v = s.value
            if ArabicScript.isMark(v) || v == 0x0640 || v == 0x200C || v == 0x200D { continue }
            return s
        }
        return nil
    }
}
