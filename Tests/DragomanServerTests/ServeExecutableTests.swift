import DragomanApp
import DragomanText
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `dragoman serve` as a person runs it: the built executable on a free port, real HTTP
/// over a socket, the CLI on the same database at the same time, and SIGTERM ending it
/// with exit 0.
@Suite(.serialized) struct ServeExecutableTests {
    /// The built `dragoman`, beside the test bundle.
    static func executable() throws -> String {
        var folders = [Bundle.main.bundleURL]
        if let arg0 = CommandLine.arguments.first { folders.append(URL(fileURLWithPath: arg0).resolvingSymlinksInPath().deletingLastPathComponent()) }
        for folder in folders {
            var url = folder
            for _ in 0..<4 {
                let candidate = url.appendingPathComponent("dragoman").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                url = url.deletingLastPathComponent()
            }
        }
        throw Failure.noInput("dragoman is not built beside the test bundle")
    }

    /// A running `dragoman serve` and the files its output goes to.
    final class Running: @unchecked Sendable {
        let process = Process()
        let stdout: URL
        let stderr: URL

        init(_ arguments: [String], folder: URL) throws {
            stdout = folder.appendingPathComponent("serve.out")
            stderr = folder.appendingPathComponent("serve.err")
            FileManager.default.createFile(atPath: stdout.path, contents: nil)
            FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: try ServeExecutableTests.executable())
            process.arguments = arguments
            process.standardOutput = try FileHandle(forWritingTo: stdout)
            process.standardError = try FileHandle(forWritingTo: stderr)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        var output: String { (try? String(contentsOf: stdout, encoding: .utf8)) ?? "" }
        var log: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

        /// The base URL from "listening on http://HOST:PORT", polling for up to `seconds`.
        /// Polls are counted and the output read once more at the end: with the whole suite
        /// on two cores this task may be resumed long after the server printed the line.
        func listening(within seconds: Double = 60) async throws -> String {
            func found() -> String? {
                output.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") })
                    .map { String($0.dropFirst("listening on ".count)) }
            }
            // Polls counted, not the clock (see the comment above).
            for _ in 0..<max(1, Int(seconds * 20)) {
                if let url = found() { return url }
                if !process.isRunning { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            if let url = found() { return url }
            process.terminate()
            throw Failure.internal("no \"listening on\" line; stdout: \(output); stderr: \(log)")
        }

        func stop(_ signal: Int32 = SIGTERM) -> Int32 {
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    /// Runs the built `dragoman` as a user does, to its end: exit status and standard output.
    static func runCLI(_ arguments: [String]) throws -> (status: Int32, stdout: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try executable())
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    func request(_ method: String, _ url: String, json: String? = nil) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let json {
            request.httpBody = Data(json.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    @Test func serveAnswersOverHTTPAndStopsCleanlyOnSIGTERM() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        let server = try Running(["serve", "--port", "0", "--db", db], folder: folder)
        let base = try await server.listening()
        #expect(base.hasPrefix("http://127.0.0.1:") && !base.hasSuffix(":0"), "the real port is printed: \(base)")

        let query = "وبالقدس".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!
        let lookup = try await request("GET", "\(base)/api/v1/terms?q=\(query)")
        #expect(lookup.status == 200)
        #expect(lookup.body.contains("\"Jerusalem\""))

        let sentence = "وصل وفد المفاوضين إلى القاهرة صباح اليوم."
        let posted = try await request("POST", "\(base)/api/v1/documents",
                                       json: #"{"name": "cairo.txt", "text": "\#(sentence)"}"#)
        #expect(posted.status == 201)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(posted.body.utf8)) as? [String: Any])?["id"] as? Int)
        let saved = try await request("PUT", "\(base)/api/v1/documents/\(id)/segments/1",
                                      json: #"{"target": "The negotiators arrived in Cairo this morning.", "state": "confirmed"}"#)
        #expect(saved.status == 200)

        // The CLI, on the same database while the server runs, finds it as exact.
        let (status, out) = try Self.runCLI(["tm", "match", sentence, "--json", "--db", db])
        #expect(status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: out) as? [String: Any])
        let best = try #require((report["matches"] as? [[String: Any]])?.first)
        #expect(best["kind"] as? String == "exact")
        #expect(best["target"] as? String == "The negotiators arrived in Cairo this morning.")
        #expect(best["origin"] as? String == "cairo.txt")

        let unknown = try await request("GET", "\(base)/api/v1/nope")
        #expect(unknown.status == 404)
        #expect(unknown.body.contains("\"error\""))

        #expect(server.stop(SIGTERM) == 0, "stderr: \(server.log)")
        // One log line per request, with method, path, status and duration.
        let lines = server.log.split(separator: "\n").filter { $0.contains("path=/api/v1/") }
        #expect(lines.count == 4, "\(server.log)")
        #expect(lines.contains { $0.contains("method=PUT") && $0.contains("status=200") && $0.contains("duration_ms=") })
        #expect(lines.contains { $0.contains("status=404") })
    }

    @Test func serveOnTheNetworkWithoutUsersRefusesToStart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try Running(["serve", "--host", "0.0.0.0", "--port", "0", "--db", folder.appendingPathComponent("db.sqlite").path],
                                 folder: folder)
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 64)
        #expect(server.log.contains("dragoman user add"))
        #expect(!server.output.contains("listening"))
    }

    @Test func sigintAlsoStopsWithExitZero() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try Running(["serve", "--port", "0", "--db", folder.appendingPathComponent("db.sqlite").path], folder: folder)
        let base = try await server.listening()
        #expect(try await request("GET", "\(base)/api/v1/tm/stats").status == 200)
        #expect(server.stop(SIGINT) == 0, "stderr: \(server.log)")
    }
}
