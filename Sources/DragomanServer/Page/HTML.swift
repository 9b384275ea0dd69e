import DragomanDocuments

/// Building the page's HTML in plain Swift, with one escaping function that every piece
/// of data goes through. Chosen over swift-mustache: the pages are a few small shells and
/// tables, a template engine would be one more dependency to build, and a template's
/// triple-brace `{{{x}}}` is an unescaped hole that looks almost like an escaped one. Here
/// text only reaches the page as `HTML.text(…)` (escaped) or as markup written in this
/// target's source; the type `HTML` keeps the two apart.
public struct HTML: Sendable, CustomStringConvertible {
    /// Markup, trusted: written in this target's source or already escaped.
    public let markup: String

    init(unsafeMarkup: String) { markup = unsafeMarkup }

    public var description: String { markup }

    /// Text of any origin (a term, a unit, a file name, a message), escaped for an element's
    /// content or a quoted attribute value.
    public static func text(_ value: String) -> HTML { HTML(unsafeMarkup: escape(value)) }

    /// Escapes `& < > " '` (and makes characters HTML cannot show U+FFFD): enough for
    /// element content and double- or single-quoted attribute values (the page never puts
    /// data in an unquoted attribute, a URL scheme, a script or a style). The one escaping
    /// of the project, shared with the review HTML that `pretranslate` writes.
    public static func escape(_ value: String) -> String {
        ReviewHTMLWriter.escape(value)
    }

    public static let empty = HTML(unsafeMarkup: "")

    /// Joins pieces of markup.
    public static func join(_ parts: [HTML], separator: String = "") -> HTML {
        HTML(unsafeMarkup: parts.map(\.markup).joined(separator: separator))
    }
}

/// `"<td>\(text)</td>"` with `text` escaped: the only way a `String` enters markup built
/// with an `HTML` literal.
extension HTML: ExpressibleByStringInterpolation {
    public struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""
        public init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity * 2) }
        public mutating func appendLiteral(_ literal: String) { markup += literal }
        /// Data: escaped.
        public mutating func appendInterpolation(_ text: String) { markup += HTML.escape(text) }
        public mutating func appendInterpolation(_ text: String?) { markup += HTML.escape(text ?? "") }
        public mutating func appendInterpolation<N: BinaryInteger>(_ number: N) { markup += String(number) }
        /// Markup: as it is.
        public mutating func appendInterpolation(_ html: HTML) { markup += html.markup }
        public mutating func appendInterpolation(_ parts: [HTML]) { markup += parts.map(\.markup).joined() }
    }

    public init(stringLiteral value: String) { markup = value }
    public init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }
}
