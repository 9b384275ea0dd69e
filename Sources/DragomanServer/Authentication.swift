import DragomanApp
import Hummingbird

/// Where a request's credentials come from: the `Authorization: Bearer TOKEN` header, or
/// the web page's session cookie, tried in that order.
public protocol CredentialSource: Sendable {
    /// What a request recognised by this source counts as (for the CSRF check).
    var kind: Credential { get }
    /// The user the request's credentials name; nil when the request carries none of this
    /// source's kind; throws `APIError.unauthorized` when it carries bad ones.
    func user(for request: Request, context: WorkspaceRequestContext) async throws -> WorkspaceUser?
}

/// `Authorization: Bearer TOKEN`, checked against the users of `dragoman user`.
struct BearerCredentials: CredentialSource {
    let accounts: UserAccounts
    var kind: Credential { .bearer }

    func user(for request: Request, context: WorkspaceRequestContext) async throws -> WorkspaceUser? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthorized("the Authorization header must be \"Bearer TOKEN\"")
        }
        let token = String(parts[1]).trimmingCharacters(in: .whitespaces)
        let accounts = self.accounts
        guard let user = try await Blocking.run({ try accounts.user(token: token) }) else {
            throw APIError.unauthorized("the token is not valid (it may have been removed: ask for a new one)")
        }
        return user
    }
}

/// The web page's session cookie (`PageSessions`). An unknown or expired session counts
/// as no credentials (a server restart forgets sessions: on loopback the page simply gets
/// a new one); a live session whose user was removed is refused.
struct SessionCredentials: CredentialSource {
    let sessions: PageSessions
    let accounts: UserAccounts
    var kind: Credential { .session }

    func user(for request: Request, context: WorkspaceRequestContext) async throws -> WorkspaceUser? {
        guard let session = Self.session(of: request, in: sessions) else { return nil }
        guard let hash = session.tokenHash else { return .local }
        let accounts = self.accounts
        guard let user = try await Blocking.run({ try accounts.user(tokenHash: hash) }) else {
            sessions.remove(session.id)
            throw APIError.unauthorized("the user of this session was removed: log in with a valid token")
        }
        return user
    }

    /// The live session named by the request's cookie, if any.
    static func session(of request: Request, in sessions: PageSessions) -> PageSessions.Session? {
        guard let id = request.cookies[PageSessions.cookieName]?.value, !id.isEmpty else { return nil }
        return sessions.session(id)
    }
}

/// Sets `context.user` for every request. A request with credentials is checked (a bad
/// token is refused even on loopback). One without: on loopback (`openToLocal`) it is
/// the person at the server's machine, who may do everything, as with the CLI; on a
/// shared server it is refused with 401.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = WorkspaceRequestContext
    let sources: [any CredentialSource]
    /// Whether a request without credentials is the local user (loopback only).
    let openToLocal: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        for source in sources {
            if let user = try await source.user(for: request, context: context) {
                context.user = user
                context.credential = source.kind
                break
            }
        }
        if context.user == nil {
            guard openToLocal else {
                throw APIError.unauthorized("this server is shared: send Authorization: Bearer TOKEN (a token from `dragoman user add`), or log in on the page")
            }
            context.user = .local
        }
        return try await next(request, context)
    }
}

/// Lets through only users who may change the TM, the glossary or documents (403 for
/// readers). Added to the group of writing routes, after authentication.
struct RequireWriterMiddleware: RouterMiddleware {
    typealias Context = WorkspaceRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let user = context.user, user.role.canWrite else {
            throw APIError.forbidden("\(context.user?.name.map { "the user \($0)" } ?? "this user") is a reader: readers look things up but cannot change the TM, the glossary or documents")
        }
        return try await next(request, context)
    }
}
