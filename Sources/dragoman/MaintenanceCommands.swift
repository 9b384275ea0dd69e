import ArgumentParser
import DragomanApp
import DragomanStore
import DragomanText
import Foundation

/// `dragoman backup FILE`: a consistent copy of the database, safe while other
/// commands read and write it.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to FILE with SQLite's online backup (safe while other commands run).",
        discussion: "The copy is written to a temporary file and renamed: FILE is either the whole backup or left as it was. A symbolic link is followed (its target is replaced the same way); a FIFO or device is written in place."
    )

    @Argument(help: "Where to write the copy.") var file: String
    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if (file as NSString).standardizingPath == (database.resolvedPath as NSString).standardizingPath {
            throw ValidationError("FILE is the database itself; give another path")
        }
    }

    func run() throws {
        let db = try database.openExisting().database
        let start = Date()
        let bytes = try DatabaseBackup.write(db, to: file)
        struct Report: Encodable { var database: String; var backup: String; var bytes: Int; var schemaVersion: Int; var seconds: Double }
        let report = Report(database: db.path, backup: file, bytes: bytes, schemaVersion: try db.schemaVersion(),
                            seconds: Date().timeIntervalSince(start))
        if json {
            print(try JSONOutput.string(report, pretty: true))
        } else {
            print(String(format: "%@: backed up to %@ (%.1f MB, schema version %d) in %.2f s",
                         db.path, file, Double(bytes) / 1e6, report.schemaVersion, report.seconds))
        }
    }
}

/// `dragoman check`: SQLite's integrity check and Dragoman's own consistency checks.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database: SQLite integrity, and every index and derived column against the stored text.",
        discussion: "Exit status 0 when every check passes, 65 when one finds a problem. Runs in one read transaction: safe while other commands run."
    )

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db = try database.openExisting().database
        let progress = Progress(label: "checking", enabled: !json)
        let report = try DatabaseCheck(database: db, progress: { step in progress.note(step) }).run()
        progress.finish()
        if json {
            print(try JSONOutput.string(report, pretty: true))
        } else {
            print("\(db.path): schema version \(report.schemaVersion) (this dragoman writes \(DragomanDatabase.currentSchemaVersion))")
            for check in report.checks {
                print("\(check.passed ? "ok     " : "PROBLEM") \(check.name): \(check.detail)")
                for problem in check.problems { print("          \(problem)") }
                if check.problemCount > check.problems.count {
                    print("          … and \(check.problemCount - check.problems.count) more")
                }
            }
        }
        if !report.passed {
            throw Failure.badInput("\(db.path): the check found problems (see above); restore a backup, or re-import the affected units and terms")
        }
    }
}
