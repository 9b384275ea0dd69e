import DragomanGlossary
import DragomanText
import Foundation

/// The search page: one box for Arabic or English. With `?q=` the glossary results are
/// rendered here by the server (a link to a search works without script); `search.js`
/// then searches as the person types (glossary, TM concordance with the phrase marked,
/// fragments) through the API.
enum SearchPage {
    static let shortcuts: [(String, String)] = [
        ("/", "go to the search box"),
        ("typing", "searches after a short pause (Arabic or English)"),
        ("Enter", "search now"),
        ("Escape", "clear the box"),
    ]

    static func render(query: String, results: [LookupResult], viewer: PageViewer) -> HTML {
        let main: HTML = """
            <form id="search-form" role="search" action="/" method="get" class="search">
            <label for="q">A term, phrase or sentence, in Arabic or English</label>
            <input id="q" name="q" type="search" dir="auto" autocomplete="off" spellcheck="false" value="\(query)" autofocus>
            <button type="submit">Search</button>
            </form>
            <div class="results">
            <section aria-labelledby="h-terms"><h2 id="h-terms">Glossary</h2>
            <div id="terms">\(query.isEmpty ? HTML.empty : terms(results))</div></section>
            <section aria-labelledby="h-concordance"><h2 id="h-concordance">TM concordance</h2><div id="concordance"></div></section>
            <section aria-labelledby="h-fragments"><h2 id="h-fragments">Fragments</h2><div id="fragments"></div></section>
            </div>
            """
        return PageLayout(title: "Search", tab: .search, viewer: viewer, scripts: ["search.js"], shortcuts: shortcuts).render(main)
    }

    /// The glossary results as `search.js` also draws them (same classes and order).
    static func terms(_ results: [LookupResult]) -> HTML {
        guard !results.isEmpty else { return "<p class=\"empty\">No glossary entry.</p>" }
        let items: [HTML] = results.map { r in
            let translations: [HTML] = r.translations.map { t in
                "<li>\(PageText.term(t.text, language: t.language)) \(PageText.status(t.status.rawValue))</li>"
            }
            var details: [HTML] = []
            if let domain = r.entry.domain { details.append("<span class=\"domain\">\(domain)</span>") }
            if let note = r.entry.note { details.append("<span class=\"note\">\(note)</span>") }
            if let note = r.term.note { details.append("<span class=\"note\">\(note)</span>") }
            return """
                <li class="term-result"><div class="term-head">\(PageText.term(r.term.text, language: r.term.language)) \
                \(PageText.status(r.term.status.rawValue)) <span class="kind">\(r.kind.rawValue)</span> \
                <a href="/glossary?after=\(max(0, r.entry.id - 1))&amp;limit=1" class="entry-link">entry \(r.entry.id)</a></div>\
                <ul class="translations">\(translations)</ul><div class="details">\(details)</div></li>
                """
        }
        return "<ol class=\"term-results\">\(items)</ol>"
    }
}

/// Small pieces of markup shared by the pages: text in its language and direction,
/// status badges.
enum PageText {
    /// Text in its language: `lang` and `dir` so Arabic runs right to left with its font.
    static func term(_ text: String, language: Language) -> HTML {
        language == .arabic ? "<span lang=\"ar\" dir=\"rtl\" class=\"ar\">\(text)</span>"
                            : "<span lang=\"en\" dir=\"ltr\" class=\"en\">\(text)</span>"
    }

    static func status(_ status: String) -> HTML {
        "<span class=\"status status-\(status)\">\(status)</span>"
    }

    static func date(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)).replacingOccurrences(of: "T", with: " ")
    }
}
