import DragomanText
import Foundation

/// How usable a term is (TBX administrative status).
public enum TermStatus: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case preferred
    case admitted
    case deprecated
    case forbidden

    /// 0 for preferred … 3 for forbidden: the order translations are listed in.
    public var rank: Int {
        switch self {
        case .preferred: 0
        case .admitted: 1
        case .deprecated: 2
        case .forbidden: 3
        }
    }

    /// Deprecated and forbidden terms are shown, but flagged.
    public var isDiscouraged: Bool { self == .deprecated || self == .forbidden }

    public static func < (a: TermStatus, b: TermStatus) -> Bool { a.rank < b.rank }

    public var description: String { rawValue }

    /// Our four names, and the TBX spellings of them (`preferredTerm-admn-sts`,
    /// `notRecommended`, `supersededTerm-admn-sts`, `obsolete`…).
    public init?(parsing value: String) {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "preferred", "preferredterm", "preferredterm-admn-sts", "p": self = .preferred
        case "admitted", "admittedterm", "admittedterm-admn-sts", "a": self = .admitted
        case "deprecated", "deprecatedterm", "deprecatedterm-admn-sts", "notrecommended", "superseded",
             "supersededterm-admn-sts", "d": self = .deprecated
        case "forbidden", "forbiddenterm", "forbiddenterm-admn-sts", "obsolete", "f": self = .forbidden
        default: return nil
        }
    }
}

/// One term of an entry: a word or phrase in one language.
public struct GlossaryTerm: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var entryID: Int64
    public var language: Language
    /// As given (NFC, trimmed), never normalised further.
    public var text: String
    /// Part of speech: free text (`noun`, `verb`, `proper noun`…).
    public var pos: String?
    public var status: TermStatus
    public var note: String?
    /// Where the term comes from (a style guide, a dictionary, a person).
    public var source: String?
    public var created: Date
    public var changed: Date

    public init(id: Int64, entryID: Int64, language: Language, text: String, pos: String? = nil,
                status: TermStatus = .preferred, note: String? = nil, source: String? = nil,
                created: Date, changed: Date) {
        self.id = id
        self.entryID = entryID
        self.language = language
        self.text = text
        self.pos = pos
        self.status = status
        self.note = note
        self.source = source
        self.created = created
        self.changed = changed
    }
}

/// A concept (TBX `conceptEntry`): its subject field, definition, note, and its terms in
/// both languages. Synonyms and variants (spellings, transliterations) are terms of one entry.
public struct GlossaryEntry: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var domain: String?
    public var definition: String?
    public var note: String?
    /// In the order they were added.
    public var terms: [GlossaryTerm]
    public var created: Date
    public var changed: Date

    public init(id: Int64, domain: String? = nil, definition: String? = nil, note: String? = nil,
                terms: [GlossaryTerm] = [], created: Date, changed: Date) {
        self.id = id
        self.domain = domain
        self.definition = definition
        self.note = note
        self.terms = terms
        self.created = created
        self.changed = changed
    }

    /// The terms of one language, preferred first (then admitted, deprecated, forbidden),
    /// in the order they were added within a status.
    public func terms(in language: Language) -> [GlossaryTerm] {
        terms.enumerated()
            .filter { $0.element.language == language }
            .sorted { ($0.element.status.rank, $0.offset) < ($1.element.status.rank, $1.offset) }
            .map(\.element)
    }

    /// The first preferred (else first) term of a language.
    public func headword(in language: Language) -> GlossaryTerm? {
        terms(in: language).first
    }

    public func term(id: Int64) -> GlossaryTerm? {
        terms.first { $0.id == id }
    }
}

/// A term to be added.
public struct NewTerm: Sendable, Hashable, Codable {
    public var language: Language
    public var text: String
    public var pos: String?
    public var status: TermStatus
    public var note: String?
    public var source: String?
    /// Defaults to the time of the write.
    public var created: Date?
    public var changed: Date?

    public init(_ language: Language, _ text: String, pos: String? = nil, status: TermStatus = .preferred,
                note: String? = nil, source: String? = nil, created: Date? = nil, changed: Date? = nil) {
        self.language = language
        self.text = text
        self.pos = pos
        self.status = status
        self.note = note
        self.source = source
        self.created = created
        self.changed = changed
    }
}

/// An entry to be added, with at least one term.
public struct NewEntry: Sendable, Hashable, Codable {
    public var domain: String?
    public var definition: String?
    public var note: String?
    public var terms: [NewTerm]
    public var created: Date?
    public var changed: Date?

    public init(domain: String? = nil, definition: String? = nil, note: String? = nil, terms: [NewTerm],
                created: Date? = nil, changed: Date? = nil) {
        self.domain = domain
        self.definition = definition
        self.note = note
        self.terms = terms
        self.created = created
        self.changed = changed
    }

    /// The entry as it would be stored (ids 0), for comparing content.
    public init(_ entry: GlossaryEntry) {
        self.init(domain: entry.domain, definition: entry.definition, note: entry.note,
                  terms: entry.terms.map {
                      NewTerm($0.language, $0.text, pos: $0.pos, status: $0.status, note: $0.note, source: $0.source)
                  })
    }
}

/// Changes to an entry's own fields: `nil` keeps a field, `.some(nil)` clears it.
public struct EntryChanges: Sendable, Hashable {
    public var domain: String??
    public var definition: String??
    public var note: String??

    public init(domain: String?? = nil, definition: String?? = nil, note: String?? = nil) {
        self.domain = domain
        self.definition = definition
        self.note = note
    }

    public var isEmpty: Bool { domain == nil && definition == nil && note == nil }
}

/// Changes to a term: `nil` keeps a field, `.some(nil)` clears an optional one.
public struct TermChanges: Sendable, Hashable {
    public var text: String?
    public var pos: String??
    public var status: TermStatus?
    public var note: String??
    public var source: String??

    public init(text: String? = nil, pos: String?? = nil, status: TermStatus? = nil, note: String?? = nil,
                source: String?? = nil) {
        self.text = text
        self.pos = pos
        self.status = status
        self.note = note
        self.source = source
    }

    /// The term as these changes leave it, ready to be prepared and stored again.
    public func applied(to term: GlossaryTerm) -> NewTerm {
        var draft = NewTerm(term.language, text ?? term.text, pos: term.pos, status: status ?? term.status,
                            note: term.note, source: term.source)
        if let pos { draft.pos = pos }
        if let note { draft.note = note }
        if let source { draft.source = source }
        return draft
    }

    public var isEmpty: Bool { text == nil && pos == nil && status == nil && note == nil && source == nil }
}

/// Why a glossary operation was refused.
public struct GlossaryError: DragomanFailure, Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case emptyTerm
        case noTerms
        case notFound
        case invalid
    }

    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public var failureKind: FailureKind { kind == .notFound ? .notFound : .badInput }
}

/// How stored text is cleaned: NFC, trimmed, tabs and line breaks turned into spaces
/// (a term is one line), empty optional fields dropped. Text of ASCII and bare Arabic
/// letters (most of it) is already NFC and skips Foundation.
public enum GlossaryText {
    /// A term's text as it is stored.
    public static func term(_ text: String) -> String {
        var s = nfc(text)
        if s.unicodeScalars.contains(where: isLineOrTab) {
            s = String(String.UnicodeScalarView(s.unicodeScalars.map { isLineOrTab($0) ? " " : $0 }))
        }
        return trimmed(s)
    }

    /// An optional field (note, pos, domain…): NFC, trimmed, nil when empty.
    public static func field(_ text: String?) -> String? {
        guard let text else { return nil }
        let s = trimmed(nfc(text))
        return s.isEmpty ? nil : s
    }

    @inline(__always)
    static func isLineOrTab(_ s: Unicode.Scalar) -> Bool {
        s == "\t" || s == "\n" || s == "\r" || s == "\u{2028}" || s == "\u{2029}"
    }

    /// NFC; skipped when every scalar is below U+0300 or an Arabic letter, digit or sign
    /// that is no combining mark (NFC leaves those alone).
    public static func nfc(_ text: String) -> String {
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x300 || (v >= 0x0600 && v <= 0x060F) || (v >= 0x061B && v <= 0x064A)
                || (v >= 0x0660 && v <= 0x066F) || (v >= 0x0671 && v <= 0x06D5) { continue }
            return text.precomposedStringWithCanonicalMapping
        }
        return text
    }

    /// Without white space (and line breaks) at either end.
    public static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace else { return text }
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi && scalars[lo].properties.isWhitespace { lo = scalars.index(after: lo) }
        while hi > lo && scalars[scalars.index(before: hi)].properties.isWhitespace { hi = scalars.index(before: hi) }
        return String(scalars[lo..<hi])
    }
}

extension NewTerm {
    /// The term with its text and fields cleaned, or an error for an empty term.
    public func cleaned() throws -> NewTerm {
        var t = self
        t.text = GlossaryText.term(text)
        guard !t.text.isEmpty else {
            throw GlossaryError(.emptyTerm, "a term cannot be empty")
        }
        t.pos = GlossaryText.field(pos)
        t.note = GlossaryText.field(note)
        t.source = GlossaryText.field(source)
        return t
    }
}

extension NewEntry {
    public func cleaned() throws -> NewEntry {
        var e = self
        guard !terms.isEmpty else { throw GlossaryError(.noTerms, "an entry needs at least one term") }
        e.terms = try terms.map { try $0.cleaned() }
        e.domain = GlossaryText.field(domain)
        e.definition = GlossaryText.field(definition)
        e.note = GlossaryText.field(note)
        return e
    }
}
