import DragomanText
import ArgumentParser
import DragomanApp
import DragomanTM
import Foundation

struct TMMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Exact and fuzzy matches for a sentence, ranked and explained.",
        discussion: "With no SENTENCE and standard input not a terminal, reads one sentence per line and writes one JSON object per line, flushed before the next is read.")

    @Argument(help: "The sentence to look up.") var sentence: String?
    @Option(help: "The lowest score to show (0–101).") var minScore = 70
    @Option(name: [.customLong("limit"), .customLong("max")], help: "How many matches at most (--max is the same).")
    var max = 5
    @Option(help: "The language of the sentence: ar (default) or en.") var from: Language = .arabic
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Show the alignment of query and TM source with each edit and its cost, and each repair.") var explain = false
    @Flag(help: "Give the stored targets exactly as stored: no names, dates, terms or numbers carried over from the sentence.")
    var noRepair = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (0...101).contains(minScore) else { throw ValidationError("--min-score takes 0 to 101") }
        guard max >= 1 else { throw ValidationError("--limit (--max) takes a positive number") }
    }

    func run() throws {
        let matching = TMMatching(workspace: try database.openForReading(), repair: !noRepair)
        if let sentence {
            let matches = try matching.matches(sentence, side: from, threshold: minScore, limit: max)
            if json {
                print(try JSONOutput.string(MatchReport(query: sentence, matches: matches, explain: true)))
            } else {
                MatchPrinter.print(query: sentence, matches: matches, explain: explain)
            }
            return
        }
        guard !Terminal.stdinIsTerminal else {
            throw Failure.usage("give a SENTENCE, or pipe sentences on standard input (one per line)")
        }
        while let line = readLine(strippingNewline: true) {
            let query = line.trimmingCharacters(in: .whitespaces)
            let matches = query.isEmpty ? [] : try matching.matches(query, side: from, threshold: minScore, limit: max)
            Terminal.writeLine(try JSONOutput.string(MatchReport(query: line, matches: matches, explain: explain)), flush: true)
        }
    }
}

enum MatchPrinter {
    static func print(query: String, matches: [TMMatch], explain: Bool) {
        Swift.print("query: \(Terminal.isolate(query))")
        if matches.isEmpty {
            Swift.print("  no match")
            return
        }
        for (n, m) in matches.enumerated() {
            var head = "\(n + 1). " + Terminal.score(m.score, "\(String(m.score).leftPadded(3))  \(m.kind.rawValue)")
            if let id = m.unit.id { head += "  #\(id)" }
            if let origin = m.unit.origin { head += "  \(origin)" }
            Swift.print(head)
            Swift.print("   source: \(Terminal.isolate(m.source))")
            Swift.print("   target: \(Terminal.isolate(m.proposedTarget))")
            if !m.repairs.isEmpty {
                Swift.print("   repaired: " + m.repairs.map { "\(Terminal.isolate($0.from)) → \(Terminal.isolate($0.to))" }.joined(separator: ", ")
                            + "   (stored target: \(Terminal.isolate(m.unit.text(m.side.other))))")
            }
            if !m.unrepaired.isEmpty {
                Swift.print("   not repaired: " + m.unrepaired.map { u in
                    "\(Terminal.isolate(u.query.isEmpty ? "—" : u.query)) | \(Terminal.isolate(u.source.isEmpty ? "—" : u.source)) (\(u.reason))"
                }.joined(separator: ", "))
            }
            if explain {
                for r in m.repairs {
                    let at = r.targetSpan.map { " at \($0.start)–\($0.end)" } ?? ""
                    Swift.print("   repair (\(r.by ?? "number")): \(Terminal.isolate(r.from)) → \(Terminal.isolate(r.to))\(at)")
                }
                Swift.print("   score: \(ScoreExplanation.formula(m))")
                for step in m.steps where step.kind != .equal || m.steps.count <= 12 {
                    let q = step.queryIndex.map { m.queryTokens[$0].text } ?? "—"
                    let s = step.sourceIndex.map { m.sourceTokens[$0].text } ?? "—"
                    let label: String
                    switch step.kind {
                    case .equal: label = "same"
                    case .clitic: label = "clitic/ending"
                    case .number: label = "number"
                    case .substitute: label = "changed"
                    case .delete: label = "only in query"
                    case .insert: label = "only in TM"
                    }
                    Swift.print("     \(label.padding(toLength: 14, withPad: " ", startingAt: 0)) \(Terminal.isolate(q)) | \(Terminal.isolate(s))  cost \(step.cost)")
                }
            }
        }
    }
}

struct TMConcordance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "concordance",
        abstract: "Segments that contain a phrase (on match keys, clitic-tolerant), the phrase marked, with their translations.")

    @Argument(help: "The phrase.") var phrase: String
    @Option(help: "The language of the phrase: ar (default) or en.") var from: Language = .arabic
    @Option(name: [.customLong("limit"), .customLong("max")], help: "How many segments at most (--max is the same).")
    var max = 20
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let tm = try database.openForReading().tm
        let (hits, total) = try tm.concordanceCounted(phrase, side: from, limit: max)
        let out = hits.map { ConcordanceJSON($0, side: from) }
        if json {
            print(try JSONOutput.string(out, pretty: true))
            return
        }
        if out.isEmpty { print("no segment contains \(Terminal.isolate(phrase))") }
        for h in out {
            print("#\(h.id ?? 0)  \(Terminal.isolate(h.marked))")
            print("      \(Terminal.isolate(h.target))")
        }
        if total > out.count {
            let more = total - out.count
            print("… and \(more) more segment\(more == 1 ? "" : "s") (\(total) in all; --limit \(total) shows them all)")
        }
    }
}
