import DragomanText
import DragomanTM
import Foundation

/// The JSON of `tm match`: stable keys for scripts.
public struct MatchReport: Encodable {
    var query: String
    var matches: [TMMatchJSON]

    public init(query: String, matches: [TMMatch], explain: Bool) {
        self.query = query
        self.matches = matches.map { TMMatchJSON($0, explain: explain) }
    }
}

public struct TMMatchJSON: Encodable {
    public struct Step: Encodable {
        var edit: String
        var query: String?
        var source: String?
        var cost: Int
    }
    public struct Explanation: Encodable {
        var cost: Int
        var queryWeight: Int
        var sourceWeight: Int
        var formula: String
        var steps: [Step]
    }
    var id: Int64?
    /// The unit id under the key `pretranslate --format json` uses (`id` kept).
    var unitID: Int64?
    var source: String
    var target: String
    var storedTarget: String?
    var score: Int
    var kind: String
    var wordScore: Int
    var origin: String?
    var changed: String
    var usageCount: Int
    /// What repair replaced: `from`, `to`, `by` (number, glossary, fragment, copy),
    /// `sourceSpan` (UTF-16 in the query), `targetSpan` (UTF-16 in `target`).
    var repairs: [NumberRepair]?
    /// Differences left as stored (`query`, `source`, their spans, `reason`).
    var unrepaired: [UnrepairedDifference]?
    var explanation: Explanation?

    public init(_ m: TMMatch, explain: Bool) {
        id = m.unit.id
        unitID = m.unit.id
        source = m.source
        target = m.proposedTarget
        storedTarget = m.repairedTarget == nil ? nil : m.unit.text(m.side.other)
        score = m.score
        kind = m.kind.rawValue
        wordScore = m.wordScore
        origin = m.unit.origin
        changed = m.unit.changed.formatted(.iso8601)
        usageCount = m.unit.usageCount
        repairs = m.repairs.isEmpty ? nil : m.repairs
        unrepaired = m.unrepaired.isEmpty ? nil : m.unrepaired
        if explain {
            explanation = Explanation(cost: m.cost, queryWeight: m.queryWeight, sourceWeight: m.sourceWeight,
                                      formula: ScoreExplanation.formula(m),
                                      steps: m.steps.map {
                                          Step(edit: $0.kind.rawValue, query: $0.queryIndex.map { m.queryTokens[$0].text },
                                               source: $0.sourceIndex.map { m.sourceTokens[$0].text }, cost: $0.cost)
                                      })
        }
    }
}

/// Why a match scored what it did, in words.
public enum ScoreExplanation {
    public static func formula(_ m: TMMatch) -> String {
        switch m.kind {
        case .context: return "101: exact, and the previous (and next) segment match too"
        case .exact: return "100: the stored source is the query, character for character"
        case .exactVariant: return "100: equal match keys, different spelling (harakat, hamza, alef, ya, ta marbuta or digits)"
        case .fuzzy, .repaired:
            let w = Swift.max(m.queryWeight, m.sourceWeight)
            return "⌊100 × (\(w) − \(m.cost)) / \(w)⌋ = \(m.score)   (weights: query \(m.queryWeight), TM source \(m.sourceWeight); word 20, number 10, clitic 6, punctuation 5)"
        }
    }
}


/// One `tm concordance --json` hit: the segment with the phrase marked ⟦ ⟧.
public struct ConcordanceJSON: Encodable, Sendable {
    public var id: Int64?
    /// The unit id under the key `pretranslate --format json` uses (`id` kept).
    public var unitID: Int64?
    public var source: String
    public var target: String
    /// UTF-16 ranges of the phrase in `source`.
    public var ranges: [[Int]]
    public var marked: String

    public init(_ hit: ConcordanceHit, side: Language) {
        let text = hit.unit.text(side)
        id = hit.unit.id
        unitID = hit.unit.id
        source = text
        target = hit.unit.text(side.other)
        ranges = hit.ranges.map { [$0.lowerBound, $0.upperBound] }
        marked = Self.mark(text, hit.ranges)
    }

    /// The text with each occurrence in ⟦ ⟧.
    static func mark(_ text: String, _ ranges: [Range<Int>]) -> String {
        var u = Array(text.utf16)
        for r in ranges.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            u.insert(contentsOf: Array("⟧".utf16), at: r.upperBound)
            u.insert(contentsOf: Array("⟦".utf16), at: r.lowerBound)
        }
        return String(decoding: u, as: UTF16.self)
    }
}
