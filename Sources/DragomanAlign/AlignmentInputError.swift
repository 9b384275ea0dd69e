import DragomanText

/// Why two texts cannot be aligned: a message a person can act on.
public enum AlignmentInputError: DragomanFailure, Sendable, Hashable {
    public var failureKind: FailureKind { .badInput }

    /// The message with the inputs named generically (the CLI names the files).
    public var description: String { message(arabicName: "the Arabic text", englishName: "the English text") }

    /// A side has no sentence at all.
    case empty(Language)
    /// A side has text but no letters (only numbers or punctuation).
    case noLetters(Language)
    /// The English side is mostly Arabic (both files Arabic, or the same file twice).
    case englishSideIsArabic(arabicShare: Double)
    /// The Arabic side is mostly Latin letters.
    case arabicSideIsNotArabic(arabicShare: Double)
    /// The Arabic file is English and the English file Arabic.
    case swapped
    /// One side has far more sentences than the other.
    case unequalSentenceCounts(arabic: Int, english: Int)
    /// The English/Arabic length ratio is far outside what a translation gives.
    case unequalLengths(arabic: Int, english: Int)

    /// The message, naming the two inputs as the user gave them.
    public func message(arabicName: String, englishName: String) -> String {
        func name(_ side: Language) -> String { side == .arabic ? arabicName : englishName }
        func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        switch self {
        case .empty(let side):
            return "\(name(side)): the file is empty (no sentence to align)"
        case .noLetters(let side):
            return "\(name(side)): the file has no words, only numbers or punctuation; nothing to align"
        case .englishSideIsArabic(let share):
            return "\(englishName): expected the English translation, but \(percent(share)) of its letters are Arabic "
                + "(is it the Arabic file again?); give the Arabic file first and its English translation second"
        case .arabicSideIsNotArabic(let share):
            return "\(arabicName): expected the Arabic article, but only \(percent(share)) of its letters are Arabic; "
                + "give the Arabic file first and its English translation second"
        case .swapped:
            return "\(arabicName) is English and \(englishName) is Arabic: give the Arabic file first (dragoman align \(englishName) \(arabicName))"
        case .unequalSentenceCounts(let a, let e):
            return "the two files are too unequal to be an article and its translation: \(count(a, "Arabic sentence")) against \(e) English "
                + "(more than 4 to 1); check that they are the same article, or split the longer one"
        case .unequalLengths(let a, let e):
            return "the two files are too unequal to be an article and its translation: \(count(a, "character")) of Arabic against \(e) of English "
                + "(a translation runs about 0.8 to 1.5 times the Arabic); check that they are the same article"
        }
    }
}
