import Foundation

/// The comparison form of a text: what Dragoman matches on, never what it stores.
///
/// Stored text keeps the user's spelling (NFC). The key folds the spelling variation
/// that news Arabic shows for the same word, so that a term or a TM segment is found
/// however it was typed. Each rule, its reason and what it can wrongly merge is written
/// down in `docs/match-key.md`; `MatchKeyTests` pins every rule.
///
/// The key is idempotent: `MatchKey.make(MatchKey.make(s)) == MatchKey.make(s)`.
public enum MatchKey {
    /// The match key of `text`.
    public static func make(_ text: String) -> String {
        // Rule 1: NFKC expands presentation forms and ligatures (ﻻ → لا, ﷲ → الله) and
        // composes a letter with a combining hamza (و + ٔ → ؤ). Text made only of ASCII
        // and basic Arabic letters is already in NFKC: skip the Foundation round trip.
        let compatible = needsCompatibilityMapping(text) ? text.precomposedStringWithCompatibilityMapping : text
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var dropped = false
        var sawNonStarter = false
        for scalar in compatible.unicodeScalars {
            if isWhitespace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            switch fold(scalar) {
            case .drop:
                dropped = true
                continue
            case .keep(let mapped):
                if pendingSpace { out.append(" "); pendingSpace = false }
                if mapped.value >= 0x300 && mapped.properties.canonicalCombiningClass != .notReordered {
                    sawNonStarter = true
                }
                out.append(mapped)
            case .lowercase:
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        let key = String(out)
        // Removing a mark can leave a letter and a combining mark adjacent that NFC
        // would compose; compose them so that the key is a fixed point.
        return dropped && sawNonStarter ? key.precomposedStringWithCanonicalMapping : key
    }

    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        if v >= 0x0600 && v <= 0x06FF { return false }
        return scalar.properties.isWhitespace
    }

    /// Whether NFKC could change `text`: only scalars outside ASCII and the basic Arabic
    /// letters, marks and digits (minus the combining hamza/madda and the high-hamza
    /// letters, which compose or decompose) can.
    @inline(__always)
    static func needsCompatibilityMapping(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 { continue }
            if v >= 0x0600 && v <= 0x06FF && !(v >= 0x0653 && v <= 0x0655) && !(v >= 0x0675 && v <= 0x0678) {
                continue
            }
            if v == 0x00A0 || (v >= 0x200B && v <= 0x200F) || (v >= 0x2066 && v <= 0x2069) { continue }
            return true
        }
        return false
    }

    /// What the key does with one scalar (after NFKC).
    public enum Fold: Equatable, Sendable {
        case drop
        case keep(Unicode.Scalar)
        case lowercase
    }

    /// The per-scalar rules of the key, exposed so that tokens can map a key back to
    /// the scalars of the original text.
    @inline(__always)
    public static func fold(_ scalar: Unicode.Scalar) -> Fold {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x41 && v <= 0x5A { return .keep(Unicode.Scalar(v + 0x20)!) }
            return .keep(scalar)
        }
        switch v {
        // Rule 2: bidi controls, zero-width characters and the BOM are display-only.
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF, 0x00AD, 0x2060:
            return .drop
        // Rule 3: tatweel (kashida) only stretches a word.
        case 0x0640:
            return .drop
        // Rule 4: harakat, Quranic annotation marks, the dagger alef, combining hamza/madda.
        case 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8,
             0x06EA...0x06ED, 0x08D3...0x08E1, 0x08E3...0x08FF:
            return .drop
        // Rule 5: alef with hamza above/below, madda, wasla → bare alef.
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673:
            return .keep("\u{0627}")
        // Rule 6: alef maqsura → ya; Persian/Urdu ya → Arabic ya.
        case 0x0649, 0x06CC:
            return .keep("\u{064A}")
        // Rule 7: ta marbuta → ha.
        case 0x0629:
            return .keep("\u{0647}")
        // Rule 8: Persian/Urdu kaf → Arabic kaf.
        case 0x06A9:
            return .keep("\u{0643}")
        // Rule 9: Arabic-Indic and Extended Arabic-Indic digits → ASCII.
        case 0x0660...0x0669:
            return .keep(Unicode.Scalar(v - 0x0660 + 0x30)!)
        case 0x06F0...0x06F9:
            return .keep(Unicode.Scalar(v - 0x06F0 + 0x30)!)
        // Rule 10: Arabic decimal and thousands separators, percent sign.
        case 0x066B: return .keep(".")
        case 0x066C: return .keep(",")
        case 0x066A: return .keep("%")
        // Rule 11: Arabic punctuation and typographic quotes → ASCII.
        case 0x060C: return .keep(",")
        case 0x061B: return .keep(";")
        case 0x061F: return .keep("?")
        case 0x06D4: return .keep(".")
        case 0x00AB, 0x00BB, 0x201C, 0x201D, 0x201E, 0x201F, 0x2033:
            return .keep("\"")
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032:
            return .keep("'")
        case 0x0621...0x063A, 0x0641...0x064A:
            return .keep(scalar)
        default:
            // Rule 12: Latin (and any cased script) case-folded; Arabic has no case.
            if scalar.properties.changesWhenLowercased { return .lowercase }
            return .keep(scalar)
        }
    }
}
