/// How a text marks its paragraphs.
public enum TextLayout: String, Sendable, Codable, CaseIterable {
    /// Every line break ends a paragraph (news articles as scraped or pasted).
    case plainText = "text"
    /// A blank line ends a paragraph; so does the start of a heading, list item or quote.
    case markdown
}

/// Splits a text into paragraphs, by UTF-16 ranges of the original.
public enum Paragraphs {
    public static func ranges(in text: String, layout: TextLayout) -> [Range<Int>] {
        let lines = lineRanges(in: text)
        let u = Array(text.utf16)
        func isBlank(_ r: Range<Int>) -> Bool {
            u[r].allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0xA0 || $0 == 0x3000 || $0 == 0xFEFF }
        }
        switch layout {
        case .plainText:
            return lines.filter { !isBlank($0) }
        case .markdown:
            var out: [Range<Int>] = []
            var current: Range<Int>? = nil
            for line in lines {
                if isBlank(line) {
                    if let c = current { out.append(c) }
                    current = nil
                    continue
                }
                if let c = current, !startsBlock(u[line]) {
                    current = c.lowerBound..<line.upperBound
                } else {
                    if let c = current { out.append(c) }
                    current = line
                }
            }
            if let c = current { out.append(c) }
            return out
        }
    }

    /// Lines (without their line ends): \n, \r\n, \r and U+2029 end a line.
    public static func lineRanges(in text: String) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var start = 0
        var i = 0
        let u = Array(text.utf16)
        while i < u.count {
            let c = u[i]
            if c == 0x0A || c == 0x0D || c == 0x2029 || c == 0x2028 {
                out.append(start..<i)
                if c == 0x0D && i + 1 < u.count && u[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < u.count { out.append(start..<u.count) }
        return out
    }

    /// Whether a Markdown line starts a block of its own (heading, list item, quote, rule).
    static func startsBlock(_ line: ArraySlice<UInt16>) -> Bool {
        var i = line.startIndex
        while i < line.endIndex && line[i] == 0x20 { i += 1 }
        guard i < line.endIndex else { return false }
        let c = line[i]
        if c == 0x23 || c == 0x3E { return true }  // # >
        if (c == 0x2D || c == 0x2A || c == 0x2B) && i + 1 < line.endIndex && line[i + 1] == 0x20 { return true }
        var j = i
        while j < line.endIndex && line[j] >= 0x30 && line[j] <= 0x39 { j += 1 }
        if j > i && j + 1 < line.endIndex && (line[j] == 0x2E || line[j] == 0x29) && line[j + 1] == 0x20 { return true }
        return false
    }
}
