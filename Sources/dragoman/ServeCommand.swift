import ArgumentParser
import DragomanApp
import DragomanServer
import DragomanText
import Foundation
import Logging

/// `dragoman serve`: the workspace's HTTP JSON API on the same database as the CLI.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the workspace's web page (/) and HTTP JSON API (/api/v1) on the same database as the CLI.",
        discussion: """
            Prints "listening on http://HOST:PORT" when ready; Ctrl+C (SIGINT) or SIGTERM lets the requests \
            in flight finish and exits 0. One log line per request on standard error. On 127.0.0.1 (the \
            default) no login is needed; on any other host the server refuses to start until there are \
            users (dragoman user add NAME --role reader|translator|admin), and every request must carry \
            Authorization: Bearer TOKEN. Limits: JSON bodies 1 MB, uploads 64 MB (413 beyond).
            """)

    @Option(help: "The address to listen on: 127.0.0.1 (only this machine, the default), or e.g. 0.0.0.0 to share the workspace (needs users).")
    var host = "127.0.0.1"
    @Option(help: "The port; 0 picks a free one (the line \"listening on\" gives it).")
    var port = 8080
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port takes 0 to 65535") }
    }

    func run() throws {
        let workspace = try database.open()
        let server = WorkspaceServer(workspace: workspace, configuration: .init(host: host, port: port, toolVersion: DragomanVersion.string))
        try server.checkAccess()
        var logger = Logger(label: "dragoman.serve")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let app = try server.application(logger: logger) { host, port in
            let shown = host.contains(":") ? "[\(host)]" : host
            Terminal.writeLine("listening on http://\(shown):\(port)", flush: true)
        }
        try AsyncBridge.wait { try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint]) }
    }
}

/// Runs async work to its end from the synchronous CLI (the commands are synchronous; the
/// server is the one that needs Swift concurrency).
enum AsyncBridge {
    final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }

    static func wait(_ body: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { try await body() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }
}
