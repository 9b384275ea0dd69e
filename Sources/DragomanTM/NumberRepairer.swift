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
        var rendered = to.rendered(in: value.script)
        if value.isOrdinal {
            rendered += String(String.UnicodeScalarView(token.text.unicodeScalars.suffix(2)))
        }
        if !value.isPercent && to.isPercent && rendered.hasSuffix("%") { rendered.removeLast() }
        if value.isPercent && !rendered.hasSuffix("%") && !rendered.hasSuffix("٪") { rendered += "%" }
        return rendered
    }
}
