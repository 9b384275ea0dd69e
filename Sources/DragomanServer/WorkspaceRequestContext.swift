import DragomanApp
import Hummingbird
import Logging

/// The context of one request: who sent it and how they proved it (set by
/// `AuthenticationMiddleware`, or for the web page by `PageAccessMiddleware`), and the
/// limit of a JSON body. Uploads read their body themselves with the upload limit.
public struct WorkspaceRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The user the request is from; nil until authenticated.
    public var user: WorkspaceUser?
    /// How the user was recognised: what the CSRF check depends on.
    public var credential: Credential
    /// The page's session, when the request carries a live one.
    public var session: PageSessions.Session?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        user = nil
        credential = .none
        session = nil
    }

    /// What `request.decode` collects at most: the JSON body limit.
    public var maxUploadSize: Int { ServerLimits.standard.jsonBody }
}

/// How a request proved who it is from.
public enum Credential: Sendable, Hashable {
    /// Nothing: the local person on loopback (or nobody yet).
    case none
    /// `Authorization: Bearer TOKEN`: a script or a plug-in. A browser never adds this
    /// header on its own, so such requests need no CSRF token.
    case bearer
    /// The web page's session cookie, which a browser sends by itself: state-changing
    /// requests must also carry the session's CSRF token.
    case session
}
