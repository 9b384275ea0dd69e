import DragomanApp
import DragomanStore
import DragomanTM

/// The TM page: units page by page (filter: origin), each removable; a form to add a
/// pair; import with progress; export; the TM imports with undo.
enum TMPage {
    struct Filter {
        var origin: String
        var after: Int64
        var limit: Int
    }

    static func render(units: [TranslationUnit], filter: Filter, imports: [ImportBatch], viewer: PageViewer) -> HTML {
        let canWrite = viewer.user.role.canWrite
        let rows: [HTML] = units.map { u in
            let remove: HTML = canWrite
                ? "<button type=\"button\" class=\"edit-unit\">Edit</button> <button type=\"button\" class=\"remove-unit\">Remove</button>"
                : ""
            return """
                <tr data-unit="\(u.id ?? 0)" data-note="\(u.note ?? "")"><td>\(u.id ?? 0)</td><td class="col-en" lang="en" dir="ltr">\(u.english)</td>\
                <td class="col-ar ar" lang="ar" dir="rtl">\(u.arabic)</td><td>\(u.origin)</td><td>\(u.creator)</td><td>\(remove)</td></tr>
                """
        }
        let next: HTML = units.count == filter.limit
            ? "<a class=\"next\" href=\"/tm?origin=\(filter.origin)&amp;after=\(units.last?.id ?? 0)\">Next page</a>"
            : ""
        let add: HTML = canWrite ? """
            <details class="panel"><summary>Add a pair</summary>
            <form id="add-unit" class="grid">
            <label>English <textarea name="english" lang="en" dir="ltr" rows="2" required></textarea></label>
            <label>Arabic <textarea name="arabic" lang="ar" dir="rtl" class="ar" rows="2" required></textarea></label>
            <label>Origin <input name="origin"></label>
            <label>Note <input name="note" dir="auto"></label>
            <button type="submit">Add</button>
            </form></details>
            <details class="panel"><summary>Import a TM (TMX, TSV, CSV, XLIFF)</summary>
            \(ImportsTable.uploadForm(endpoint: "/api/v1/tm/import", fields: """
                <label>Format <select name="format"><option value="">from the file name</option><option>tmx</option><option>tsv</option><option>csv</option><option>xliff</option></select></label>
                <label>Origin <input name="origin"></label>
                """, accept: ".tmx,.tsv,.csv,.xlf,.xliff,.txt,.xml"))
            </details>
            """ : ""
        let main: HTML = """
            <form class="filters" method="get" action="/tm">
            <label>Origin <input name="origin" value="\(filter.origin)"></label>
            <button type="submit">Filter</button>
            <span class="exports">Export: <a href="/api/v1/tm/export?format=tmx">TMX</a> <a href="/api/v1/tm/export?format=tsv">TSV</a></span>
            </form>
            \(add)
            <table class="units"><caption>Units\(filter.after > 0 ? HTML(stringLiteral: " after \(filter.after)") : HTML.empty)</caption>
            <thead><tr><th scope="col">#</th><th scope="col">English</th><th scope="col">Arabic</th><th scope="col">Origin</th><th scope="col">By</th><th scope="col">Actions</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            \(units.isEmpty ? HTML(stringLiteral: "<p class=\"empty\">No units here.</p>") : HTML.empty)
            \(next)
            <h2>TM imports</h2>
            \(ImportsTable.render(imports, kind: .tm, canWrite: canWrite))
            """
        return PageLayout(title: "Translation memory", tab: .tm, viewer: viewer, scripts: ["library.js"],
                          shortcuts: GlossaryPage.shortcuts).render(main)
    }
}
