import DragomanApp

/// The frame of every page: the document head (the CSRF token in a meta tag for the
/// page's scripts, the style sheet and scripts served from the binary, nothing inline,
/// so the Content-Security-Policy can forbid inline script), the navigation with its
/// shortcuts, who is logged in and the logout button, and the page's own shortcuts.
struct PageLayout {
    enum Tab: String, CaseIterable {
        case search, translate, align, glossary, tm

        var title: String {
            switch self {
            case .search: "Search"
            case .translate: "Translate"
            case .align: "Align"
            case .glossary: "Glossary"
            case .tm: "TM"
            }
        }

        var path: String { self == .search ? "/" : "/\(rawValue)" }
        /// Alt+1 … Alt+5.
        var shortcut: Int { Self.allCases.firstIndex(of: self)! + 1 }
    }

    var title: String
    var tab: Tab?
    var viewer: PageViewer?
    /// Scripts of this page, after `common.js` (file names under /static/).
    var scripts: [String] = []
    /// The page's keyboard shortcuts: (keys, what they do).
    var shortcuts: [(String, String)] = []

    func render(_ main: HTML) -> HTML {
        let nav: [HTML] = Tab.allCases.map { tab in
            let current: HTML = tab == self.tab ? " aria-current=\"page\"" : ""
            return "<li><a href=\"\(tab.path)\"\(current) data-shortcut=\"\(tab.shortcut)\">\(tab.title) <kbd>Alt+\(tab.shortcut)</kbd></a></li>"
        }
        let scriptTags: [HTML] = (["common.js"] + scripts).map { "<script src=\"/static/\($0)\" defer></script>" }
        let account: HTML
        if let viewer {
            let who: HTML = viewer.user.isAuthenticated
                ? "\(viewer.user.name ?? "") <span class=\"role\">(\(viewer.user.role.rawValue))</span>"
                : "this machine <span class=\"role\">(no login on 127.0.0.1)</span>"
            let logout: HTML = viewer.user.isAuthenticated
                ? "<form method=\"post\" action=\"/logout\" class=\"logout\"><input type=\"hidden\" name=\"csrf\" value=\"\(viewer.csrf)\"><button type=\"submit\">Log out</button></form>"
                : ""
            account = "<div class=\"account\">\(who) \(logout)</div>"
        } else {
            account = ""
        }
        let keys: [HTML] = (shortcuts + Self.globalShortcuts).map { "<dt><kbd>\($0.0)</kbd></dt><dd>\($0.1)</dd>" }
        return """
            <!doctype html>
            <html lang="en" dir="ltr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="\(viewer?.csrf ?? "")">
            <meta name="can-write" content="\(viewer?.user.role.canWrite == true ? "true" : "false")">
            <title>\(title) · Dragoman</title>
            <link rel="stylesheet" href="/static/app.css">
            \(scriptTags)
            </head>
            <body data-page="\(tab?.rawValue ?? "login")">
            <a class="skip" href="#main">Skip to the content</a>
            <header class="top">
            <span class="brand" lang="ar" dir="rtl">ترجمان</span> <span class="brand">Dragoman</span>
            \(viewer == nil ? HTML.empty : "<nav aria-label=\"Workspace\"><ul>\(nav)</ul></nav>")
            \(account)
            </header>
            <main id="main" tabindex="-1">
            <h1>\(title)</h1>
            <div id="status" role="status" aria-live="polite"></div>
            \(main)
            </main>
            <footer>
            <details class="shortcuts"><summary>Keyboard shortcuts</summary><dl>\(keys)</dl></details>
            </footer>
            </body>
            </html>
            """
    }

    static let globalShortcuts: [(String, String)] = [
        ("Alt+1 … Alt+5", "Search, Translate, Align, Glossary, TM (outside a segment's text box)"),
        ("Tab / Shift+Tab", "next / previous control; the focused one is outlined"),
    ]
}

/// Who is looking at a page, and the CSRF token the page's scripts send back.
struct PageViewer: Sendable {
    var user: WorkspaceUser
    var csrf: String
}
