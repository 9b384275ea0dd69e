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

    /// Opens the database for a command that only reads: a database the user named
    /// (`--db`, `$DRAGOMAN_DB`) must exist; the default one is created on first use, with the
    /// starter glossary, so that `term lookup` works on a fresh machine.
    func openForReading() throws -> Workspace {
        try Workspace.open(location, ifMissing: location.isExplicit ? .refuse : .create(empty: empty), notice: Self.notice)
    }

    /// Opens a database that must already exist (backing up or checking a database that
    /// is not there is a mistake in the path, not a reason to create one).
    func openExisting() throws -> Workspace {
        try Workspace.open(location, ifMissing: .refuse, notice: Self.notice)
    }

    /// Notices (a database created, a warning) go to stderr, one line each.
    static func notice(_ message: String) {
        Terminal.writeStderr("dragoman: \(message)\n")
    }
}
