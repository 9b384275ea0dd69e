import DragomanText
import ArgumentParser
import DragomanStore
import DragomanTM
import Foundation

struct TMMatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Exact and fuzzy matches for a sentence, ranked and explained.",
        discussion: "With no SENTENCE and standard input not a terminal, reads one sentence per line and writes one JSON object per line, flushed before the next is read.")

    @Argument(help: "The sentence to look up.") var sentence: String?
    @Option(help: "The lowest score to show (0–101).") var minScore = 70
    @Option(help: "How many matches at most.") var max = 5
    @Option(help: "The language of the sentence: ar (default) or en.") var from: Language = .arabic
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Show the alignment of query and TM source with each edit and its cost.") var explain = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (0...101).contains(minScore) else { throw ValidationError("--min-score takes 0 to 101") }
        guard max >= 1 else { throw ValidationError("--max takes a positive number") }
    }

    func run() throws {
        let tm = try openTM(database)
        if let sentence {
            let matches = try storeCall { try tm.search(TMQuery(text: sentence, side: from), threshold: minScore, limit: max) }
            if json {
                print(try JSONOutput.string(MatchReport(query: sentence, matches: matches, explain: true)))
            } else {
                MatchPrinter.print(query: sentence, matches: matches, explain: explain)
            }
            return
        }
        guard !Terminal.stdinIsTerminal else {
            throw DragomanError.usage("give a SENTENCE, or pipe sentences on standard input (one per line)")
        }
        while let line = readLine(strippingNewline: true) {
            let query = line.trimmingCharacters(in: .whitespaces)
            let matches = query.isEmpty ? [] : try storeCall {
                try tm.search(TMQuery(text: query, side: from), threshold: minScore, limit: max)
            }
            Terminal.writeLine(try JSONOutput.string(MatchReport(query: line, matches: matches, explain: explain)), flush: true)
        }
    }
}

/// The JSON of `tm match`: stable keys for scripts.
struct MatchReport: Encodable {
    var query: String
    var matches: [TMMatchJSON]

    init(query: String, matches: [TMMatch], explain: Bool) {
        self.query = query
        self.matches = matches.map { TMMatchJSON($0, explain: explain) }
    }
}

struct TMMatchJSON: Encodable {
    struct Step: Encodable {
        var edit: String
        var query: String?
        var source: String?
        var cost: Int
    }
    struct Explanation: Encodable {
        var cost: Int
        var queryWeight: Int
        var sourceWeight: Int
        var formula: String
        var steps: [Step]
    }
    var id: Int64?
    var source: String
    var target: String
    var storedTarget: String?
    var score: Int
    var kind: String
    var wordScore: Int
    var origin: String?
    var changed: String
    var usageCount: Int
    var repairs: [NumberRepair]?
    var explanation: Explanation?

    init(_ m: TMMatch, explain: Bool) {
        id = m.unit.id
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
enum ScoreExplanation {
    static func formula(_ m: TMMatch) -> String {
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

enum MatchPrinter {
    static func print(query: String, matches: [TMMatch], explain: Bool) {
        Swift.print("query: \(Terminal.isolate(query))")
        if matches.isEmpty {
            Swift.print("  no match")
            return
        }
        for (n, m) in matches.enumerated() {
            var head = "\(n + 1). \(String(m.score).leftPadded(3))  \(m.kind.rawValue)"
            if let id = m.unit.id { head += "  #\(id)" }
            if let origin = m.unit.origin { head += "  \(origin)" }
            Swift.print(head)
            Swift.print("   source: \(Terminal.isolate(m.source))")
            Swift.print("   target: \(Terminal.isolate(m.proposedTarget))")
            if !m.repairs.isEmpty {
                Swift.print("   repaired: " + m.repairs.map { "\($0.from) → \($0.to)" }.joined(separator: ", ")
                            + "   (stored target: \(Terminal.isolate(m.unit.text(m.side.other))))")
            }
            if explain {
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
    @Option(help: "How many segments at most.") var max = 20
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    struct Hit: Encodable {
        var id: Int64?
        var source: String
        var target: String
        var ranges: [[Int]]
        var marked: String
    }

    func run() throws {
        let tm = try openTM(database)
        let hits = try storeCall { try tm.concordance(phrase, side: from, limit: max) }
        let out = hits.map { h -> Hit in
            let text = h.unit.text(from)
            return Hit(id: h.unit.id, source: text, target: h.unit.text(from.other),
                       ranges: h.ranges.map { [$0.lowerBound, $0.upperBound] }, marked: mark(text, h.ranges))
        }
        if json {
            print(try JSONOutput.string(out, pretty: true))
            return
        }
        if out.isEmpty { print("no segment contains \(Terminal.isolate(phrase))") }
        for h in out {
            print("#\(h.id ?? 0)  \(Terminal.isolate(h.marked))")
            print("      \(Terminal.isolate(h.target))")
        }
    }

    /// The text with each occurrence in ⟦ ⟧.
    func mark(_ text: String, _ ranges: [Range<Int>]) -> String {
        var u = Array(text.utf16)
        for r in ranges.sorted(by: { $0.lowerBound > $1.lowerBound }) {
            u.insert(contentsOf: Array("⟧".utf16), at: r.upperBound)
            u.insert(contentsOf: Array("⟦".utf16), at: r.lowerBound)
        }
        return String(decoding: u, as: UTF16.self)
    }
}
