import DragomanApp
import DragomanStore
import Foundation

/// The import batches of one kind (TM or glossary), newest first, with Undo (and for a
/// glossary import its priority). `library.js` does the undo and shows the conflict
/// message when the store refuses it (rows edited since), offering to force it.
enum ImportsTable {
    static func render(_ batches: [ImportBatch], kind: ImportBatch.Kind, canWrite: Bool) -> HTML {
        let rows: [HTML] = batches.filter { $0.kind == kind }.reversed().map { b in
            let state: HTML = b.undone.map { "undone \(PageText.date($0))" } ?? "active"
            var actions: [HTML] = []
            if canWrite && b.undone == nil {
                actions.append("<button type=\"button\" class=\"undo\" data-import=\"\(b.id)\">Undo</button>")
                if kind == .glossary {
                    let options: [HTML] = ["curated", "standard", "bulk"].map { p in
                        "<option value=\"\(p)\"\(b.priority?.rawValue == p ? HTML(stringLiteral: " selected") : HTML.empty)>\(p)</option>"
                    }
                    actions.append("<label class=\"inline\">priority <select class=\"priority\" data-import=\"\(b.id)\">\(options)</select></label>")
                }
            }
            let added = kind == .glossary ? "\(b.added) entries, \(b.termsAdded) terms" : "\(b.added) units"
            return """
                <tr><td>\(b.id)</td><td>\(b.file)</td><td>\(b.format)</td><td>\(PageText.date(b.started))</td>\
                <td>\(added)</td><td>\(b.updated)</td><td>\(b.skipped)</td><td>\(b.creator)</td><td>\(state)</td><td>\(actions)</td></tr>
                """
        }
        guard !rows.isEmpty else { return "<p class=\"empty\">No imports yet.</p>" }
        return """
            <table class="imports"><caption>Imports, newest first</caption>
            <thead><tr><th scope="col">#</th><th scope="col">File</th><th scope="col">Format</th><th scope="col">Started</th>\
            <th scope="col">Added</th><th scope="col">Updated</th><th scope="col">Skipped</th><th scope="col">By</th>\
            <th scope="col">State</th><th scope="col">Actions</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    /// The upload form of an import: the file, its options (`fields`), a progress bar.
    static func uploadForm(endpoint: String, fields: HTML, accept: String) -> HTML {
        """
        <form class="import" data-endpoint="\(endpoint)">
        <label for="import-file">File</label>
        <input id="import-file" name="file" type="file" accept="\(accept)" required>
        \(fields)
        <button type="submit">Import</button>
        <progress class="import-progress" max="100" value="0" hidden></progress>
        <output class="import-result" aria-live="polite"></output>
        </form>
        """
    }
}
