import DragomanText
import ArgumentParser
import DragomanStore
import DragomanTM
import Foundation

/// `dragoman tm …`: the translation memory.
struct TMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tm",
        abstract: "Add, import, export and search sentence pairs in the translation memory.",
        subcommands: [TMAdd.self, TMImport.self, TMExport.self, TMMatchCommand.self, TMConcordance.self,
                      TMStats.self, TMRemove.self]
    )
}

extension Language: ExpressibleByArgument {}

/// Opens the TM of the selected database, mapping store errors to CLI errors.
func openTM(_ options: DatabaseOptions) throws -> SQLiteTranslationMemory {
    SQLiteTranslationMemory(database: try options.open())
}

/// Runs `body`, turning the store's expected failures into messages and exit codes.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw DragomanError(store: error)
    }
}

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
        let tm = try openTM(database)
        let unit = TranslationUnit(arabic: arabic.trimmingCharacters(in: .whitespacesAndNewlines),
                                   english: english.trimmingCharacters(in: .whitespacesAndNewlines),
                                   creator: ProcessInfo.processInfo.environment["USER"], origin: origin, note: note)
        switch try storeCall({ try tm.add(unit) }) {
        case .added(let id): print("added unit \(id)")
        case .updated(let id): print("unit \(id) already holds this pair: its date was updated")
        }
    }
}

struct TMRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a unit by its id.")

    @Argument(help: "The unit id (as `tm match` and `tm stats` show it).") var id: Int64
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let tm = try openTM(database)
        guard try storeCall({ try tm.remove(id: id) }) else {
            throw DragomanError.badInput("no unit \(id) in \(database.resolvedPath)")
        }
        print("removed unit \(id)")
    }
}

struct TMStats: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts of the translation memory.")

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    struct Stats: Encodable {
        var database: String
        var units: Int
        var origins: [String: Int]
        var oldest: String?
        var newest: String?
        var arabicWords: Int
        var englishWords: Int
    }

    func run() throws {
        let tm = try openTM(database)
        var stats = Stats(database: database.resolvedPath, units: 0, origins: [:], arabicWords: 0, englishWords: 0)
        var oldest: Date?, newest: Date?
        try storeCall {
            try tm.forEachUnit { u in
                stats.units += 1
                stats.origins[u.origin ?? "(none)", default: 0] += 1
                oldest = min(oldest ?? u.changed, u.changed)
                newest = max(newest ?? u.changed, u.changed)
                stats.arabicWords += WordCount.words(u.arabic)
                stats.englishWords += WordCount.words(u.english)
            }
        }
        stats.oldest = oldest?.formatted(.iso8601)
        stats.newest = newest?.formatted(.iso8601)
        if json {
            print(try JSONOutput.string(stats, pretty: true))
            return
        }
        print("database: \(stats.database)")
        print("units:    \(stats.units)")
        print("words:    \(stats.arabicWords) Arabic, \(stats.englishWords) English")
        if let o = stats.oldest, let n = stats.newest { print("changed:  \(o) … \(n)") }
        if !stats.origins.isEmpty {
            print("origins:")
            for (origin, count) in stats.origins.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }).prefix(20) {
                print("  \(String(count).leftPadded(8))  \(origin)")
            }
        }
    }
}

/// Words as Dragoman counts them: tokens that are words or numbers; clitics are part of
/// their word (وبالقدس is one word), in Arabic and English alike.
enum WordCount {
    static func words(_ text: String) -> Int {
        MatchTokenizer.tokens(of: text, side: .arabic).filter { $0.weightClass == .word || $0.weightClass == .number }.count
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
