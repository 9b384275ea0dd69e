import DragomanText
import Foundation
import DragomanPretranslate
import DragomanTM

/// The article as the interchange writers lay it out: groups of consecutive segments of
/// the same paragraph (block), each segment with the literal text that comes before it,
/// and the literal text after the last segment. Concatenating, in order, every unit's
/// `literalBefore` and segment text, then `trailing`, gives back the article exactly.
struct ArticleOutline {
    struct Unit {
        /// Line breaks, Markdown markers and spaces between the previous segment and this one.
        var literalBefore: String
        /// Index into `document.segments` (and `article.segments`).
        var segment: Int
    }

    struct Group {
        /// 1-based position of the group in the document (for ids).
        var number: Int
        var paragraph: Int
        var block: Article.Block
        var units: [Unit]
    }

    var groups: [Group]
    var trailing: String

    init(_ document: PretranslatedDocument) throws {
        let count = min(document.article.segments.count, document.segments.count)
        var groups: [Group] = []
        var pending = ""
        var seen = Set<Int>()
        for part in document.article.parts {
            switch part {
            case .literal(let text):
                pending += text
            case .segment(let i):
                guard i >= 0 && i < count else {
                    throw DocumentError.invalidArticle("part names segment \(i), but there are \(count)")
                }
                guard seen.insert(i).inserted else {
                    throw DocumentError.invalidArticle("segment \(i) appears twice in the article's parts")
                }
                let segment = document.segments[i].segment
                let unit = Unit(literalBefore: pending, segment: i)
                pending = ""
                if let last = groups.last, last.paragraph == segment.paragraph {
                    groups[groups.count - 1].units.append(unit)
                } else {
                    groups.append(Group(number: groups.count + 1, paragraph: segment.paragraph, block: segment.block,
                                        units: [unit]))
                }
            }
        }
        self.groups = groups
        self.trailing = pending
    }
}

/// Ids, names and labels the writers share, so that every format numbers segments alike.
enum Naming {
    /// `u1`, `u2`…: the unit (segment) id, 1-based, in XLIFF, JSON and the review documents.
    static func unitID(_ segment: Int) -> String { "u\(segment + 1)" }
    /// `s1`…: the XLIFF 2 `<segment id>`.
    static func segmentID(_ segment: Int) -> String { "s\(segment + 1)" }
    /// `p1`…: the group of the n-th block.
    static func groupID(_ number: Int) -> String { "p\(number)" }
    /// The id of the unit that holds the literal text after the last segment.
    static let trailingUnitID = "end"

    static func languageTag(_ side: Language) -> String { side.rawValue }

    static func languageName(_ side: Language) -> String {
        side == .arabic ? "Arabic" : "English"
    }

    static func direction(_ side: Language) -> String { side == .arabic ? "rtl" : "ltr" }

    static func blockName(_ block: Article.Block) -> String {
        switch block {
        case .paragraph: return "paragraph"
        case .heading: return "heading"
        case .listItem: return "list-item"
        case .quote: return "quote"
        }
    }

    /// The score as CAT tools show it (context matches are 101).
    static func similarity(_ score: Int) -> String { String(min(max(score, 0), 100)) }

    static func kindLabel(_ kind: MatchKind) -> String {
        switch kind {
        case .context: return "context"
        case .exact: return "exact"
        case .exactVariant: return "exact, other spelling"
        case .repaired: return "repaired"
        case .fuzzy: return "fuzzy"
        }
    }

    static func stateLabel(_ state: SegmentState) -> String {
        switch state {
        case .untranslated: return "untranslated"
        case .needsReview: return "needs review"
        case .translated: return "translated"
        }
    }

    /// `2024-01-15T09:30:00Z`.
    /// `2026-11-29T10:00:00Z` (a format style, not a formatter made per call: a
    /// pre-translation writes one date per match).
    static func isoDate(_ date: Date) -> String {
        date.formatted(.iso8601)
    }
}

/// The colour bands of the review documents (CAT-tool analysis bands).
enum ReviewBand: String, CaseIterable {
    case context, exact, fuzzy95, fuzzy85, fuzzy75, fuzzy50, none

    init(score: Int?) {
        switch AnalysisBand.of(score: score) {
        case .context: self = .context
        case .exact: self = .exact
        case .fuzzy95: self = .fuzzy95
        case .fuzzy85: self = .fuzzy85
        case .fuzzy75: self = .fuzzy75
        case .fuzzy50: self = .fuzzy50
        case .repetition, .noMatch: self = .none
        }
    }

    var label: String {
        switch self {
        case .context: return "context (101)"
        case .exact: return "100"
        case .fuzzy95: return "95–99"
        case .fuzzy85: return "85–94"
        case .fuzzy75: return "75–84"
        case .fuzzy50: return "50–74"
        case .none: return "no match"
        }
    }

    var cssClass: String { "band-" + rawValue }

    /// Background colour in the HTML report.
    var colour: String {
        switch self {
        case .context: return "#a5d6a7"
        case .exact: return "#c8e6c9"
        case .fuzzy95: return "#dcedc8"
        case .fuzzy85: return "#fff59d"
        case .fuzzy75: return "#ffcc80"
        case .fuzzy50: return "#ffab91"
        case .none: return "#ef9a9a"
        }
    }

    /// A coloured mark for the Markdown report (plus the label, so colour is never the only sign).
    var emoji: String {
        switch self {
        case .context, .exact: return "🟩"
        case .fuzzy95: return "🟢"
        case .fuzzy85: return "🟨"
        case .fuzzy75: return "🟧"
        case .fuzzy50: return "🟫"
        case .none: return "🟥"
        }
    }
}

/// Characters XML 1.0 cannot carry at all.
enum XMLChars {
    static func isAllowed(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0D: return true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    static func firstDisallowed(in text: String) -> UInt32? {
        text.unicodeScalars.first { !isAllowed($0.value) }?.value
    }
}

/// Cuts a text into runs at UTF-16 boundaries and tells, for each run, which marked
/// ranges cover it; review writers wrap each run in its own tags so markup never overlaps.
struct MarkedRuns {
    struct Run {
        var text: String
        /// Indices of the `terms` ranges covering the run.
        var terms: [Int]
        /// Whether one of the difference ranges covers it.
        var differs: Bool
        /// Indices of the `fragments` ranges covering the run.
        var fragments: [Int] = []
    }

    static func runs(of text: String, terms: [Range<Int>], differences: [Range<Int>],
                     fragments: [Range<Int>] = []) -> [Run] {
        let u = Array(text.utf16)
        func clamp(_ r: Range<Int>) -> Range<Int> {
            let lo = min(max(r.lowerBound, 0), u.count), hi = min(max(r.upperBound, lo), u.count)
            return lo..<hi
        }
        let terms = terms.map(clamp), differences = differences.map(clamp), fragments = fragments.map(clamp)
        var cuts = Set([0, u.count])
        for r in terms + differences + fragments { cuts.insert(r.lowerBound); cuts.insert(r.upperBound) }
        // Never cut a surrogate pair.
        let sorted = cuts.filter { $0 == 0 || $0 == u.count || !UTF16.isTrailSurrogate(u[$0]) }.sorted()
        func covering(_ ranges: [Range<Int>], _ a: Int, _ b: Int) -> [Int] {
            ranges.indices.filter { ranges[$0].lowerBound <= a && b <= ranges[$0].upperBound && !ranges[$0].isEmpty }
        }
        var out: [Run] = []
        for (a, b) in zip(sorted, sorted.dropFirst()) where a < b {
            let coveringTerms = covering(terms, a, b), coveringFragments = covering(fragments, a, b)
            let differs = differences.contains { $0.lowerBound <= a && b <= $0.upperBound && !$0.isEmpty }
            let piece = String(decoding: u[a..<b], as: UTF16.self)
            if let last = out.last, last.terms == coveringTerms, last.differs == differs, last.fragments == coveringFragments {
                out[out.count - 1].text += piece
            } else {
                out.append(Run(text: piece, terms: coveringTerms, differs: differs, fragments: coveringFragments))
            }
        }
        return out
    }

    /// `text` as HTML: each stretch covered by the same TM fragments inside one
    /// `fragmentOpen(indices)…fragmentClose(indices)`, each stretch covered by the same
    /// glossary terms inside one `markOpen(termIndices)…</mark>` nested in it, and each
    /// stretch inside a difference range in `<diffTag>`, nested inside the mark, so the
    /// markup always nests (a term that crosses a fragment's edge is closed and reopened).
    static func html(_ text: String, terms: [Range<Int>], differences: [Range<Int>], diffTag: String,
                     fragments: [Range<Int>] = [], fragmentOpen: ([Int]) -> String = { _ in "" },
                     fragmentClose: ([Int]) -> String = { _ in "" },
                     escape: (String) -> String, markOpen: ([Int]) -> String) -> String {
        var out = ""
        var openTerms: [Int] = []
        var openFragments: [Int] = []
        for run in runs(of: text, terms: terms, differences: differences, fragments: fragments) {
            if run.fragments != openFragments {
                if !openTerms.isEmpty { out += "</mark>"; openTerms = [] }
                if !openFragments.isEmpty { out += fragmentClose(openFragments) }
                if !run.fragments.isEmpty { out += fragmentOpen(run.fragments) }
                openFragments = run.fragments
            }
            if run.terms != openTerms {
                if !openTerms.isEmpty { out += "</mark>" }
                if !run.terms.isEmpty { out += markOpen(run.terms) }
                openTerms = run.terms
            }
            out += run.differs ? "<\(diffTag)>\(escape(run.text))</\(diffTag)>" : escape(run.text)
        }
        if !openTerms.isEmpty { out += "</mark>" }
        if !openFragments.isEmpty { out += fragmentClose(openFragments) }
        return out
    }
}

/// "1 repetition", "2 repetitions".
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
}
