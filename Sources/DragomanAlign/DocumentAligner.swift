import DragomanText

/// Two documents segmented and aligned: what `dragoman align` prints and stores.
public struct DocumentAlignment: Sendable {
    public let arabic: [Segment]
    public let english: [Segment]
    public let alignment: Alignment

    public var beads: [AlignedBead] { alignment.beads }

    /// The bead's Arabic and English text, many-to-one sides joined by a space.
    public func texts(of bead: AlignedBead) -> (arabic: String, english: String) {
        (bead.arabic.map { arabic[$0].text }.joined(separator: " "),
         bead.english.map { english[$0].text }.joined(separator: " "))
    }
}

/// Segments an Arabic and an English text, checks that they can be an article and its
/// translation, and aligns their sentences.
public struct DocumentAligner: Sendable {
    public var parameters: AlignmentParameters
    public var lexicon: (any AlignmentLexicon)?

    /// More sentences than this many times the other side's is refused (and the
    /// difference must be more than `sentenceSlack`).
    public static let maxSentenceRatio = 4.0
    public static let sentenceSlack = 4
    /// English/Arabic length ratios (match-key characters) outside this range are refused.
    public static let lengthRatioRange = 0.3...3.5

    public init(parameters: AlignmentParameters = .dragoman, lexicon: (any AlignmentLexicon)? = nil) {
        self.parameters = parameters
        self.lexicon = lexicon
    }

    public func align(arabic: String, english: String, arabicLayout: TextLayout = .plainText,
                      englishLayout: TextLayout = .plainText) throws(AlignmentInputError) -> DocumentAlignment {
        let (a, e) = Self.segments(arabic: arabic, english: english, arabicLayout: arabicLayout, englishLayout: englishLayout)
        return try align(arabic: a, english: e)
    }

    /// The sentences of each side, as `align` segments them (Arabic and English rules).
    public static func segments(arabic: String, english: String, arabicLayout: TextLayout = .plainText,
                                englishLayout: TextLayout = .plainText) -> (arabic: [Segment], english: [Segment]) {
        (SentenceSegmenter(language: .arabic, layout: arabicLayout).segments(of: arabic),
         SentenceSegmenter(language: .english, layout: englishLayout).segments(of: english))
    }

    /// Checks and aligns segments already made.
    public func align(arabic: [Segment], english: [Segment]) throws(AlignmentInputError) -> DocumentAlignment {
        try Self.check(arabic: arabic, english: english)
        let alignment = SentenceAligner(parameters: parameters, lexicon: lexicon).align(arabic: arabic, english: english)
        return DocumentAlignment(arabic: arabic, english: english, alignment: alignment)
    }

    /// Refuses inputs that cannot be an Arabic article and its English translation.
    public static func check(arabic: [Segment], english: [Segment]) throws(AlignmentInputError) {
        if arabic.isEmpty { throw .empty(.arabic) }
        if english.isEmpty { throw .empty(.english) }
        let a = letters(arabic), e = letters(english)
        if a.arabic + a.latin == 0 { throw .noLetters(.arabic) }
        if e.arabic + e.latin == 0 { throw .noLetters(.english) }
        let arabicShareA = Double(a.arabic) / Double(a.arabic + a.latin)
        let arabicShareE = Double(e.arabic) / Double(e.arabic + e.latin)
        if arabicShareA < 0.5 && arabicShareE >= 0.5 { throw .swapped }
        if arabicShareE >= 0.5 { throw .englishSideIsArabic(arabicShare: arabicShareE) }
        if arabicShareA < 0.5 { throw .arabicSideIsNotArabic(arabicShare: arabicShareA) }
        let n = arabic.count, m = english.count
        if Double(max(n, m)) > maxSentenceRatio * Double(min(n, m)) && abs(n - m) > sentenceSlack {
            throw .unequalSentenceCounts(arabic: n, english: m)
        }
        let la = arabic.reduce(0) { $0 + SentenceAligner.length(of: $1.text) }
        let le = english.reduce(0) { $0 + SentenceAligner.length(of: $1.text) }
        if !lengthRatioRange.contains(Double(le) / Double(max(la, 1))) {
            throw .unequalLengths(arabic: la, english: le)
        }
    }

    static func letters(_ segments: [Segment]) -> (arabic: Int, latin: Int) {
        var arabic = 0, latin = 0
        for s in segments {
            for scalar in s.text.unicodeScalars {
                if ArabicScript.isLetter(scalar.value) { arabic += 1 } else if LatinScript.isLetter(scalar.value) { latin += 1 }
            }
        }
        return (arabic, latin)
    }
}
