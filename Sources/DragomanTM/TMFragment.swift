import DragomanText

/// A span of two or more words of a query that the TM holds in its sources, with the
/// translation the stored word links give it: sub-sentence leverage ("fragment recall").
///
/// A fragment is proposed only when the links of the units that hold it project it onto
/// one consistent target span (Koehn's consistent phrase pairs); `count` says how many
/// units agree on `target`, `confidence` how sure Dragoman is, and `alternatives` what
/// else the TM has for it, so that a translator can judge at a glance.
public struct TMFragment: Sendable, Hashable, Codable {
    /// UTF-16 range of the span in the query.
    public var range: Range<Int>
    /// The words as they stand in the query (with their clitics).
    public var source: String
    /// The translation most units agree on, as written in the first of them.
    public var target: String
    /// How many units project the span onto `target` (equal on match keys).
    public var count: Int
    /// 0…1: the share of units that agree, smoothed by how many there are, times how
    /// cleanly their links project the span.
    public var confidence: Double
    /// Other translations seen, most supported first.
    public var alternatives: [FragmentAlternative]
    /// The units that support `target` (newest first, at most a few).
    public var units: [Int64]
    /// How many source words the span has (clitics not counted apart).
    public var words: Int

    public init(range: Range<Int>, source: String, target: String, count: Int, confidence: Double,
                alternatives: [FragmentAlternative], units: [Int64], words: Int) {
        self.range = range
        self.source = source
        self.target = target
        self.count = count
        self.confidence = confidence
        self.alternatives = alternatives
        self.units = units
        self.words = words
    }
}

/// Another translation of a fragment and how many units support it.
public struct FragmentAlternative: Sendable, Hashable, Codable {
    public var target: String
    public var count: Int

    public init(target: String, count: Int) {
        self.target = target
        self.count = count
    }
}
