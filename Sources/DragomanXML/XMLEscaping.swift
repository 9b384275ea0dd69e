/// Escaping for text and attribute values. Characters XML 1.0 cannot carry at all
/// (control characters other than tab, LF, CR; U+FFFE; U+FFFF) become U+FFFD, and the
/// count is reported so callers can warn instead of writing a file nobody can read.
public enum XMLEscaping {
    /// `&`, `<`, `>` escaped; CR written as `&#13;` so it survives line-end normalisation.
    public static func escapeText(_ text: String) -> String {
        guard needsEscaping(text, attribute: false) else { return text }
        var out: [UInt8] = []
        _ = append(text, attribute: false, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// As text, plus `"`, and tab, LF, CR as character references so they survive
    /// attribute-value normalisation.
    public static func escapeAttribute(_ value: String) -> String {
        guard needsEscaping(value, attribute: true) else { return value }
        var out: [UInt8] = []
        _ = append(value, attribute: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether any byte may need escaping or replacing (a quick scan: most text needs none).
    static func needsEscaping(_ string: String, attribute: Bool) -> Bool {
        var string = string
        return string.withUTF8 { p in
            let n = p.count
            var i = 0
            while i < n {
                let b = p[i]
                if b < 0x3F {
                    if b < 0x20 {
                        if attribute || (b != 0x09 && b != 0x0A) { return true }
                    } else if b == 0x26 || b == 0x3C || b == 0x3E || (attribute && b == 0x22) {
                        return true
                    }
                } else if b == 0xEF {
                    return true // maybe U+FFFE / U+FFFF
                }
                i += 1
            }
            return false
        }
    }

    /// Appends the escaped UTF-8 of `string`; returns how many characters were replaced by U+FFFD.
    @discardableResult
    public static func append(_ string: String, attribute: Bool, to out: inout [UInt8]) -> Int {
        guard needsEscaping(string, attribute: attribute) else {
            out.append(contentsOf: string.utf8)
            return 0
        }
        var string = string
        var replaced = 0
        string.withUTF8 { p in
            let n = p.count
            var runStart = 0
            var i = 0
            while i < n {
                let b = p[i]
                var replacement: StaticString?
                var width = 1
                if b < 0x3F {
                    switch b {
                    case 0x26: replacement = "&amp;"
                    case 0x3C: replacement = "&lt;"
                    case 0x3E: replacement = "&gt;"
                    case 0x22: if attribute { replacement = "&quot;" }
                    case 0x0D: replacement = "&#13;"
                    case 0x0A: if attribute { replacement = "&#10;" }
                    case 0x09: if attribute { replacement = "&#9;" }
                    default:
                        if b < 0x20 {
                            replacement = "\u{FFFD}"
                            replaced += 1
                        }
                    }
                } else if b == 0xEF && i + 2 < n && p[i + 1] == 0xBF && p[i + 2] >= 0xBE {
                    replacement = "\u{FFFD}"
                    replaced += 1
                    width = 3
                }
                if let replacement {
                    if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i])) }
                    out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                    i += width
                    runStart = i
                } else {
                    i += 1
                }
            }
            if n > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<n])) }
        }
        return replaced
    }
}
