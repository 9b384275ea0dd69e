import ArgumentParser
import DragomanApp
import Foundation

/// `--db PATH` and `--empty`, shared by every command that opens the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The database file. Default: $DRAGOMAN_DB, else $XDG_DATA_HOME/dragoman/dragoman.sqlite (~/.local/share/dragoman/dragoman.sqlite).")
    var db: String?

    @Flag(name: .long, help: "When the database does not exist yet, create it without the starter glossary.")
    var empty = false

    var location: DatabaseLocation { DatabaseLocation.resolve(db: db) }

    /// The path the options resolve to.
    var resolvedPath: String { location.path }

    /// Opens the database, creating it (and its folder) on first use; a new database
    /// gets the starter glossary unless `--empty` was given.
    func open() throws -> Workspace {
        try Workspace.open(location, ifMissing: .create(empty: empty), notice: Self.notice)
    }

    /// Opens a database that must already exist (backing up or checking a database that
    /// is not there is a mistake in the path, not a reason to create one).
    func openExisting() throws -> Workspace {
        try Workspace.open(location, ifMissing: .refuse, notice: Self.notice)
    }

    /// Warnings always; other notices (a database created) for a person at a terminal.
    static func notice(_ message: String) {
        if message.hasPrefix("warning:") || Terminal.stderrIsTerminal {
            Terminal.writeStderr("dragoman: \(message)\n")
        }
    }
}
