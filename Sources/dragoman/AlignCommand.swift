import ArgumentParser
import DragomanAlign
import DragomanGlossary
import DragomanApp
import DragomanFormats
import DragomanText
import DragomanTM
import Foundation

/// `dragoman align ARABIC_FILE ENGLISH_FILE`: pairs the sentences of an article and its
/// translation, prints the pairs with their confidence, and with `--add` stores the
/// confident ones in the translation memory.
struct AlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "Pair the sentences of an Arabic article and its English translation (and add the confident pairs to the TM).",
        discussion: """
            Both files are segmented into sentences, then paired 1-1, 1-2, 2-1, 2-2, 1-0 or 0-1 by length \
            (Gale-Church, with the length ratio estimated from the two files) and by anchors: numbers in any \
            digit script, Latin-script names, transliterated names, quotes and question marks, and the terms of \
            the glossary (when the database exists). Each pair gets a \
            confidence from 0 to 1 (the probability of that pair given the two texts). See docs/alignment.md.

            Output, one line per pair: tsv prints confidence<TAB>arabic<TAB>english (two sentences of one side \
            joined by a space; a sentence with no translation has an empty other side); json prints one object \
            per line with the move type and sentence indices; tmx prints the pairs as a TMX document.

            With --add, the pairs at or above --min-confidence go into the translation memory in one transaction \
            (with the origin and each sentence's neighbours as context); every other line (pairs below the \
            threshold, sentences left unpaired) is written to the review file in the tsv format. Nothing is added \
            when the run fails.
            """
    )

    @Argument(help: "The Arabic article (UTF-8, plain text or Markdown).")
    var arabicFile: String

    @Argument(help: "Its English translation (UTF-8, plain text or Markdown).")
    var englishFile: String

    @Option(help: "Output format: tsv, tmx or json.")
    var format: AlignFormat = .tsv

    @Option(name: .shortAndLong, help: "Write the output to FILE instead of standard output.")
    var output: String?

    @Flag(help: "Add the pairs at or above --min-confidence to the translation memory; write the others to the review file.")
    var add = false

    @Option(help: "The confidence (0 to 1) a pair needs to be added with --add.")
    var minConfidence = 0.9

    @Option(help: "The document recorded as each added unit's origin (default: the Arabic file's name).")
    var origin: String?

    @Option(help: "Where --add writes the lines left for review (default: ENGLISH_FILE.review.tsv).")
    var review: String?

    @Option(help: "Paragraph layout of both files: text (every line break ends a paragraph) or markdown. Default: markdown for .md files, else text.")
    var layout: TextLayout?

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (0...1).contains(minConfidence) else { throw ValidationError("--min-confidence must be between 0 and 1") }
        if review != nil && !add { throw ValidationError("--review goes with --add") }
        if add && review == nil && englishFile == "-" { throw ValidationError("with --add and the English from standard input, give --review FILE") }
    }

    func run() throws {
        let (arabicText, arabicName) = try InputFile.readText(arabicFile, article: true)
        let (englishText, englishName) = try InputFile.readText(englishFile, article: true)
        let origin = self.origin ?? (arabicName as NSString).lastPathComponent

        // The glossary anchors term pairs when the database exists; aligning without
        // --add never creates one. Opened before anything is written, so that a database
        // that cannot be used stops the run with nothing written and nothing added.
        let workspace = add || database.location.exists ? try database.open() : nil
        let document = try ArticleAlignment.align(arabic: (arabicText, arabicName), english: (englishText, englishName),
                                                  layout: layout, glossary: workspace?.glossary)

        let created = Date()
        try OutputFile.writeText(to: output) { sink in
            switch format {
            case .tsv:
                for bead in document.beads { sink(AlignmentExport.tsvLine(bead, in: document)) }
            case .json:
                sink(try AlignmentExport.jsonLines(document.beads, in: document))
            case .tmx:
                sink(try AlignmentExport.tmx(document, origin: origin, created: created, toolVersion: DragomanVersion.string))
            }
        }

        let beads = document.beads
        let pairs = beads.filter(\.move.isPair)
        let unpaired = beads.count - pairs.count
        let below = pairs.filter { $0.confidence < minConfidence }.count
        var summary = "aligned \(document.arabic.count) Arabic and \(document.english.count) English sentences: "
            + "\(pairs.count) pairs (\(below) below \(AlignmentExport.confidence(minConfidence))), \(unpaired) left unpaired"
        if !add {
            Terminal.writeStderr(summary + "\n")
            return
        }

        let reviewPath = review ?? englishName + ".review.tsv"
        let toReview = document.split(minConfidence: minConfidence, origin: origin, created: created).review
        if !toReview.isEmpty {
            try OutputFile.writeText(to: reviewPath) { sink in
                for bead in toReview { sink(AlignmentExport.tsvLine(bead, in: document)) }
            }
        }
        try workspace!.alignOnArrival()
        let addition = try ArticleAlignment.add(document, minConfidence: minConfidence, origin: origin, created: created,
                                                to: workspace!.tm)
        try AutoLearning.afterAdding(workspace!, quiet: false)
        let (accepted, counts) = (addition.accepted, addition.counts)
        summary += "\nadded \(accepted.count) pairs to the translation memory (\(counts.added) new, \(counts.updated) already there), origin \(origin)"
        if toReview.isEmpty {
            summary += "\nnothing to review"
        } else {
            summary += "\n\(toReview.count) lines to review (\(below) pairs below \(AlignmentExport.confidence(minConfidence)), \(unpaired) left unpaired) written to \(reviewPath); they were not added"
        }
        Terminal.writeStderr(summary + "\n")
    }
}

enum AlignFormat: String, ExpressibleByArgument, CaseIterable {
    case tsv
    case tmx
    case json
}
