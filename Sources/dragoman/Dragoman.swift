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
            BackupCommand.self,
            CheckCommand.self,
        ]
    )

    static func main() {
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            // Usage errors (64), --help and --version: the parser's own messages.
            exit(withError: error)
        }
        do {
            try command.run()
        } catch {
            let failure = DragomanError.classifying(error)
            guard let failure else { exit(withError: error) }
            Terminal.printError(failure.description)
            exit(withError: ExitCode(failure.code.rawValue))
        }
    }
}

enum DragomanVersion {
    static let string = "0.1.0"
}
