/// Splits text into word, number, punctuation, symbol, URL and e-mail tokens.
///
/// A scalar loop of our own rather than ICU's word iterator: UAX #29 glues a proclitic
/// to a number (و3 is one "number") and knows nothing of URLs or e-mail addresses, and
/// the loop is several times faster. Harakat and tatweel stay inside their word.
public enum Tokenizer {
    /// The tokens of `text`, in order, with UTF-16 offsets into `text`.
    public static func tokenize(_ text: String) -> [Token] {
        var scanner = Scanner(text)
        return scanner.run()
    }

    /// Letters that attach to a following word as proclitics, alone or two together.
    static let proclitics: Set<String> = [
        "و", "ف", "ب", "ك", "ل", "وب", "ول", "وك", "فب", "فل", "فك",
    ]

    struct Scanner {
        let text: String
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []  // UTF-16 offset of each scalar; offsets[n] is the end
        var indices: [String.Index] = []  // string index of each scalar; indices[n] is endIndex
        var tokens: [Token] = []
        /// Whether the text can hold a URL or an e-mail address at all (most sentences cannot).
        let mayHaveURL: Bool
        let mayHaveEmail: Bool

        init(_ text: String) {
            self.text = text
            var email = false, url = false
            var previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
            for b in text.utf8 {
                if b == UInt8(ascii: "@") { email = true }
                // "://" or "ww." (of www.)
                if (b == UInt8(ascii: "/") && previous.1 == UInt8(ascii: ":") && previous.2 == UInt8(ascii: "/"))
                    || (b == UInt8(ascii: ".") && previous.1 | 0x20 == UInt8(ascii: "w") && previous.2 | 0x20 == UInt8(ascii: "w")) {
                    url = true
                }
                previous = (previous.1, previous.2, b)
            }
            mayHaveEmail = email
            mayHaveURL = url
            scalars.reserveCapacity(text.utf8.count / 2)
            offsets.reserveCapacity(text.utf8.count / 2 + 1)
            var o = 0
            let view = text.unicodeScalars
            var index = view.startIndex
            while index < view.endIndex {
                let s = view[index]
                scalars.append(s)
                offsets.append(o)
                indices.append(index)
                o += s.utf16.count
                index = view.index(after: index)
            }
            offsets.append(o)
            indices.append(view.endIndex)
        }

        mutating func run() -> [Token] {
            var i = 0
            let n = scalars.count
            while i < n {
                let s = scalars[i]
                let v = s.value
                if MatchKey.isWhitespace(s) || isIgnorableControl(v) {
                    i += 1
                    continue
                }
                if mayHaveURL, atWordStart(i), let end = urlEnd(from: i) {
                    emit(i, end, .url)
                    i = end
                    continue
                }
                if mayHaveEmail, v < 0x80, atWordStart(i), let end = emailEnd(from: i) {
                    emit(i, end, .email)
                    i = end
                    continue
                }
                if ArabicScript.isLetter(v) {
                    i = scanArabicWord(from: i)
                    continue
                }
                if s.isDecimalDigit || (isSign(v) && i + 1 < n && scalars[i + 1].isDecimalDigit && atWordStart(i)) {
                    i = scanNumber(from: i)
                    continue
                }
                if isASCIILetter(v) || (v >= 0x80 && s.properties.isAlphabetic) {
                    i = scanOtherWord(from: i)
                    continue
                }
                let category = s.properties.generalCategory
                switch category {
                case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                     .initialPunctuation, .finalPunctuation, .otherPunctuation:
                    var j = i + 1
                    while j < n && scalars[j] == s { j += 1 }
                    emit(i, j, .punctuation)
                    i = j
                default:
                    emit(i, i + 1, .symbol)
                    i += 1
                }
            }
            return tokens
        }

        @inline(__always)
        func isASCIILetter(_ v: UInt32) -> Bool { (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }

        func isIgnorableControl(_ v: UInt32) -> Bool {
            (v >= 0x200B && v <= 0x200F) || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
                || v == 0x061C || v == 0xFEFF || v < 0x20
        }

        func isSign(_ v: UInt32) -> Bool { v == 0x2D || v == 0x2B || v == 0x2212 }

        /// A token may start here: at the text's start or after white space or an opening mark.
        func atWordStart(_ i: Int) -> Bool {
            if i == 0 { return true }
            let p = scalars[i - 1]
            if p.properties.isWhitespace { return true }
            switch p.properties.generalCategory {
            case .openPunctuation, .initialPunctuation, .finalPunctuation: return true
            default: return p == "\"" || p == "'" || p == ":" || isIgnorableControl(p.value)
            }
        }

        mutating func emit(_ start: Int, _ end: Int, _ kind: Token.Kind) {
            let lo = offsets[start], hi = offsets[end]
            let piece = String(text.unicodeScalars[indices[start]..<indices[end]])
            let number = kind == .number ? NumberValue.parse(piece) : nil
            tokens.append(Token(text: piece, kind: kind, range: lo..<hi, key: MatchKey.make(piece), number: number))
        }

        @inline(__always)
        func isWordScalar(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            if v >= 0x0621 && v <= 0x064A { return true }
            return ArabicScript.isLetter(v) || ArabicScript.isMark(v) || v == 0x200C || v == 0x200D
        }

        mutating func scanArabicWord(from start: Int) -> Int {
            var j = start
            let n = scalars.count
            while j < n && isWordScalar(scalars[j]) { j += 1 }
            // Trailing joiners belong to no word.
            var end = j
            while end > start && (scalars[end - 1].value == 0x200C || scalars[end - 1].value == 0x200D) { end -= 1 }
            if j < n && scalars[j].isDecimalDigit {
                let letters = String(String.UnicodeScalarView(scalars[start..<end].filter { $0.value != 0x0640 }))
                if Tokenizer.proclitics.contains(MatchKey.make(letters)) {
                    emit(start, end, .clitic)
                    return end
                }
            }
            emit(start, end, .arabicWord)
            return end
        }

        mutating func scanNumber(from start: Int) -> Int {
            let n = scalars.count
            var j = start
            if isSign(scalars[j].value) { j += 1 }
            while j < n {
                let s = scalars[j]
                if s.isDecimalDigit { j += 1; continue }
                if [".", ",", "\u{066B}", "\u{066C}"].contains(s) && j + 1 < n && scalars[j + 1].isDecimalDigit {
                    j += 2
                    continue
                }
                break
            }
            if j < n && [0x25, 0x066A, 0x2030, 0x0609].contains(scalars[j].value) {
                j += 1
            } else if j + 1 < n {
                let a = Character(scalars[j]).lowercased(), b = Character(scalars[j + 1]).lowercased()
                let suffix = a + b
                if ["st", "nd", "rd", "th"].contains(suffix),
                   j + 2 >= n || !scalars[j + 2].properties.isAlphabetic {
                    j += 2
                }
            }
            // A Latin letter run glued to digits ("G20" is handled as a word; "20GB" keeps
            // the number apart from its unit).
            emit(start, j, .number)
            return j
        }

        mutating func scanOtherWord(from start: Int) -> Int {
            let n = scalars.count
            var j = start
            var latin = 0
            var other = 0
            while j < n {
                let s = scalars[j]
                let v = s.value
                if isASCIILetter(v) {
                    latin += 1
                    j += 1
                    continue
                }
                if v < 0x80 && !(v >= 0x30 && v <= 0x39) && v != 0x27 { break }
                if ArabicScript.isLetter(v) { break }
                if v >= 0x80 && (s.properties.isAlphabetic || s.properties.generalCategory == .nonspacingMark
                    || s.properties.generalCategory == .spacingMark) {
                    if LatinScript.isLetter(v) { latin += 1 } else if s.properties.isAlphabetic { other += 1 }
                    j += 1
                    continue
                }
                // Digits inside a Latin word (G20, MP3, COVID-19's "COVID" stays apart).
                if s.isDecimalDigit && v < 0x80 && latin > 0 {
                    j += 1
                    continue
                }
                // An apostrophe between letters (don't, O’Brien).
                if (v == 0x27 || v == 0x2019) && j + 1 < n && scalars[j + 1].properties.isAlphabetic
                    && !ArabicScript.isLetter(scalars[j + 1].value) && j > start {
                    j += 1
                    continue
                }
                break
            }
            emit(start, j, latin >= other ? .latinWord : .otherWord)
            return j
        }

        /// The end of a URL starting at `i` (http://, https://, www.), trailing punctuation excluded.
        func urlEnd(from i: Int) -> Int? {
            let n = scalars.count
            func hasPrefix(_ p: String) -> Bool {
                var k = i
                for c in p.unicodeScalars {
                    guard k < n else { return false }
                    let s = scalars[k]
                    let lower = s.value >= 0x41 && s.value <= 0x5A ? Unicode.Scalar(s.value + 0x20)! : s
                    if lower != c { return false }
                    k += 1
                }
                return true
            }
            guard hasPrefix("http://") || hasPrefix("https://") || hasPrefix("www.") else { return nil }
            var j = i
            while j < n {
                let s = scalars[j]
                if s.properties.isWhitespace || "<>\"«»،“”".unicodeScalars.contains(s) { break }
                j += 1
            }
            while j > i, ".,;:!?)]}'’؟؛…".unicodeScalars.contains(scalars[j - 1]) { j -= 1 }
            return j - i > 4 ? j : nil
        }

        /// The end of an e-mail address starting at `i` (ASCII local part @ domain.tld).
        func emailEnd(from i: Int) -> Int? {
            let n = scalars.count
            func isLocal(_ s: Unicode.Scalar) -> Bool {
                s.isASCII && (s.properties.isAlphabetic || s.isDecimalDigit || "._%+-".unicodeScalars.contains(s))
            }
            var j = i
            while j < n && isLocal(scalars[j]) { j += 1 }
            guard j > i, j < n, scalars[j] == "@" else { return nil }
            var k = j + 1
            var lastDot = -1
            while k < n {
                let s = scalars[k]
                if s.isASCII && (s.properties.isAlphabetic || s.isDecimalDigit || s == "-") { k += 1; continue }
                if s == "." && k + 1 < n && scalars[k + 1].isASCII && scalars[k + 1].properties.isAlphabetic {
                    lastDot = k
                    k += 1
                    continue
                }
                break
            }
            guard lastDot > j + 1, k - lastDot >= 3 else { return nil }
            return k
        }
    }
}
