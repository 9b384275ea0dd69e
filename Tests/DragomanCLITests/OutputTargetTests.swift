import Foundation
import GRDB
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `-o FILE` and `backup FILE` on the built executable: a FIFO is written in place and
/// stays a FIFO, a link is followed to its target and stays a link, a regular file is
/// replaced through a temporary file, a missing folder is 74. Never the real /dev/null.
@Suite(.enabled(if: BuiltExecutable.path("dragoman") != nil, "dragoman is not built beside the test bundle"))
struct OutputTargetTests {
    func fileType(_ path: String) -> mode_t? {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }

    /// A sandbox whose database holds the starter glossary (an export of about 200 KB,
    /// more than a pipe holds) and the TSV export of it written to standard output.
    func sandboxWithExport() throws -> (Sandbox, expected: String) {
        let sandbox = try Sandbox()
        // A command that writes creates the named database (with the starter glossary).
        let created = try sandbox.dragoman(["tm", "add", "قال الرئيس", "The president said"])
        try #require(created.exitCode == 0, "\(created.transcript)")
        let result = try sandbox.dragoman(["term", "export", "--format", "tsv"])
        try #require(result.exitCode == 0, "\(result.transcript)")
        try #require(result.stdout.utf8.count > 1 << 16)
        return (sandbox, result.stdout)
    }

    /// Runs `arguments` while a thread reads the FIFO at `path` to its end; returns the
    /// run and what the thread read. Should dragoman never open the FIFO, the reader is
    /// released by opening it here, so the test fails instead of hanging.
    func run(_ sandbox: Sandbox, _ arguments: [String], readingFIFO path: String) throws -> (ExecutionResult, Data?) {
        let received = Received()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            if let reader = FileHandle(forReadingAtPath: path) {  // waits for a writer
                received.data = reader.readDataToEndOfFile()
                try? reader.close()
            }
            done.signal()
        }
        let result = try sandbox.dragoman(arguments)
        if done.wait(timeout: .now() + 10) == .timedOut {
            let release = open(path, O_WRONLY | O_NONBLOCK)
            if release >= 0 { close(release) }
            _ = done.wait(timeout: .now() + 10)
            return (result, nil)
        }
        return (result, received.data)
    }

    @Test(arguments: [["term", "export", "--format", "tsv", "-o"], ["tm", "export", "--format", "tsv", "-o"]])
    func aFIFOReceivesTheWholeOutputAndStaysAFIFO(_ command: [String]) throws {
        let (sandbox, glossary) = try sandboxWithExport()
        defer { sandbox.remove() }
        let expected = command[0] == "term" ? glossary : try sandbox.dragoman(Array(command.dropLast())).stdout
        let fifo = sandbox.path("out.fifo")
        try #require(mkfifo(fifo, 0o644) == 0)
        let (result, received) = try run(sandbox, command + ["out.fifo"], readingFIFO: fifo)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(received.map { String(decoding: $0, as: UTF8.self) } == expected, "the reader got \(received?.count ?? -1) bytes")
        #expect(fileType(fifo) == S_IFIFO)
        #expect(sandbox.strayFiles().isEmpty)
    }

    @Test func aBackupIntoAFIFOIsTheWholeDatabase() throws {
        let (sandbox, expected) = try sandboxWithExport()
        defer { sandbox.remove() }
        let fifo = sandbox.path("backup.fifo")
        try #require(mkfifo(fifo, 0o644) == 0)
        let (result, received) = try run(sandbox, ["backup", "backup.fifo"], readingFIFO: fifo)
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(fileType(fifo) == S_IFIFO)
        let copy = sandbox.path("received.sqlite")
        try #require(received).write(to: URL(fileURLWithPath: copy))
        let export = try sandbox.dragoman(["term", "export", "--format", "tsv", "--db", copy])
        #expect(export.stdout == expected, "the database read from the FIFO holds the glossary")
        #expect(sandbox.strayFiles().isEmpty)
    }

    /// `-o link` writes the link's target (through a temporary file beside the target, in
    /// another folder) and leaves the link a link; so does `backup link`.
    @Test func aLinkGetsTheContentInItsTargetAndStaysALink() throws {
        let (sandbox, expected) = try sandboxWithExport()
        defer { sandbox.remove() }
        try FileManager.default.createDirectory(atPath: sandbox.path("elsewhere"), withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: sandbox.path("elsewhere/target.tsv")))
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("link.tsv"), withDestinationPath: "elsewhere/target.tsv")
        let result = try sandbox.dragoman(["term", "export", "-o", "link.tsv"])
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(fileType(sandbox.path("link.tsv")) == S_IFLNK)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: sandbox.path("link.tsv")) == "elsewhere/target.tsv")
        #expect(try String(contentsOfFile: sandbox.path("elsewhere/target.tsv"), encoding: .utf8) == expected)

        try FileManager.default.createSymbolicLink(atPath: sandbox.path("backup.sqlite"), withDestinationPath: "elsewhere/backup.sqlite")
        let backup = try sandbox.dragoman(["backup", "backup.sqlite"])
        #expect(backup.exitCode == 0, "\(backup.transcript)")
        #expect(fileType(sandbox.path("backup.sqlite")) == S_IFLNK)
        #expect(fileType(sandbox.path("elsewhere/backup.sqlite")) == S_IFREG)
        let export = try sandbox.dragoman(["term", "export", "--format", "tsv", "--db", sandbox.path("elsewhere/backup.sqlite")])
        #expect(export.stdout == expected)

        // A link to the database itself is the database: refused, nothing replaced.
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("db-link.sqlite"), withDestinationPath: "dragoman.sqlite")
        let refused = try sandbox.dragoman(["backup", "db-link.sqlite"])
        #expect(refused.exitCode == 64, "\(refused.transcript)")
        #expect(fileType(sandbox.path("db-link.sqlite")) == S_IFLNK)
        #expect(sandbox.strayFiles().isEmpty)
    }

    /// A regular file is replaced as a whole: a new file renamed over it (a new inode), its
    /// permissions kept, no temporary file left.
    @Test func aRegularFileIsReplacedAtomically() throws {
        let (sandbox, expected) = try sandboxWithExport()
        defer { sandbox.remove() }
        let file = sandbox.path("terms.tsv")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o600)
        var before = stat(), after = stat()
        stat(file, &before)
        let result = try sandbox.dragoman(["term", "export", "-o", "terms.tsv"])
        #expect(result.exitCode == 0, "\(result.transcript)")
        stat(file, &after)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == expected)
        #expect(after.st_ino != before.st_ino)
        #expect(after.st_mode & S_IFMT == S_IFREG && after.st_mode & 0o7777 == 0o600)
        #expect(sandbox.strayFiles().isEmpty)
    }

    /// A missing folder, directly or behind a link, is "cannot write" (74) naming the path,
    /// and creates nothing.
    @Test(arguments: ["no-such-folder/terms.tsv", "dangling.tsv"])
    func aMissingFolderIs74(_ output: String) throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        try sandbox.prepare(.database)
        try FileManager.default.createSymbolicLink(atPath: sandbox.path("dangling.tsv"), withDestinationPath: "no-such-folder/t.tsv")
        for arguments in [["term", "export", "-o", output], ["backup", output]] {
            let result = try sandbox.dragoman(arguments)
            #expect(result.exitCode == 74, "\(result.transcript)")
            #expect(result.stderr.contains(output), "\(result.transcript)")
        }
        #expect(fileType(sandbox.path("no-such-folder")) == nil)
        #expect(fileType(sandbox.path("dangling.tsv")) == S_IFLNK)
        #expect(sandbox.strayFiles().isEmpty)
    }

    final class Received: @unchecked Sendable {
        var data: Data?
    }
}
