import Hummingbird

/// Refuses (403, code `csrf`) a state-changing request that a browser could have been
/// tricked into sending. Added to the group of writing routes.
///
/// - Bearer requests pass: a browser never attaches an Authorization header by itself.
/// - Session-cookie requests must carry the session's CSRF token in `X-CSRF-Token`
///   (synchronizer pattern: the token lives in the server-side session and in the page's
///   `<meta name="csrf-token">`; another site can neither read it nor guess it).
/// - Requests with no credentials are the local person on loopback (curl, scripts). A
///   browser marks its requests with `Origin` or `Sec-Fetch-Site`: such a request without
///   a session is refused, so a web page elsewhere cannot post to 127.0.0.1 through the
///   person's browser (the workspace's own page always has a session, on loopback too).
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = WorkspaceRequestContext
    static let header = HTTPFields.Element.Name("X-CSRF-Token")!
    let sessions: PageSessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch context.credential {
        case .bearer:
            break
        case .session:
            guard let session = SessionCredentials.session(of: request, in: sessions),
                  let sent = request.headers[Self.header],
                  PageSessions.constantTimeEqual(sent, session.csrf) else {
                throw Self.refusal
            }
        case .none:
            if request.headers[.origin] != nil || request.headers[HTTPFields.Element.Name("Sec-Fetch-Site")!] != nil {
                throw Self.refusal
            }
        }
        return try await next(request, context)
    }

    static let refusal = APIError.forbidden("this change needs the page's CSRF token (X-CSRF-Token): reload the page; scripts send Authorization: Bearer TOKEN instead")
        .withCode("csrf")
}

extension APIError {
    func withCode(_ code: String) -> APIError {
        var error = self
        error.code = code
        return error
    }
}
