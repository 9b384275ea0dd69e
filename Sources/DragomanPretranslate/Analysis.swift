import DragomanTM

/// The CAT-tool match bands of an analysis, in precedence order.
public enum AnalysisBand: String, Sendable, Hashable, Codable, CaseIterable {
    case context = "context (101)"
    case exact = "100"
    case repetition = "repetitions"
    case fuzzy95 = "95-99"
    case fuzzy85 = "85-94"
    case fuzzy75 = "75-84"
    case fuzzy50 = "50-74"
    case noMatch = "no match"

    /// The band of a best score (nil score: no match at 50 or above).
    public static func of(score: Int?) -> AnalysisBand {
        guard let s = score else { return .noMatch }
        switch s {
        case 101...: return .context
        case 100: return .exact
        case 95...99: return .fuzzy95
        case 85...94: return .fuzzy85
        case 75...84: return .fuzzy75
        case 50...74: return .fuzzy50
        default: return .noMatch
        }
    }
}

/// Payable-word weights per band, in percent.
public struct AnalysisWeights: Sendable, Hashable, Codable {
    public var percent: [AnalysisBand: Int]

    /// 0/10/30/60/60/60/100/100 for context, repetitions, 100, 95–99, 85–94, 75–84,
    /// 50–74, no match: the grid many agencies use.
    public static let standard = AnalysisWeights(percent: [
        .context: 0, .repetition: 10, .exact: 30, .fuzzy95: 60, .fuzzy85: 60, .fuzzy75: 60, .fuzzy50: 100, .noMatch: 100,
    ])

    /// The order weights are written in on the command line.
    public static let order: [AnalysisBand] = [.context, .repetition, .exact, .fuzzy95, .fuzzy85, .fuzzy75, .fuzzy50, .noMatch]

    public init(percent: [AnalysisBand: Int]) { self.percent = percent }

    /// Parses "0/10/30/60/60/60/100/100".
    public init?(_ text: String) {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 8, parts.allSatisfy({ (0...1000).contains($0) }) else { return nil }
        percent = Dictionary(uniqueKeysWithValues: zip(Self.order, parts))
    }

    public var description: String { Self.order.map { String(percent[$0] ?? 0) }.joined(separator: "/") }
}

/// The segments of the no-match band that got an assembled draft: how many, their words,
/// and how many of those words the drafts translate. A line of its own in an analysis;
/// the words stay in the no-match band for the weighted total (a draft needs a translator).
public struct AssembledCounts: Sendable, Hashable, Codable {
    public var segments = 0
    public var words = 0
    public var coveredWords = 0

    public init() {}

    /// The share of their words the drafts cover.
    public var coverage: Double { words == 0 ? 0 : Double(coveredWords) / Double(words) }

    public static func + (a: AssembledCounts, b: AssembledCounts) -> AssembledCounts {
        var out = a
        out.segments += b.segments
        out.words += b.words
        out.coveredWords += b.coveredWords
        return out
    }
}

/// Segment and word counts per band for one file.
public struct BandCounts: Sendable, Hashable, Codable {
    public var segments: [AnalysisBand: Int] = [:]
    public var words: [AnalysisBand: Int] = [:]
    /// Of the no-match band, the segments with an assembled draft.
    public var assembled = AssembledCounts()

    public init() {}

    public var totalSegments: Int { segments.values.reduce(0, +) }
    public var totalWords: Int { words.values.reduce(0, +) }

    public func weightedWords(_ weights: AnalysisWeights) -> Double {
        AnalysisBand.allCases.reduce(0) { $0 + Double(words[$1] ?? 0) * Double(weights.percent[$1] ?? 0) / 100 }
    }

    public static func + (a: BandCounts, b: BandCounts) -> BandCounts {
        var out = a
        for band in AnalysisBand.allCases {
            out.segments[band, default: 0] += b.segments[band] ?? 0
            out.words[band, default: 0] += b.words[band] ?? 0
        }
        out.assembled = a.assembled + b.assembled
        return out
    }
}

/// Counts an article's words by match band. Context and 100% matches count first, then
/// repetitions (a segment whose key an earlier one had, in this file or an earlier file
/// of the same analysis), then fuzzy bands: repetitions take precedence over fuzzy
/// matches, as in memoQ. Segments of the no-match band with an assembled draft are also
/// counted apart (`BandCounts.assembled`); repetitions stay repetitions.
public enum Analyzer {
    public static func count(_ document: PretranslatedDocument, seen: inout Set<String>) -> BandCounts {
        var counts = BandCounts()
        for s in document.segments {
            let key = DragomanTextKey.make(s.segment.text)
            var band = AnalysisBand.of(score: s.best?.score)
            let isRepetition = seen.contains(key)
            seen.insert(key)
            if isRepetition && band != .context && band != .exact { band = .repetition }
            counts.segments[band, default: 0] += 1
            counts.words[band, default: 0] += s.words
            if band == .noMatch, let draft = s.assembled {
                counts.assembled.segments += 1
                counts.assembled.words += s.words
                counts.assembled.coveredWords += min(draft.coveredWords, s.words)
            }
        }
        return counts
    }
}
