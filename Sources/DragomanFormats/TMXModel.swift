import DragomanXML
import Foundation

/// A TMX `<note>`: free text a translator left, optionally with its language.
public struct TMXNote: Sendable, Hashable, Codable {
    public var text: String
    public var lang: String?

    public init(_ text: String, lang: String? = nil) {
        self.text = text
        self.lang = lang
    }
}

/// A TMX `<prop type="…">`: tool-defined metadata (client, domain, project) kept through
/// import and export so no other tool's data is lost.
public struct TMXProperty: Sendable, Hashable, Codable {
    public var type: String
    public var value: String
    public var lang: String?

    public init(type: String, value: String, lang: String? = nil) {
        self.type = type
        self.value = value
        self.lang = lang
    }
}

/// The content of a `<seg>` in the two forms callers need.
public struct TMXSegment: Sendable, Hashable, Codable {
    /// What a translator reads and what matching works on: inline codes (`bpt`, `ept`,
    /// `it`, `ph`, `ut`) removed, the text of `hi` and `sub` kept.
    public var plainText: String
    /// The inner XML of `<seg>` as re-serialized on import, so inline codes survive
    /// export; `nil` for segments created from plain text.
    public var markup: String?

    public init(plainText: String, markup: String? = nil) {
        self.plainText = plainText
        self.markup = markup
    }

    /// Whether the segment carries inline elements (formatting, placeholders).
    public var hasInlineMarkup: Bool { markup?.contains("<") ?? false }

    /// What goes between `<seg>` and `</seg>` on export.
    public var serializedContent: String { markup ?? XMLEscaping.escapeText(plainText) }
}

/// A `<tuv>`: one language version of a unit.
public struct TMXVariant: Sendable, Hashable, Codable {
    /// From `xml:lang` (TMX 1.4) or `lang` (TMX 1.1), as written in the file.
    public var lang: String
    /// Other attributes of the `<tuv>`, in file order (`xml:lang`/`lang` excluded).
    public var attributes: [XMLAttribute]
    public var properties: [TMXProperty]
    public var notes: [TMXNote]
    public var segment: TMXSegment
    /// Line of the `<tuv>` start tag (0 for variants built in code).
    public var line: Int

    public init(lang: String, segment: TMXSegment, attributes: [XMLAttribute] = [],
                properties: [TMXProperty] = [], notes: [TMXNote] = [], line: Int = 0) {
        self.lang = lang
        self.segment = segment
        self.attributes = attributes
        self.properties = properties
        self.notes = notes
        self.line = line
    }

    public init(lang: String, text: String) {
        self.init(lang: lang, segment: TMXSegment(plainText: text))
    }

}

/// A `<tu>`: one translation unit with its metadata and language variants.
public struct TMXUnit: Sendable, Hashable, Codable {
    /// All attributes of the `<tu>` in file order; the named accessors below read and write them.
    public var attributes: [XMLAttribute]
    public var properties: [TMXProperty]
    public var notes: [TMXNote]
    public var variants: [TMXVariant]
    /// Line of the `<tu>` start tag (0 for units built in code), for error messages.
    public var line: Int

    public init(attributes: [XMLAttribute] = [], properties: [TMXProperty] = [], notes: [TMXNote] = [],
                variants: [TMXVariant] = [], line: Int = 0) {
        self.attributes = attributes
        self.properties = properties
        self.notes = notes
        self.variants = variants
        self.line = line
    }

    public var tuid: String? {
        get { attributes[attribute: "tuid"] }
        set { attributes[attribute: "tuid"] = newValue }
    }
    public var srclang: String? {
        get { attributes[attribute: "srclang"] }
        set { attributes[attribute: "srclang"] = newValue }
    }
    public var usagecount: Int? {
        get { attributes[attribute: "usagecount"].flatMap { Int($0) } }
        set { attributes[attribute: "usagecount"] = newValue.map(String.init) }
    }
    public var lastUsageDate: Date? {
        get { attributes[attribute: "lastusagedate"].flatMap(TMXDate.parse) }
        set { attributes[attribute: "lastusagedate"] = newValue.map(TMXDate.format) }
    }

    /// The first variant whose language has this primary subtag (`ar` finds `ar-SA`).
    public func variant(forLanguage tag: String) -> TMXVariant? {
        let wanted = LanguageTag.primary(tag)
        return variants.first { LanguageTag.primary($0.lang) == wanted }
    }
}

/// The TMX `<header>`: required attributes plus any tool data, kept for re-export.
public struct TMXHeader: Sendable, Hashable, Codable {
    /// All header attributes in file order.
    public var attributes: [XMLAttribute]
    public var properties: [TMXProperty]
    public var notes: [TMXNote]
    /// The `version` of the `<tmx>` root (`1.4`, `1.1`…), when read from a file.
    public var tmxVersion: String?

    public init(attributes: [XMLAttribute] = [], properties: [TMXProperty] = [], notes: [TMXNote] = [],
                tmxVersion: String? = nil) {
        self.attributes = attributes
        self.properties = properties
        self.notes = notes
        self.tmxVersion = tmxVersion
    }

    /// A header with every attribute TMX 1.4b requires.
    public init(creationTool: String = "Dragoman", creationToolVersion: String = "1.0",
                segType: String = "sentence", originalFormat: String = "Dragoman",
                adminLang: String = "en", sourceLang: String, dataType: String = "plaintext") {
        self.init(attributes: [
            XMLAttribute(name: "creationtool", value: creationTool),
            XMLAttribute(name: "creationtoolversion", value: creationToolVersion),
            XMLAttribute(name: "segtype", value: segType),
            XMLAttribute(name: "o-tmf", value: originalFormat),
            XMLAttribute(name: "adminlang", value: adminLang),
            XMLAttribute(name: "srclang", value: sourceLang),
            XMLAttribute(name: "datatype", value: dataType),
        ])
    }

    public var creationTool: String? {
        get { attributes[attribute: "creationtool"] }
        set { attributes[attribute: "creationtool"] = newValue }
    }
    public var creationToolVersion: String? {
        get { attributes[attribute: "creationtoolversion"] }
        set { attributes[attribute: "creationtoolversion"] = newValue }
    }
    public var segType: String? {
        get { attributes[attribute: "segtype"] }
        set { attributes[attribute: "segtype"] = newValue }
    }
    /// `o-tmf`: the format of the memory the file was exported from.
    public var originalFormat: String? {
        get { attributes[attribute: "o-tmf"] }
        set { attributes[attribute: "o-tmf"] = newValue }
    }
    public var adminLang: String? {
        get { attributes[attribute: "adminlang"] }
        set { attributes[attribute: "adminlang"] = newValue }
    }
    /// `srclang`: a language tag or `*all*`.
    public var sourceLang: String? {
        get { attributes[attribute: "srclang"] }
        set { attributes[attribute: "srclang"] = newValue }
    }
    public var dataType: String? {
        get { attributes[attribute: "datatype"] }
        set { attributes[attribute: "datatype"] = newValue }
    }
}

/// An element that carries a unit's dates and authors: `<tu>`, and `<tuv>` too (TMX allows
/// them there, and OmegaT writes them there only, on the target variant).
public protocol TMXDatedElement {
    /// All attributes in file order; the accessors read and write them.
    var attributes: [XMLAttribute] { get set }
}

extension TMXDatedElement {
    public var creationid: String? {
        get { attributes[attribute: "creationid"] }
        set { attributes[attribute: "creationid"] = newValue }
    }
    public var changeid: String? {
        get { attributes[attribute: "changeid"] }
        set { attributes[attribute: "changeid"] = newValue }
    }
    /// `creationdate` as a `Date` (nil if absent or not in TMX date format).
    public var creationDate: Date? {
        get { attributes[attribute: "creationdate"].flatMap(TMXDate.parse) }
        set { attributes[attribute: "creationdate"] = newValue.map(TMXDate.format) }
    }
    /// `changedate` as a `Date`.
    public var changeDate: Date? {
        get { attributes[attribute: "changedate"].flatMap(TMXDate.parse) }
        set { attributes[attribute: "changedate"] = newValue.map(TMXDate.format) }
    }
}

extension TMXUnit: TMXDatedElement {}
extension TMXVariant: TMXDatedElement {}
