import DragomanApp
import DragomanServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The page over HTTP: HTML with the security headers, the session cookie's flags,
/// escaping, the CSRF check, the login of a shared server, and the API the page added
/// (imports, TM and glossary browsing).
@Suite struct PageTests {
    static let pages = ["/", "/translate", "/align", "/glossary", "/tm"]

    /// The `name=value` of a Set-Cookie header.
    func cookie(_ response: APIResponse) -> String? {
        response.headers[.setCookie]?.split(separator: ";").first.map(String.init)
    }

    /// The page's CSRF token, from its meta tag.
    func csrf(_ html: String) throws -> String {
        let marker = #"<meta name="csrf-token" content=""#
        let start = try #require(html.range(of: marker)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    @Test func everyPageIsHTMLWithItsSecurityHeaders() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            for page in Self.pages {
                let response = try await api.get(page)
                #expect(response.status == 200, "\(page)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let csp = try #require(response.headers[.contentSecurityPolicy], "\(page) has no CSP")
                for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"] {
                    #expect(csp.contains(directive), "\(page): \(directive)")
                }
                #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"))
                #expect(response.headers[HTTPFields.Element.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPFields.Element.Name("Referrer-Policy")!] == "no-referrer")
                // No inline script or style, no handler attributes: the CSP would block them.
                #expect(!response.text.contains("<script>") && !response.text.contains("<style") && !response.text.contains(" onclick="))
                #expect(response.text.contains(#"<script src="/static/common.js" defer></script>"#))
            }
            // API answers and errors carry them too.
            let error = try await api.get("/api/v1/nothing-here")
            #expect(error.status == 404 && error.headers[.contentSecurityPolicy] != nil)
            let script = try await api.get("/static/translate.js")
            #expect(script.status == 200 && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(try await api.get("/static/app.css").headers[.contentType] == "text/css; charset=utf-8")
            #expect(try await api.get("/static/../openapi.json").status == 404)
            #expect(try await api.get("/static/secret.txt").status == 404)
        }
    }

    @Test func theSessionCookieIsHttpOnlyStrictAndSecureBehindTLS() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            let plain = try #require(try await api.get("/").headers[.setCookie])
            #expect(plain.hasPrefix("dragoman_session="))
            let flags = Set(plain.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) })
            #expect(flags.isSuperset(of: ["HttpOnly", "SameSite=Strict", "Path=/"]))
            #expect(!flags.contains("Secure"), "plain HTTP: a Secure cookie would never come back")
            let proxied = try await api.send(.get, "/", headers: [HTTPFields.Element.Name("X-Forwarded-Proto")!: "https"])
            #expect(proxied.headers[.setCookie]?.contains("; Secure") == true)
        }
    }

    @Test func aTermWithMarkupIsShownAsText() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            let xss = "<img src=x onerror=alert(1)>"
            let added = try await api.post("/api/v1/terms/entries",
                                           json: #"{"arabic": "صورة مريبة", "english": \#(APIClient.quoted(xss)), "domain": "\"><script>x</script>", "note": "it's <b>bold</b>"}"#)
            #expect(added.status == 201)
            let entry = try #require((try added.object()["entry"] as? [String: Any])?["id"] as? Int)
            for page in ["/?q=" + "صورة مريبة".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, "/glossary?after=\(entry - 1)"] {
                let html = try await api.get(page).text
                #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(page) shows the term as text")
                #expect(!html.contains("<img"), "\(page) has an img element")
                #expect(!html.contains("<script>x</script>") && html.contains("&quot;&gt;&lt;script&gt;x&lt;/script&gt;"))
                #expect(!html.contains("<b>bold</b>"))
            }
            // The query itself is escaped back into the box.
            let echoed = try await api.get("/?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E").text
            #expect(!echoed.contains("<script>alert(1)</script>") && echoed.contains("value=\"&quot;&gt;&lt;script&gt;"))
        }
    }

    @Test func changesFromTheBrowserNeedTheCSRFToken() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            let page = try await api.get("/")
            let session = try #require(cookie(page))
            let token = try csrf(page.text)
            #expect(token.count >= 40)
            let unit = #"{"arabic": "وصل الوفد.", "english": "The delegation arrived."}"#
            func post(_ headers: HTTPFields) async throws -> APIResponse {
                try await api.send(.post, "/api/v1/tm/units", json: unit, headers: headers)
            }
            // The session cookie without the token, or with a wrong one: refused.
            let without = try await post([.cookie: session])
            #expect(without.status == 403)
            #expect(try without.errorCode() == "csrf")
            #expect(try await post([.cookie: session, HTTPFields.Element.Name("X-CSRF-Token")!: String(token.reversed())]).status == 403)
            // Another site's page posting to 127.0.0.1 (no cookie: SameSite=Strict): refused.
            #expect(try await post([.origin: "https://evil.example"]).status == 403)
            #expect(try await post([HTTPFields.Element.Name("Sec-Fetch-Site")!: "cross-site"]).status == 403)
            // Reading needs no token.
            #expect(try await api.send(.get, "/api/v1/tm/stats", headers: [.cookie: session]).status == 200)
            // With the token: stored.
            #expect(try await post([.cookie: session, HTTPFields.Element.Name("X-CSRF-Token")!: token]).status == 201)
            // curl on the machine itself (no cookie, no browser headers) works as before.
            #expect(try await post([:]).status == 200)
        }
    }

    @Test func aSharedServerAsksForTheTokenAndKeepsASession() async throws {
        let test = try TestWorkspace(host: "0.0.0.0")
        defer { test.remove() }
        let accounts = UserAccounts(workspace: test.workspace)
        let translator = try accounts.add(name: "rana", role: .translator)
        let reader = try accounts.add(name: "sami", role: .reader)
        try await test.test { api in
            let anonymous = try await api.get("/glossary")
            #expect(anonymous.status == 303 && anonymous.headers[.location] == "/login?next=/glossary")
            #expect(anonymous.headers[.setCookie] == nil)
            #expect(try await api.get("/login").text.contains(#"type="password""#))
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            func login(_ token: String, next: String = "/glossary") async throws -> APIResponse {
                try await api.send(.post, "/login", bytes: Array("token=\(token)&next=\(next)".utf8), headers: form)
            }
            #expect(try await login("dgm_wrong").status == 401)
            #expect(try await login(translator, next: "//evil.example").headers[.location] == "/", "no open redirect")
            let loggedIn = try await login(translator)
            #expect(loggedIn.status == 303 && loggedIn.headers[.location] == "/glossary")
            let session = try #require(cookie(loggedIn))
            #expect(!session.contains(translator), "the cookie is a session id, not the token")
            let page = try await api.send(.get, "/", headers: [.cookie: session])
            #expect(page.status == 200 && page.text.contains("rana"))
            let token = try csrf(page.text)
            let unit = #"{"arabic": "وصل الوفد.", "english": "The delegation arrived."}"#
            #expect(try await api.send(.post, "/api/v1/tm/units", json: unit, headers: [.cookie: session]).status == 403)
            let stored = try await api.send(.post, "/api/v1/tm/units", json: unit, headers: [.cookie: session, HTTPFields.Element.Name("X-CSRF-Token")!: token])
            #expect(stored.status == 201)
            #expect(try stored.object()["creator"] as? String == "rana")
            // A reader's session reads but cannot write, token or not.
            let readerSession = try #require(cookie(try await login(reader)))
            let readerPage = try await api.send(.get, "/", headers: [.cookie: readerSession])
            #expect(readerPage.text.contains(#"<meta name="can-write" content="false">"#))
            let refused = try await api.send(.post, "/api/v1/tm/units", json: unit,
                                             headers: [.cookie: readerSession, HTTPFields.Element.Name("X-CSRF-Token")!: try csrf(readerPage.text)])
            #expect(refused.status == 403)
            #expect(try refused.errorCode() == "forbidden")
            // Logout needs the token too; afterwards the cookie opens nothing.
            #expect(try await api.send(.post, "/logout", bytes: Array("csrf=nope".utf8), headers: [.contentType: "application/x-www-form-urlencoded", .cookie: session]).status == 403)
            let out = try await api.send(.post, "/logout", bytes: Array("csrf=\(token)".utf8), headers: [.contentType: "application/x-www-form-urlencoded", .cookie: session])
            #expect(out.status == 303 && out.headers[.setCookie]?.contains("Max-Age=0") == true)
            #expect(try await api.send(.get, "/", headers: [.cookie: session]).status == 303)
            #expect(try await api.send(.get, "/api/v1/tm/stats", headers: [.cookie: session]).status == 401)
            // A removed user's session ends at once.
            try accounts.remove(name: "sami")
            #expect(try await api.send(.get, "/api/v1/tm/stats", headers: [.cookie: readerSession]).status == 401)
        }
    }

    @Test func importsCanBeUndoneAndAConflictIsRefusedUnlessForced() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            let imported = try await api.send(.post, "/api/v1/terms/import", query: [("name", "desk.tsv")],
                                              bytes: Array("arabic\tenglish\nمرصد زلازل الريف\trural seismic observatory\nوكالة أنباء الريف\trural news agency\n".utf8))
            #expect(imported.status == 200)
            let batch = try #require(try await api.get("/api/v1/imports").array().last)
            let id = try #require(batch["id"] as? Int)
            #expect(batch["kind"] as? String == "glossary" && batch["file"] as? String == "desk.tsv")
            // Edit an entry the import added: undo is refused with the reason, then forced.
            let entry = try #require(try await api.get("/api/v1/terms", [("q", "وكالة أنباء الريف")]).array().first?["entry"] as? [String: Any])
            let entryID = try #require(entry["id"] as? Int)
            #expect(try await api.send(.patch, "/api/v1/terms/entries/\(entryID)", json: #"{"note": "edited by the desk"}"#).status == 200)
            let refused = try await api.send(.post, "/api/v1/imports/\(id)/undo", json: #"{"force": false}"#)
            #expect(refused.status == 409)
            #expect(try refused.errorCode() == "conflict")
            #expect(!refused.text.contains(test.databasePath), "the server's file path is not shown")
            let forced = try await api.send(.post, "/api/v1/imports/\(id)/undo", json: #"{"force": true}"#)
            #expect(forced.status == 200)
            #expect(try forced.object()["entriesRemoved"] as? Int == 2)
            #expect(try forced.object()["removed"] as? Int == 4, "two terms in each of two entries")
            #expect(try await api.get("/api/v1/terms", [("q", "وكالة أنباء الريف")]).array().isEmpty)
            #expect(try await api.send(.post, "/api/v1/imports/\(id)/undo").status == 409, "undone already")
            #expect(try await api.send(.post, "/api/v1/imports/999/undo").status == 404)
            #expect(try await api.send(.put, "/api/v1/imports/\(id)/priority", json: #"{"priority": "urgent"}"#).status == 422)
            // The glossary page lists it as undone.
            #expect(try await api.get("/glossary").text.contains("undone"))
        }
    }

    @Test func theTMAndTheGlossaryAreBrowsedWithFilters() async throws {
        let test = try TestWorkspace()
        defer { test.remove() }
        try await test.test { api in
            for (i, origin) in ["wire", "desk", "wire"].enumerated() {
                let body = #"{"arabic": "الخبر رقم \#(i + 1) وصل.", "english": "News number \#(i + 1) arrived.", "origin": "\#(origin)"}"#
                #expect(try await api.post("/api/v1/tm/units", json: body).status == 201)
            }
            let wire = try await api.get("/api/v1/tm/units", [("origin", "wire")]).array()
            #expect(wire.count == 2 && wire.allSatisfy { $0["origin"] as? String == "wire" })
            let first = try await api.get("/api/v1/tm/units", [("limit", "1")]).array()
            let after = try #require(first.first?["id"] as? Int)
            let rest = try await api.get("/api/v1/tm/units", [("after", String(after))]).array()
            #expect(rest.count == 2 && rest.allSatisfy { ($0["id"] as? Int ?? 0) > after })
            #expect(try await api.get("/tm", [("origin", "desk")]).text.contains("News number 2 arrived."))
            #expect(!(try await api.get("/tm", [("origin", "desk")]).text.contains("News number 1 arrived.")))

            let forbidden = try await api.get("/api/v1/terms/entries", [("status", "forbidden"), ("limit", "1000")]).array()
            #expect(!forbidden.isEmpty)
            for entry in forbidden {
                let terms = (entry["arabic"] as? [[String: Any]] ?? []) + (entry["english"] as? [[String: Any]] ?? [])
                #expect(terms.contains { $0["status"] as? String == "forbidden" })
            }
            #expect(try await api.get("/api/v1/terms/entries", [("status", "banned")]).status == 400)
            #expect(try await api.get("/glossary", [("status", "forbidden")]).status == 200)
        }
    }
}
