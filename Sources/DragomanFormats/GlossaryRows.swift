import DragomanGlossary
import DragomanText
import Foundation

/// Which column holds what, from a header row (names in any case; `arabic`/`ar`,
/// `english`/`en`, `id`, `domain`, `pos`, `status`, `note`, `source`, `definition`,
/// `entry_note`). Columns with other names are kept as notes ("name: value").
public struct GlossaryColumns: Sendable, Hashable {
    public var count: Int
    public var id: Int?
    public var arabic: Int
    public var english: Int
    public var domain: Int?
    public var pos: Int?
    public var status: Int?
    public var note: Int?
    public var source: Int?
    public var definition: Int?
    public var entryNote: Int?
    public var extra: [Int: String] = [:]

    /// Files without a header: arabic, english, then optionally domain, pos, status, note.
    public static let headerless = GlossaryColumns(count: 2, id: nil, arabic: 0, english: 1, domain: 2, pos: 3,
                                                   status: 4, note: 5)

    /// The columns a header row names, or nil when it names no `arabic` and `english` column.
    public init?(header fields: [String]) {
        var found: [String: Int] = [:]
        var extra: [Int: String] = [:]
        for (i, raw) in fields.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            let folded = name.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" }
            let role: String?
            switch folded {
            case "id", "conceptid", "entryid", "concept", "entry": role = "id"
            case "arabic", "ar", "ara", "arabicterm", "termar": role = "arabic"
            case "english", "en", "eng", "englishterm", "termen": role = "english"
            case "domain", "subject", "subjectfield": role = "domain"
            case "pos", "partofspeech": role = "pos"
            case "status", "administrativestatus": role = "status"
            case "note", "notes", "comment", "comments": role = "note"
            case "source": role = "source"
            case "definition": role = "definition"
            case "entrynote", "conceptnote": role = "entryNote"
            default: role = nil
            }
            if let role, found[role] == nil {
                found[role] = i
            } else if !name.isEmpty {
                extra[i] = name
            }
        }
        guard let arabic = found["arabic"], let english = found["english"] else { return nil }
        self.init(count: fields.count, id: found["id"], arabic: arabic, english: english, domain: found["domain"],
                  pos: found["pos"], status: found["status"], note: found["note"], source: found["source"],
                  definition: found["definition"], entryNote: found["entryNote"], extra: extra)
    }

    public init(count: Int, id: Int?, arabic: Int, english: Int, domain: Int? = nil, pos: Int? = nil,
                status: Int? = nil, note: Int? = nil, source: Int? = nil, definition: Int? = nil,
                entryNote: Int? = nil, extra: [Int: String] = [:]) {
        self.count = count
        self.id = id
        self.arabic = arabic
        self.english = english
        self.domain = domain
        self.pos = pos
        self.status = status
        self.note = note
        self.source = source
        self.definition = definition
        self.entryNote = entryNote
        self.extra = extra
    }
}

/// One row of a glossary file: up to one Arabic and one English term, and the entry
/// fields it carries.
public struct GlossaryRow: Sendable, Hashable {
    public var line: Int
    /// The `id` cell: rows with the same id are one entry.
    public var group: String?
    public var arabic: NewTerm?
    public var english: NewTerm?
    /// Whether the row gave a status (else the importer decides).
    public var statusGiven: Bool
    public var domain: String?
    public var definition: String?
    public var entryNote: String?

    /// The row of `record`, or the reason it cannot be used.
    public static func parse(_ record: DelimitedParser.Record, columns: GlossaryColumns) -> Result<GlossaryRow, LineError> {
        let f = record.fields
        let line = record.line
        if f.count < columns.count {
            return .failure(LineError(line: line, reason: "\(f.count) column\(f.count == 1 ? "" : "s"), expected \(columns.count): a column is missing (check the separators)"))
        }
        func cell(_ i: Int?) -> String? {
            guard let i, i < f.count else { return nil }
            return GlossaryText.field(f[i])
        }
        var status: TermStatus = .preferred
        var statusGiven = false
        if let value = cell(columns.status) {
            guard let s = TermStatus(parsing: value) else {
                return .failure(LineError(line: line, reason: "unknown status \"\(value)\" (use preferred, admitted, deprecated or forbidden)"))
            }
            status = s
            statusGiven = true
        }
        var notes: [String] = []
        if let n = cell(columns.note) { notes.append(n) }
        for i in columns.extra.keys.sorted() {
            if let v = cell(i) { notes.append("\(columns.extra[i]!): \(v)") }
        }
        let arabicText = cell(columns.arabic).map(GlossaryText.term) ?? ""
        let englishText = cell(columns.english).map(GlossaryText.term) ?? ""
        if arabicText.isEmpty && englishText.isEmpty {
            return .failure(LineError(line: line, reason: "no Arabic and no English term"))
        }
        if let problem = ScriptCheck.problem(arabic: arabicText, english: englishText) {
            return .failure(LineError(line: line, reason: problem.reason
                + " (check the order of the columns: the header or --no-header's arabic, english)"))
        }
        func term(_ language: Language, _ text: String) -> NewTerm? {
            text.isEmpty ? nil : NewTerm(language, text, pos: cell(columns.pos), status: status,
                                         note: notes.isEmpty ? nil : notes.joined(separator: "; "),
                                         source: cell(columns.source))
        }
        return .success(GlossaryRow(line: line, group: cell(columns.id), arabic: term(.arabic, arabicText),
                                    english: term(.english, englishText), statusGiven: statusGiven,
                                    domain: cell(columns.domain), definition: cell(columns.definition),
                                    entryNote: cell(columns.entryNote)))
    }
}

/// Writes entries as TSV or CSV rows with a header:
/// `id arabic english domain pos status note source definition entry_note`.
/// The first Arabic and first English term share a row when their part of speech,
/// status, note and source agree; every other term has a row of its own. Entry-level
/// fields go on the entry's first row. Importing the file gives the same entries.
public enum GlossaryRowWriter {
    public static let columns = ["id", "arabic", "english", "domain", "pos", "status", "note", "source", "definition",
                                 "entry_note"]

    public static func header(_ dialect: DelimitedParser.Dialect) -> String {
        columns.joined(separator: dialect == .tsv ? "\t" : ",")
    }

    public static func rows(for entry: GlossaryEntry, dialect: DelimitedParser.Dialect) -> [String] {
        var remaining = entry.terms
        var rows: [[String?]] = []
        func fields(_ ar: GlossaryTerm?, _ en: GlossaryTerm?) -> [String?] {
            let t = ar ?? en!
            return [String(entry.id), ar?.text, en?.text, entry.domain, t.pos, t.status.rawValue, t.note, t.source, nil, nil]
        }
        if let ai = remaining.firstIndex(where: { $0.language == .arabic }),
           let ei = remaining.firstIndex(where: { $0.language == .english }) {
            let a = remaining[ai], e = remaining[ei]
            if a.pos == e.pos && a.status == e.status && a.note == e.note && a.source == e.source {
                rows.append(fields(a, e))
                remaining.removeAll { $0.id == a.id || $0.id == e.id }
            }
        }
        for t in remaining {
            rows.append(t.language == .arabic ? fields(t, nil) : fields(nil, t))
        }
        if !rows.isEmpty {
            rows[0][8] = entry.definition
            rows[0][9] = entry.note
        }
        let separator = dialect == .tsv ? "\t" : ","
        return rows.map { row in
            row.map { DelimitedField.escape($0 ?? "", dialect: dialect) }.joined(separator: separator)
        }
    }
}
