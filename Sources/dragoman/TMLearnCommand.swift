import ArgumentParser
import DragomanApp
import DragomanTM
import Foundation

struct TMLearn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Learn the word alignment of every TM unit (for fragments and assembled drafts).",
        discussion: """
            Imports do this by themselves when the TM has grown or shrunk by a quarter since the last \
            learning (or was never learnt); units added in between are aligned on arrival with the \
            current model. Run it by hand after many small additions, or to see the figures. One \
            transaction: an interrupted learning leaves the previous model and links as they were.
            """)

    @Flag(help: "Print the report as JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let workspace = try database.openExisting()
        let report = try AutoLearning.learn(workspace, quiet: json)
        if json {
            print(try JSONOutput.string(report, pretty: true))
            return
        }
        print("learnt the word alignment of \(Terminal.counted(report.units, "unit")) in \(String(format: "%.1f", report.seconds)) s: "
              + "\(Terminal.counted(report.words, "word")), \(Terminal.counted(report.links, "link")), "
              + "\(Terminal.counted(report.priors, "glossary word pair")) as priors")
    }
}

/// Learning from the CLI, with progress on a terminal: by hand (`tm learn`) or by itself
/// after commands that add units, when the TM's state says it is due.
enum AutoLearning {
    static func learn(_ workspace: Workspace, quiet: Bool) throws -> LearningReport {
        let progress = SharedProgress(label: "word alignment", enabled: !quiet)
        defer { progress.finish() }
        return try TMLearning(tm: workspace.tm, glossary: workspace.glossary).learn(progress: progress.update)
    }

    /// After units were added: learn when due, saying so on stderr (never on stdout, which
    /// may be a document or JSON).
    static func afterAdding(_ workspace: Workspace, quiet: Bool) throws {
        let state = try workspace.alignmentState()
        guard state.isLearningDue else { return }
        if !quiet {
            Terminal.writeStderr("learning the word alignment of \(Terminal.counted(state.totalUnits, "unit")) (the TM \(state.learned == nil ? "was never learnt" : "changed by a quarter since the last learning"))\n")
        }
        let report = try learn(workspace, quiet: quiet)
        if !quiet {
            Terminal.writeStderr("learnt in \(String(format: "%.1f", report.seconds)) s\n")
        }
    }
}

/// A `Progress` that the aligner's threads may update.
final class SharedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let progress: Progress
    private var phase: TMLearning.Phase?

    init(label: String, enabled: Bool) {
        progress = Progress(label: label, enabled: enabled)
    }

    func update(_ phase: TMLearning.Phase, _ value: WorkProgress) {
        lock.lock()
        defer { lock.unlock() }
        var value = value
        value.unit = "\(value.unit) (\(phase.rawValue))"
        progress.update(value)
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        progress.finish()
    }
}
