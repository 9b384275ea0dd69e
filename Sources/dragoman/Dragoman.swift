import ArgumentParser
import DragomanText

/// The `dragoman` command: an Arabic–English glossary and translation memory.
@main
struct Dragoman: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dragoman",
        abstract: "An Arabic–English glossary and translation memory for news translators.",
        discussion: """
            Exit codes: 0 success; 64 usage error; 65 bad input; 66 input file not found; \
            70 internal error; 74 cannot write output; 75 database busy; 78 database from a newer Dragoman.
            """,
        version: DragomanVersion.string,
        subcommands: [
            SegmentCommand.self,
            NormalizeCommand.self,
            TokensCommand.self,
            PretranslateCommand.self,
            AnalyzeCommand.self,
            MergeCommand.self,
            TMCommand.self,
            TermCommand.self,
            AlignCommand.self,
        ]
    )

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as DragomanError {
            Terminal.printError(error.description)
            exit(withError: ExitCode(error.code.rawValue))
        } catch {
            exit(withError: error)
        }
    }
}

enum DragomanVersion {
    static let string = "0.1.0"
}
