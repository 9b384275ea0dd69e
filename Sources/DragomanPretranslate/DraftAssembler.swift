import DragomanText
import DragomanTM

/// Puts a draft together for a segment the TM has no match for: what Dragoman knows below
/// the sentence, in source order (memoQ calls this fragment assembly).
///
/// - Fragment translations (`TMFragment.target`) and glossary translations (the entry's
///   first translation, the preferred one) stand for the words they cover. A deprecated or
///   forbidden glossary term is never used, nor a term that did not match in the source
///   language (an English term found in the Latin words of an Arabic sentence).
/// - Overlaps: the span that covers more words wins; on a tie a glossary term wins (a
///   termbase entry is curated), unless the fragment is well supported (confidence ≥ 0.8
///   and count ≥ 3). Spans are taken greedily in that order.
/// - Numbers are carried over: an Arabic source's numbers into English in Western digits
///   (the value as number repair writes it, percent kept; numbers already in Western
///   digits stay as written); an English source's as they stand.
/// - Names, acronyms, URLs and e-mail addresses not in the source's script (Latin words in
///   an Arabic source, Arabic words in an English one, other scripts in both) are copied.
/// - Words still untranslated stay in the source language, adjacent ones in one ⟦…⟧ run;
///   punctuation breaks runs and is kept between pieces, written the target's way
///   (، → ", ", ؟ → ?, ؛ → ;, ٪ → %, «» → “” into English; the reverse for , ? ; into Arabic).
///
/// A draft is made only when at least one part is translated by a fragment, a glossary
/// term or a copy: numbers alone are no draft.
public enum DraftAssembler {
    /// A fragment this well supported beats a glossary term covering as many words.
    public static let confidentFragment = (confidence: 0.8, count: 3)

    /// The draft of `text` (a segment in `side`), or nil when nothing of it is translated.
    public static func assemble(_ text: String, side: Language, fragments: [TMFragment],
                                terms: [SegmentTerm]) -> AssembledDraft? {
        assemble(text, tokens: Tokenizer.tokenize(text), side: side, fragments: fragments, terms: terms)
    }

    /// As above, with the tokens of `text` already at hand.
    public static func assemble(_ text: String, tokens: [Token], side: Language, fragments: [TMFragment],
                                terms: [SegmentTerm]) -> AssembledDraft? {
        let units = Array(text.utf16)
        let spans = chosenSpans(tokens: tokens, side: side, fragments: fragments, terms: terms)
        let pieces = Self.pieces(tokens: tokens, spans: spans, side: side, units: units)
        guard pieces.contains(where: { [.fragment, .glossary, .copy].contains($0.part?.origin) }) else { return nil }

        var draft = ""
        for (n, piece) in pieces.enumerated() {
            if n > 0 { draft += separator(pieces[n - 1], piece, units: units, target: side.other) }
            draft += piece.rendered
        }
        let parts = pieces.compactMap(\.part)
        let covered = pieces.filter { $0.part.map { $0.origin != .untranslated } ?? false }.map(\.words).reduce(0, +)
        return AssembledDraft(text: draft.trimmingCharacters(in: .whitespacesAndNewlines), parts: parts,
                              coveredWords: covered, totalWords: tokens.filter(isWord).count)
    }

    /// A word as segments and drafts count them: not punctuation, a symbol or a lone
    /// clitic (the و of و3); the one rule of `PretranslatedSegment.words` and the draft's.
    static func isWord(_ t: Token) -> Bool {
        t.kind != .punctuation && t.kind != .symbol && t.kind != .clitic
    }

    // MARK: Choosing spans

    /// A fragment or glossary translation over tokens `tokens` (half-open indices).
    struct Span {
        var tokens: Range<Int>
        var words: Int
        var text: String
        var origin: AssembledDraft.Part.Origin
        /// Lower ranks first among spans of as many words.
        var rank: Int
        var confidence: Double
    }

    static func chosenSpans(tokens: [Token], side: Language, fragments: [TMFragment], terms: [SegmentTerm]) -> [Span] {
        func tokenSpan(_ r: Range<Int>) -> Range<Int>? {
            let inside = tokens.indices.filter { tokens[$0].range.overlaps(r) }
            guard let first = inside.first, let last = inside.last else { return nil }
            return first..<(last + 1)
        }
        func words(_ span: Range<Int>) -> Int { tokens[span].filter(isWord).count }
        let sourceWord: Token.Kind = side == .arabic ? .arabicWord : .latinWord

        var candidates: [Span] = []
        for f in fragments {
            let translation = f.target.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !translation.isEmpty, let span = tokenSpan(f.range), words(span) > 0 else { continue }
            let confident = f.confidence >= confidentFragment.confidence && f.count >= confidentFragment.count
            candidates.append(Span(tokens: span, words: words(span), text: translation, origin: .fragment,
                                   rank: confident ? 0 : 2, confidence: f.confidence.isNaN ? 0 : f.confidence))
        }
        for t in terms where !t.isFlagged {
            guard let translation = t.translations.first?.trimmingCharacters(in: .whitespacesAndNewlines),
                  !translation.isEmpty, let span = tokenSpan(t.range), words(span) > 0,
                  tokens[span].contains(where: { $0.kind == sourceWord }) else { continue }
            candidates.append(Span(tokens: span, words: words(span), text: translation, origin: .glossary,
                                   rank: 1, confidence: 1))
        }
        candidates.sort { a, b in
            if a.words != b.words { return a.words > b.words }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.confidence != b.confidence { return a.confidence > b.confidence }
            return a.tokens.lowerBound < b.tokens.lowerBound
        }
        var taken = [Bool](repeating: false, count: tokens.count)
        var chosen: [Span] = []
        for c in candidates where !c.tokens.contains(where: { taken[$0] }) {
            for i in c.tokens { taken[i] = true }
            chosen.append(c)
        }
        return chosen.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }
    }

    // MARK: Pieces in source order

    /// A part of the draft, or punctuation between parts.
    struct Piece {
        var part: AssembledDraft.Part?
        /// UTF-16 range in the segment.
        var range: Range<Int>
        /// The text written into the draft (⟦…⟧ around untranslated words).
        var rendered: String
        var words: Int
        var isPunctuation: Bool { part == nil }
    }

    static func pieces(tokens: [Token], spans: [Span], side: Language, units: [UTF16.CodeUnit]) -> [Piece] {
        func source(_ r: Range<Int>) -> String { String(decoding: units[r], as: UTF16.self) }
        var out: [Piece] = []
        func add(_ range: Range<Int>, _ text: String, _ origin: AssembledDraft.Part.Origin, words: Int) {
            // Adjacent copies and adjacent untranslated words make one part.
            if origin == .copy || origin == .untranslated, let last = out.last, last.part?.origin == origin {
                let merged = last.range.lowerBound..<range.upperBound
                let s = source(merged)
                out[out.count - 1] = Piece(part: .init(range: merged, source: s, text: s, origin: origin),
                                           range: merged, rendered: rendering(s, origin), words: last.words + words)
                return
            }
            out.append(Piece(part: .init(range: range, source: source(range), text: text, origin: origin),
                             range: range, rendered: rendering(text, origin), words: words))
        }
        var spanAt: [Int: Span] = [:]
        for span in spans { spanAt[span.tokens.lowerBound] = span }
        var i = 0
        while i < tokens.count {
            if let span = spanAt[i] {
                let range = tokens[span.tokens.lowerBound].range.lowerBound..<tokens[span.tokens.upperBound - 1].range.upperBound
                add(range, span.text, span.origin, words: span.words)
                i = span.tokens.upperBound
                continue
            }
            let t = tokens[i]
            switch t.kind {
            case .punctuation, .symbol:
                out.append(Piece(part: nil, range: t.range, rendered: punctuation(t.text, into: side.other), words: 0))
            case .number:
                add(t.range, number(t, from: side), .number, words: 1)
            case .url, .email, .otherWord:
                add(t.range, t.text, .copy, words: 1)
            case .latinWord:
                add(t.range, t.text, side == .arabic ? .copy : .untranslated, words: 1)
            case .arabicWord:
                add(t.range, t.text, side == .arabic ? .untranslated : .copy, words: 1)
            case .clitic:
                // و of و3: not a word, but meaning the translator must see.
                add(t.range, t.text, .untranslated, words: 0)
            }
            i += 1
        }
        return out
    }

    static func rendering(_ text: String, _ origin: AssembledDraft.Part.Origin) -> String {
        origin == .untranslated ? AssembledDraft.untranslatedOpen + text + AssembledDraft.untranslatedClose : text
    }

    /// A number of the source as the draft writes it.
    static func number(_ t: Token, from side: Language) -> String {
        guard side == .arabic, let value = t.number, !t.text.unicodeScalars.allSatisfy(\.isASCII) else { return t.text }
        return value.rendered(in: .ascii)
    }

    // MARK: Punctuation and spaces

    static let intoEnglish: [Character: String] = ["،": ",", "؛": ";", "؟": "?", "٪": "%", "«": "“", "»": "”"]
    static let intoArabic: [Character: String] = [",": "،", ";": "؛", "?": "؟"]
    /// Marks that take no space before them, and marks that take none after them.
    static let closing: Set<Character> = [",", ".", ";", ":", "?", "!", ")", "]", "}", "”", "»", "%", "،", "؛", "؟", "…"]
    static let opening: Set<Character> = ["(", "[", "{", "“", "«"]
    /// Marks after which a word always takes a space (، → ", " even where the source glued them).
    static let spaced: Set<Character> = [",", ";", "?", "،", "؛", "؟"]

    static func punctuation(_ text: String, into target: Language) -> String {
        let table = target == .english ? intoEnglish : intoArabic
        return String(text.flatMap { table[$0] ?? String($0) })
    }

    /// What goes between two pieces: the source's space where it had one; none before a
    /// closing mark or after an opening one; a space after a comma, semicolon or question
    /// mark before a word, and between two words the source glued where the language
    /// changes (⟦و⟧ 3).
    static func separator(_ a: Piece, _ b: Piece, units: [UTF16.CodeUnit], target: Language) -> String {
        if b.isPunctuation, let first = b.rendered.first, closing.contains(first) { return "" }
        if a.isPunctuation, let last = a.rendered.last, opening.contains(last) { return "" }
        if a.isPunctuation, !b.isPunctuation, let last = a.rendered.last, spaced.contains(last) { return " " }
        let gap = a.range.upperBound <= b.range.lowerBound ? units[a.range.upperBound..<b.range.lowerBound] : []
        if String(decoding: gap, as: UTF16.self).contains(where: \.isWhitespace) { return " " }
        if !a.isPunctuation && !b.isPunctuation {
            let changes: Set<AssembledDraft.Part.Origin> = [.fragment, .glossary, .untranslated]
            if changes.contains(a.part!.origin) || changes.contains(b.part!.origin) { return " " }
        }
        return ""
    }
}
