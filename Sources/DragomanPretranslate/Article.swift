import DragomanText

/// A source article cut into segments and the text around them, so that the translated
/// article can be rebuilt in the source's structure: concatenate the parts, putting each
/// segment's target (or its source, when untranslated) in its slot.
public struct Article: Sendable, Hashable, Codable {
    public enum Part: Sendable, Hashable, Codable {
        /// Text that is not translated: line breaks, blank lines, Markdown block markers,
        /// spaces between sentences, code blocks.
        case literal(String)
        /// The slot of `segments[index]`.
        case segment(Int)
    }

    /// What kind of block a segment stands in (for review documents and XLIFF groups).
    public enum Block: String, Sendable, Hashable, Codable {
        case paragraph, heading, listItem, quote
    }

    public var parts: [Part]
    public var segments: [ArticleSegment]

    public init(parts: [Part], segments: [ArticleSegment]) {
        self.parts = parts
        self.segments = segments
    }

    /// The article rebuilt with `text(i)` in each segment's slot.
    public func rebuilt(_ text: (Int) -> String) -> String {
        var out = ""
        for part in parts {
            switch part {
            case .literal(let s): out += s
            case .segment(let i): out += text(i)
            }
        }
        return out
    }

    /// The source itself, rebuilt (equals the input text after line-end normalization).
    public var source: String { rebuilt { segments[$0].text } }
}

/// One segment of an article.
public struct ArticleSegment: Sendable, Hashable, Codable {
    public var index: Int
    public var text: String
    /// The paragraph (block) it belongs to, from 0.
    public var paragraph: Int
    public var block: Article.Block
    /// UTF-16 range in the source text.
    public var range: Range<Int>

    public init(index: Int, text: String, paragraph: Int, block: Article.Block, range: Range<Int>) {
        self.index = index
        self.text = text
        self.paragraph = paragraph
        self.block = block
        self.range = range
    }
}

/// Cuts plain text or Markdown into an `Article`.
public enum ArticleParser {
    public static func parse(_ text: String, layout: TextLayout, language: Language?) -> Article {
        let u = Array(text.utf16)
        let segmenter = SentenceSegmenter(language: language, layout: layout)
        var parts: [Article.Part] = []
        var segments: [ArticleSegment] = []
        var cursor = 0
        var inFence = false
        func literal(_ r: Range<Int>) {
            guard !r.isEmpty else { return }
            let s = String(decoding: u[r], as: UTF16.self)
            if case .literal(let previous)? = parts.last {
                parts[parts.count - 1] = .literal(previous + s)
            } else {
                parts.append(.literal(s))
            }
        }
        for (p, block) in Paragraphs.ranges(in: text, layout: layout).enumerated() {
            let blockText = String(decoding: u[block], as: UTF16.self)
            // Markdown code fences and their contents pass through untouched.
            if layout == .markdown {
                let trimmed = blockText.trimmingLeadingSpaces
                if inFence || trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                    let fences = blockText.components(separatedBy: "```").count - 1 + blockText.components(separatedBy: "~~~").count - 1
                    if fences % 2 == 1 { inFence.toggle() }
                    literal(cursor..<block.upperBound)
                    cursor = block.upperBound
                    continue
                }
            }
            let (kind, markerLength) = layout == .markdown ? blockMarker(u[block]) : (.paragraph, 0)
            let contentStart = block.lowerBound + markerLength
            let ranges = segmenter.sentenceRanges(in: u, paragraph: contentStart..<block.upperBound)
            if ranges.isEmpty {
                literal(cursor..<block.upperBound)
                cursor = block.upperBound
                continue
            }
            for r in ranges {
                literal(cursor..<r.lowerBound)
                let index = segments.count
                segments.append(ArticleSegment(index: index, text: String(decoding: u[r], as: UTF16.self),
                                               paragraph: p, block: kind, range: r))
                parts.append(.segment(index))
                cursor = r.upperBound
            }
        }
        literal(cursor..<u.count)
        return Article(parts: parts, segments: segments)
    }

    /// The Markdown block marker at the start of a block ("## ", "- ", "1. ", "> ").
    static func blockMarker(_ line: ArraySlice<UInt16>) -> (Article.Block, Int) {
        var i = line.startIndex
        while i < line.endIndex && line[i] == 0x20 { i += 1 }
        guard i < line.endIndex else { return (.paragraph, 0) }
        let c = line[i]
        if c == 0x23 {  // #
            var j = i
            while j < line.endIndex && line[j] == 0x23 { j += 1 }
            if j < line.endIndex && line[j] == 0x20 { return (.heading, j + 1 - line.startIndex) }
        }
        if c == 0x3E {  // >
            var j = i + 1
            if j < line.endIndex && line[j] == 0x20 { j += 1 }
            return (.quote, j - line.startIndex)
        }
        if (c == 0x2D || c == 0x2A || c == 0x2B) && i + 1 < line.endIndex && line[i + 1] == 0x20 {
            return (.listItem, i + 2 - line.startIndex)
        }
        var j = i
        while j < line.endIndex && line[j] >= 0x30 && line[j] <= 0x39 { j += 1 }
        if j > i && j + 1 < line.endIndex && (line[j] == 0x2E || line[j] == 0x29) && line[j + 1] == 0x20 {
            return (.listItem, j + 2 - line.startIndex)
        }
        return (.paragraph, 0)
    }
}

extension String {
    var trimmingLeadingSpaces: Substring { drop { $0 == " " || $0 == "\t" } }
}
