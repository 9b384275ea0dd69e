import DragomanXML
import Foundation

/// Data categories in both TBX styles: DCA (`<descrip type="definition">`) and DCT
/// (`<basic:definition>`), and the groups (`descripGrp`…) that bundle them with a source.
extension TBXReader {
    /// Handles a child that is a note, a data category (DCA or DCT) or a group of them.
    /// Returns false for anything else, which the caller skips.
    func gather(_ element: XMLStartElement, into gathered: inout Gathered) throws -> Bool {
        switch element.name {
        case "note":
            gathered.notes.append(try parser.readText().trimmed)
            return true
        case "transacGrp":
            try parser.skipElement()
            return true
        case "descripGrp", "adminGrp", "termNoteGrp":
            try gatherGroup(into: &gathered)
            return true
        default:
            guard let name = Self.dataCategory(of: element) else { return false }
            gathered.fields.append(TBXField(name, try value(of: element)))
            return true
        }
    }

    /// A `descripGrp`-style group: its first item is the main one; a `source` after it is
    /// kept as `<main>Source` so it stays attached to what it is the source of.
    private func gatherGroup(into gathered: inout Gathered) throws {
        var main: String?
        let target = parser.depth - 1
        while parser.depth > target, let event = try parser.next() {
            guard case .startElement(let child) = event else { continue }
            if child.name == "note" {
                gathered.notes.append(try parser.readText().trimmed)
            } else if let name = Self.dataCategory(of: child) {
                let value = try value(of: child)
                if let main, name == "source" {
                    gathered.fields.append(TBXField(main + "Source", value))
                } else {
                    if main == nil { main = name }
                    gathered.fields.append(TBXField(name, value))
                }
            } else {
                try parser.skipElement()
            }
        }
    }

    /// DCA: the `type` of `descrip`, `termNote`, `admin`, `xref`, `ref`…; DCT: the local
    /// name of a prefixed element (`basic:definition` → `definition`).
    static func dataCategory(of element: XMLStartElement) -> String? {
        switch element.name {
        case "descrip", "termNote", "admin", "xref", "ref", "descripNote", "adminNote", "transac", "transacNote":
            return element[attribute: "type"]
        default:
            if let prefix = element.prefix, prefix != "xml" { return String(element.localName) }
            return nil
        }
    }

    /// Text content; for cross-references the `target` URI, which is the data.
    private func value(of element: XMLStartElement) throws -> String {
        let text = try parser.readText().trimmed
        if element.name == "xref" || element.localName == "xGraphic" || element.localName == "externalCrossReference",
           let target = element[attribute: "target"] {
            return target
        }
        return text
    }
}
