/// A consonant skeleton that an English name and its Arabic transliteration share:
/// Hammel and هاميل are both "hml", Giles and جايلز "gls", Trump and ترامب "trmb".
///
/// Vowels (and ا و ي ى ع ء, which Arabic uses for them) are dropped; consonants fall into
/// classes that transliteration keeps apart (b/p, t, d, s/z/sh, k/q/c/kh, g/j/gh, f/v, h,
/// l, m, n, r); doubled consonants collapse; a final h (ة, silent English h) is dropped.
/// Only skeletons of three consonants or more are used, so that short words do not meet
/// by chance.
enum NameSkeleton {
    static let minimumLength = 3

    /// The skeleton of an Arabic word (its match key or a clitic reading's core).
    static func arabic(_ key: String) -> String? {
        // On code points and ASCII bytes: a switch on scalars and an array of Characters
        // made this 6% of aligning a unit on arrival.
        var out: [UInt8] = []
        out.reserveCapacity(12)
        for s in key.unicodeScalars {
            let c: UInt8
            switch s.value {
            case 0x0628, 0x067E: c = UInt8(ascii: "b")                          // ب پ
            case 0x062A, 0x0637, 0x062B: c = UInt8(ascii: "t")                  // ت ط ث
            case 0x062F, 0x0636: c = UInt8(ascii: "d")                          // د ض
            case 0x0630, 0x0632, 0x0633, 0x0634, 0x0635, 0x0638: c = UInt8(ascii: "s") // ذ ز س ش ص ظ
            case 0x062C, 0x063A, 0x06AF, 0x0686: c = UInt8(ascii: "g")          // ج غ گ چ
            case 0x062D, 0x0647: c = UInt8(ascii: "h")                          // ح ه
            case 0x062E, 0x0642, 0x0643: c = UInt8(ascii: "k")                  // خ ق ك
            case 0x0641, 0x06A4: c = UInt8(ascii: "f")                          // ف ڤ
            case 0x0644: c = UInt8(ascii: "l")                                  // ل
            case 0x0645: c = UInt8(ascii: "m")                                  // م
            case 0x0646: c = UInt8(ascii: "n")                                  // ن
            case 0x0631: c = UInt8(ascii: "r")                                  // ر
            case 0x0627, 0x0648, 0x064A, 0x0649, 0x0639, 0x0621, 0x0626, 0x0624, 0x0629: continue // ا و ي ى ع ء ئ ؤ ة
            default:
                if ArabicLetters.isLetter(s) { continue } else { return nil }
            }
            if out.last != c { out.append(c) }
        }
        if out.last == UInt8(ascii: "h") { out.removeLast() }
        return out.count >= minimumLength ? String(decoding: out, as: UTF8.self) : nil
    }

    /// The skeleton of an English word (any case; Latin letters only).
    static func english(_ word: String) -> String? {
        let letters = Array(word.lowercased().unicodeScalars.map { s -> Unicode.Scalar in
            // Fold the accented Latin letters news writes in names (é → e); ASCII, nearly
            // every letter, needs no decomposition.
            s.isASCII ? s : (String(s).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? s)
        })
        var out: [Character] = []
        var i = 0
        func push(_ c: Character) { if out.last != c { out.append(c) } }
        while i < letters.count {
            let s = letters[i]
            let next: Unicode.Scalar? = i + 1 < letters.count ? letters[i + 1] : nil
            switch (s, next) {
            case ("s", "h"): push("s"); i += 2; continue
            case ("c", "h"): push("t"); push("s"); i += 2; continue
            case ("t", "h"): push("t"); i += 2; continue
            case ("p", "h"): push("f"); i += 2; continue
            case ("k", "h"), ("c", "k"): push("k"); i += 2; continue
            case ("g", "h"): push("g"); i += 2; continue
            case ("q", "u"): push("k"); i += 2; continue
            default: break
            }
            switch s {
            case "b", "p": push("b")
            case "t": push("t")
            case "d": push("d")
            case "s", "z": push("s")
            case "c": push(next == "e" || next == "i" || next == "y" ? "s" : "k")
            case "k", "q": push("k")
            case "g", "j": push("g")
            case "f", "v": push("f")
            case "h": push("h")
            case "l": push("l")
            case "m": push("m")
            case "n": push("n")
            case "r": push("r")
            case "x": push("k"); push("s")
            case "a", "e", "i", "o", "u", "y", "w", "'", "’", "-": break
            default: return nil
            }
            i += 1
        }
        if out.last == "h" { out.removeLast() }
        return out.count >= minimumLength ? String(out) : nil
    }

    /// English words that start sentences or headlines with a capital and are no name.
    static let englishStopwords: Set<String> = [
        "the", "this", "that", "these", "those", "there", "their", "they", "then", "than", "after", "before",
        "but", "and", "when", "while", "where", "what", "which", "who", "whom", "why", "how", "with", "without",
        "from", "for", "over", "under", "into", "about", "also", "some", "many", "more", "most", "other",
        "others", "meanwhile", "however", "although", "because", "since", "still", "such", "both", "each",
        "every", "here", "his", "her", "hers", "its", "our", "your", "she", "him", "not", "now", "only",
        "once", "according", "despite", "during", "among", "between", "following", "last", "next", "first",
        "second", "third", "new", "mr", "mrs", "ms", "dr", "said", "says", "say", "will", "would", "could",
        "should", "can", "may", "might", "must", "has", "have", "had", "was", "were", "are", "is", "be",
        "been", "being", "did", "does", "don't", "it's", "i'm", "we're", "you", "we", "one", "two", "three",
        "four", "five", "six", "seven", "eight", "nine", "ten", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december", "yet", "if", "so", "as", "at", "by", "in", "on", "of",
        "to", "up", "an", "or", "no", "yes", "all", "any", "just", "even", "again", "already",
    ]
}

enum ArabicLetters {
    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        (0x0620...0x064A).contains(s.value) || (0x0671...0x06D3).contains(s.value)
    }
}
