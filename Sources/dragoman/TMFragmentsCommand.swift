import ArgumentParser
import DragomanAlign
import DragomanApp
import DragomanText
import DragomanTM
import Foundation

struct TMFragments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fragments",
        abstract: "Phrases of a sentence that the TM holds, with their translations (sub-sentence leverage).",
        discussion: """
            A fragment is the longest span of two or more words found in TM sources (Arabic clitics \
            tolerated: وبالقدس الشرقية finds القدس الشرقية; endings are not: a dual is not a singular), \
            not crossing punctuation (a hyphen inside a word, Al-Quds, is no break), whose translation the stored word links project consistently; a \
            number inside it matches any number, and the sentence's own number is written into the \
            translation; COUNT units agree on it, and CONFIDENCE (0–1) is the share that agree, \
            smoothed by how many there are; a phrase of one content word and its prepositions or \
            article (في الدائرة) needs two units that agree; a fragment resting on one unit is left out when a \
            glossary term of its source is translated in that unit but not in the fragment. Glossary terms in the sentence are listed apart, as glossary. \
            With no SENTENCE and standard input not a terminal, reads one sentence per line and writes \
            one JSON object per line, flushed before the next is read: \
            {"query", "fragments": [{"start", "end", "source", "target", "count", "confidence", \
            "alternatives", "units", …}], "terms": […], "assembled": … or null}; offsets in UTF-16 code units.
            """)

    @Argument(help: "The sentence.") var sentence: String?
    @Option(help: "The language of the sentence: ar (default) or en.") var from: Language = .arabic
    @Option(help: "The fewest units that must agree on a fragment's translation.") var minCount = FragmentOptions().minimumCount
    @Option(help: "The lowest confidence shown (0–1).") var minConfidence = FragmentOptions().minimumConfidence
    @Option(help: "How many fragments at most per sentence.") var limit = 50
    @Option(help: "Prefer this domain's glossary entries.") var domain: String?
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count takes a positive number") }
        guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence takes 0 to 1") }
        guard limit >= 1 else { throw ValidationError("--limit takes a positive number") }
    }

    func run() throws {
        let workspace = try database.openForReading()
        var options = FragmentOptions()
        options.minimumCount = minCount
        options.minimumConfidence = minConfidence
        let recall = FragmentRecall(tm: workspace.tm, glossary: workspace.glossary, options: options, domain: domain)
        let notice = FragmentRecall.notice(try workspace.alignmentState())
        func report(_ text: String) throws -> FragmentReport {
            var r = try recall.recall(text, side: from)
            r.fragments = Array(r.fragments.prefix(limit))
            return r
        }
        if let sentence {
            let r = try report(sentence)
            if json {
                print(try JSONOutput.string(r, pretty: true))
            } else {
                FragmentPrinter.print(r)
            }
            if let notice { Terminal.writeStderr("note: \(notice)\n") }
            return
        }
        guard !Terminal.stdinIsTerminal else {
            throw Failure.usage("give a SENTENCE, or pipe sentences on standard input (one per line)")
        }
        if let notice { Terminal.writeStderr("note: \(notice)\n") }
        while let line = readLine(strippingNewline: true) {
            let query = line.trimmingCharacters(in: .whitespaces)
            let r = query.isEmpty ? FragmentReport(query: line, fragments: [], terms: [], assembled: nil) : try report(line)
            Terminal.writeLine(try JSONOutput.string(r), flush: true)
        }
    }
}

enum FragmentPrinter {
    static func print(_ r: FragmentReport) {
        Swift.print("query: \(Terminal.isolate(r.query))")
        if r.fragments.isEmpty { Swift.print("  no fragment") }
        for (n, f) in r.fragments.enumerated() {
            let sure = String(format: "%.2f", f.confidence)
            Swift.print("\(n + 1). \(Terminal.isolate(f.source))  →  \(Terminal.isolate(f.target))")
            // One unit is evidence, not agreement.
            let support = f.count == 1 ? "1 unit" : "\(Terminal.counted(f.count, "unit")) agree"
            var line = "   \(support), confidence \(sure)"
            if !f.units.isEmpty {
                // The fragment carries the newest few of its units; say when there are more.
                let more = f.count > f.units.count ? ", …" : ""
                line += "  (" + f.units.map { "#\($0)" }.joined(separator: ", ") + more + ")"
            }
            Swift.print(line)
            if !f.alternatives.isEmpty {
                Swift.print("   also: " + f.alternatives.map { "\(Terminal.isolate($0.target)) ×\($0.count)" }.joined(separator: "; "))
            }
        }
        if !r.terms.isEmpty {
            Swift.print("glossary:")
            for t in r.terms {
                var line = "   \(Terminal.isolate(t.source))  →  \(Terminal.isolate(t.target ?? "—"))  (entry \(t.entryID)"
                if t.status != "preferred" { line += ", \(t.status)" }
                Swift.print(line + ")")
            }
        }
        if let a = r.assembled {
            Swift.print("assembled draft (\(Int((a.coverage * 100).rounded()))% of the words; needs review):")
            Swift.print("   \(Terminal.isolate(a.text))")
        }
    }
}
