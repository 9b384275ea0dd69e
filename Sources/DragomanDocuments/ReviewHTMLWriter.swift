import DragomanGlossary
import Foundation
import DragomanPretranslate
import DragomanTM

/// Counts shown at the top of both review documents.
struct ReviewSummary {
    var segments: [ReviewBand: Int] = [:]
    var words: [ReviewBand: Int] = [:]
    var repetitions = 0
    var flaggedTerms = 0
    var needsReview = 0
    var untranslated = 0
    var withFragments = 0
    var assembled = 0

    init(_ document: PretranslatedDocument) {
        for s in document.segments {
            let band = ReviewBand(score: s.best?.score)
            segments[band, default: 0] += 1
            words[band, default: 0] += s.words
            if s.repetitionOf != nil { repetitions += 1 }
            flaggedTerms += s.terms.filter(\.isFlagged).count
            if s.state == .needsReview { needsReview += 1 }
            if s.state == .untranslated { untranslated += 1 }
            if !s.fragments.isEmpty { withFragments += 1 }
            if s.assembled != nil { assembled += 1 }
        }
    }
}

/// A review document for a person, as one self-contained HTML file (inline CSS, no
/// scripts, no external resources): a table with the segment number, the source (right
/// to left for Arabic), the proposal, and the match (score and kind on a background
/// coloured by band). In the source, glossary terms are `<mark class="term">` (title: the
/// translations; flagged terms red with a warning below) and the words that differ from
/// the TM source are `<ins>`; the TM source, below it, shows its differing words as `<del>`.
/// Number repairs, repetitions, alternatives and the score's explanation follow.
///
/// Below the sentence: the TM's fragments are `<span class="fragment">` in the source with
/// their number (`<sup>`), listed under it with their translations (visible, not in a
/// tooltip); an assembled draft stands in the proposal column in a dashed box labelled
/// "assembled draft: needs review", its untranslated words `⟦<span class="untranslated">…</span>⟧`
/// in the source's direction (with `--assembled-as-target` it is the proposal itself).
public struct ReviewHTMLWriter: DocumentWriter {
    public var options: DocumentWriterOptions

    public init(options: DocumentWriterOptions = .init()) {
        self.options = options
    }

    public func write(_ document: PretranslatedDocument) throws -> String {
        let src = document.sourceLanguage, tgt = document.targetLanguage
        let srcAttrs = "dir=\"\(Naming.direction(src))\" lang=\"\(src.rawValue)\""
        let tgtAttrs = "dir=\"\(Naming.direction(tgt))\" lang=\"\(tgt.rawValue)\""
        let summary = ReviewSummary(document)
        var h = ""
        h += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        h += "<meta name=\"generator\" content=\"\(Self.escape(options.toolName)) \(Self.escape(options.toolVersion))\">\n"
        h += "<title>Review: \(Self.escape(document.fileName))</title>\n"
        h += "<style>\n\(Self.css)</style>\n</head>\n<body>\n"
        h += "<header>\n<h1>Pre-translation review: <bdi>\(Self.escape(document.fileName))</bdi></h1>\n"
        var facts = ["\(Naming.languageName(src)) → \(Naming.languageName(tgt))",
                     "threshold \(document.threshold)",
                     counted(document.segments.count, "segment"),
                     "\(summary.needsReview) to review",
                     "\(summary.untranslated) without proposal"]
        if summary.repetitions > 0 { facts.append(counted(summary.repetitions, "repetition")) }
        if summary.flaggedTerms > 0 { facts.append(counted(summary.flaggedTerms, "flagged term")) }
        if summary.withFragments > 0 { facts.append("\(summary.withFragments) with fragments") }
        if summary.assembled > 0 { facts.append(counted(summary.assembled, "assembled draft")) }
        if let date = options.date { facts.append("made \(Naming.isoDate(date))") }
        h += "<p class=\"facts\">\(Self.escape(facts.joined(separator: " · ")))</p>\n"
        h += "<table class=\"summary\">\n<thead><tr><th>Band</th><th>Segments</th><th>Words</th></tr></thead>\n<tbody>\n"
        for band in ReviewBand.allCases {
            h += "<tr><td><span class=\"score \(band.cssClass)\">\(Self.escape(band.label))</span></td>"
            h += "<td>\(summary.segments[band] ?? 0)</td><td>\(summary.words[band] ?? 0)</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</header>\n<main>\n"
        h += "<table class=\"segments\">\n<thead><tr><th>#</th><th>Source (\(Naming.languageName(src)))</th>"
        h += "<th>Proposal (\(Naming.languageName(tgt)))</th><th>Match</th></tr></thead>\n<tbody>\n"

        for s in document.segments {
            let band = ReviewBand(score: s.best?.score)
            let id = Naming.unitID(s.segment.index)
            var classes = [band.cssClass, "state-" + s.state.rawValue]
            if s.repetitionOf != nil { classes.append("repetition") }
            if s.terms.contains(where: \.isFlagged) { classes.append("flagged") }
            if s.assembledIsTarget { classes.append("assembled") }
            h += "<tr id=\"\(id)\" class=\"\(classes.joined(separator: " "))\">\n"
            h += "<td class=\"num\"><a href=\"#\(id)\">\(s.segment.index + 1)</a>"
            if s.segment.block != .paragraph {
                h += "<br><span class=\"block\">\(Naming.blockName(s.segment.block))</span>"
            }
            h += "</td>\n"

            // Source with terms and differences from the TM source.
            h += "<td class=\"src\" \(srcAttrs)>"
            h += Self.marked(s.segment.text, terms: s.terms, fragments: s.fragments,
                             differences: s.best?.queryDifferences ?? [], tag: "ins")
            if !s.fragments.isEmpty {
                h += "<ol class=\"fragments\" dir=\"ltr\" lang=\"en\">"
                for f in s.fragments {
                    h += "<li><bdi \(srcAttrs)>\(Self.escape(f.source))</bdi> → <bdi class=\"fragtgt\" \(tgtAttrs)>"
                    h += "\(Self.escape(f.target))</bdi> <span class=\"fragmeta\">\(Self.escape(fragmentSupport(f)))"
                    for alt in f.alternatives {
                        h += "; also <bdi \(tgtAttrs)>\(Self.escape(alt.target))</bdi> ×\(alt.count)"
                    }
                    h += "</span></li>"
                }
                h += "</ol>"
            }
            for check in s.checks {
                h += "<div class=\"warn\" dir=\"ltr\" lang=\"en\">⚠ \(Self.escape(check))</div>"
            }
            for term in s.terms where term.isFlagged {
                h += "<div class=\"warn\" dir=\"ltr\" lang=\"en\">⚠ \(Self.escape(term.status.rawValue)) term "
                h += "<bdi \(srcAttrs)>\(Self.escape(term.surface))</bdi>"
                if !term.translations.isEmpty {
                    h += " — glossary: <bdi \(tgtAttrs)>\(Self.escape(term.translations.joined(separator: " | ")))</bdi>"
                }
                h += "</div>"
            }
            if let best = s.best, best.source != s.segment.text {
                h += "<div class=\"tmlabel\" dir=\"ltr\" lang=\"en\">TM source:</div><div class=\"tm\">"
                h += Self.marked(best.source, terms: [], differences: best.sourceDifferences, tag: "del")
                h += "</div>"
            }
            h += "</td>\n"

            // Proposal.
            h += "<td class=\"tgt\" \(tgtAttrs)>"
            if s.assembledIsTarget, let draft = s.assembled {
                h += "<div class=\"draft\"><div class=\"draftlabel\" dir=\"ltr\" lang=\"en\">assembled draft: needs review · "
                h += "\(Self.escape(DraftMarkup.coverage(draft))) covered</div>\(DraftMarkup.html(draft, source: src, escape: Self.escape))</div>"
            } else if let target = s.target {
                h += Self.escape(target)
            } else {
                h += "<span class=\"none\" dir=\"ltr\" lang=\"en\">no proposal</span>"
            }
            if !s.assembledIsTarget, let draft = s.assembled {
                h += "<div class=\"draft\"><div class=\"draftlabel\" dir=\"ltr\" lang=\"en\">assembled draft (not the target): "
                h += "needs review · \(Self.escape(DraftMarkup.coverage(draft))) covered</div>"
                h += "\(DraftMarkup.html(draft, source: src, escape: Self.escape))</div>"
            }
            if let best = s.best, !best.repairs.isEmpty {
                let list = best.repairs.map { "\(Self.escape($0.from)) → \(Self.escape($0.to))" }.joined(separator: ", ")
                h += "<div class=\"repair\" dir=\"ltr\" lang=\"en\">\(best.repairLabel.replacingOccurrences(of: " from the source", with: "").lowercased()): \(list)</div>"
            }
            h += "</td>\n"

            // Match.
            h += "<td class=\"match\">"
            if let best = s.best {
                h += "<span class=\"score \(band.cssClass)\">\(best.score)</span> "
                h += "<span class=\"kind\">\(Self.escape(Naming.kindLabel(best.kind)))</span>"
            } else {
                h += "<span class=\"score \(band.cssClass)\">—</span> <span class=\"kind\">no match</span>"
                if s.assembledIsTarget { h += "<div class=\"kind\">assembled draft</div>" }
            }
            h += "<div class=\"state\">\(Self.escape(Naming.stateLabel(s.state)))</div>"
            if let first = s.repetitionOf {
                h += "<div class=\"rep\">↻ repetition of <a href=\"#\(Naming.unitID(first))\">\(first + 1)</a></div>"
            }
            if let best = s.best {
                if let origin = best.origin { h += "<div class=\"origin\">from \(Self.escape(origin))</div>" }
                h += "<div class=\"why\">\(Self.escape(best.explanation))</div>"
            }
            if !s.alternatives.isEmpty {
                h += "<details><summary>\(s.alternatives.count) more</summary><ol class=\"alts\">"
                for alt in s.alternatives {
                    let altBand = ReviewBand(score: alt.score)
                    h += "<li><span class=\"score \(altBand.cssClass)\">\(alt.score)</span> "
                    h += "\(Self.escape(Naming.kindLabel(alt.kind))): <bdi \(tgtAttrs)>\(Self.escape(alt.target))</bdi></li>"
                }
                h += "</ol></details>"
            }
            h += "</td>\n</tr>\n"
        }
        h += "</tbody>\n</table>\n</main>\n</body>\n</html>\n"
        return h
    }

    /// `text` with TM fragments in `<span class="fragment">` (numbered after them), glossary
    /// terms in `<mark class="term">` and difference ranges in `<tag>`.
    static func marked(_ text: String, terms: [SegmentTerm], fragments: [TMFragment] = [], differences: [Range<Int>],
                       tag: String) -> String {
        MarkedRuns.html(text, terms: terms.map(\.range), differences: differences, diffTag: tag,
                        fragments: fragments.map(\.range),
                        fragmentOpen: { indices in
                            let title = indices.map { "\(fragments[$0].source) → \(fragments[$0].target)" }.joined(separator: "; ")
                            return "<span class=\"fragment\" title=\"\(escape(title))\">"
                        },
                        fragmentClose: { "</span><sup class=\"fragnum\">" + $0.map { String($0 + 1) }.joined(separator: ",") + "</sup>" },
                        escape: escape) { indices in
            let hits = indices.map { terms[$0] }
            let flagged = hits.contains(where: \.isFlagged)
            let title = hits.map { hit in
                let translations = hit.translations.isEmpty ? "—" : hit.translations.joined(separator: " | ")
                return "\(hit.term) → \(translations) (\(hit.status))"
            }.joined(separator: "; ")
            return "<mark class=\"term\(flagged ? " flagged" : "")\" title=\"\(escape(title))\" data-entry=\"\(hits[0].entryID)\">"
        }
    }

    /// Escapes text for HTML content and attribute values; characters HTML cannot show
    /// (controls other than tab and line ends) become U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "\n"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static let css: String = {
        var css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Naskh Arabic", sans-serif; margin: 1.5rem; color: #1b1b1b; }
        h1 { font-size: 1.3rem; }
        .facts { color: #444; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid #ccc; padding: .4rem .6rem; vertical-align: top; }
        th { background: #f3f3f3; text-align: start; }
        table.summary td:nth-child(n+2) { text-align: end; }
        table.segments { width: 100%; table-layout: fixed; }
        table.segments th:nth-child(1) { width: 3.5rem; }
        table.segments th:nth-child(4) { width: 16rem; }
        td.src, td.tgt { white-space: pre-wrap; line-height: 1.6; }
        td.src[dir="rtl"], div.tm[dir="rtl"] { font-size: 1.1rem; }
        td.num { text-align: center; color: #555; }
        .block { font-size: .75rem; color: #777; }
        .score { display: inline-block; min-width: 2.4rem; padding: .1rem .35rem; border-radius: .25rem; font-weight: bold; text-align: center; }
        .kind, .state, .origin, .why, .rep, .tmlabel { font-size: .85rem; color: #333; }
        .tmlabel { margin-top: .5rem; white-space: normal; }
        div.tm { background: #fafafa; border: 1px dashed #ccc; padding: .2rem .4rem; line-height: 1.6; }
        .why { color: #666; font-family: ui-monospace, monospace; font-size: .75rem; }
        mark.term { background: #bbdefb; border-bottom: 2px solid #1e88e5; }
        mark.term.flagged { background: #ffcdd2; border-bottom: 2px solid #c62828; }
        .warn { color: #b71c1c; font-weight: bold; font-size: .85rem; white-space: normal; }
        .repair { color: #4a148c; font-size: .85rem; white-space: normal; }
        .none { color: #999; font-style: italic; }
        ins { background: #fff176; text-decoration: none; }
        del { background: #ffab91; }
        tr.repetition td.num { background: #eceff1; }
        details summary { cursor: pointer; font-size: .85rem; }
        ol.alts { padding-inline-start: 1.2rem; margin: .2rem 0; }
        span.fragment { background: #e1bee7; border-bottom: 2px dotted #6a1b9a; }
        sup.fragnum { color: #6a1b9a; font-size: .7rem; }
        ol.fragments { font-size: .85rem; white-space: normal; margin: .4rem 0 0; padding-inline-start: 1.4rem; }
        .fragtgt { font-weight: bold; }
        .fragmeta { color: #666; }
        div.draft { border: 1px dashed #6a1b9a; background: #f3e5f5; padding: .2rem .4rem; margin-top: .3rem; }
        .draftlabel { color: #6a1b9a; font-size: .8rem; font-weight: bold; white-space: normal; }
        span.untranslated { background: #ffe0b2; }

        """
        for band in ReviewBand.allCases {
            css += ".\(band.cssClass) .score, .score.\(band.cssClass) { background: \(band.colour); }\n"
        }
        for band in ReviewBand.allCases {
            css += "tr.\(band.cssClass) td.match { border-inline-start: 6px solid \(band.colour); }\n"
        }
        return css
    }()
}
