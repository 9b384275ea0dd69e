import ArgumentParser
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Runs `dragoman` as a child process (as a person or a script would), optionally
/// killing it with SIGKILL after a delay: the crash and concurrency tests look only at
/// what a real process leaves behind.
struct ChildProcess {
    struct Result: Sendable {
        var exitCode: Int32
        /// Ended by the SIGKILL we sent (false when it had exited before the kill).
        var killed: Bool
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    let executable: String
    let workDirectory: String

    /// Runs `arguments`; with `killAfter` (seconds after launch) the process is sent SIGKILL
    /// unless it has exited by then. Output goes through files, so a chatty child never
    /// blocks on a full pipe.
    func run(_ arguments: [String], killAfter: Double? = nil) throws -> Result {
        let id = UUID().uuidString
        let outPath = (workDirectory as NSString).appendingPathComponent(".out-\(id)")
        let errPath = (workDirectory as NSString).appendingPathComponent(".err-\(id)")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: workDirectory)
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DRAGOMAN_DB")
        process.environment = environment
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        var killed = false
        if let killAfter {
            let deadline = start.addingTimeInterval(killAfter)
            while process.isRunning {
                let left = deadline.timeIntervalSinceNow
                if left <= 0 {
                    kill(process.processIdentifier, SIGKILL)
                    killed = true
                    break
                }
                usleep(useconds_t(min(left, 0.002) * 1e6))
            }
        }
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        try? out.close()
        try? err.close()
        // A kill that raced with a normal exit does not count as a kill.
        killed = killed && process.terminationReason == .uncaughtSignal
        let code = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let stdout = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(exitCode: code, killed: killed, stdout: stdout, stderr: stderr, seconds: seconds)
    }
}

/// What must never reach a person's terminal: SQLite's raw message, a Swift runtime
/// trap, a backtrace.
enum StderrCheck {
    static let forbidden = ["database is locked", "Fatal error", "Stack dump", "Backtrace", "Program crashed",
                            "SQLite error", "Thread 0 crashed", "Illegal instruction"]

    /// The forbidden phrases `stderr` contains.
    static func problems(_ stderr: String) -> [String] {
        forbidden.filter { stderr.localizedCaseInsensitiveContains($0) }
    }
}

/// Locates the `dragoman` executable: the given path, else the one beside this program.
enum DragomanLocator {
    static func find(_ explicit: String?) throws -> String {
        if let explicit {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw StressFailure("\(explicit): not an executable")
            }
            return explicit
        }
        var folders: [String] = []
        if let exe = Bundle.main.executablePath { folders.append((exe as NSString).deletingLastPathComponent) }
        if let arg0 = CommandLine.arguments.first, arg0.contains("/") {
            folders.append((URL(fileURLWithPath: arg0).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent)
        }
        for folder in folders {
            let candidate = (folder as NSString).appendingPathComponent("dragoman")
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw StressFailure("no dragoman executable beside \(folders.first ?? "this program"); build it or pass --dragoman PATH")
    }
}

struct StressFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Read-only look into a database a test left behind.
struct DatabaseProbe {
    let queue: DatabaseQueue

    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        queue = try DatabaseQueue(path: path, configuration: config)
    }

    /// `PRAGMA integrity_check`: "ok", or the problems it lists.
    func integrity() throws -> String {
        try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    /// TM pairs with id above `afterID`, in id order.
    func tmPairs(afterID: Int64 = 0) throws -> [TextPair] {
        try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT arabic, english FROM tu WHERE id > ? ORDER BY id", arguments: [afterID])
                .map { TextPair(arabic: $0["arabic"], english: $0["english"]) }
        }
    }

    /// Pairs stored more than once.
    func tmDuplicates() throws -> Int {
        try count("SELECT count(*) FROM (SELECT 1 FROM tu GROUP BY arabic, english HAVING count(*) > 1)")
    }

    func maxTUID() throws -> Int64 {
        try queue.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM tu") ?? 0 }
    }

    func maxEntryID() throws -> Int64 {
        try queue.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM gl_entry") ?? 0 }
    }

    /// Glossary entries with id above `afterID` as (Arabic, English) pairs, in id order
    /// (first term of each language).
    func glossaryPairs(afterID: Int64 = 0) throws -> [TextPair] {
        try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT (SELECT text FROM gl_term WHERE entry = e.id AND language = 'ar' ORDER BY id LIMIT 1) AS ar,
                       (SELECT text FROM gl_term WHERE entry = e.id AND language = 'en' ORDER BY id LIMIT 1) AS en
                FROM gl_entry e WHERE e.id > ? ORDER BY e.id
                """, arguments: [afterID])
                .map { TextPair(arabic: $0["ar"] ?? "", english: $0["en"] ?? "") }
        }
    }
}

struct TextPair: Hashable, Sendable, Codable {
    var arabic: String
    var english: String
}

/// A temporary working folder, removed at the end unless kept.
struct WorkFolder {
    let path: String

    init(prefix: String) throws {
        path = (NSTemporaryDirectory() as NSString).appendingPathComponent("\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Removes a database with its WAL and shared-memory files.
    func removeDatabase(_ db: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: db + suffix) }
    }

    /// Copies a database (and a WAL left beside it) to `to`.
    func copyDatabase(_ from: String, to: String) throws {
        removeDatabase(to)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: from + suffix) {
            try FileManager.default.copyItem(atPath: from + suffix, toPath: to + suffix)
        }
    }
}

/// Small statistics for the figures.
enum Figures {
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let index = min(sorted.count - 1, max(0, Int((p * Double(sorted.count - 1)).rounded())))
        return sorted[index]
    }

    static func ms(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Progress on stderr.
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// What `dragoman-eval crash` and `concurrency` both take: where `dragoman` and the data
/// are, the seed, the output form, whether to keep the work folder.
struct StressOptions: ParsableArguments {
    @Option(help: "The dragoman executable (default: the one beside dragoman-eval).") var dragoman: String?
    @Option(help: "Build the input from this data folder (../shared/data); default: synthetic text.") var data: String?
    @Option(help: "Random seed (data order, kill moments).") var seed: UInt64 = 1
    @Flag(help: "Print the summary as JSON.") var json = false
    @Flag(help: "Keep the work folder.") var keep = false

    /// Removes the work folder, unless `--keep`.
    func finish(_ work: WorkFolder) {
        if keep { note("work folder kept: \(work.path)") } else { work.remove() }
    }

    /// Prints the report (JSON or text) and fails the command when an invariant failed.
    func emit<Report: StressReport>(_ report: Report) throws {
        if json {
            print(try Figures.json(report))
        } else {
            report.printText()
        }
        if !report.ok { throw ExitCode(1) }
    }
}

/// A crash or concurrency report: its figures, whether every invariant held.
protocol StressReport: Encodable {
    var ok: Bool { get }
    func printText()
}
