import ArgumentParser
import DragomanApp
import Foundation

enum ExtractFormat: String, ExpressibleByArgument, CaseIterable {
    case tsv, json
}

struct TermExtract: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Propose glossary entries from the TM: names, titles and institutions it translates the same way again and again.",
        discussion: """
            Arabic phrases of one to five words that the TM's word links project onto the same English in \
            two units or more and that stand with that English (or a name's acronym: EU, U.N.) in at least \
            --min-count units, that look like terms (no function word at either end, no number; a one-word \
            English term is a capitalised name or a noun) and that the glossary does not have yet; ranked \
            by Dice's association of the two phrases over units, weighted by how often they recur. The TSV \
            has the glossary import header, so `dragoman term extract > new.tsv`, edit, `dragoman term import \
            new.tsv` is the review loop; the evidence (units, Dice, confidence) is in the note column.
            """)

    @Option(help: "The fewest units whose Arabic and English hold a pair.") var minCount = 3
    @Option(help: "How many proposals at most.") var limit = 200
    @Option(help: "tsv (the glossary import's columns) or json.") var format: ExtractFormat = .tsv
    @Option(name: .shortAndLong, help: "Write to this file (a temporary file renamed on success).") var output: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard minCount >= 1 else { throw ValidationError("--min-count takes a positive number") }
        guard limit >= 1 else { throw ValidationError("--limit takes a positive number") }
    }

    func run() throws {
        let workspace = try database.openForReading()
        if let notice = FragmentRecall.notice(try workspace.alignmentState()) { Terminal.writeStderr("note: \(notice)\n") }
        let progress = Progress(label: "extracting terms", enabled: true)
        let candidates = try TermExtraction(tm: workspace.tm, glossary: workspace.glossary)
            .run(minimumCount: minCount, limit: limit, progress: progress.update)
        progress.finish()
        let text = format == .tsv ? TermExtraction.tsv(candidates) : try JSONOutput.string(candidates, pretty: true) + "\n"
        try OutputFile.writeText(to: output) { $0(text) }
        Terminal.writeStderr("\(Terminal.counted(candidates.count, "proposal")) (at least \(minCount) units each)\n")
    }
}
