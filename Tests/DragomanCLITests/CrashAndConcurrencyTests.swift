import Foundation
import Testing

/// Smaller runs of `dragoman-eval crash` and `dragoman-eval concurrency` against the
/// built `dragoman`: killed imports and exports leave a sound database and no half file;
/// concurrent processes never see "database is locked" and lose nothing.
@Suite(.serialized)
struct CrashAndConcurrencyTests {
    /// Both executables are there (SwiftPM builds them for this target); else the tests
    /// are skipped, saying why.
    static let executablesBuilt = BuiltExecutable.path("dragoman") != nil && BuiltExecutable.path("dragoman-eval") != nil

    struct Run {
        var exitCode: Int32
        var json: [String: Any]
        var stderr: String
    }

    /// Runs dragoman-eval with `arguments` and its JSON summary.
    static func eval(_ arguments: [String]) throws -> Run {
        let dragoman = try #require(BuiltExecutable.path("dragoman"), "dragoman is not built beside the test bundle")
        let result = try execute("dragoman-eval", arguments + ["--dragoman", dragoman, "--json"])
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return Run(exitCode: result.exitCode, json: json, stderr: result.stderr)
    }
}

extension CrashAndConcurrencyTests {
    /// SIGKILL during `tm import`, `term import` and `-o` exports: the database stays
    /// sound, holds none or all of the file, and a re-run completes it without duplicates;
    /// an output file is never left half written under its name.
    @Test(.enabled(if: executablesBuilt, "dragoman and dragoman-eval are not built beside the test bundle"))
    func killedImportsAndExportsLoseNothing() throws {
        let run = try Self.eval(["crash", "--kills", "10", "--export-kills", "4", "--learn-kills", "4", "--tm-lines", "2000", "--glossary-rows", "2000"])
        #expect(run.exitCode == 0, "dragoman-eval crash failed:\n\(run.stderr.suffix(3000))")
        #expect(run.json["ok"] as? Bool == true, "failures: \(run.json["failures"] ?? "none")")
        // A killed learning leaves the previous model and links, or the new ones: never a mix.
        let learning = run.json["learning"] as? [String: Any] ?? [:]
        #expect(learning["kills"] as? Int == 4 && learning["integrityOK"] as? Int == 4 && learning["rerunsComplete"] as? Int == 4)
        #expect((learning["outcomes"] as? [String: Int])?["invalid"] == 0, "tm learn: \(learning)")
        let imports = run.json["imports"] as? [[String: Any]] ?? []
        #expect(imports.count == 2)
        for figures in imports {
            let kills = figures["kills"] as? Int ?? 0
            #expect(kills == 10)
            #expect(figures["survivedNothingLost"] as? Int == kills, "\(figures["command"] ?? "?"): \(figures)")
            #expect(figures["integrityOK"] as? Int == kills)
            #expect((figures["outcomes"] as? [String: Int])?["invalid"] == 0)
        }
        let exports = run.json["exports"] as? [[String: Any]] ?? []
        #expect(exports.count == 3)
        for figures in exports {
            #expect((figures["outcomes"] as? [String: Int])?["half"] == 0, "\(figures)")
        }
    }

    /// Six processes import, add, match and look up at once for ten seconds, after a
    /// phase of processes creating one new database together and one of commands run
    /// under a write lock held past the busy timeout.
    @Test(.enabled(if: executablesBuilt, "dragoman and dragoman-eval are not built beside the test bundle"))
    func concurrentProcessesKeepEveryWriteOnce() throws {
        let run = try Self.eval(["concurrency", "--processes", "6", "--seconds", "10", "--creation-rounds", "2",
                                 "--import-lines", "300", "--lock-seconds", "11"])
        #expect(run.exitCode == 0, "dragoman-eval concurrency failed:\n\(run.stderr.suffix(3000))")
        #expect(run.json["ok"] as? Bool == true, "failures: \(run.json["failures"] ?? "none")")
        let mixed = run.json["mixed"] as? [String: Any] ?? [:]
        #expect(mixed["integrity"] as? String == "ok")
        #expect(mixed["stderrProblems"] as? Int == 0)
        #expect((mixed["operations"] as? Int ?? 0) > 20)
        for key in ["tmUnits", "glossaryEntries"] {
            let counts = mixed[key] as? [String: Int] ?? [:]
            #expect(counts["expected"] != nil && counts["expected"] == counts["found"], "\(key): \(counts)")
            #expect(counts["duplicates"] == 0 && counts["missing"] == 0 && counts["fromFailedCommands"] == 0, "\(key): \(counts)")
        }
        let lock = run.json["lock"] as? [String: Any] ?? [:]
        for writer in lock["writers"] as? [[String: Any]] ?? [] {
            #expect(writer["exitCode"] as? Int == 75, "a writer under a held lock: \(writer)")
        }
        for reader in lock["readers"] as? [[String: Any]] ?? [] {
            #expect(reader["exitCode"] as? Int == 0, "a reader under a held lock: \(reader)")
        }
    }
}

extension CrashAndConcurrencyTests {
    /// After a command has written and exited, the database's log file is still there and
    /// not empty: the next process can open the database without writing, so it never
    /// waits behind a long import (GRDB writes on open when the log is missing or empty).
    @Test(.enabled(if: executablesBuilt, "dragoman is not built beside the test bundle"))
    func theLogOutlivesTheProcess() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("log.sqlite").path
        for english in ["The president said", "The president says"] {
            try expectExecution(["tm", "add", "قال الرئيس", english, "--db", db, "--empty"], exitCode: 0)
        }
        let log = try FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int ?? 0
        #expect(log > 0)
    }
}
