import DragomanStore
import DragomanText
import DragomanTM
import Foundation

/// Counts of the TM: the JSON of `tm stats --json` (keys kept stable for scripts).
public struct TMStatistics: Sendable, Encodable {
    public var database: String
    public var units: Int
    public var origins: [String: Int]
    public var oldest: String?
    public var newest: String?
    public var arabicWords: Int
    public var englishWords: Int
    /// Where the word alignment stands (fragments come from aligned units).
    public var wordAlignment: WordAlignmentState

    /// Reads every unit once (one read transaction).
    public init(_ workspace: Workspace) throws {
        database = workspace.path
        units = 0
        origins = [:]
        arabicWords = 0
        englishWords = 0
        wordAlignment = try workspace.alignmentState()
        var oldest: Date?, newest: Date?
        var units = 0, arabicWords = 0, englishWords = 0
        var origins: [String: Int] = [:]
        try workspace.tm.forEachUnit { u in
            units += 1
            origins[u.origin ?? "(none)", default: 0] += 1
            oldest = min(oldest ?? u.changed, u.changed)
            newest = max(newest ?? u.changed, u.changed)
            arabicWords += WordCount.words(u.arabic)
            englishWords += WordCount.words(u.english)
        }
        self.units = units
        self.origins = origins
        self.arabicWords = arabicWords
        self.englishWords = englishWords
        self.oldest = oldest?.formatted(.iso8601)
        self.newest = newest?.formatted(.iso8601)
    }
}

/// Words as Dragoman counts them: tokens that are words or numbers; clitics are part of
/// their word (وبالقدس is one word), in Arabic and English alike.
public enum WordCount {
    public static func words(_ text: String) -> Int {
        MatchTokenizer.tokens(of: text, side: .arabic).filter { $0.weightClass == .word || $0.weightClass == .number }.count
    }
}
