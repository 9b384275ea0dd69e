import ArgumentParser
import DragomanText
#if canImport(Glibc)
import Glibc
#endif

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
            QACommand.self,
            ImportsCommand.self,
            BackupCommand.self,
            CheckCommand.self,
            ServeCommand.self,
            UserCommand.self,
        ]
    )

    /// Parses, runs, and reports any failure in one place: the one classifier of the CLI.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let outcome = CommandOutcome(error)
            if !outcome.message.isEmpty {
                if outcome.exitCode == 0 {
                    print(outcome.message)
                } else {
                    Terminal.writeStderr(outcome.message + "\n")
                }
            }
            Glibc.exit(outcome.exitCode)
        }
    }
}

/// How a command ended that did not end normally: the message and the exit code. Help and
/// version requests exit 0 with their text on stdout; the parser's usage errors exit 64;
/// every error the libraries throw on purpose (`DragomanFailure`) exits with its kind's
/// code; anything else is a bug (70).
struct CommandOutcome {
    let exitCode: Int32
    let message: String

    init(_ error: Error) {
        if let failure = error as? DragomanFailure {
            exitCode = failure.failureKind.exitCode
            let bug = failure.failureKind == .internal ? "; this is a bug, please report it with the command that caused it" : ""
            message = "dragoman: error: \(failure.description)\(bug)"
        } else if Self.isParserError(error) {
            exitCode = Dragoman.exitCode(for: error).rawValue
            let text = Dragoman.fullMessage(for: error)
            message = exitCode == 0 ? text : Self.prefixed(text)
        } else {
            exitCode = FailureKind.internal.exitCode
            message = "dragoman: error: internal error: \(error); this is a bug, please report it with the command that caused it"
        }
    }

    /// Errors of swift-argument-parser (usage, help, version, clean exits), which it
    /// formats itself.
    static func isParserError(_ error: Error) -> Bool {
        error is ValidationError || error is CleanExit || error is ExitCode
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }

    /// The parser's "Error: …" as "dragoman: error: …", like every other error.
    static func prefixed(_ text: String) -> String {
        text.hasPrefix("Error: ") ? "dragoman: error: " + text.dropFirst("Error: ".count) : text
    }
}

enum DragomanVersion {
    static let string = "0.1.0"
}
