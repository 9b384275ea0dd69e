import Foundation
import Testing

/// Smaller runs of `dragoman-eval crash` and `dragoman-eval concurrency` against the
/// built `dragoman`: killed imports and exports leave a sound database and no half file;
/// concurrent processes never see "database is locked" and lose nothing.
@Suite(.serialized)
struct CrashAndConcurrencyTests {
    /// The folder of the built executables: the one holding this test bundle.
    static func executable(_ name: String) -> String? {
        var folders: [URL] = [Bundle.main.bundleURL, Bundle(for: Marker.self).bundleURL]
        if let arg0 = CommandLine.arguments.first {
            folders.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for folder in folders {
            var url = folder
            for _ in 0..<4 {
                let candidate = url.appendingPathComponent(name).path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                url = url.deletingLastPathComponent()
            }
        }
        return nil
    }

    final class Marker {}

    /// Both executables are there (SwiftPM builds them for this target); else the tests
    /// are skipped, saying why.
    static let executablesBuilt = executable("dragoman") != nil && executable("dragoman-eval") != nil

    struct Run {
        var exitCode: Int32
        var json: [String: Any]
        var stderr: String
    }

    /// Runs dragoman-eval with `arguments` and its JSON summary.
    static func eval(_ arguments: [String]) throws -> Run {
        let eval = try #require(executable("dragoman-eval"), "dragoman-eval is not built beside the test bundle")
        let dragoman = try #require(executable("dragoman"), "dragoman is not built beside the test bundle")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: eval)
        process.arguments = arguments + ["--dragoman", dragoman, "--json"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the child runs, so neither fills up.
        let errData = DataBox()
        let reader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errData.done { usleep(10_000) }
        let json = (try? JSONSerialization.jsonObject(with: outData)) as? [String: Any] ?? [:]
        return Run(exitCode: process.terminationStatus, json: json, stderr: String(decoding: errData.value, as: UTF8.self))
    }

    final class DataBox: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        private var finished = false
        func set(_ d: Data) { lock.lock(); data = d; finished = true; lock.unlock() }
        var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
        var value: Data { lock.lock(); defer { lock.unlock() }; return data }
    }
}

extension CrashAndConcurrencyTests {
    /// SIGKILL during `tm import`, `term import` and `-o` exports: the database stays
    /// sound, holds none or all of the file, and a re-run completes it without duplicates;
    /// an output file is never left half written under its name.
    @Test(.enabled(if: executablesBuilt, "dragoman and dragoman-eval are not built beside the test bundle"))
    func killedImportsAndExportsLoseNothing() throws {
        let run = try Self.eval(["crash", "--kills", "10", "--export-kills", "4", "--tm-lines", "2000", "--glossary-rows", "2000"])
        #expect(run.exitCode == 0, "dragoman-eval crash failed:\n\(run.stderr.suffix(3000))")
        #expect(run.json["ok"] as? Bool == true, "failures: \(run.json["failures"] ?? "none")")
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
        let dragoman = try #require(Self.executable("dragoman"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("log.sqlite").path
        for english in ["The president said", "The president says"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: dragoman)
            process.arguments = ["tm", "add", "قال الرئيس", english, "--db", db, "--empty"]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let log = try FileManager.default.attributesOfItem(atPath: db + "-wal")[.size] as? Int ?? 0
        #expect(log > 0)
    }
}
