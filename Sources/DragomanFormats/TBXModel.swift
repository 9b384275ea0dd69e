import Foundation

/// How usable a term is, reduced to the four answers a translator needs. TBX spells
/// these several ways (see `init(tbxValue:)`); the model keeps only the meaning.
public enum TBXAdministrativeStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case preferred
    case admitted
    case deprecated
    case forbidden

    /// Maps the values found in files: TBX 2008 / TBX-Basic `preferredTerm-admn-sts`,
    /// `admittedTerm-admn-sts`, `deprecatedTerm-admn-sts`, `supersededTerm-admn-sts`
    /// (→ deprecated), `forbiddenTerm-admn-sts` / `forbidden`, and TBX-Min `preferred`,
    /// `admitted`, `notRecommended` (→ deprecated), `obsolete` (→ forbidden).
    public init?(tbxValue: String) {
        switch tbxValue.trimmed.lowercased() {
        case "preferredterm-admn-sts", "preferredterm", "preferred":
            self = .preferred
        case "admittedterm-admn-sts", "admittedterm", "admitted":
            self = .admitted
        case "deprecatedterm-admn-sts", "deprecatedterm", "deprecated",
             "supersededterm-admn-sts", "supersededterm", "superseded", "notrecommended":
            self = .deprecated
        case "forbiddenterm-admn-sts", "forbiddenterm", "forbidden", "obsolete":
            self = .forbidden
        default:
            return nil
        }
    }

    /// The TBX-Basic picklist value. TBX-Basic has no "forbidden", so a forbidden term is
    /// written as `deprecatedTerm-admn-sts` (the strongest value the dialect allows).
    public var tbxBasicValue: String {
        switch self {
        case .preferred: "preferredTerm-admn-sts"
        case .admitted: "admittedTerm-admn-sts"
        case .deprecated, .forbidden: "deprecatedTerm-admn-sts"
        }
    }

    /// The TBX-Min picklist value.
    public var tbxMinValue: String {
        switch self {
        case .preferred: "preferred"
        case .admitted: "admitted"
        case .deprecated: "notRecommended"
        case .forbidden: "obsolete"
        }
    }
}

/// A data category the model has no dedicated property for (`termType`, `context`,
/// `grammaticalGender`, `customerSubset`…), named as TBX names it, so nothing is dropped.
/// The source of a `descripGrp` item is kept as `<name>Source` (e.g. `contextSource`).
public struct TBXField: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// One term (a `termSec`, `tig` or `ntig`).
public struct TBXTerm: Sendable, Hashable, Codable {
    public var text: String
    public var partOfSpeech: String?
    public var administrativeStatus: TBXAdministrativeStatus?
    public var notes: [String]
    /// `admin type="source"` directly on the term.
    public var source: String?
    public var fields: [TBXField]
    /// Line of the term's container start tag (0 for terms built in code).
    public var line: Int

    public init(text: String, partOfSpeech: String? = nil, administrativeStatus: TBXAdministrativeStatus? = nil,
                notes: [String] = [], source: String? = nil, fields: [TBXField] = [], line: Int = 0) {
        self.text = text
        self.partOfSpeech = partOfSpeech
        self.administrativeStatus = administrativeStatus
        self.notes = notes
        self.source = source
        self.fields = fields
        self.line = line
    }

    /// All notes as one string, for display.
    public var note: String? { notes.isEmpty ? nil : notes.joined(separator: "\n") }
}

/// The terms of one language for a concept (`langSet` / `langSec`).
public struct TBXLanguageSection: Sendable, Hashable, Codable {
    /// As written in `xml:lang`.
    public var lang: String
    /// A definition given at language level (where TBX-Basic files usually put it).
    public var definition: String?
    public var notes: [String]
    public var fields: [TBXField]
    public var terms: [TBXTerm]
    public var line: Int

    public init(lang: String, terms: [TBXTerm], definition: String? = nil, notes: [String] = [],
                fields: [TBXField] = [], line: Int = 0) {
        self.lang = lang
        self.terms = terms
        self.definition = definition
        self.notes = notes
        self.fields = fields
        self.line = line
    }
}

/// One concept (`termEntry` / `conceptEntry`) with its terms in every language.
public struct TBXConceptEntry: Sendable, Hashable, Codable {
    public var id: String?
    /// The domain (`subjectField`), e.g. "politics".
    public var subjectField: String?
    /// A definition given at concept level.
    public var definition: String?
    public var notes: [String]
    public var fields: [TBXField]
    public var languageSections: [TBXLanguageSection]
    public var line: Int

    public init(id: String? = nil, subjectField: String? = nil, definition: String? = nil, notes: [String] = [],
                fields: [TBXField] = [], languageSections: [TBXLanguageSection] = [], line: Int = 0) {
        self.id = id
        self.subjectField = subjectField
        self.definition = definition
        self.notes = notes
        self.fields = fields
        self.languageSections = languageSections
        self.line = line
    }

    /// The first language section whose language has this primary subtag.
    public func section(forLanguage tag: String) -> TBXLanguageSection? {
        let wanted = LanguageTag.primary(tag)
        return languageSections.first { LanguageTag.primary($0.lang) == wanted }
    }
}

/// Which TBX generation a file is.
public enum TBXVersion: String, Sendable, Hashable, Codable {
    /// TBX 2008 (ISO 30042:2008, "TBX v2"): `martif` root.
    case tbx2008
    /// TBX v3 (ISO 30042:2019): `tbx` root.
    case tbx2019
}

/// What the file says about itself before the first entry.
public struct TBXDocumentInfo: Sendable, Hashable, Codable {
    public var version: TBXVersion
    /// The root's `type`: `TBX-Basic`, `TBX-Min`, `TBX-Core`, `TBX`…
    public var dialect: String?
    /// TBX v3 `style`: `dca` or `dct`.
    public var style: String?
    /// The root's `xml:lang` (the file's default/source language).
    public var lang: String?
    public var title: String?
    /// The `<p>` paragraphs of `sourceDesc`.
    public var sourceDescription: [String]

    public init(version: TBXVersion, dialect: String? = nil, style: String? = nil, lang: String? = nil,
                title: String? = nil, sourceDescription: [String] = []) {
        self.version = version
        self.dialect = dialect
        self.style = style
        self.lang = lang
        self.title = title
        self.sourceDescription = sourceDescription
    }
}
