import Foundation
import DragomanText
import DragomanGlossary
import DragomanTM

/// A glossary term found in a segment, as the pre-translation reports it: the flat,
/// serialisable record of a glossary `TermHit` (entry id instead of the whole entry,
/// translations as text) that the document writers and JSON output carry.
public struct SegmentTerm: Sendable, Hashable, Codable {
    /// UTF-16 range in the segment.
    public var range: Range<Int>
    /// The words as they stand in the segment (with their clitics).
    public var surface: String
    public var entryID: Int64
    /// The glossary term that matched.
    public var term: String
    /// The entry's terms in the target language, preferred first.
    public var translations: [String]
    /// The matched term's status: a deprecated or forbidden term is flagged.
    public var status: TermStatus
    /// exact, normalized, clitic (with what was stripped), plural.
    public var matchKind: String

    public var isFlagged: Bool { status.isDiscouraged }

    public init(range: Range<Int>, surface: String, entryID: Int64, term: String, translations: [String],
                status: TermStatus, matchKind: String) {
        self.range = range
        self.surface = surface
        self.entryID = entryID
        self.term = term
        self.translations = translations
        self.status = status
        self.matchKind = matchKind
    }

    /// The record of a glossary hit.
    public init(_ hit: TermHit) {
        var kind = hit.kind.rawValue
        if let clitics = hit.clitics, !clitics.isEmpty { kind += " (\(clitics.description))" }
        self.init(range: hit.range, surface: hit.surface, entryID: hit.entry.id, term: hit.term.text,
                  translations: hit.translations.map(\.text), status: hit.term.status, matchKind: kind)
    }
}

/// Finds glossary terms in a segment; the glossary store provides it.
public protocol TermSpotter {
    func hits(in text: String, side: Language) throws -> [SegmentTerm]
}

/// A TM suggestion as pre-translation outputs carry it.
public struct Suggestion: Sendable, Hashable, Codable {
    public var unitID: Int64?
    public var source: String
    /// The proposed target (repaired: numbers, names and terms carried over).
    public var target: String
    public var score: Int
    public var kind: MatchKind
    public var origin: String?
    public var changed: Date
    public var repairs: [NumberRepair]
    /// The TM's target as stored, when `target` was repaired.
    public var storedTarget: String?
    /// Differences between segment and TM source that repair left as stored (optional so
    /// that suggestions saved before repair existed still decode).
    public var unrepaired: [UnrepairedDifference]?
    /// UTF-16 ranges of the TM source that differ from the query (for highlighting).
    public var sourceDifferences: [Range<Int>]
    /// UTF-16 ranges of the query (the segment) that differ from the TM source.
    public var queryDifferences: [Range<Int>]
    /// Why it scored what it did.
    public var explanation: String

    public init(_ m: TMMatch) {
        unitID = m.unit.id
        source = m.source
        target = m.proposedTarget
        score = m.score
        kind = m.kind
        origin = m.unit.origin
        changed = m.unit.changed
        repairs = m.repairs
        storedTarget = m.repairedTarget == nil ? nil : m.unit.text(m.side.other)
        unrepaired = m.unrepaired
        var s: [Range<Int>] = [], q: [Range<Int>] = []
        for step in m.steps where step.kind != .equal {
            if let i = step.sourceIndex { s.append(m.sourceTokens[i].range) }
            if let i = step.queryIndex { q.append(m.queryTokens[i].range) }
        }
        sourceDifferences = s
        queryDifferences = q
        let w = max(m.queryWeight, m.sourceWeight)
        switch m.kind {
        case .context: explanation = "context match: exact, with the same previous segment"
        case .exact: explanation = "exact match"
        case .exactVariant: explanation = "exact match, different spelling (harakat, hamza, alef, ya, ta marbuta or digits)"
        case .fuzzy, .repaired:
            let edits = m.steps.filter { $0.kind != .equal }.map { step -> String in
                let q = step.queryIndex.map { m.queryTokens[$0].text } ?? "∅"
                let t = step.sourceIndex.map { m.sourceTokens[$0].text } ?? "∅"
                return "\(step.kind.rawValue) \(q)|\(t) \(step.cost)"
            }
            explanation = "⌊100×(\(w)−\(m.cost))/\(w)⌋ = \(m.score); " + edits.joined(separator: "; ")
        }
    }
}

extension Suggestion {
    /// What the notes of review documents call the repairs: "Numbers" while only numbers
    /// were carried over (as before fuzzy-match repair), else "Names, terms and numbers".
    public var repairLabel: String {
        repairs.allSatisfy { $0.by == nil || $0.by == "number" } ? "Numbers carried over from the source"
            : "Names, terms and numbers carried over from the source"
    }

    /// The differences repair left, for a note: "query | TM source" each (nil when none).
    public var unrepairedNote: String? {
        guard let unrepaired, !unrepaired.isEmpty else { return nil }
        return "Not repaired (the stored words kept): " + unrepaired.map { u in
            "\(u.query.isEmpty ? "∅" : u.query) | \(u.source.isEmpty ? "∅" : u.source)"
        }.joined(separator: ", ")
    }
}

/// A number found in a segment.
public struct SegmentNumber: Sendable, Hashable, Codable {
    public var text: String
    public var value: String
    public var range: Range<Int>
}

/// Whether a segment's proposal is final, needs review, or is missing.
public enum SegmentState: String, Sendable, Hashable, Codable {
    /// No proposal.
    case untranslated
    /// A repaired or fuzzy proposal (or an exact one when exact matches are reviewed, or
    /// an assembled draft taken as the target).
    case needsReview = "needs-review"
    /// A context or exact proposal.
    case translated
}

/// One segment of a pre-translated article.
public struct PretranslatedSegment: Sendable, Hashable, Codable {
    public var segment: ArticleSegment
    /// The proposal: the best suggestion at or above the threshold.
    public var best: Suggestion?
    /// Other suggestions, best first.
    public var alternatives: [Suggestion]
    public var terms: [SegmentTerm]
    public var numbers: [SegmentNumber]
    /// The index of the earlier segment with the same match key, when this one repeats it.
    public var repetitionOf: Int?
    public var state: SegmentState
    public var words: Int
    /// What the quality checks found in the proposal (a forbidden term, a number changed),
    /// one message each; a proposal with such a finding is never marked translated.
    public var checks: [String] = []
    /// Spans of the segment the TM holds below the sentence, with their translations
    /// (sub-sentence leverage), in segment order, not overlapping.
    public var fragments: [TMFragment] = []
    /// For a segment with no match at or above the threshold: a draft assembled from the
    /// fragments, glossary terms, numbers and names (always needs review).
    public var assembled: AssembledDraft? = nil
    /// Whether `assembled` is the proposal (`--assembled-as-target`). It is no TM match, so
    /// `best` stays nil: analysis bands, leveraged TMX and TM-match outputs leave it out,
    /// and the state is needs-review.
    public var assembledIsTarget = false
    /// The translator's own target (typed or accepted in the workspace), which replaces
    /// the proposal in every output; nil for a segment nobody has worked on.
    public var translation: String? = nil

    /// The target text, or nil: the translator's, else the best match's, else the
    /// assembled draft when it was asked for as the target.
    public var target: String? { translation ?? best?.target ?? (assembledIsTarget ? assembled?.text : nil) }
}

/// A pre-translated article.
public struct PretranslatedDocument: Sendable, Hashable, Codable {
    public var fileName: String
    public var sourceLanguage: Language
    public var article: Article
    public var segments: [PretranslatedSegment]
    public var threshold: Int

    public var targetLanguage: Language { sourceLanguage.other }

    /// How many segments have fragments (sub-sentence leverage).
    public var segmentsWithFragments: Int { segments.filter { !$0.fragments.isEmpty }.count }
    /// How many segments have an assembled draft.
    public var assembledSegments: Int { segments.filter { $0.assembled != nil }.count }

    /// The target article: proposals in their slots, the source where there is none.
    public var targetText: String {
        article.rebuilt { segments[$0].target ?? segments[$0].segment.text }
    }
}
