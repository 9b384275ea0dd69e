import DragomanText

/// Carries the query's numbers into a TM target when only numbers differ (Trados calls
/// this auto-substitution; Okapi's enum calls it FUZZY_REPAIRED).
public enum NumberRepairer {
    /// The target rewritten with the query's numbers, or nil when the difference is not
    /// only numbers or a TM source number cannot be found, by value, in the TM target.
    public static func repair(steps: [AlignmentStep], query: [MatchToken], source: [MatchToken],
                              target: String) -> (text: String, repairs: [NumberRepair])? {
        var replacements: [(from: NumberValue, to: NumberValue, query: Range<Int>)] = []
        for step in steps where step.kind != .equal {
            guard step.kind == .number, let q = step.queryIndex, let s = step.sourceIndex,
                  let to = query[q].number, let from = source[s].number else { return nil }
            replacements.append((from, to, query[q].range))
        }
        guard !replacements.isEmpty else { return nil }
        // One source value must not map to two query values.
        var mapping: [String: NumberValue] = [:]
        var querySpan: [String: Range<Int>] = [:]
        for r in replacements {
            let k = r.from.canonical + (r.from.isPercent ? "%" : "")
            if let existing = mapping[k], !existing.sameValue(as: r.to) { return nil }
            mapping[k] = r.to
            if querySpan[k] == nil { querySpan[k] = r.query }
        }
        let targetTokens = Tokenizer.tokenize(target).filter { $0.kind == .number }
        var found = Set<String>()
        var edits: [(range: Range<Int>, text: String, from: String, query: Range<Int>?)] = []
        for token in targetTokens {
            guard let value = token.number else { continue }
            let k = value.canonical + (value.isPercent ? "%" : "")
            guard let to = mapping[k] else { continue }
            found.insert(k)
            edits.append((token.range, render(to, replacing: token), token.text, querySpan[k]))
        }
        guard found.count == mapping.count else { return nil }
        var utf16 = Array(target.utf16)
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            utf16.replaceSubrange(edit.range, with: Array(edit.text.utf16))
        }
        // Edits are in target order: each one's place in the new text is moved by the
        // length changes of those before it.
        var shift = 0
        var repairs: [NumberRepair] = []
        for edit in edits.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let start = edit.range.lowerBound + shift
            let length = edit.text.utf16.count
            repairs.append(NumberRepair(from: edit.from, to: edit.text, by: "number", sourceSpan: edit.query.map(TextSpan.init),
                                        targetSpan: TextSpan(start..<(start + length))))
            shift += length - edit.range.count
        }
        return (String(decoding: utf16, as: UTF16.self), repairs)
    }

    /// The query's value written as the target's number was: its digits, its ordinal
    /// ending, its percent sign.
    public static func render(_ to: NumberValue, replacing token: Token) -> String {
        guard let value = token.number else { return to.rendered(in: .ascii) }
        return render(to, replacing: token.text, value: value)
    }

    /// The query's value written as `text` (a number of the target, of `value`) was: in
    /// its digits, with its thousands separator, its ordinal ending (the right one for the
    /// new value in English: 3rd, not 3th) and its percent sign. The digits are grouped in
    /// threes as well when the query wrote them so (`queryText`).
    public static func render(_ to: NumberValue, replacing text: String, value: NumberValue, queryText: String? = nil) -> String {
        var rendered = to.rendered(in: value.script)
        if let separator = thousandsSeparator(of: text) {
            rendered = grouped(rendered, by: separator)
        } else if let queryText, thousandsSeparator(of: queryText) != nil {
            rendered = grouped(rendered, by: [.arabicIndic, .extendedArabicIndic].contains(value.script) ? "\u{066C}" : ",")
        }
        if value.isOrdinal {
            let ending = String(String.UnicodeScalarView(text.unicodeScalars.suffix(2)))
            rendered += englishOrdinalEnding(of: to, like: ending) ?? ending
        }
        if !value.isPercent && to.isPercent && rendered.hasSuffix("%") { rendered.removeLast() }
        if value.isPercent && !rendered.hasSuffix("%") && !rendered.hasSuffix("٪") { rendered += "%" }
        return rendered
    }

    /// The separator between groups of three digits in a written number (1,250 and
    /// ١٬٢٥٠), or nil when it has none.
    static func thousandsSeparator(of text: String) -> Character? {
        for separator in [",", "\u{066C}"] as [Character] where text.contains(separator) {
            let groups = text.split(separator: separator, omittingEmptySubsequences: false)
            // Every group after a separator starts with three digits (1,250.5, 12,000th).
            let threes = groups.dropFirst().allSatisfy { g in
                let digits = g.prefix { $0.isNumber }
                return digits.count == 3 && (g.count == 3 || !g.dropFirst(3).first!.isNumber)
            }
            if threes { return separator }
        }
        return nil
    }

    /// Digits grouped in threes from the decimal point back (12500 → 12,500).
    static func grouped(_ rendered: String, by separator: Character) -> String {
        let characters = Array(rendered)
        let end = characters.firstIndex { !$0.isNumber && $0 != "-" } ?? characters.count
        let sign = characters.first == "-" ? 1 : 0
        let digits = characters[sign..<end]
        guard digits.count > 3 else { return rendered }
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(d)
        }
        return String(characters[..<sign]) + out + String(characters[end...])
    }

    /// An English ordinal ending (st nd rd th) for a whole number, in the case of `like`;
    /// nil when `like` is not one.
    static func englishOrdinalEnding(of value: NumberValue, like: String) -> String? {
        guard ["st", "nd", "rd", "th"].contains(like.lowercased()), let n = Int(value.canonical) else { return nil }
        let ending: String
        switch (abs(n) % 100, abs(n) % 10) {
        case (11...13, _): ending = "th"
        case (_, 1): ending = "st"
        case (_, 2): ending = "nd"
        case (_, 3): ending = "rd"
        default: ending = "th"
        }
        return like == like.uppercased() ? ending.uppercased() : ending
    }
}
