/// A word, number or mark of a text, located in the original by UTF-16 offsets.
///
/// Offsets are UTF-16 code units because that is what XLIFF tools, JavaScript, ICU and
/// most editors count; `Token.scalarRange` gives Unicode scalar offsets when needed.
public struct Token: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case arabicWord
        case latinWord
        /// A word in another script (Cyrillic, Hebrew, CJK, …).
        case otherWord
        case number
        case punctuation
        case symbol
        case url
        case email
        /// A proclitic letter glued to a number (the و of و3, the ب of ب١٥).
        case clitic
    }

    /// The text exactly as it stands in the original.
    public let text: String
    public let kind: Kind
    /// UTF-16 offsets of `text` in the original.
    public let range: Range<Int>
    /// The match key of `text` (see `MatchKey`).
    public let key: String
    /// The number's value, for `.number` tokens.
    public let number: NumberValue?

    public init(text: String, kind: Kind, range: Range<Int>, key: String, number: NumberValue? = nil) {
        self.text = text
        self.kind = kind
        self.range = range
        self.key = key
        self.number = number
    }

    /// Whether the token carries meaning for matching (not punctuation or a symbol).
    public var isWordLike: Bool {
        switch kind {
        case .punctuation, .symbol: return false
        default: return true
        }
    }

    /// The clitic readings of an Arabic word (empty for other kinds).
    public var cliticReadings: [CliticReading] {
        kind == .arabicWord ? CliticAnalyzer.readings(ofKey: key) : []
    }
}
