import DragomanGlossary
import DragomanText
import Foundation

/// Glossary file formats.
public enum GlossaryFileFormat: String, Sendable, Hashable, CaseIterable {
    case tsv
    case csv
    /// TBX v3 (`<tbx>`) TBX-Basic on export; any TBX on import.
    case tbx
    /// TBX 2008 (`<martif>`) TBX-Basic on export, for OmegaT and Translate Toolkit; on
    /// import the same as `tbx` (the reader tells the generations apart).
    case tbx2008

    /// Either TBX format.
    public var isTBX: Bool { self == .tbx || self == .tbx2008 }

    /// The TBX generation written on export (nil for TSV and CSV).
    public var tbxVersion: TBXVersion? {
        switch self {
        case .tbx: .tbx2019
        case .tbx2008: .tbx2008
        case .tsv, .csv: nil
        }
    }

    /// From a file name: .tsv/.tab/.txt → tsv, .csv → csv, .tbx/.xml → tbx (v3 on export).
    public static func guess(path: String) -> GlossaryFileFormat? {
        switch (path as NSString).pathExtension.lowercased() {
        case "tsv", "tab", "txt": .tsv
        case "csv": .csv
        case "tbx", "xml", "tbxm": .tbx
        default: nil
        }
    }
}

/// Maps TBX concept entries to glossary entries and back.
///
/// Import: subjectField → domain; the concept's definition (else the first language
/// section's) → definition; notes and unmapped data categories ("name: value") → the
/// entry's or term's note, one per line; languages by their BCP 47 primary subtag (ar,
/// ar-SA, ar-EG, arb… are Arabic; en, en-GB English; others are counted and left out).
/// A term without a status is preferred when it is the first of its language, admitted
/// otherwise. The two losses TBXWriter records in notes (a part of speech outside
/// TBX-Basic's picklist, `forbidden`) are undone, so export → import is lossless.
public enum GlossaryTBX {
    public struct Mapped {
        /// Nil when the concept has no Arabic or English term.
        public var entry: NewEntry?
        public var statusGiven: [Bool]
        public var otherLanguageTerms: Int
        /// Why the entry cannot be imported (a term whose script contradicts its language
        /// section), or nil.
        public var problem: String?
    }

    public static func newEntry(_ concept: TBXConceptEntry) -> Mapped {
        var notes = concept.notes
        var definition = concept.definition
        for field in concept.fields { notes.append("\(field.name): \(field.value)") }
        var terms: [NewTerm] = []
        var given: [Bool] = []
        var other = 0
        for section in concept.languageSections {
            let language: Language
            if LanguageTag.isArabic(section.lang) {
                language = .arabic
            } else if LanguageTag.isEnglish(section.lang) {
                language = .english
            } else {
                other += section.terms.count
                continue
            }
            if let d = section.definition {
                if definition == nil { definition = d } else if d != definition { notes.append("definition (\(section.lang)): \(d)") }
            }
            for n in section.notes { notes.append("\(section.lang): \(n)") }
            for f in section.fields { notes.append("\(section.lang) \(f.name): \(f.value)") }
            for t in section.terms {
                var termNotes = t.notes
                var pos = t.partOfSpeech
                var status = t.administrativeStatus
                if pos == "other", let i = termNotes.firstIndex(where: { $0.hasPrefix("partOfSpeech: ") }) {
                    pos = String(termNotes[i].dropFirst("partOfSpeech: ".count))
                    termNotes.remove(at: i)
                }
                if status == .deprecated, let i = termNotes.firstIndex(of: "administrativeStatus: forbidden") {
                    status = .forbidden
                    termNotes.remove(at: i)
                }
                for f in t.fields { termNotes.append("\(f.name): \(f.value)") }
                terms.append(NewTerm(language, t.text, pos: pos, status: status.map(TermStatus.init) ?? .preferred,
                                     note: termNotes.isEmpty ? nil : termNotes.joined(separator: "\n"), source: t.source))
                given.append(status != nil)
            }
        }
        guard !terms.isEmpty else { return Mapped(entry: nil, statusGiven: [], otherLanguageTerms: other) }
        for term in terms {
            let problem = term.language == .arabic ? ScriptCheck.problem(arabic: term.text, english: "")
                : ScriptCheck.problem(arabic: "", english: term.text)
            if problem != nil {
                let label = term.language == .arabic ? "an Arabic (ar)" : "an English (en)"
                return Mapped(entry: nil, statusGiven: [], otherLanguageTerms: other,
                              problem: "the term \"\(term.text)\" is in \(label) language section, but its script says otherwise (is the file's xml:lang wrong?)")
            }
        }
        let entry = NewEntry(domain: concept.subjectField, definition: definition,
                             note: notes.isEmpty ? nil : notes.joined(separator: "\n"), terms: terms)
        return Mapped(entry: entry, statusGiven: given, otherLanguageTerms: other)
    }

    public static func conceptEntry(_ entry: GlossaryEntry) -> TBXConceptEntry {
        var sections: [TBXLanguageSection] = []
        for (language, tag) in [(Language.arabic, "ar"), (.english, "en")] {
            let terms = entry.terms.filter { $0.language == language }.map { t in
                TBXTerm(text: t.text, partOfSpeech: t.pos, administrativeStatus: TBXAdministrativeStatus(t.status),
                        notes: t.note.map { $0.components(separatedBy: "\n") } ?? [], source: t.source)
            }
            if !terms.isEmpty { sections.append(TBXLanguageSection(lang: tag, terms: terms)) }
        }
        return TBXConceptEntry(id: "c\(entry.id)", subjectField: entry.domain, definition: entry.definition,
                               notes: entry.note.map { $0.components(separatedBy: "\n") } ?? [],
                               languageSections: sections)
    }
}

extension TermStatus {
    init(_ status: TBXAdministrativeStatus) {
        switch status {
        case .preferred: self = .preferred
        case .admitted: self = .admitted
        case .deprecated: self = .deprecated
        case .forbidden: self = .forbidden
        }
    }
}

extension TBXAdministrativeStatus {
    init(_ status: TermStatus) {
        switch status {
        case .preferred: self = .preferred
        case .admitted: self = .admitted
        case .deprecated: self = .deprecated
        case .forbidden: self = .forbidden
        }
    }
}
