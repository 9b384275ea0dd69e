/// One attribute as written in the file; order is kept because writers and diff tools care.
public struct XMLAttribute: Sendable, Hashable, Codable {
    /// The qualified name as written, e.g. `xml:lang`.
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// The part after the prefix (`lang` for `xml:lang`).
    public var localName: Substring { XMLName.localName(name) }
    /// The prefix before the colon, if any (`xml` for `xml:lang`).
    public var prefix: Substring? { XMLName.prefix(name) }
}

/// A start tag. Namespaces are not resolved: callers of interchange formats match the
/// names they know (`xml:lang`, `basic:partOfSpeech`), which is what the files contain.
public struct XMLStartElement: Sendable, Hashable {
    /// The qualified name as written, e.g. `mtc:matches`.
    public var name: String
    public var attributes: [XMLAttribute]
    /// True for `<ph/>`: the parser still reports a matching end element.
    public var isSelfClosing: Bool
    /// Where the `<` of the tag is.
    public var line: Int
    public var column: Int

    public init(name: String, attributes: [XMLAttribute] = [], isSelfClosing: Bool = false, line: Int = 0, column: Int = 0) {
        self.name = name
        self.attributes = attributes
        self.isSelfClosing = isSelfClosing
        self.line = line
        self.column = column
    }

    public var localName: Substring { XMLName.localName(name) }
    public var prefix: Substring? { XMLName.prefix(name) }

    /// The value of the attribute with this exact qualified name.
    public subscript(attribute name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// An end tag (also reported, synthesised, after a self-closing start tag).
public struct XMLEndElement: Sendable, Hashable {
    public var name: String
    public var line: Int
    public var column: Int

    public init(name: String, line: Int = 0, column: Int = 0) {
        self.name = name
        self.line = line
        self.column = column
    }

    public var localName: Substring { XMLName.localName(name) }
}

/// What the pull parser reports, in document order.
public enum XMLEvent: Sendable, Hashable {
    case startElement(XMLStartElement)
    case endElement(XMLEndElement)
    /// Character data with references decoded, CDATA sections merged in and line ends
    /// normalised to LF. Whitespace-only text is reported too.
    case text(String)
    /// Only when the parser was asked to report comments.
    case comment(String)
    /// Only when the parser was asked to report processing instructions.
    case processingInstruction(target: String, data: String)
}

/// Splitting qualified names without resolving namespaces.
public enum XMLName {
    public static func localName(_ name: String) -> Substring {
        if let colon = name.firstIndex(of: ":") { return name[name.index(after: colon)...] }
        return name[...]
    }

    public static func prefix(_ name: String) -> Substring? {
        guard let colon = name.firstIndex(of: ":") else { return nil }
        return name[..<colon]
    }

    /// Whether `name` is a valid XML 1.0 name (used by the writer before it emits one).
    public static func isValid(_ name: String) -> Bool {
        var first = true
        for scalar in name.unicodeScalars {
            let ok = first ? XMLCharacters.isNameStart(scalar.value) : XMLCharacters.isNameChar(scalar.value)
            if !ok { return false }
            first = false
        }
        return !first
    }
}
