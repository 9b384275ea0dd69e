import DragomanText
import DragomanApp
import DragomanGlossary
import Foundation
import Hummingbird
import NIOCore

/// The web page: `/` (search), `/translate[/ID]`, `/align`, `/glossary`, `/tm`, the login
/// of a shared server (`/login`, `/logout`) and the page's files (`/static/NAME`). Like the
/// API's handlers, each page parses the request, calls one use-case and renders (HTML
/// here, built with `HTML`, every piece of data escaped).
enum PageRoutes {
    static func add(to router: Router<WorkspaceRequestContext>, services: ServerServices, sessions: PageSessions,
                    isLoopback: Bool) throws {
        let files = try StaticFiles()
        let workspace = services.workspace
        let browsing = WorkspaceBrowsing(workspace: workspace)
        let documents = WorkspaceDocuments(workspace: workspace)
        let accounts = services.accounts

        router.get("static/:file") { _, context in
            try files.response(for: context.parameters.get("file") ?? "")
        }

        router.get("login") { request, _ in
            if isLoopback { return PageResponses.redirect("/") }
            return PageResponses.html(LoginPage.render(next: safeNext(request.uri.queryParameters.get("next")), error: nil))
        }

        router.post("login") { request, context in
            if isLoopback { return PageResponses.redirect("/") }
            let form = try await Self.form(request, context)
            let next = safeNext(form["next"])
            guard let token = form["token"]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty,
                  try await Blocking.run({ try accounts.user(token: token) }) != nil else {
                return PageResponses.html(LoginPage.render(next: next, error: "This token is not valid (it may have been removed): ask for a new one."),
                                          status: .unauthorized)
            }
            let session = sessions.create(tokenHash: UserAccounts.tokenHash(token))
            var response = PageResponses.redirect(next)
            response.setCookie(PageCookies.session(session.id, request: request))
            return response
        }

        router.post("logout") { request, context in
            let form = try await Self.form(request, context)
            if let session = SessionCredentials.session(of: request, in: sessions) {
                guard let csrf = form["csrf"], PageSessions.constantTimeEqual(csrf, session.csrf) else { throw CSRFMiddleware.refusal }
                sessions.remove(session.id)
            }
            var response = PageResponses.redirect(isLoopback ? "/" : "/login")
            response.setCookie(PageCookies.expired(request: request))
            return response
        }

        let pages = router.group().add(middleware: PageAccessMiddleware(sessions: sessions, accounts: accounts, isLoopback: isLoopback))

        pages.get("/") { request, context in
            let query = request.uri.queryParameters.get("q") ?? ""
            let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
            let results = trimmed.isEmpty ? [] : try await Blocking.run { try workspace.glossary.lookup(trimmed, limit: 20, prefix: false) }
            return PageResponses.html(SearchPage.render(query: query, results: results, viewer: try context.viewer))
        }

        pages.get("translate") { _, context in
            let list = try await Blocking.run { try documents.list() }
            return PageResponses.html(TranslatePages.list(list, viewer: try context.viewer))
        }

        pages.get("translate/:id") { request, context in
            let id = try RequestInput(request, context).id()
            let name = try await Blocking.run { try documents.document(id: id).stored.name }
            return PageResponses.html(TranslatePages.editor(id: id, name: name, viewer: try context.viewer))
        }

        pages.get("align") { _, context in
            PageResponses.html(AlignPage.render(viewer: try context.viewer))
        }

        pages.get("glossary") { request, context in
            let input = RequestInput(request, context)
            let status = input.string("status") ?? ""
            let filter = GlossaryPage.Filter(domain: input.string("domain") ?? "", status: status,
                                             after: Int64(try input.int("after", default: 0, in: 0...Int.max)),
                                             limit: try input.int("limit", default: 50, in: 1...500))
            let parsed = try FieldValue.status(status.isEmpty ? nil : status)
            let page = try await Blocking.run {
                try browsing.glossaryPage(domain: filter.domain, status: parsed, after: filter.after, limit: filter.limit)
            }
            return PageResponses.html(GlossaryPage.render(entries: page.entries, filter: filter, imports: page.imports, viewer: try context.viewer))
        }

        pages.get("tm") { request, context in
            let input = RequestInput(request, context)
            let filter = TMPage.Filter(origin: input.string("origin") ?? "",
                                       after: Int64(try input.int("after", default: 0, in: 0...Int.max)),
                                       limit: try input.int("limit", default: 50, in: 1...500))
            let page = try await Blocking.run { try browsing.tmPage(origin: filter.origin, after: filter.after, limit: filter.limit) }
            return PageResponses.html(TMPage.render(units: page.units, filter: filter, imports: page.imports, viewer: try context.viewer))
        }
    }

    /// Where to go after logging in: a path on this server only (never `//elsewhere`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    /// A small URL-encoded form body (login, logout): 8 KB at most.
    static func form(_ request: Request, _ context: WorkspaceRequestContext) async throws -> [String: String] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: 8 << 10)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: 8 << 10, what: "form")
        }
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            if let key = parts.first { fields[decode(key)] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }
}
