import DragomanText

// The JSON of the text commands (`segment --json`, `tokens --json`): documented in the
// README and relied on by scripts.

/// One sentence of `segment --json`: its text, UTF-16 offsets and paragraph.
public struct SegmentJSON: Encodable, Sendable {
    let text: String
    let start: Int
    let end: Int
    let paragraph: Int

    public init(_ s: Segment) {
        text = s.text
        start = s.range.lowerBound
        end = s.range.upperBound
        paragraph = s.paragraph
    }
}

/// One token of `tokens --json`: kind, UTF-16 offsets, match key, number value and, for
/// Arabic words, the clitic readings.
public struct TokenJSON: Encodable, Sendable {
    public struct Reading: Encodable, Sendable {
        let conjunction: String?
        let preposition: String?
        let article: Bool
        let core: String
        let suffix: String?
        let restoredTaMarbuta: Bool
    }
    public struct Number: Encodable, Sendable {
        let value: String
        let percent: Bool
        let ordinal: Bool
        let script: String
    }
    let text: String
    let kind: String
    let start: Int
    let end: Int
    let key: String
    let number: Number?
    let readings: [Reading]?

    public init(_ t: Token) {
        text = t.text
        kind = t.kind.rawValue
        start = t.range.lowerBound
        end = t.range.upperBound
        key = t.key
        number = t.number.map { Number(value: $0.canonical, percent: $0.isPercent, ordinal: $0.isOrdinal, script: $0.script.rawValue) }
        readings = t.kind == .arabicWord
            ? t.cliticReadings.map {
                Reading(conjunction: $0.conjunction, preposition: $0.preposition, article: $0.article,
                        core: $0.core, suffix: $0.suffix, restoredTaMarbuta: $0.restoredTaMarbuta)
            }
            : nil
    }
}

