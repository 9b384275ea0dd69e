import DragomanApp
import DragomanStore

/// The translate pages: the documents with a form to paste or upload an article, and the
/// editor of one document. The editor's rows are drawn by `translate.js` from the
/// document's JSON (the same the API answers), because a row changes as the translator
/// works; every text goes in with `textContent`, never as markup.
enum TranslatePages {
    static let editorShortcuts: [(String, String)] = [
        ("Ctrl+Enter", "confirm the segment (it goes into the TM at once) and move to the next one"),
        ("Alt+0", "copy the proposal into the translation"),
        ("Alt+1 … Alt+9", "in a translation box: insert the numbered term or fragment translation"),
        ("Alt+↓ / Alt+↑", "next / previous segment"),
        ("Ctrl+S", "save the segment as a draft (a draft is also saved when you leave the box)"),
    ]

    static func list(_ documents: [StoredDocumentSummary], viewer: PageViewer) -> HTML {
        let rows: [HTML] = documents.reversed().map { d in
            """
            <tr><td><a href="/translate/\(d.id)">\(d.name)</a></td><td>\(d.done) / \(d.segments)</td>\
            <td><progress max="\(max(d.segments, 1))" value="\(d.done)"></progress></td><td>\(d.creator)</td><td>\(PageText.date(d.changed))</td></tr>
            """
        }
        let form: HTML = viewer.user.role.canWrite ? """
            <form id="new-document" class="new-document">
            <label for="doc-file">Upload an article (plain text or Markdown)</label>
            <input id="doc-file" type="file" accept=".txt,.md,.markdown,text/plain">
            <label for="doc-name">Name</label>
            <input id="doc-name" name="name" required placeholder="article.ar.txt">
            <label for="doc-text">or paste it</label>
            <textarea id="doc-text" name="text" lang="ar" dir="rtl" class="ar" rows="10" required></textarea>
            <label for="doc-domain">Domain (optional: prefers the glossary's terms of that domain)</label>
            <input id="doc-domain" name="domain">
            <button type="submit">Pre-translate and open</button>
            </form>
            """ : "<p>Readers can open documents but not add them.</p>"
        let main: HTML = """
            \(form)
            <h2>Documents</h2>
            \(rows.isEmpty ? HTML(stringLiteral: "<p class=\"empty\">No documents yet.</p>") : """
              <table class="documents"><thead><tr><th scope="col">Name</th><th scope="col">Done</th><th scope="col">Progress</th><th scope="col">By</th><th scope="col">Changed</th></tr></thead>
              <tbody>\(rows)</tbody></table>
              """)
            """
        return PageLayout(title: "Translate", tab: .translate, viewer: viewer, scripts: ["translate.js"],
                          shortcuts: [("Ctrl+Enter", "in the text box: pre-translate and open")]).render(main)
    }

    static func editor(id: Int64, name: String, viewer: PageViewer) -> HTML {
        let main: HTML = """
            <div class="doc-bar">
            <span class="doc-name">\(name)</span>
            <progress id="progress" max="1" value="0"></progress> <span id="progress-text"></span>
            <span class="downloads">Download: <a href="/api/v1/documents/\(id)/download?format=xliff">XLIFF 2.1</a>
            <a href="/api/v1/documents/\(id)/download?format=xliff12">XLIFF 1.2</a>
            <a href="/api/v1/documents/\(id)/text?allowUnfinished=true" id="download-text">translated article</a></span>
            </div>
            <p class="legend">Proposal bands: <span class="band band-exact">exact / context</span> <span class="band band-high">95–99</span>
            <span class="band band-mid">85–94</span> <span class="band band-low">below 85</span> <span class="band band-none">none</span>.
            Glossary terms are underlined in the source; click one (or press its Alt+number) to insert its translation.</p>
            <div id="editor" class="editor" data-document="\(id)" aria-busy="true"><p>Loading the document…</p></div>
            """
        return PageLayout(title: "Translate: \(name)", tab: .translate, viewer: viewer, scripts: ["translate.js"],
                          shortcuts: editorShortcuts).render(main)
    }
}

/// The align page: two texts → pairs with confidence, drawn by `align.js`.
enum AlignPage {
    static func render(viewer: PageViewer) -> HTML {
        let main: HTML = """
            <form id="align-form" class="align-form">
            <div class="pair-inputs">
            <label class="col-en">English text <textarea id="align-en" name="english" lang="en" dir="ltr" rows="10" required></textarea></label>
            <label class="col-ar">Arabic text <textarea id="align-ar" name="arabic" lang="ar" dir="rtl" class="ar" rows="10" required></textarea></label>
            </div>
            <label>Origin (recorded with the pairs) <input id="align-origin" name="origin" value="aligned on the page"></label>
            <label>Review pairs below this confidence <input id="align-min" name="minConfidence" type="number" min="0" max="1" step="0.05" value="0.9"></label>
            <button type="submit">Align</button>
            </form>
            <div id="alignment" class="alignment"></div>
            """
        return PageLayout(title: "Align", tab: .align, viewer: viewer, scripts: ["align.js"], shortcuts: [
            ("Ctrl+Enter", "in a text box: align"),
            ("Space", "on a pair's checkbox: keep or drop the pair"),
            ("Tab", "to a pair's Join, Split and Unpair buttons"),
        ]).render(main)
    }
}
