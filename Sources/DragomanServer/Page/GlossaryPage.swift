import DragomanText
import DragomanApp
import DragomanGlossary
import DragomanStore

/// The glossary page: entries page by page (filters: domain, status), each with edit and
/// remove; a form to add a pair; import with progress; export; the glossary imports with
/// undo and priority. The table is rendered here; `library.js` does the changes through
/// the API.
enum GlossaryPage {
    struct Filter {
        var domain: String
        var status: String
        var after: Int64
        var limit: Int
    }

    static let shortcuts: [(String, String)] = [
        ("Enter", "in a form: add, save or import"),
        ("Escape", "cancel an edit"),
    ]

    static func render(entries: [GlossaryEntry], filter: Filter, imports: [ImportBatch], viewer: PageViewer) -> HTML {
        let canWrite = viewer.user.role.canWrite
        let statusOptions: [HTML] = ([""] + TermStatus.allCases.map(\.rawValue)).map { s in
            "<option value=\"\(s)\"\(s == filter.status ? HTML(stringLiteral: " selected") : HTML.empty)>\(s.isEmpty ? "any" : s)</option>"
        }
        let rows: [HTML] = entries.map { e in
            let terms = { (language: Language) -> HTML in
                let items: [HTML] = e.terms.filter { $0.language == language }.map { t in
                    "<li data-term=\"\(t.id)\" data-status=\"\(t.status.rawValue)\">\(PageText.term(t.text, language: language)) \(PageText.status(t.status.rawValue))</li>"
                }
                return "<ul class=\"terms\">\(items)</ul>"
            }
            let actions: HTML = canWrite
                ? "<button type=\"button\" class=\"edit-entry\">Edit</button> <button type=\"button\" class=\"remove-entry\">Remove</button>"
                : ""
            return """
                <tr data-entry="\(e.id)" data-domain="\(e.domain)" data-note="\(e.note)"><td>\(e.id)</td><td class="col-en">\(terms(.english))</td>\
                <td class="col-ar">\(terms(.arabic))</td><td class="domain">\(e.domain)</td><td class="note">\(e.note)</td><td>\(actions)</td></tr>
                """
        }
        let next: HTML = entries.count == filter.limit
            ? "<a class=\"next\" href=\"/glossary?domain=\(filter.domain)&amp;status=\(filter.status)&amp;after=\(entries.last!.id)\">Next page</a>"
            : ""
        let add: HTML = canWrite ? """
            <details class="panel"><summary>Add a term pair</summary>
            <form id="add-entry" class="grid">
            <label>English <input name="english" lang="en" dir="ltr" required></label>
            <label>Arabic <input name="arabic" lang="ar" dir="rtl" class="ar" required></label>
            <label>Domain <input name="domain"></label>
            <label>Status <select name="status"><option value="">(preferred)</option><option>preferred</option><option>admitted</option><option>deprecated</option><option>forbidden</option></select></label>
            <label>Note <input name="note" dir="auto"></label>
            <button type="submit">Add</button>
            </form></details>
            <details class="panel"><summary>Import a glossary (TSV, CSV, TBX)</summary>
            \(ImportsTable.uploadForm(endpoint: "/api/v1/terms/import", fields: """
                <label>Format <select name="format"><option value="">from the file name</option><option>tsv</option><option>csv</option><option>tbx</option></select></label>
                <label>Domain <input name="domain"></label>
                <label class="inline"><input type="checkbox" name="groupBy" value="arabic"> one entry per Arabic term (dictionaries)</label>
                """, accept: ".tsv,.csv,.tbx,.txt,.xml"))
            </details>
            """ : ""
        let main: HTML = """
            <form class="filters" method="get" action="/glossary">
            <label>Domain <input name="domain" value="\(filter.domain)"></label>
            <label>Status <select name="status">\(statusOptions)</select></label>
            <button type="submit">Filter</button>
            <span class="exports">Export: <a href="/api/v1/terms/export?format=tsv">TSV</a> <a href="/api/v1/terms/export?format=csv">CSV</a> <a href="/api/v1/terms/export?format=tbx">TBX</a></span>
            </form>
            \(add)
            <table class="entries"><caption>Entries\(filter.after > 0 ? HTML(stringLiteral: " after \(filter.after)") : HTML.empty)</caption>
            <thead><tr><th scope="col">#</th><th scope="col">English</th><th scope="col">Arabic</th><th scope="col">Domain</th><th scope="col">Note</th><th scope="col">Actions</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(entries.isEmpty ? HTML(stringLiteral: "<p class=\"empty\">No entries here.</p>") : HTML.empty)
            \(next)
            <h2>Glossary imports</h2>
            \(ImportsTable.render(imports, kind: .glossary, canWrite: canWrite))
            """
        return PageLayout(title: "Glossary", tab: .glossary, viewer: viewer, scripts: ["library.js"], shortcuts: shortcuts).render(main)
    }
}
