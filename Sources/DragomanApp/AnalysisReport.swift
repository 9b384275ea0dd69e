import DragomanPretranslate
import Foundation

/// One article's analysis (or the total of several): segments and words per match band,
/// and the words weighted by `--weights`. The JSON of `analyze --json`.
public struct AnalysisReport: Encodable, Sendable {
    /// The no-match segments that got an assembled draft (counted in "no match" as well).
    public struct Assembled: Encodable, Sendable {
        public var segments: Int
        public var words: Int
        /// Words the drafts translate (fragments, glossary terms, numbers, names).
        public var coveredWords: Int
        /// coveredWords / words, 0…1.
        public var coverage: Double
    }

    public var file: String
    public var segments: [String: Int]
    public var words: [String: Int]
    public var totalSegments: Int
    public var totalWords: Int
    public var weightedWords: Double
    public var assembled: Assembled

    public init(file: String, counts: BandCounts, weights: AnalysisWeights) {
        self.file = file
        segments = Dictionary(uniqueKeysWithValues: AnalysisBand.allCases.map { ($0.rawValue, counts.segments[$0] ?? 0) })
        words = Dictionary(uniqueKeysWithValues: AnalysisBand.allCases.map { ($0.rawValue, counts.words[$0] ?? 0) })
        totalSegments = counts.totalSegments
        totalWords = counts.totalWords
        weightedWords = counts.weightedWords(weights)
        assembled = Assembled(segments: counts.assembled.segments, words: counts.assembled.words,
                              coveredWords: counts.assembled.coveredWords, coverage: counts.assembled.coverage)
    }
}
