import ArgumentParser
import DragomanApp
import DragomanQA
import DragomanText

extension QAFileFormat: ExpressibleByArgument {}
extension QACheck: ExpressibleByArgument {}

/// `dragoman qa FILE`: checks finished translations.
struct QACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qa",
        abstract: "Check finished translations: numbers, glossary terms, consistency, completeness and form.",
        discussion: """
            One finding per line: unit, severity (error or warning), check and what to fix. Numbers are \
            compared by value across digit scripts and separators (٣٥ = 35, ١٬٥٠٠ = 1,500), Arabic number \
            words included; glossary terms are found as term find finds them (clitics, spellings), and a \
            deprecated or forbidden term in the target is an error naming the preferred one.
            Exit status: 0 clean, 1 warnings only, 65 errors (for scripts and CI).
            """)

    @Argument(help: "The file: XLIFF (2.x or 1.2, as pretranslate writes it or a CAT tool returns it), TMX, or TSV (arabic<TAB>english).")
    var file: String
    @Option(help: "xliff, tmx or tsv (default: from the file name).") var format: QAFileFormat?
    @Option(help: "Only the glossary entries of this domain.") var domain: String?
    @Option(name: .customLong("check"), help: "Run only these checks (repeat the option): numbers, glossary, consistency, completeness, form.")
    var checks: [QACheck] = []
    @Flag(help: "Also check against the translation memory: a source it holds (a 100 match) translated otherwise is a warning.")
    var tm = false
    @Flag(help: "Print the report as JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let selected = checks.isEmpty ? Set(QACheck.allCases) : Set(checks)
        let pairs = try QualityCheck.pairs(file, format: format)
        let workspace = selected.contains(.glossary) || tm ? try database.openForReading() : nil
        let report = try QualityCheck.check(pairs, file: file, glossary: selected.contains(.glossary) ? workspace?.glossary : nil,
                                            domain: domain, checks: selected, tm: tm ? workspace?.tm : nil)
        if json {
            print(try JSONOutput.string(report, pretty: true))
        } else {
            for f in report.findings {
                let severity = f.severity == .error ? Terminal.paint("error", "31") : Terminal.paint("warning", "33")
                print("\(f.unitID): \(severity) [\(f.check.rawValue)/\(f.rule)] \(Terminal.isolate(f.message))")
            }
            print("\(file): \(Terminal.counted(report.units, "unit")), \(Terminal.counted(report.errors, "error")), \(Terminal.counted(report.warnings, "warning"))")
        }
        if report.errors > 0 { throw QAOutcome.errors }
        if report.warnings > 0 { throw ExitCode(1) }
    }
}

/// Errors found: exit 65 (bad input), the findings already printed.
enum QAOutcome: DragomanFailure {
    case errors
    var failureKind: FailureKind { .badInput }
    var description: String { "the check found errors (listed above)" }
}
