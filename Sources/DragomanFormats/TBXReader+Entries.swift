import DragomanXML
import Foundation

/// Concept entries, language sections and terms, mapped onto the neutral model.
extension TBXReader {
    /// Notes and data categories gathered at one level before they are mapped to the model.
    struct Gathered {
        var notes: [String] = []
        var fields: [TBXField] = []
    }

    func readEntry(_ start: XMLStartElement) throws -> TBXConceptEntry? {
        var entry = TBXConceptEntry(id: start[attribute: "id"], line: start.line)
        var gathered = Gathered()
        var problem: FormatError?
        func report(_ error: FormatError) throws {
            if errorPolicy == .stopAtFirstError { throw error }
            if problem == nil { problem = error }
        }
        while let event = try parser.next() {
            switch event {
            case .startElement(let child) where child.name == "langSec" || child.name == "langSet":
                if let section = try readLanguageSection(child, entryID: entry.id, report: report) {
                    entry.languageSections.append(section)
                }
            case .startElement(let child):
                if try !gather(child, into: &gathered) { try parser.skipElement() }
            case .endElement:
                entry.notes = gathered.notes
                for field in gathered.fields {
                    switch field.name {
                    case "subjectField" where entry.subjectField == nil: entry.subjectField = field.value
                    case "definition" where entry.definition == nil: entry.definition = field.value
                    default: entry.fields.append(field)
                    }
                }
                if let problem {
                    problems.append(problem)
                    return nil
                }
                return entry
            default:
                break
            }
        }
        return nil
    }

    private func readLanguageSection(_ start: XMLStartElement, entryID: String?,
                                     report: (FormatError) throws -> Void) throws -> TBXLanguageSection? {
        let lang = (start[attribute: "xml:lang"] ?? start[attribute: "lang"] ?? "")
            .trimmed
        var section = TBXLanguageSection(lang: lang, terms: [], line: start.line)
        var gathered = Gathered()
        var ok = true
        if lang.isEmpty {
            try report(FormatError(kind: .missingLanguage, line: start.line,
                                   message: "a <\(start.name)> has no language: add xml:lang=\"…\" (for example xml:lang=\"ar\")",
                                   unitID: entryID))
            ok = false
        }
        while let event = try parser.next() {
            switch event {
            case .startElement(let child) where ["termSec", "tig", "ntig"].contains(child.name):
                let term = try readTerm(child)
                if term.text.trimmed.isEmpty {
                    try report(FormatError(kind: .missingTermText, line: child.line,
                                           message: "a <\(child.name)> has no term text: add <term>…</term> or remove it",
                                           unitID: entryID))
                    ok = false
                } else {
                    section.terms.append(term)
                }
            case .startElement(let child):
                if try !gather(child, into: &gathered) { try parser.skipElement() }
            case .endElement:
                section.notes = gathered.notes
                for field in gathered.fields {
                    if field.name == "definition" && section.definition == nil {
                        section.definition = field.value
                    } else {
                        section.fields.append(field)
                    }
                }
                return ok ? section : nil
            default:
                break
            }
        }
        return nil
    }

    /// A `termSec`, `tig` or `ntig`; the `termGrp` wrapper of an `ntig` is looked through.
    private func readTerm(_ start: XMLStartElement) throws -> TBXTerm {
        var term = TBXTerm(text: "", line: start.line)
        var gathered = Gathered()
        var sawTerm = false
        let target = parser.depth - 1
        while parser.depth > target, let event = try parser.next() {
            guard case .startElement(let child) = event else { continue }
            switch child.name {
            case "term":
                let text = try parser.readText()
                if !sawTerm {
                    term.text = text.trimmed
                    sawTerm = true
                }
            case "termGrp":
                continue // ntig: <termGrp><term/><termNote/>…</termGrp>
            default:
                if try !gather(child, into: &gathered) { try parser.skipElement() }
            }
        }
        term.notes = gathered.notes
        for field in gathered.fields {
            switch field.name {
            case "partOfSpeech" where term.partOfSpeech == nil:
                term.partOfSpeech = field.value
            case "administrativeStatus" where term.administrativeStatus == nil,
                 "normativeAuthorization" where term.administrativeStatus == nil:
                if let status = TBXAdministrativeStatus(tbxValue: field.value) {
                    term.administrativeStatus = status
                } else {
                    term.fields.append(field)
                }
            case "source" where term.source == nil:
                term.source = field.value
            default:
                term.fields.append(field)
            }
        }
        return term
    }
}
