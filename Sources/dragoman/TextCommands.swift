import DragomanApp
import ArgumentParser
import DragomanText
import Foundation

struct SegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Split Arabic or English text into sentences: one segment per line, an empty line between paragraphs."
    )

    @Option(name: .long, help: "The text's language: ar, en or auto (decided per paragraph).")
    var lang: LanguageChoice = .auto

    @Option(name: .long, help: "Paragraph layout: text (every line break ends a paragraph) or markdown (blank lines do). Default: markdown for .md files, else text.")
    var layout: TextLayout?

    @Flag(name: .long, help: "Print one JSON object per segment (text, UTF-16 offsets, paragraph).")
    var json = false

    @Argument(help: "The file to segment; '-' or nothing reads standard input.")
    var file: String?

    func run() throws {
        let (text, name) = try Input.readFile(file)
        let layout = self.layout ?? (name.lowercased().hasSuffix(".md") ? .markdown : .plainText)
        let segmenter = SentenceSegmenter(language: lang.language, layout: layout)
        var previousParagraph: Int?
        for segment in segmenter.segments(of: text) {
            if json {
                print(try JSONOutput.line(SegmentJSON(segment)))
                continue
            }
            if let p = previousParagraph, p != segment.paragraph { print("") }
            previousParagraph = segment.paragraph
            print(segment.text)
        }
    }
}

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Print the match key of each input line (what Dragoman compares, never what it stores)."
    )

    @Argument(help: "The text; '-' or nothing reads standard input, line by line.")
    var text: String?

    func run() throws {
        let input = try Input.textOrStdin(text)
        var lines = input.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" && lines.count > 1 { lines.removeLast() }
        for line in lines {
            print(MatchKey.make(String(line)))
        }
    }
}

struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "List the tokens of a text with their kinds, UTF-16 offsets, match keys and clitic readings."
    )

    @Flag(name: .long, help: "Print JSON: an array of tokens.")
    var json = false

    @Argument(help: "The text; '-' or nothing reads standard input.")
    var text: String?

    func run() throws {
        let input = try Input.textOrStdin(text)
        let tokens = Tokenizer.tokenize(input)
        if json {
            print(try JSONOutput.string(tokens.map(TokenJSON.init), pretty: true))
            return
        }
        for token in tokens {
            var line = "\(token.range.lowerBound)-\(token.range.upperBound)\t\(token.kind.rawValue)\t\(Terminal.isolate(token.text))"
            if token.key != token.text { line += "\tkey=\(Terminal.isolate(token.key))" }
            if let n = token.number { line += "\tvalue=\(n.description)" }
            let readings = token.cliticReadings.filter { !$0.isIdentity }
            if !readings.isEmpty {
                line += "\treadings: " + readings.map { Terminal.isolate($0.description) }.joined(separator: " | ")
            }
            print(line)
        }
    }
}

/// `--lang ar|en|auto`: a language, or "decide per paragraph".
enum LanguageChoice: String, ExpressibleByArgument, CaseIterable {
    case ar, en, auto

    var language: Language? { self == .auto ? nil : Language(rawValue: rawValue) }
}
extension TextLayout: ExpressibleByArgument {}
