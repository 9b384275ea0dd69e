import DragomanGlossary
import DragomanStore
import DragomanText
import Foundation

/// Columns aligned for a terminal: widths count what a monospace terminal draws (harakat,
/// isolates and joiners take no cell), and every field that holds Arabic is isolated
/// (FSI…PDI, on a terminal only) so that each line keeps its left-to-right layout.
struct TermTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: [String]) { self.header = header }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// Column widths, fixed after the first `print` so that later pages line up.
    var widths: [Int]?

    func lines(includingHeader: Bool = true) -> [String] {
        let all = (includingHeader ? [header] : []) + rows
        let widths = self.widths ?? measure()
        return all.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                let shown = Terminal.isolate(cell)
                if i == row.count - 1 {
                    line += shown
                } else {
                    line += shown + String(repeating: " ", count: max(0, widths[i] - Self.width(cell)) + 2)
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    func measure() -> [Int] {
        var widths = [Int](repeating: 0, count: header.count)
        for row in [header] + rows {
            for (i, cell) in row.enumerated() where i < header.count - 1 {
                widths[i] = max(widths[i], Self.width(cell))
            }
        }
        return widths
    }

    func print() {
        for line in lines() { Swift.print(line) }
    }

    /// Prints the rows gathered so far (the header the first time) and forgets them:
    /// for long listings.
    mutating func printPage() {
        let first = widths == nil
        if first { widths = measure() }
        for line in lines(includingHeader: first) { Swift.print(line) }
        rows = []
    }

    /// Terminal cells `text` takes (combining marks and format characters take none).
    static func width(_ text: String) -> Int {
        var n = 0
        for s in text.unicodeScalars {
            switch s.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .format: continue
            default: n += 1
            }
        }
        return n
    }
}

/// Human-readable pieces shared by the term commands.
enum TermText {
    /// "exact", "normalized", "clitic و+ ب+ ال+", "fuzzy (1 edit)"…
    static func match(_ kind: MatchKind, clitics: CliticDetail?, distance: Int? = nil) -> String {
        switch kind {
        case .clitic:
            guard let c = clitics, !c.isEmpty else { return "clitic (article)" }
            return "clitic " + c.description
        case .fuzzy:
            return "fuzzy (\(distance ?? 1) edit\((distance ?? 1) == 1 ? "" : "s"))"
        default:
            return kind.rawValue
        }
    }

    /// Translations, preferred first, discouraged ones marked.
    static func translations(_ terms: [GlossaryTerm], limit: Int = 4) -> String {
        var parts = terms.prefix(limit).map { t in t.status.isDiscouraged ? "\(t.text) (\(t.status.rawValue))" : t.text }
        if terms.count > limit { parts.append("+\(terms.count - limit)") }
        return parts.isEmpty ? "—" : parts.joined(separator: "; ")
    }

    static func date(_ d: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return f.string(from: d)
    }
}

// MARK: JSON

/// A term as `--json` prints it.
struct GlossaryTermJSON: Encodable {
    let id: Int64
    let entry: Int64
    let language: String
    let text: String
    let status: String
    let pos: String?
    let note: String?
    let source: String?

    init(_ t: GlossaryTerm) {
        id = t.id
        entry = t.entryID
        language = t.language.rawValue
        text = t.text
        status = t.status.rawValue
        pos = t.pos
        note = t.note
        source = t.source
    }

    enum CodingKeys: String, CodingKey { case id, entry, language, text, status, pos, note, source }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(entry, forKey: .entry)
        try c.encode(language, forKey: .language)
        try c.encode(text, forKey: .text)
        try c.encode(status, forKey: .status)
        try c.encode(pos, forKey: .pos)
        try c.encode(note, forKey: .note)
        try c.encode(source, forKey: .source)
    }
}

/// An entry as `--json` prints it.
struct TermEntryJSON: Encodable {
    let id: Int64
    let domain: String?
    let definition: String?
    let note: String?
    let created: String
    let changed: String
    let arabic: [GlossaryTermJSON]
    let english: [GlossaryTermJSON]

    init(_ e: GlossaryEntry) {
        id = e.id
        domain = e.domain
        definition = e.definition
        note = e.note
        created = e.created.formatted(.iso8601)
        changed = e.changed.formatted(.iso8601)
        arabic = e.terms(in: .arabic).map(GlossaryTermJSON.init)
        english = e.terms(in: .english).map(GlossaryTermJSON.init)
    }

    enum CodingKeys: String, CodingKey { case id, domain, definition, note, created, changed, arabic, english }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(domain, forKey: .domain)
        try c.encode(definition, forKey: .definition)
        try c.encode(note, forKey: .note)
        try c.encode(created, forKey: .created)
        try c.encode(changed, forKey: .changed)
        try c.encode(arabic, forKey: .arabic)
        try c.encode(english, forKey: .english)
    }
}

/// How a hit or result matched, as `--json` prints it.
struct TermMatchJSON: Encodable {
    let kind: String
    /// Stripped clitics in reading order (`و+`, `ب+`, `ال+`, `+ه`), `−ال` for a missing article.
    let clitics: [String]
    let distance: Int?
    let lowConfidence: Bool

    enum CodingKeys: String, CodingKey { case kind, clitics, distance, lowConfidence }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(clitics, forKey: .clitics)
        try c.encode(distance, forKey: .distance)
        try c.encode(lowConfidence, forKey: .lowConfidence)
    }
}

/// One `term find` hit.
struct TermHitJSON: Encodable {
    struct Alternative: Encodable {
        let entry: Int64
        let domain: String?
        let term: GlossaryTermJSON
        let translations: [GlossaryTermJSON]

        enum CodingKeys: String, CodingKey { case entry, domain, term, translations }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(entry, forKey: .entry)
            try c.encode(domain, forKey: .domain)
            try c.encode(term, forKey: .term)
            try c.encode(translations, forKey: .translations)
        }
    }

    let start: Int
    let end: Int
    let line: Int
    let surface: String
    let match: TermMatchJSON
    let entry: Int64
    let domain: String?
    let term: GlossaryTermJSON
    let translations: [GlossaryTermJSON]
    /// "deprecated" or "forbidden" when the matched term is; else null.
    let flag: String?
    let alternatives: [Alternative]

    init(_ hit: TermHit, line: Int) {
        start = hit.range.lowerBound
        end = hit.range.upperBound
        self.line = line
        surface = hit.surface
        match = TermMatchJSON(kind: hit.kind.rawValue, clitics: hit.clitics?.pieces ?? [], distance: nil,
                          lowConfidence: hit.lowConfidence)
        entry = hit.entry.id
        domain = hit.entry.domain
        term = GlossaryTermJSON(hit.term)
        translations = hit.translations.map(GlossaryTermJSON.init)
        flag = hit.flag?.rawValue
        alternatives = hit.alternatives.map {
            Alternative(entry: $0.entry.id, domain: $0.entry.domain, term: GlossaryTermJSON($0.term),
                        translations: $0.entry.terms(in: $0.term.language.other).map(GlossaryTermJSON.init))
        }
    }

    enum CodingKeys: String, CodingKey {
        case start, end, line, surface, match, entry, domain, term, translations, flag, alternatives
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(line, forKey: .line)
        try c.encode(surface, forKey: .surface)
        try c.encode(match, forKey: .match)
        try c.encode(entry, forKey: .entry)
        try c.encode(domain, forKey: .domain)
        try c.encode(term, forKey: .term)
        try c.encode(translations, forKey: .translations)
        try c.encode(flag, forKey: .flag)
        try c.encode(alternatives, forKey: .alternatives)
    }
}

/// One `term lookup` result.
struct TermLookupJSON: Encodable {
    let rank: Int
    let match: TermMatchJSON
    let term: GlossaryTermJSON
    let translations: [GlossaryTermJSON]
    let entry: TermEntryJSON

    init(_ r: LookupResult, rank: Int) {
        self.rank = rank
        match = TermMatchJSON(kind: r.kind.rawValue, clitics: r.clitics?.pieces ?? [], distance: r.distance,
                          lowConfidence: false)
        term = GlossaryTermJSON(r.term)
        translations = r.translations.map(GlossaryTermJSON.init)
        entry = TermEntryJSON(r.entry)
    }
}
