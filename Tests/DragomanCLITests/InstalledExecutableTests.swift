import Foundation
import Testing

/// The README's install: `dragoman` copied out of the repository still creates databases
/// with the starter glossary (built into the executable), and prints shell completion.
@Suite(.enabled(if: BuiltExecutable.path("dragoman") != nil, "dragoman is not built beside the test bundle"))
struct InstalledExecutableTests {
    /// A folder outside the repository holding a copy of the built `dragoman`, with an
    /// environment of its own: no DRAGOMAN_ variable, HOME in the folder, so the database is
    /// the default one ($XDG_DATA_HOME/dragoman/dragoman.sqlite), made on first use as on a
    /// fresh machine.
    final class Installation {
        let folder: URL
        let executable: String

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-installed-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("bin"), withIntermediateDirectories: true)
            executable = folder.appendingPathComponent("bin/dragoman").path
            try FileManager.default.copyItem(atPath: try #require(BuiltExecutable.path("dragoman")), toPath: executable)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

        func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> ExecutionResult {
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("DRAGOMAN_") }
            environment["HOME"] = path("home")
            environment["XDG_DATA_HOME"] = path("home/.local/share")
            return try execute(executableAt: executable, arguments, environment: environment.merging(extra) { $1 }, in: folder)
        }
    }

    /// The repository is not reachable from the copy: no `glossary/` above its folder or
    /// the working directory.
    func expectOutsideTheRepository(_ installation: Installation) {
        var folder = installation.folder.path
        while folder != "/" && !folder.isEmpty {
            #expect(!FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("glossary/news-terms.tsv")),
                    "a starter glossary file above \(installation.folder.path)")
            folder = (folder as NSString).deletingLastPathComponent
        }
    }

    @Test func aCopiedExecutableCreatesTheDatabaseWithTheStarterGlossary() throws {
        let installation = try Installation()
        expectOutsideTheRepository(installation)
        let result = try installation.run(["term", "lookup", "القدس"])
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.stdout.contains("Jerusalem"), "\(result.transcript)")
        #expect(!result.stderr.contains("warning"), "\(result.transcript)")
        // Both files, news-terms.tsv first: the curated Amman before ISO's Oman.
        let amman = try installation.run(["term", "lookup", "عمان"])
        let shown = amman.stdout
        let first = try #require(shown.range(of: "Amman"), "\(amman.transcript)")
        let second = try #require(shown.range(of: "Oman"), "\(amman.transcript)")
        #expect(first.lowerBound < second.lowerBound, "\(amman.transcript)")
    }

    /// `$DRAGOMAN_GLOSSARY_DIR` is a folder whose files are loaded instead of the built-in
    /// copy; a folder without news-terms.tsv gives an empty database and a warning.
    @Test func theGlossaryFolderOverridesTheBuiltInCopy() throws {
        let installation = try Installation()
        let glossary = installation.path("my-glossary")
        try FileManager.default.createDirectory(atPath: glossary, withIntermediateDirectories: true)
        try Data("arabic\tenglish\nالقدس\tAl-Quds (house style)\n".utf8)
            .write(to: URL(fileURLWithPath: (glossary as NSString).appendingPathComponent("news-terms.tsv")))
        let result = try installation.run(["term", "lookup", "القدس"], environment: ["DRAGOMAN_GLOSSARY_DIR": glossary])
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.stdout.contains("Al-Quds (house style)") && !result.stdout.contains("Jerusalem"), "\(result.transcript)")

        let empty = installation.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        // A database named with --db is created by a command that writes.
        let none = try installation.run(["term", "add", "الضفة الغربية", "West Bank", "--db", installation.path("other.sqlite")],
                                        environment: ["DRAGOMAN_GLOSSARY_DIR": empty])
        #expect(none.stderr.contains("warning: DRAGOMAN_GLOSSARY_DIR=\(empty) holds no news-terms.tsv"), "\(none.transcript)")
        #expect(!none.stdout.contains("Jerusalem"), "\(none.transcript)")
    }

    /// swift-argument-parser's completion scripts, as the README's install shows them.
    @Test(arguments: [("bash", "complete -o filenames -F _dragoman dragoman"), ("zsh", "#compdef dragoman"),
                      ("fish", "complete -c 'dragoman'")])
    func completionScripts(_ shell: String, _ marker: String) throws {
        let installation = try Installation()
        let result = try installation.run(["--generate-completion-script", shell])
        #expect(result.exitCode == 0, "\(result.transcript)")
        #expect(result.stdout.contains(marker), "\(result.transcript)")
        #expect(result.stdout.contains("pretranslate"), "\(result.transcript)")
    }
}
