import Foundation

/// The digit script a number was written in; kept so that a number substituted into a
/// suggestion is written the way the target already writes numbers.
public enum DigitScript: String, Sendable, Codable, Hashable {
    case ascii
    case arabicIndic
    case extendedArabicIndic
    case other
    case mixed
}

/// The value of a number as written in any digit script, so that 40, ٤٠ and ۴۰ compare
/// equal. Percentages (40%, ٤٠٪) and simple ordinals (1st, 22nd) keep a flag.
public struct NumberValue: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Canonical ASCII form of the value: no grouping, no leading zeros in the integer
    /// part, no trailing zeros in the fraction ("1234.5", "-3", "0.25").
    public let canonical: String
    public let isPercent: Bool
    public let isOrdinal: Bool
    public let script: DigitScript
    /// The number of digits after the decimal separator as written (for re-rendering).
    public let fractionDigits: Int

    public var description: String { canonical + (isPercent ? "%" : "") + (isOrdinal ? " (ordinal)" : "") }

    /// The value as a `Decimal` (exact for what news text writes).
    public var decimal: Decimal { Decimal(string: canonical) ?? 0 }

    /// Whether two numbers have the same value (and both are or both are not percentages).
    public func sameValue(as other: NumberValue) -> Bool {
        canonical == other.canonical && isPercent == other.isPercent
    }

    /// Parses a number token such as "40", "٤٠", "١٢٫٥٪", "1,234.5", "-3", "2nd".
    /// Returns nil when `text` is not a number.
    public static func parse(_ text: some StringProtocol) -> NumberValue? {
        var scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var isPercent = false
        var isOrdinal = false
        if let last = scalars.last, [0x25, 0x066A, 0x2030, 0x0609].contains(last.value) {
            isPercent = true
            scalars.removeLast()
        }
        if scalars.count > 2 {
            let tail = String(String.UnicodeScalarView(scalars.suffix(2))).lowercased()
            if ["st", "nd", "rd", "th"].contains(tail) {
                isOrdinal = true
                scalars.removeLast(2)
            }
        }
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" || first == "\u{2212}" {
            negative = first != "+"
            scalars.removeFirst()
        }
        // Split into digit groups and the separators between them.
        var groups: [[Int]] = [[]]
        var separators: [Unicode.Scalar] = []
        var scripts = Set<DigitScript>()
        for s in scalars {
            if let d = s.decimalDigitValue {
                groups[groups.count - 1].append(d)
                scripts.insert(digitScript(of: s))
            } else if [".", ",", "\u{066B}", "\u{066C}", "'", "\u{00A0}", "\u{202F}"].contains(s) {
                guard !groups[groups.count - 1].isEmpty else { return nil }
                separators.append(s)
                groups.append([])
            } else {
                return nil
            }
        }
        guard groups.allSatisfy({ !$0.isEmpty }) else { return nil }
        let decimalIndex = decimalSeparatorIndex(separators: separators, groups: groups)
        var integerDigits: [Int] = []
        var fractionDigits: [Int] = []
        for (i, group) in groups.enumerated() {
            if let d = decimalIndex, i > d { fractionDigits += group } else { integerDigits += group }
        }
        let written = fractionDigits.count
        while let f = integerDigits.first, f == 0, integerDigits.count > 1 { integerDigits.removeFirst() }
        while let l = fractionDigits.last, l == 0 { fractionDigits.removeLast() }
        var canonical = integerDigits.map(String.init).joined()
        if !fractionDigits.isEmpty { canonical += "." + fractionDigits.map(String.init).joined() }
        if negative && canonical != "0" { canonical = "-" + canonical }
        let script: DigitScript = scripts.count == 1 ? scripts.first! : .mixed
        return NumberValue(canonical: canonical, isPercent: isPercent, isOrdinal: isOrdinal,
                           script: script, fractionDigits: written)
    }

    /// Which separator (by index in `separators`) is the decimal point, if any.
    /// ٫ is always decimal and ٬ always grouping; with both . and , the last one is the
    /// decimal point; a lone , followed by groups of exactly three digits is grouping.
    static func decimalSeparatorIndex(separators: [Unicode.Scalar], groups: [[Int]]) -> Int? {
        if let i = separators.firstIndex(of: "\u{066B}") { return i }
        let kinds = Set(separators.filter { $0 == "." || $0 == "," })
        if kinds.count == 2 {
            return separators.lastIndex(where: { $0 == "." || $0 == "," })
        }
        if kinds == ["."] {
            let dots = separators.indices.filter { separators[$0] == "." }
            return dots.count == 1 ? dots[0] : nil
        }
        if kinds == [","] {
            let commas = separators.indices.filter { separators[$0] == "," }
            let allThousands = commas.allSatisfy { groups[$0 + 1].count == 3 }
            return (!allThousands && commas.count == 1) ? commas[0] : nil
        }
        return nil
    }

    static func digitScript(of s: Unicode.Scalar) -> DigitScript {
        switch s.value {
        case 0x30...0x39: return .ascii
        case 0x0660...0x0669: return .arabicIndic
        case 0x06F0...0x06F9: return .extendedArabicIndic
        default: return .other
        }
    }

    /// Writes this value in `script` (ASCII when `.mixed`/`.other`), with the decimal
    /// separator that script uses (٫ for Arabic-Indic digits) and the percent sign kept.
    public func rendered(in script: DigitScript) -> String {
        let zero: UInt32
        var decimalPoint = "."
        var percent = "%"
        switch script {
        case .arabicIndic:
            zero = 0x0660; decimalPoint = "\u{066B}"; percent = "\u{066A}"
        case .extendedArabicIndic:
            zero = 0x06F0; decimalPoint = "\u{066B}"; percent = "\u{066A}"
        default:
            zero = 0x30
        }
        var out = ""
        for ch in canonical.unicodeScalars {
            if let d = ch.decimalDigitValue {
                out.unicodeScalars.append(Unicode.Scalar(zero + UInt32(d))!)
            } else if ch == "." {
                out += decimalPoint
            } else {
                out.unicodeScalars.append(ch)
            }
        }
        if isPercent { out += percent }
        return out
    }
}
