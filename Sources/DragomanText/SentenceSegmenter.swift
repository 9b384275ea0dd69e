/// A sentence (or heading, or list item) of a text, as a UTF-16 range of the original.
public struct Segment: Sendable, Hashable, Codable {
    public let text: String
    /// UTF-16 offsets in the whole input.
    public let range: Range<Int>
    /// The paragraph this segment belongs to, counting from 0.
    public let paragraph: Int

    public init(text: String, range: Range<Int>, paragraph: Int) {
        self.text = text
        self.range = range
        self.paragraph = paragraph
    }
}

/// Splits Arabic and English text into sentences.
///
/// ICU's sentence iterator proposes boundaries (it handles closing quotes, "3.5", and
/// ؟ or . with no space after); rules of our own then add what ICU misses (… and a
/// period glued to the next word) and remove what it gets wrong (abbreviations,
/// initials, list numbers, Arabic single-letter abbreviations such as د.). The choice
/// was measured on NTREX (see README, "Sentence segmentation").
public struct SentenceSegmenter: Sendable {
    public enum Mode: String, Sendable, CaseIterable {
        /// ICU boundaries with Dragoman's rules on top (the default).
        case rules
        /// ICU's boundaries as they come (for comparison in evaluations).
        case icuOnly = "icu"
    }

    /// The text's language; nil decides it per paragraph (more Arabic than Latin letters
    /// is Arabic).
    public var language: Language?
    public var layout: TextLayout
    public var mode: Mode

    public init(language: Language? = nil, layout: TextLayout = .plainText, mode: Mode = .rules) {
        self.language = language
        self.layout = layout
        self.mode = mode
    }

    /// The segments of `text`, paragraph by paragraph.
    public func segments(of text: String) -> [Segment] {
        let u = Array(text.utf16)
        var out: [Segment] = []
        for (p, para) in Paragraphs.ranges(in: text, layout: layout).enumerated() {
            for r in sentenceRanges(in: u, paragraph: para) {
                out.append(Segment(text: String(decoding: u[r], as: UTF16.self), range: r, paragraph: p))
            }
        }
        return out
    }

    /// Sentence ranges (trimmed of white space) inside one paragraph of `u`.
    public func sentenceRanges(in u: [UInt16], paragraph: Range<Int>) -> [Range<Int>] {
        // A soft line break inside a Markdown paragraph is a space to ICU, which would
        // otherwise end a sentence at every line end (same UTF-16 length, same offsets).
        let slice = u[paragraph].map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
        let lang = language ?? Language.detect(String(decoding: slice, as: UTF16.self))
        let icu = (try? ICU.boundaries(.sentence, locale: lang == .arabic ? "ar" : "en", utf16: slice)) ?? [slice.count]
        var cuts: [Int]
        if mode == .icuOnly {
            cuts = icu.filter { $0 < slice.count }
        } else {
            let rules = BoundaryRules(u: slice)
            let candidates = Set(icu.filter { $0 < slice.count }).union(rules.extraCandidates())
            cuts = candidates.sorted().filter { rules.keep($0) }
        }
        cuts.append(slice.count)
        var out: [Range<Int>] = []
        var start = 0
        for cut in cuts where cut > start {
            if let r = trimmed(start..<cut, in: slice) {
                out.append((r.lowerBound + paragraph.lowerBound)..<(r.upperBound + paragraph.lowerBound))
            }
            start = cut
        }
        return out
    }

    func trimmed(_ r: Range<Int>, in u: [UInt16]) -> Range<Int>? {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi && UTF16Class.isSpace(u[lo]) { lo += 1 }
        while hi > lo && UTF16Class.isSpace(u[hi - 1]) { hi -= 1 }
        return lo < hi ? lo..<hi : nil
    }
}

/// UTF-16 character classes for boundary rules (all the characters involved are in the BMP).
enum UTF16Class {
    static func isSpace(_ c: UInt16) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0xA0 || c == 0x3000 || c == 0x202F
            || (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF
    }
    static func isTerminator(_ c: UInt16) -> Bool {
        c == 0x2E || c == 0x21 || c == 0x3F || c == 0x061F || c == 0x2026 || c == 0x06D4 || c == 0x203C
            || c == 0x2047 || c == 0x2048 || c == 0x2049
    }
    static func isCloser(_ c: UInt16) -> Bool {
        c == 0x22 || c == 0x27 || c == 0xBB || c == 0xAB || c == 0x201D || c == 0x201C || c == 0x2019
            || c == 0x29 || c == 0x5D || c == 0x7D || c == 0x203A
    }
    static func isArabicLetter(_ c: UInt16) -> Bool { ArabicScript.isLetter(UInt32(c)) }
    static func isLatinLetter(_ c: UInt16) -> Bool { LatinScript.isLetter(UInt32(c)) }
    static func isLatinUpper(_ c: UInt16) -> Bool {
        guard let s = Unicode.Scalar(UInt32(c)) else { return false }
        return LatinScript.isUppercase(s)
    }
    static func isLatinLower(_ c: UInt16) -> Bool { isLatinLetter(c) && !isLatinUpper(c) }
    static func isDigit(_ c: UInt16) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06F0 && c <= 0x06F9)
    }
    static func isLetter(_ c: UInt16) -> Bool {
        isArabicLetter(c) || isLatinLetter(c) || ArabicScript.isMark(UInt32(c))
    }
}

/// Dragoman's boundary rules over one paragraph (UTF-16 units).
struct BoundaryRules {
    let u: [UInt16]

    /// Boundaries ICU does not propose: after … before a word that is not lower-case
    /// Latin, and after a terminator glued to an Arabic word or an upper-case Latin word.
    func extraCandidates() -> [Int] {
        var out: [Int] = []
        var i = 0
        let n = u.count
        while i < n {
            guard UTF16Class.isTerminator(u[i]) else { i += 1; continue }
            var j = i
            var hasEllipsis = false
            while j < n && (UTF16Class.isTerminator(u[j])) {
                if u[j] == 0x2026 { hasEllipsis = true }
                j += 1
            }
            while j < n && UTF16Class.isCloser(u[j]) { j += 1 }
            if j < n {
                if UTF16Class.isArabicLetter(u[j]) || UTF16Class.isLatinUpper(u[j]) {
                    out.append(j)
                } else if hasEllipsis || (j - i >= 3 && u[i] == 0x2E) {
                    var k = j
                    while k < n && UTF16Class.isSpace(u[k]) { k += 1 }
                    if k > j && k < n { out.append(k) }
                }
            }
            i = j
        }
        return out
    }

    /// Whether a proposed boundary at `b` (the start of the next sentence) stands.
    func keep(_ b: Int) -> Bool {
        var k = b - 1
        while k >= 0 && UTF16Class.isSpace(u[k]) { k -= 1 }
        while k >= 0 && UTF16Class.isCloser(u[k]) { k -= 1 }
        guard k >= 0, UTF16Class.isTerminator(u[k]) else { return true }
        let runEnd = k
        while k >= 0 && UTF16Class.isTerminator(u[k]) { k -= 1 }
        let runStart = k + 1
        let next = firstNonSpace(from: b)
        if insideURLOrEmail(at: runStart) { return false }
        let run = u[runStart...runEnd]
        if run.contains(0x2026) || (run.count >= 3 && run.allSatisfy { $0 == 0x2E }) {
            // An ellipsis ends a sentence unless the text goes on in lower case.
            return !(next.map(UTF16Class.isLatinLower) ?? false)
        }
        if run.allSatisfy({ $0 == 0x3F || $0 == 0x21 }) {
            // "Why?" she asked: a question or exclamation goes on in lower case.
            return !(next.map(UTF16Class.isLatinLower) ?? false)
        }
        guard run.count == 1, u[runStart] == 0x2E else { return true }
        if b == runEnd + 1, runStart > 0, UTF16Class.isLetter(u[runStart - 1]),
           runStart < 2 || !UTF16Class.isLetter(u[runStart - 2]) {
            // A single letter, a period and a letter with no space: inside an acronym (U.S, F.B.I).
            return false
        }
        return keepAfterPeriod(at: runStart, next: next)
    }

    func nextWord(from i: Int) -> String? {
        var j = i
        while j < u.count && UTF16Class.isSpace(u[j]) { j += 1 }
        var k = j
        while k < u.count && UTF16Class.isLetter(u[k]) { k += 1 }
        return k > j ? String(decoding: u[j..<k], as: UTF16.self) : nil
    }

    func firstNonSpace(from i: Int) -> UInt16? {
        var j = i
        while j < u.count && UTF16Class.isSpace(u[j]) { j += 1 }
        return j < u.count ? u[j] : nil
    }

    func insideURLOrEmail(at i: Int) -> Bool {
        var lo = i, hi = i
        while lo > 0 && !UTF16Class.isSpace(u[lo - 1]) { lo -= 1 }
        while hi < u.count && !UTF16Class.isSpace(u[hi]) { hi += 1 }
        let chunk = String(decoding: u[lo..<hi], as: UTF16.self).lowercased()
        // A period at the end of an address ends the sentence; one inside it does not.
        let inside = i + 1 < hi && !u[(i + 1)..<hi].allSatisfy { UTF16Class.isCloser($0) || UTF16Class.isTerminator($0) }
        if chunk.contains("://") || chunk.hasPrefix("www.") { return inside }
        if let at = chunk.firstIndex(of: "@"), chunk[at...].contains(".") { return inside }
        return false
    }

    /// The rules for a single period at `dot`.
    func keepAfterPeriod(at dot: Int, next: UInt16?) -> Bool {
        // The word before the period, with inner periods (U.S, e.g, أ.د).
        var start = dot
        while start > 0 && (UTF16Class.isLetter(u[start - 1]) || u[start - 1] == 0x2E || u[start - 1] == 0x0640) {
            start -= 1
        }
        while start < dot && u[start] == 0x2E { start += 1 }
        let word = String(decoding: u[start..<dot], as: UTF16.self)
        let nextIsDigit = next.map(UTF16Class.isDigit) ?? false
        let nextIsLower = next.map(UTF16Class.isLatinLower) ?? false
        if word.isEmpty {
            // A number before the period: list numbering at the start of a paragraph.
            guard dot > 0, UTF16Class.isDigit(u[dot - 1]) else { return true }
            var j = dot - 1
            while j >= 0 && UTF16Class.isDigit(u[j]) { j -= 1 }
            while j >= 0 && UTF16Class.isSpace(u[j]) { j -= 1 }
            return j >= 0
        }
        let key = MatchKey.make(word)
        let letters = key.unicodeScalars.filter { $0 != "." }
        if let first = word.utf16.first, UTF16Class.isArabicLetter(first) {
            // Arabic single-letter abbreviations (د. م. ص. أ.د.) do not end a sentence,
            // except م/ه after a number, which mark a year.
            let parts = key.split(separator: ".")
            guard letters.count == 1 || parts.allSatisfy({ $0.unicodeScalars.count == 1 }) else { return true }
            if Abbreviations.arabicYearMarkers.contains(key), precededByNumber(start) { return true }
            return false
        }
        guard let first = word.utf16.first, UTF16Class.isLatinLetter(first) else { return true }
        if Abbreviations.englishTitles.contains(key) { return false }
        if Abbreviations.beforeNumber.contains(key) && nextIsDigit { return false }
        if key == "vs" || key == "v" { return false }
        if (key == "a.m" || key == "p.m"), let w = nextWord(from: dot + 1), Abbreviations.timeZones.contains(w) {
            return false
        }
        if letters.count == 1 && key.count == 1 && word.unicodeScalars.first.map(LatinScript.isUppercase) == true {
            // An initial (J. K. Rowling, George W. Bush) follows a capitalized word, another
            // initial or nothing; after a lower-case word (a grade A.) it is a word.
            return previousWordIsLowercase(before: start)
        }
        // A dotted acronym (U.S., U.K., D.C.).
        if key.contains("."), letters.count <= 4,
           word.unicodeScalars.allSatisfy({ $0 == "." || LatinScript.isUppercase($0) }) {
            return false
        }
        if Abbreviations.ambiguous.contains(key) { return !(nextIsLower || nextIsDigit) }
        return true
    }

    func previousWordIsLowercase(before i: Int) -> Bool {
        var j = i - 1
        while j >= 0 && UTF16Class.isSpace(u[j]) { j -= 1 }
        guard j >= 0 else { return false }
        var k = j
        while k > 0 && UTF16Class.isLetter(u[k - 1]) { k -= 1 }
        guard UTF16Class.isLetter(u[k]) else { return false }
        return UTF16Class.isArabicLetter(u[k]) || UTF16Class.isLatinLower(u[k])
    }

    func precededByNumber(_ i: Int) -> Bool {
        var j = i - 1
        while j >= 0 && UTF16Class.isSpace(u[j]) { j -= 1 }
        return j >= 0 && UTF16Class.isDigit(u[j])
    }
}
