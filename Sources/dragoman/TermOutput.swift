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
        // On a terminal every line fits its width: the last column, then the widest
        // others, are cut with an ellipsis. Files and pipes get every character.
        let last = Terminal.columns.map { limit in max(10, limit - widths.reduce(0) { $0 + $1 + 2 }) }
        return all.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                if i == row.count - 1 {
                    line += Terminal.isolate(last.map { Self.cut(cell, to: $0) } ?? cell)
                } else {
                    let fitted = Self.cut(cell, to: widths[i])
                    line += Terminal.isolate(fitted) + String(repeating: " ", count: max(0, widths[i] - Self.width(fitted)) + 2)
                }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    func measure() -> [Int] {
        var widths = [Int](repeating: 0, count: header.count - 1)
        for row in [header] + rows {
            for (i, cell) in row.enumerated() where i < header.count - 1 {
                widths[i] = max(widths[i], Self.width(cell))
            }
        }
        // Leave the last column at least 20 cells of a terminal: narrow the widest others.
        if let limit = Terminal.columns {
            while widths.reduce(0, { $0 + $1 + 2 }) + 20 > limit, let i = widths.indices.max(by: { widths[$0] < widths[$1] }),
                  widths[i] > 8 {
                widths[i] -= 1
            }
        }
        return widths
    }

    /// `text` cut to `width` terminal cells, with an ellipsis when cut.
    static func cut(_ text: String, to width: Int) -> String {
        guard Self.width(text) > width, width > 1 else { return text }
        var out = ""
        var used = 0
        for c in text {
            let w = Self.width(String(c))
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
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
    static func match(_ kind: TermMatchKind, clitics: CliticDetail?, distance: Int? = nil) -> String {
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

