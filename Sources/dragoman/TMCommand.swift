import DragomanText
import ArgumentParser
import DragomanApp
import DragomanTM
import Foundation

/// `dragoman tm …`: the translation memory.
struct TMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Add, import, export and search sentence pairs in the translation memory.",
        subcommands: [TMAdd.self, TMImportCommand.self, TMExportCommand.self, TMMatchCommand.self, TMConcordance.self,
                      TMStats.self, TMRemove.self, TMFragments.self, TMLearn.self]
    )
}

extension Language: ExpressibleByArgument {}

struct TMAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add one sentence pair.")

    @Argument(help: "The Arabic segment.") var arabic: String
    @Argument(help: "The English segment.") var english: String
    @Option(help: "The document or file the pair comes from.") var origin: String?
    @Option(help: "A note for the translator.") var note: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if arabic.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || english.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("both segments must be non-empty")
        }
    }

    func run() throws {
        let workspace = try database.open()
        try workspace.alignOnArrival(units: [(arabic, english)])
        switch try TMAddition.add(arabic: arabic, english: english, origin: origin, note: note, to: workspace.tm) {
        case .added(let id): print("added unit \(id)")
        case .updated(let id): print("unit \(id) already holds this pair: its date was updated")
        }
        try AutoLearning.afterAdding(workspace, quiet: false)
    }
}

struct TMRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a unit by its id, or every unit of an origin (--origin).")

    @Argument(help: "The unit id: `tm match` and `tm concordance` show it (#ID), and their --json (id).") var id: Int64?
    @Option(help: "Remove every unit with this origin (the file or article it came from), in one transaction.")
    var origin: String?
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if (id == nil) == (origin == nil) { throw ValidationError("give a unit id or --origin, not both") }
    }

    func run() throws {
        let workspace = try database.open()
        let removal = TMRemoval(tm: workspace.tm, path: workspace.path)
        if let origin {
            let count = try removal.remove(origin: origin)
            print("removed \(Terminal.counted(count, "unit")) of origin \(Terminal.isolate(origin))")
            return
        }
        guard let id else { return }
        try removal.remove(id: id)
        print("removed unit \(id)")
    }
}

struct TMStats: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts of the translation memory.")

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let stats = try TMStatistics(database.openForReading())
        if json {
            print(try JSONOutput.string(stats, pretty: true))
            return
        }
        print("database: \(stats.database)")
        print("units:    \(stats.units)")
        print("words:    \(stats.arabicWords) Arabic, \(stats.englishWords) English")
        if let o = stats.oldest, let n = stats.newest { print("changed:  \(o) … \(n)") }
        let a = stats.wordAlignment
        if let learned = a.learned {
            print("aligned:  \(a.alignedUnits) of \(a.totalUnits) units (learnt \(learned.formatted(.iso8601)) on \(a.unitsAtLearning) units)")
        } else if a.totalUnits > 0 {
            print("aligned:  not learnt yet (fragments come after `dragoman tm learn`, or the next import)")
        }
        if !stats.origins.isEmpty {
            print("origins:")
            for (origin, count) in stats.origins.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(20) {
                print("  \(String(count).leftPadded(8))  \(origin)")
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
