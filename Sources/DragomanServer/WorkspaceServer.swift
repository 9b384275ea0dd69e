import DragomanApp
import DragomanText
import Foundation
import Hummingbird
import Logging
import NIOCore

/// `dragoman serve`: the web page at `/` and the HTTP JSON API under `/api/v1` over one workspace (the same
/// database as the CLI; WAL lets both work at once). Each handler parses the request,
/// calls one use-case of DragomanApp and renders its JSON; errors are mapped to statuses
/// in one place (`APIError`), and each request is logged once (`APIResponder`).
public struct WorkspaceServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        public var limits: ServerLimits
        public var toolVersion: String

        public init(host: String = "127.0.0.1", port: Int = 8080, limits: ServerLimits = .standard, toolVersion: String) {
            self.host = host
            self.port = port
            self.limits = limits
            self.toolVersion = toolVersion
        }

        /// Whether the server listens on the local machine only: then a request without a
        /// token is the person at the machine, as with the CLI.
        public var isLoopback: Bool { Self.isLoopback(host) }

        public static func isLoopback(_ host: String) -> Bool {
            let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            return host == "localhost" || host == "::1" || host.hasPrefix("127.")
        }
    }

    public let workspace: Workspace
    public let configuration: Configuration
    /// The web page's sessions (in memory: a restart ends them).
    public let sessions: PageSessions

    public init(workspace: Workspace, configuration: Configuration) {
        self.workspace = workspace
        self.configuration = configuration
        sessions = PageSessions()
    }

    /// Refuses to share a workspace nobody can log in to: on a host other than loopback
    /// there must be users (a usage failure, exit 64, saying how to add one).
    public func checkAccess() throws {
        if configuration.isLoopback { return }
        if try UserAccounts(workspace: workspace).count() == 0 {
            throw Failure.usage("--host \(configuration.host) shares the workspace on the network, and it has no users yet: add one with `dragoman user add NAME --role translator` (it prints the token to send as Authorization: Bearer TOKEN), or serve on 127.0.0.1")
        }
    }

    /// The router of the API and the page (for tests that send requests straight to it).
    public func router() throws -> Router<WorkspaceRequestContext> {
        let services = ServerServices(workspace: workspace, accounts: UserAccounts(workspace: workspace),
                                      limits: configuration.limits, toolVersion: configuration.toolVersion)
        let router = Router(context: WorkspaceRequestContext.self)
        router.add(middleware: APIErrorMiddleware())
        let api = router.group("api/v1")
            .add(middleware: AuthenticationMiddleware(sources: [BearerCredentials(accounts: services.accounts),
                                                                SessionCredentials(sessions: sessions, accounts: services.accounts)],
                                                      openToLocal: configuration.isLoopback))
        // Routes for every user come first; the writers' group adds its checks after: the
        // CSRF token of a browser's request, then the role.
        let read = api.group()
        let write = api.group().add(middleware: CSRFMiddleware(sessions: sessions)).add(middleware: RequireWriterMiddleware())
        let sets: [any RouteSet.Type] = [OpenAPIRoutes.self, TermRoutes.self, TMRoutes.self, AlignRoutes.self, DocumentRoutes.self,
                                         ImportRoutes.self]
        for set in sets { set.add(read: read, write: write, services: services) }
        try PageRoutes.add(to: router, services: services, sessions: sessions, isLoopback: configuration.isLoopback)
        return router
    }

    /// The application: the router wrapped in the error mapping and the request log.
    /// `onListening` gets the address actually bound (the real port for `port: 0`).
    public func application(logger: Logger, onListening: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
        throws -> some ApplicationProtocol {
        let host = configuration.host
        return Application(
            responder: APIResponder(inner: try router().buildResponder()),
            configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: "Dragoman"),
            onServerRunning: { channel in
                await onListening(host, channel.localAddress?.port ?? 0)
            },
            logger: logger)
    }
}
