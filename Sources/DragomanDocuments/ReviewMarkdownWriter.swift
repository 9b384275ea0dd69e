import DragomanGlossary
import DragomanText
import Foundation
import DragomanPretranslate
import DragomanTM

/// A review document in GitHub-flavoured Markdown, readable in a terminal too: a summary
/// table of the match bands, then one short section per segment whose heading gives the
/// number, a coloured band mark with its label, the score and kind, and the state. Below
/// it, the source (Arabic in `<span dir="rtl" lang="ar">`), the proposal, the TM source,
/// glossary terms, number repairs, the repetition and the alternatives, one per line.
/// In the source, glossary terms are `<mark>` and words that differ from the TM source
/// `<ins>`; in the TM source, its differing words are `<del>` (GitHub renders these tags;
/// in a terminal they read as brackets). Markdown's own characters in the text are
/// escaped, so a `*` or `|` in an article stays a character.
///
/// Below the sentence: the spans the TM holds as fragments are bold in the source with
/// their number after them (`<b>…</b><sup>1</sup>`), and listed with their translations
/// (`- **Fragment 1:** source → translation (3 units, confidence 85%)`); an assembled draft
/// is a line of its own saying it needs review, its untranslated words between ⟦ and ⟧ in
/// a span of the source's direction (or the proposal line, with `--assembled-as-target`).
public struct ReviewMarkdownWriter: DocumentWriter {
    public var options: DocumentWriterOptions

    public init(options: DocumentWriterOptions = .init()) {
        self.options = options
    }

    public func write(_ document: PretranslatedDocument) throws -> String {
        let src = document.sourceLanguage, tgt = document.targetLanguage
        let summary = ReviewSummary(document)
        var m = ""
        m += "# Pre-translation review: \(Self.escape(document.fileName))\n\n"
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
        m += Self.escape(facts.joined(separator: " · ")) + "\n\n"
        m += "| Band | Segments | Words |\n|---|---:|---:|\n"
        for band in ReviewBand.allCases {
            m += "| \(band.emoji) \(band.label) | \(summary.segments[band] ?? 0) | \(summary.words[band] ?? 0) |\n"
        }

        for s in document.segments {
            let band = ReviewBand(score: s.best?.score)
            var heading = "\(s.segment.index + 1)"
            if s.segment.block != .paragraph { heading += " · \(Naming.blockName(s.segment.block))" }
            if let best = s.best {
                heading += " · \(band.emoji) \(best.score) \(Naming.kindLabel(best.kind))"
            } else {
                heading += " · \(band.emoji) no match"
            }
            if s.assembledIsTarget { heading += " · 🧩 assembled" }
            heading += " · \(Naming.stateLabel(s.state))"
            if s.repetitionOf != nil { heading += " · ↻ repetition" }
            if s.terms.contains(where: \.isFlagged) { heading += " · ⚠️ flagged term" }
            m += "\n## \(heading)\n\n"

            m += "- **Source:** " + span(Self.marked(s.segment.text, terms: s.terms, fragments: s.fragments,
                                                     differences: s.best?.queryDifferences ?? [], tag: "ins"), src) + "\n"
            if s.assembledIsTarget, let draft = s.assembled {
                m += "- **Proposal:** " + span(DraftMarkup.html(draft, source: src, escape: Self.escape), tgt)
                    + " _(assembled draft, \(DraftMarkup.coverage(draft)) covered: needs review)_\n"
            } else if let target = s.target {
                m += "- **Proposal:** " + span(Self.escape(target), tgt) + "\n"
            } else {
                m += "- **Proposal:** _none_\n"
            }
            if let best = s.best {
                if best.source != s.segment.text {
                    m += "- **TM source:** " + span(Self.marked(best.source, terms: [], differences: best.sourceDifferences,
                                                                tag: "del"), src)
                } else {
                    m += "- **TM source:** the same"
                }
                if let origin = best.origin { m += " (from \(Self.escape(origin)))" }
                m += "\n"
                if !best.repairs.isEmpty {
                    m += "- **\(best.repairLabel.replacingOccurrences(of: " from the source", with: "")):** "
                        + best.repairs.map { "\(Self.escape($0.from)) → \(Self.escape($0.to))" }.joined(separator: ", ") + "\n"
                }
                if let note = best.unrepairedNote { m += "- **\(Self.escape(note))**\n" }
                m += "- **Why:** `" + best.explanation.replacingOccurrences(of: "`", with: "'")
                    .replacingOccurrences(of: "\n", with: " ") + "`\n"
            }
            if !s.assembledIsTarget, let draft = s.assembled {
                m += "- 🧩 **Assembled draft** (\(DraftMarkup.coverage(draft)) covered; needs review): "
                    + span(DraftMarkup.html(draft, source: src, escape: Self.escape), tgt) + "\n"
            }
            for (n, f) in s.fragments.enumerated() {
                var line = "- **Fragment \(n + 1):** " + span(Self.escape(f.source), src) + " → " + span(Self.escape(f.target), tgt)
                    + " (\(fragmentSupport(f))"
                if !f.alternatives.isEmpty {
                    line += "; also " + f.alternatives.map { span(Self.escape($0.target), tgt) + " ×\($0.count)" }
                        .joined(separator: ", ")
                }
                m += line + ")\n"
            }
            for check in s.checks {
                m += "- ⚠️ **Check:** " + Self.escape(check) + "\n"
            }
            for term in s.terms {
                let translations = term.translations.isEmpty ? "—"
                    : term.translations.map { span(Self.escape($0), tgt) }.joined(separator: " \\| ")
                let lead = term.isFlagged ? "- ⚠️ **\(Self.escape(term.status.rawValue.uppercased())) term:** " : "- **Term:** "
                m += lead + span(Self.escape(term.surface), src) + " → " + translations
                    + (term.isFlagged ? "" : " (\(Self.escape(term.status.rawValue)))") + "\n"
            }
            if let first = s.repetitionOf {
                m += "- **Repetition of** segment \(first + 1)\n"
            }
            for alt in s.alternatives {
                m += "- **Alternative:** \(ReviewBand(score: alt.score).emoji) \(alt.score) \(Naming.kindLabel(alt.kind)): "
                    + span(Self.escape(alt.target), tgt) + "\n"
            }
        }
        return m
    }

    /// Right-to-left text in a span that says so; left-to-right text as it is.
    private func span(_ html: String, _ side: Language) -> String {
        side == .arabic ? "<span dir=\"rtl\" lang=\"ar\">\(html)</span>" : html
    }

    static func marked(_ text: String, terms: [SegmentTerm], fragments: [TMFragment] = [], differences: [Range<Int>],
                       tag: String) -> String {
        MarkedRuns.html(text, terms: terms.map(\.range), differences: differences, diffTag: tag,
                        fragments: fragments.map(\.range), fragmentOpen: { _ in "<b>" },
                        fragmentClose: { "</b><sup>" + $0.map { String($0 + 1) }.joined(separator: ",") + "</sup>" },
                        escape: escape) { indices in
            let flagged = indices.first { terms[$0].isFlagged }
            return flagged.map { "<mark title=\"\(terms[$0].status)\">" } ?? "<mark>"
        }
    }

    /// Escapes Markdown's and HTML's special characters, and keeps the text on one line
    /// (a line break inside a segment becomes `<br>`).
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                out += "\\"
                out.unicodeScalars.append(scalar)
            case "\n", "\r", "\u{2028}", "\u{2029}": out += "<br>"
            default:
                if scalar.value < 0x20 && scalar != "\t" {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
