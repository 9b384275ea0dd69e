import DragomanApp
import Foundation
import Hummingbird

/// Who may see the pages. A live session cookie names the viewer. Without one: on
/// loopback the local person gets a session at once (no login, as with the CLI, but a
/// session all the same, for its CSRF token); on a shared server the page redirects to
/// /login.
struct PageAccessMiddleware: RouterMiddleware {
    typealias Context = WorkspaceRequestContext
    let sessions: PageSessions
    let accounts: UserAccounts
    let isLoopback: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let session = SessionCredentials.session(of: request, in: sessions) {
            if let user = try await SessionCredentials(sessions: sessions, accounts: accounts).user(for: request, context: context) {
                context.user = user
                context.session = session
                context.credential = .session
                return try await next(request, context)
            }
        }
        guard isLoopback else {
            let target = request.uri.path == "/" ? "" : "?next=" + (request.uri.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_"))) ?? "")
            return PageResponses.redirect("/login" + target)
        }
        let session = sessions.create(tokenHash: nil)
        context.user = .local
        context.session = session
        context.credential = .session
        var response = try await next(request, context)
        response.setCookie(PageCookies.session(session.id, request: request))
        return response
    }
}

extension WorkspaceRequestContext {
    /// The viewer of a page (set by `PageAccessMiddleware`).
    var viewer: PageViewer {
        get throws {
            guard let user, let session else { throw APIError.unauthorized("log in first") }
            return PageViewer(user: user, csrf: session.csrf)
        }
    }
}

/// The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (no other site's
/// link or form carries it), Path=/, no Max-Age (it ends with the browser; the server ends
/// it after 12 idle hours). Secure when the request came through a TLS proxy that says
/// so (`X-Forwarded-Proto: https`): the server itself speaks plain HTTP and cannot know.
/// A forged header can only make the cookie stricter.
enum PageCookies {
    static func session(_ id: String, request: Request) -> Cookie {
        Cookie(name: PageSessions.cookieName, value: id, path: "/", secure: isTLS(request), httpOnly: true, sameSite: .strict)
    }

    static func expired(request: Request) -> Cookie {
        Cookie(name: PageSessions.cookieName, value: "", maxAge: 0, path: "/", secure: isTLS(request), httpOnly: true, sameSite: .strict)
    }

    static func isTLS(_ request: Request) -> Bool {
        request.headers[HTTPFields.Element.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
    }
}

/// Answers of the page routes.
enum PageResponses {
    static func html(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: html.markup)))
    }

    /// 303 See Other: after a form post, the browser GETs `location`.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
